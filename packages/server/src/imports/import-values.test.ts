import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, createWorld, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { toXlsx } from '../test/ledger-files.ts';

interface Issue {
  row: number;
  column: string;
  cell: string;
  value: string;
  message: string;
}

/**
 * Values and words as offices write them, through upload → preview → commit: a 新签约 list with
 * no 项目名称 column (the project is the company registered here), industries in every usual
 * form, and stage words such as 签约未开工 and 试生产.
 */
describe('import: values as offices write them', () => {
  let world: TestWorld;
  let coordinator: TestClient;

  beforeAll(async () => {
    world = await createWorld('2026-03-02T09:00:00+08:00');
    coordinator = (await buildUser(world, 'coordinator')).client;
    await buildUnit(world.admin, { name: '经信委' });
  });
  afterAll(() => world.close());

  it('names projects by 在万州注册名称, reads industry codes and names, and new stage words', async () => {
    const file = await toXlsx({
      rows: [
        ['万州区2017年1-9月新签约工业项目一览表'],
        ['填报单位：万州区经信委    截止时间：2017年9月30日    单位：万元'],
        ['序号', '在万州注册名称', '投资方', '国民经济行业', '项目阶段', '协议投资额', '责任单位'],
        [
          1,
          '重庆玻纤新材料有限公司',
          '浙江玻纤集团有限公司',
          'C3062玻璃纤维增强塑料制品制造',
          '签约未开工',
          5000,
          '经信委',
        ],
        [2, '万州汽车零部件有限公司', '长城汽车股份有限公司', '3670', '试生产', 8000, '经信委'],
        [3, '万州水泥制品有限公司', '华新水泥股份有限公司', '水泥制品制造', '部分投产', 3000, '经信委'],
        [4, '万州饮用水有限公司', '农夫山泉股份有限公司', 'c 1522', '已签约未开工', 1200, '经信委'],
        [5, '万州新材料有限公司', '新材料集团有限公司', '3062 汽车整车制造', '续建', 900, '经信委'],
        [6, '万州文创有限公司', '文创集团有限公司', '新兴产业', '在谈中', 100, '经信委'],
        [7, '万州农业开发有限公司', '农业集团有限公司', 'A 农、林、牧、渔业', '已注册', 700, '经信委'],
      ],
      merges: [
        [1, 1, 1, 7],
        [2, 1, 2, 7],
      ],
    });
    const up = await coordinator.upload('/api/imports', '新签约项目一览表.xlsx', file);
    expect(up.statusCode, up.body).toBe(201);
    const batch = up.json();
    const fieldOf = (header: string) =>
      batch.layout.mapping.find((m: { header: string }) => m.header === header)?.field;
    expect(fieldOf('在万州注册名称')).toBe('name');
    expect(fieldOf('投资方')).toBe('investorName');
    expect(fieldOf('国民经济行业')).toBe('industry');

    const preview = (await coordinator.post(`/api/imports/${batch.id}/preview`, {})).json().summary;
    expect(preview.errorCount, JSON.stringify(preview.errors)).toBe(0);
    const industryWarnings = preview.warnings.filter((w: Issue) => w.column === '国民经济行业');
    expect(industryWarnings.map((w: Issue) => [w.cell, w.value, w.message])).toEqual([
      [
        'D8',
        '3062 汽车整车制造',
        '行业代码 3062 玻璃纤维增强塑料制品制造 与名称「汽车整车制造」（361 汽车整车制造）不一致，已按代码取值，请核对',
      ],
      ['D9', '新兴产业', '未能对应到国民经济行业分类，行业留空'],
    ]);

    const commit = await coordinator.post(`/api/imports/${batch.id}/commit`, {});
    expect(commit.statusCode, commit.body.slice(0, 1000)).toBe(200);
    const rows = await world.database.db
      .selectFrom('project')
      .select(['name', 'stage', 'industry_code'])
      .where('name', 'like', '万州%')
      .where('name', 'like', '%有限公司')
      .orderBy('name')
      .execute();
    const byName = Object.fromEntries(rows.map((r) => [r.name, [r.stage, r.industry_code]]));
    expect(byName).toEqual({
      万州汽车零部件有限公司: ['production', '3670'],
      万州水泥制品有限公司: ['production', '3021'],
      万州饮用水有限公司: ['signed', '1522'],
      万州新材料有限公司: ['construction', '3062'],
      万州文创有限公司: ['negotiating', null],
      万州农业开发有限公司: ['settled', 'A'],
    });
    const first = await world.database.db
      .selectFrom('project')
      .select(['stage', 'industry_code'])
      .where('name', '=', '重庆玻纤新材料有限公司')
      .executeTakeFirstOrThrow();
    expect(first).toEqual({ stage: 'signed', industry_code: '3062' });
  });
});
