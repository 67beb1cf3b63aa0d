import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnMapping } from '@landfall/domain/import/index';
import { buildUnit, buildUser, createWorld, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { fundsSheet } from '../test/funds-sheet.ts';
import { ColumnScale, figureIssues } from './import-checks.ts';
import type { ImportRecord } from './import-rows.ts';

type Warning = { row: number; column: string; cell: string; value: string; message: string };

describe('import: plausibility warnings, each on its cell', () => {
  let world: TestWorld;
  let coordinator: TestClient;
  let n = 0;

  beforeAll(async () => {
    world = await createWorld('2026-04-10T09:00:00+08:00');
    coordinator = (await buildUser(world, 'coordinator')).client;
    await buildUnit(world.admin, { name: '经信委' });
  });
  afterAll(() => world.close());

  async function upload(file: Buffer) {
    n += 1;
    const up = await coordinator.upload('/api/imports', `核对${n}.xlsx`, file);
    expect(up.statusCode, up.body).toBe(201);
    return up.json().id as string;
  }
  async function preview(file: Buffer) {
    const res = await coordinator.post(`/api/imports/${await upload(file)}/preview`, {});
    expect(res.statusCode, res.body.slice(0, 2000)).toBe(200);
    return res.json().summary as { errorCount: number; warnings: Warning[] };
  }

  it('累计到位 above 协议投资额 — or above 总投资, as the column is headed', async () => {
    const rows = [
      { name: '到位超协议项目', signed: '2025-05-01', agreed: 1000, cumulative: '1,500' },
      { name: '到位正常项目', signed: '2025-05-01', agreed: 1000, cumulative: 1000 },
    ];
    const agreed = await preview(await fundsSheet('2026-03-31', ['cumulative'], rows));
    expect(agreed.errorCount).toBe(0);
    expect(agreed.warnings.map((w) => [w.cell, w.column, w.value])).toEqual([['G4', '累计到位', '1500']]);
    expect(agreed.warnings[0]!.message).toBe(
      '累计到位（1500万元）大于协议投资额（1000万元），请核对金额及单位',
    );
    const total = await preview(await fundsSheet('2026-03-31', ['cumulative'], rows, '总投资（万元）'));
    expect(total.warnings.map((w) => w.cell)).toEqual(['G4']);
    expect(total.warnings[0]!.message).toContain('大于总投资（1000万元）');
  });

  it('funds on a project not yet signed: a warning on the funds cell, and the import goes through', async () => {
    const id = await upload(
      await fundsSheet(
        '2026-03-31',
        ['month', 'cumulative'],
        [
          { name: '在谈却有资金项目', stage: '洽谈中', month: 20, cumulative: 120 },
          { name: '签约有资金项目', stage: '已签约', signed: '2025-09-01', month: 20, cumulative: 120 },
        ],
      ),
    );
    const commit = await coordinator.post(`/api/imports/${id}/commit`, { createUnits: true });
    expect(commit.statusCode, commit.body.slice(0, 2000)).toBe(200);
    const { warnings, projects } = commit.json().summary;
    expect(projects.created).toBe(2);
    expect(warnings.map((w: Warning) => [w.cell, w.value])).toEqual([['H4', '120']]);
    expect(warnings[0].message).toContain('项目阶段为「在谈」，尚未签约却有到位资金');
    const project = await world.database.db
      .selectFrom('project')
      .select(['stage', 'funds_in_place_fen'])
      .where('name', '=', '在谈却有资金项目')
      .executeTakeFirstOrThrow();
    expect(project.stage).toBe('negotiating');
    expect(Number(project.funds_in_place_fen)).toBe(120_000_000);

    // A later sheet, the same project still 在谈 with more funds, now above its agreed investment:
    // the existing project's row is warned on both counts and brought to the sheet's figure.
    const later = await upload(
      await fundsSheet(
        '2026-04-08',
        ['cumulative'],
        [{ name: '在谈却有资金项目', stage: '洽谈中', agreed: 150, cumulative: 200 }],
      ),
    );
    const second = await coordinator.post(`/api/imports/${later}/commit`, {});
    expect(second.statusCode, second.body.slice(0, 2000)).toBe(200);
    const again = second.json().summary;
    expect(again.projects.updated).toBe(1);
    expect(again.warnings.map((w: Warning) => [w.cell, w.message.slice(0, 12)])).toEqual([
      ['G4', '累计到位（200万元）大'],
      ['G4', '项目阶段为「在谈」，尚未'],
    ]);
    const after = await world.database.db
      .selectFrom('project')
      .select('funds_in_place_fen')
      .where('name', '=', '在谈却有资金项目')
      .executeTakeFirstOrThrow();
    expect(Number(after.funds_in_place_fen)).toBe(200_000_000);
  });

  it('a figure ~1,000× off its column: named as it streams, and the first rows at the end of the sheet', async () => {
    // Agreed investments of 500 to 90,000 万元 (a natural 180× spread, not flagged); row 4 is 9,000 万元
    // typed in 元 into the 万元 column, row 15 is 2 亿元 typed as 2. (3 亿元 typed in 元 would be 3 万亿元,
    // past what one investment can be: an error, not a warning — below.)
    const normal = [20000, 500, 35000, 90000, 12000, 48000, 8000, 26000, 61000, 3000];
    const rows = [
      { name: '单位填错项目甲', agreed: 90000000 },
      ...normal.map((agreed, i) => ({ name: `正常规模项目${i + 1}`, agreed })),
      { name: '单位填错项目乙', agreed: 2 },
      { name: '正常规模项目末', agreed: 40000 },
    ].map((r) => ({ ...r, stage: '洽谈中' }));
    const s = await preview(await fundsSheet('2026-03-31', [], rows));
    expect(s.errorCount).toBe(0);
    expect(s.warnings.map((w) => [w.cell, w.column, w.value])).toEqual([
      ['E4', '协议投资额', '90000000'],
      ['E15', '协议投资额', '2'],
    ]);
    expect(s.warnings[0]!.message).toMatch(/的 10,000 倍，请核对金额及单位/);
    expect(s.warnings[1]!.message).toMatch(/的 1\/10,000，请核对金额及单位/);
    const past = await preview(
      await fundsSheet('2026-03-31', [], [{ ...rows[0]!, agreed: 300000000 }, ...rows.slice(1)]),
    );
    expect(past.errorCount).toBe(1);
  });
});

describe('ColumnScale (pure)', () => {
  const mapping: ColumnMapping[] = [
    { column: 4, header: '总投资（亿元）', field: 'agreedInvestment', unit: 'yi' },
  ] as ColumnMapping[];
  const record = (row: number, agreedFen: number | null) => ({ row, agreedFen }) as unknown as ImportRecord;

  it('over a long column (chunks do not matter): only the values 1,000× off, in 亿元 as the column counts', () => {
    const scale = new ColumnScale(figureIssues(mapping, 'wan'));
    const warnings = [];
    // 600 projects of 0.1 to 10 亿元 (a 100× spread), log-uniform, deterministic.
    for (let i = 0; i < 600; i += 1) {
      const yi = 10 ** (-1 + ((i * 37) % 600) / 300);
      const row = 5 + i;
      const fen = row === 300 ? 5000 * 1e10 : row === 7 ? 2_000 * 1e10 : Math.round(yi * 1e10);
      warnings.push(...scale.observe(record(row, fen)));
    }
    warnings.push(...scale.finish());
    expect(warnings.map((w) => [w.cell, w.value])).toEqual([
      ['E300', '5000'],
      ['E7', '2000'],
    ]);
    expect(warnings[0]!.message).toMatch(/中位数约 (0\.9\d?|1(\.\d+)?)亿元/);
  });

  it('a column of fewer than 8 values is not judged; zero and empty cells are not values', () => {
    const scale = new ColumnScale(figureIssues(mapping, 'wan'));
    const out = [1e10, 1e10, 0, null, 1e10, 1e10, 1e10, 1e10, 1e15].map((fen, i) =>
      scale.observe(record(i + 4, fen)),
    );
    expect([...out.flat(), ...scale.finish()]).toEqual([]);
  });
});
