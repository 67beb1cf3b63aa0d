import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSetup, buildUser, createWorld, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { workbook } from '../test/workbooks.ts';

/**
 * A city's 到位资金 statistics: rows grouped by 区县 (merged down over each district's rows and
 * its 小计), a header of three rows (实际到位资金 → 本月, merged across two columns → 合计 /
 * 其中：境外), units in the header. Imported at the city, every row goes into its district.
 */
function cityTable(cuipingCumulativeSubtotal: number) {
  return workbook([
    {
      name: '到位资金',
      rows: [
        ['宜宾市2017年1-9月工业招商引资到位资金统计表'],
        ['填报单位：市经信委', null, null, '截止时间：2017年9月30日', null, '单位：万元'],
        [
          '区县',
          '序号',
          '项目名称',
          '项目阶段',
          '协议投资额（万元）',
          '实际到位资金',
          null,
          null,
          '用地面积（亩）',
        ],
        [null, null, null, null, null, '本月', null, '累计', null],
        [null, null, null, null, null, '合计', '其中：境外', null, null],
        ['翠屏区', 1, '翠屏甲项目', '已签约', 5000, 100, 0, 1000, 50],
        [null, 2, '翠屏乙项目', '在建', 3000, 200, 50, 800, 30],
        [null, '小计', null, null, 8000, 300, 50, cuipingCumulativeSubtotal, null],
        ['南溪区', 1, '南溪丙项目', '开工建设', 2000, 0, 0, 500, 20],
        [null, '小计', null, null, 2000, 0, 0, 500, null],
        ['合计', null, null, null, 10000, 300, 50, 2300, null],
      ],
      merges: [
        [1, 1, 1, 9],
        [3, 1, 5, 1],
        [3, 2, 5, 2],
        [3, 3, 5, 3],
        [3, 4, 5, 4],
        [3, 5, 5, 5],
        [3, 6, 3, 8],
        [4, 6, 4, 7],
        [4, 8, 5, 8],
        [3, 9, 5, 9],
        [6, 1, 8, 1],
        [9, 1, 10, 1],
        [11, 1, 11, 4],
      ],
    },
  ]);
}

describe('import: a city table grouped by 区县', () => {
  let world: TestWorld;
  let coordinator: TestClient;
  let viewer: TestClient;
  let cuiping: string;

  beforeAll(async () => {
    // The city of 宜宾 (511500) with one district (翠屏区) set up; 南溪区 not yet.
    world = await createWorld(
      '2017-10-09T09:00:00+08:00',
      buildSetup({ tenantName: '宜宾市', divisionCode: '511500' }),
    );
    coordinator = (await buildUser(world, 'coordinator')).client;
    viewer = (await buildUser(world, 'viewer')).client;
    const district = await world.admin.post('/api/tenants', {
      parentId: world.tenantId,
      name: '翠屏区',
      divisionCode: '511502',
    });
    expect(district.statusCode, district.body).toBe(201);
    cuiping = district.json().id;
  });
  afterAll(() => world.close());

  it('reads the three header rows and the 区县 column merged down', async () => {
    const up = await coordinator.upload('/api/imports', '到位资金统计表.xlsx', await cityTable(1900));
    expect(up.statusCode, up.body).toBe(201);
    const layout = up.json().layout;
    expect(layout.headerRows).toEqual([3, 4, 5]);
    const fields = Object.fromEntries(
      (layout.mapping as { header: string; field: string | null; unit: string | null }[]).map((m) => [
        m.header,
        [m.field, m.unit],
      ]),
    );
    expect(fields).toMatchObject({
      区县: ['district', null],
      项目名称: ['name', null],
      '协议投资额（万元）': ['agreedInvestment', 'wan'],
      '实际到位资金/本月/合计': ['fundsMonth', 'wan'],
      '实际到位资金/累计': ['fundsCumulative', 'wan'],
      '用地面积（亩）': ['landMu', null],
    });
  });

  it('previews each district: the new one listed, a 小计 that disagrees named by its cell', async () => {
    const up = await coordinator.upload('/api/imports', '到位资金统计表2.xlsx', await cityTable(1900));
    const preview = (await coordinator.post(`/api/imports/${up.json().id}/preview`, {})).json().summary;
    expect(preview.newDistricts).toEqual(['南溪区']);
    expect(
      preview.districts.map((d: { name: string; rows: number; created: boolean }) => [
        d.name,
        d.rows,
        d.created,
      ]),
    ).toEqual([
      ['翠屏区', 2, false],
      ['南溪区', 1, true],
    ]);
    expect(preview.errors.map((e: { message: string }) => e.message)).toContain(
      '区县「南溪区」尚未建立（确认导入时可一并创建）',
    );
    // Each row's issue names its district.
    expect(
      preview.errors
        .filter((e: { district?: string }) => e.district === '翠屏区')
        .map((e: { row: number; message: string }) => [e.row, e.message]),
    ).toEqual([
      [6, '责任单位「投资促进局」不存在（确认导入时可一并创建）'],
      [7, '责任单位「投资促进局」不存在（确认导入时可一并创建）'],
    ]);
    expect(
      preview.warnings.map((w: { cell: string; message: string }) => [w.cell, w.message]),
    ).toContainEqual(['H8', '「小计」与所含项目之和不符：填写 1900，所含项目（2 个）合计 1800']);
    // Both districts' rows, the 小计 and 合计 rows skipped, not counted as projects.
    expect(preview.rows).toBe(3);
    const refused = await coordinator.post(`/api/imports/${up.json().id}/commit`, {});
    expect(refused.statusCode).toBe(400);
  });

  it('on confirmation creates the district and its unit, and the city reads the districts’ figures', async () => {
    const up = await coordinator.upload('/api/imports', '到位资金统计表3.xlsx', await cityTable(1800));
    const commit = await coordinator.post(`/api/imports/${up.json().id}/commit`, { createUnits: true });
    expect(commit.statusCode, commit.body).toBe(200);
    const summary = commit.json().summary;
    expect(summary.warnings).toEqual([]);
    expect(summary.projects).toMatchObject({ created: 3 });

    const tenants = (await world.admin.get('/api/tenants')).json() as {
      id: string;
      name: string;
      parentId: string;
    }[];
    const nanxi = tenants.find((t) => t.name === '南溪区');
    expect(nanxi).toMatchObject({ parentId: world.tenantId, divisionCode: '511503' });

    // The user's next step: the city viewer reads each district, and the city's total.
    const statsOf = async (tenantId?: string) =>
      (await viewer.get(`/api/stats?asOf=2017-09-30${tenantId ? `&tenantId=${tenantId}` : ''}`)).json();
    const c = await statsOf(cuiping);
    expect([c.projects, c.agreedInvestmentWan, c.fundsInPlaceWan]).toEqual([2, 8000, 1800]);
    const n = await statsOf(nanxi!.id);
    expect([n.projects, n.agreedInvestmentWan, n.fundsInPlaceWan]).toEqual([1, 2000, 500]);
    const city = await statsOf();
    expect([city.projects, city.fundsInPlaceWan]).toEqual([3, 2300]);

    // Each district's rows went to its promotion unit, created there.
    const units = (await world.admin.get(`/api/units?tenantId=${nanxi!.id}`)).json();
    expect((units.items ?? units).map((u: { name: string }) => u.name)).toEqual(['投资促进局']);
    expect(c.byStage).toMatchObject({ signed: 1, construction: 1 });
  });
});

describe('import: a province table grouped by 区县', () => {
  it('creates a district under its city, the city too when it is missing', async () => {
    const world = await createWorld(
      '2017-10-09T09:00:00+08:00',
      buildSetup({ tenantName: '四川省', divisionCode: '510000' }),
    );
    try {
      const coordinator = (await buildUser(world, 'coordinator')).client;
      const file = await workbook([
        {
          name: '全省',
          rows: [
            ['四川省2017年1-9月招商引资项目统计表'],
            ['截止时间：2017年9月30日    单位：万元'],
            ['区县', '项目名称', '项目阶段', '协议投资额'],
            ['宜宾市翠屏区', '省表甲项目', '签约', 3000],
            ['不存在县', '省表乙项目', '签约', 1000],
          ],
        },
      ]);
      const up = await coordinator.upload('/api/imports', '全省.xlsx', file);
      const preview = (
        await coordinator.post(`/api/imports/${up.json().id}/preview`, { createUnits: true })
      ).json().summary;
      // A name that is no division below the province is an error naming its row.
      expect(preview.errors.map((e: { row: number; message: string }) => [e.row, e.message])).toEqual([
        [5, '「不存在县」不是本区域下辖的区县（按 GB/T 2260 行政区划）'],
      ]);
      const fixed = await workbook([
        {
          name: '全省',
          rows: [
            ['四川省2017年1-9月招商引资项目统计表'],
            ['截止时间：2017年9月30日    单位：万元'],
            ['区县', '项目名称', '项目阶段', '协议投资额'],
            ['宜宾市翠屏区', '省表甲项目', '签约', 3000],
          ],
        },
      ]);
      const again = await coordinator.upload('/api/imports', '全省2.xlsx', fixed);
      const commit = await coordinator.post(`/api/imports/${again.json().id}/commit`, { createUnits: true });
      expect(commit.statusCode, commit.body).toBe(200);
      const tenants = (await world.admin.get('/api/tenants')).json() as {
        id: string;
        name: string;
        parentId: string | null;
        level: string;
      }[];
      const city = tenants.find((t) => t.name === '宜宾市');
      const district = tenants.find((t) => t.name === '翠屏区');
      expect(city).toMatchObject({ parentId: world.tenantId, level: 'city' });
      expect(district).toMatchObject({ parentId: city!.id, level: 'district' });
      const audit = await world.database.db
        .selectFrom('audit_log')
        .select('record_id')
        .where('action', '=', 'tenant.create')
        .execute();
      expect(audit.map((a) => a.record_id).sort()).toEqual([city!.id, district!.id].sort());
    } finally {
      await world.close();
    }
  });
});
