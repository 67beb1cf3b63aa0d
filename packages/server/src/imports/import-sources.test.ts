import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cell } from '@landfall/domain/import/index';
import { buildUser, createWorld, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { toXlsx } from '../test/ledger-files.ts';

/**
 * Whose money and from where, through the real import into 万州区 (重庆, a municipality): the 其中
 * columns become funding entries by source, an investor from inside the city is recorded outside
 * the 市外口径, and USD amounts are converted at the rate the user gives. Read back through the
 * project's ledger, /api/stats and the dashboard.
 */
const WAN = 1_000_000;

interface Entry {
  kind: string;
  effectiveOn: string;
  amountFen: number;
  fundingSource: string | null;
  capitalKind: string | null;
  payload: Record<string, unknown>;
}

describe('import: funds by source and foreign currency', () => {
  let world: TestWorld;
  let coordinator: TestClient;

  beforeAll(async () => {
    world = await createWorld('2026-04-10T09:00:00+08:00');
    coordinator = (await buildUser(world, 'coordinator')).client;
  });
  afterAll(() => world.close());

  function sheet(header: string[], rows: Cell[][]) {
    return toXlsx({
      rows: [
        ['万州区招商引资项目推进台账'],
        ['填报单位：万州区投资促进局   截止时间：2026年3月31日   单位：万元'],
        header,
        ...rows,
      ],
      merges: [],
    });
  }

  async function upload(file: Buffer, name: string) {
    const up = await coordinator.upload('/api/imports', name, file);
    expect(up.statusCode, up.body).toBe(201);
    return up.json().id as string;
  }

  async function entriesOf(name: string): Promise<Entry[]> {
    const list = await coordinator.get(`/api/projects?q=${encodeURIComponent(name)}`);
    const id = list.json().items.find((p: { name: string }) => p.name === name).id;
    return (await coordinator.get(`/api/projects/${id}`)).json().entries as Entry[];
  }

  const funding = (entries: Entry[]) =>
    entries
      .filter((e) => e.kind === 'funding')
      .map((e) => ({
        wan: e.amountFen / WAN,
        source: e.fundingSource,
        capital: e.capitalKind,
        ...(e.payload.party ? { party: e.payload.party } : {}),
      }))
      .sort((a, b) => `${a.source}${a.wan}`.localeCompare(`${b.source}${b.wan}`));

  it('splits 累计到位 by its 其中 columns; the rest is the investor’s own source; inside the city is not 市外', async () => {
    const id = await upload(
      await sheet(
        [
          '序号',
          '项目名称',
          '责任单位',
          '项目阶段',
          '投资方',
          '所在地',
          '签约时间',
          '累计到位',
          '其中：省外',
          '其中：境外',
          '其中：我方',
        ],
        [
          [
            1,
            '分列来源项目',
            '经信委',
            '已签约',
            '渝北智造公司',
            '重庆市渝北区',
            '2024-05-01',
            1000,
            600,
            300,
            null,
          ],
          [
            2,
            '本市投资项目',
            '经信委',
            '已签约',
            '万州本地公司',
            '重庆市渝北区',
            '2024-05-01',
            500,
            null,
            null,
            null,
          ],
          [
            3,
            '分列超额项目',
            '经信委',
            '已签约',
            '上海某公司',
            '上海市浦东新区',
            '2024-05-01',
            800,
            600,
            300,
            null,
          ],
          [
            4,
            '我方出资项目',
            '经信委',
            '已签约',
            '上海另一公司',
            '上海市浦东新区',
            '2026-02-01',
            200,
            null,
            null,
            50,
          ],
        ],
      ),
      '来源分列.xlsx',
    );
    const commit = await coordinator.post(`/api/imports/${id}/commit`, { createUnits: true });
    expect(commit.statusCode, commit.body.slice(0, 2000)).toBe(200);
    const summary = commit.json().summary;
    // The breakdown larger than its total: a warning on the rightmost part's cell, not split.
    expect(summary.warnings).toEqual([
      expect.objectContaining({ row: 6, cell: 'J6', column: '其中：境外', value: '300' }),
    ]);
    expect(summary.warnings[0].message).toContain('其中各项合计 900万元 大于累计到位 800万元');

    // 600 outside the province, 300 abroad (foreign capital), the remaining 100 from the investor's place: 重庆 = this city.
    expect(funding(await entriesOf('分列来源项目'))).toEqual([
      { wan: 300, source: 'abroad', capital: 'foreign' },
      { wan: 100, source: 'inside_city', capital: 'domestic' },
      { wan: 600, source: 'outside_province', capital: 'domestic' },
    ]);
    expect(funding(await entriesOf('本市投资项目'))).toEqual([
      { wan: 500, source: 'inside_city', capital: 'domestic' },
    ]);
    expect(funding(await entriesOf('分列超额项目'))).toEqual([
      { wan: 800, source: 'outside_province', capital: 'domestic' },
    ]);
    // 我方 is the local side's money: inside the city, marked as ours.
    expect(funding(await entriesOf('我方出资项目'))).toEqual([
      { wan: 50, source: 'inside_city', capital: 'domestic', party: 'ours' },
      { wan: 150, source: 'outside_province', capital: 'domestic' },
    ]);

    const stats = (await coordinator.get('/api/stats?asOf=2026-03-31')).json();
    expect(stats.fundsInPlaceWan).toBe(2500);
    expect(stats.fundsOutsideCityWan).toBe(1850);
    expect(stats.fundsBySource).toEqual({
      outside_city_in_province: 0,
      outside_province: 1550,
      abroad: 300,
      inside_city: 650,
    });
    // The dashboard (市外口径): this year's funds are 我方出资项目's 200 less its 50 from inside the city.
    const dash = (await coordinator.get('/api/dashboard?year=2026&asOf=2026-03-31')).json();
    expect(dash.kpi.actual).toBe(150 * WAN);
  });

  it('converts a 万美元 column and a USD cell at the rate given; without a rate each is an error on its cell', async () => {
    const file = await sheet(
      ['序号', '项目名称', '责任单位', '项目阶段', '签约时间', '协议投资额（万美元）', '累计到位'],
      [
        [1, '美元投资项目', '经信委', '已签约', '2024-05-01', 500, '100万美元'],
        [2, '人民币项目', '经信委', '已签约', '2024-05-01', '3000万元', 120],
      ],
    );
    const id = await upload(file, '美元台账.xlsx');
    const bare = await coordinator.post(`/api/imports/${id}/preview`, {});
    expect(bare.statusCode, bare.body).toBe(200);
    expect(
      bare.json().summary.errors.map((e: { cell: string; message: string }) => [e.cell, e.message]),
    ).toEqual([
      ['F4', '金额为美元，请在导入设置中填写美元汇率'],
      ['G4', '金额为美元，请在导入设置中填写美元汇率'],
    ]);
    const badRate = await coordinator.post(`/api/imports/${id}/preview`, { usdRate: '7,1' });
    expect(badRate.statusCode).toBe(400);
    expect(badRate.json().error.code).toBe('validation_failed');

    const preview = (await coordinator.post(`/api/imports/${id}/preview`, { usdRate: '7.1' })).json().summary;
    expect(preview.errorCount).toBe(0);
    const note = preview.warnings.find((w: { column: string }) => w.column === '币种');
    expect(note.message).toContain('按 1 美元 = 7.1 元人民币折算');
    expect(note.message).toContain('协议投资额（万美元）');
    expect(note.message).toContain('G4');

    const commit = await coordinator.post(`/api/imports/${id}/commit`, { usdRate: '7.1', createUnits: true });
    expect(commit.statusCode, commit.body.slice(0, 2000)).toBe(200);
    const entries = await entriesOf('美元投资项目');
    const created = entries.find((e) => e.kind === 'created')!;
    expect(created.payload.originals).toEqual({
      agreedInvestment: { currency: 'USD', amount: '5000000', rate: '7.1' },
    });
    const funds = entries.filter((e) => e.kind === 'funding');
    expect(funds.map((e) => e.amountFen)).toEqual([710 * WAN]);
    expect(funds[0]!.payload.original).toEqual({
      currency: 'USD',
      amount: '1000000',
      rate: '7.1',
      figure: 'fundsCumulative',
    });
    const list = (await coordinator.get(`/api/projects?q=${encodeURIComponent('美元投资项目')}`)).json();
    expect(list.items[0].agreedInvestmentFen).toBe(3550 * WAN);
    // 人民币 written as such in the USD column stays 人民币, with no USD record.
    const rmb = (await entriesOf('人民币项目')).find((e) => e.kind === 'created')!;
    expect(rmb.payload.originals).toBeUndefined();
    const rmbList = (await coordinator.get(`/api/projects?q=${encodeURIComponent('人民币项目')}`)).json();
    expect(rmbList.items[0].agreedInvestmentFen).toBe(3000 * WAN);
  });

  it('warns when a row stated 内资 has funds from abroad (counted as 外资); 外资 placed in China is not warned', async () => {
    const header = [
      '序号',
      '项目名称',
      '责任单位',
      '项目阶段',
      '投资方',
      '所在地',
      '内外资',
      '签约时间',
      '累计到位',
      '其中：境外',
    ];
    const id = await upload(
      await sheet(header, [
        [
          1,
          '内资境外资金项目',
          '经信委',
          '已签约',
          '某控股公司',
          '上海市浦东新区',
          '内资',
          '2024-05-01',
          800,
          200,
        ],
        [
          2,
          '外资境内主体项目',
          '经信委',
          '已签约',
          '某外资公司',
          '上海市浦东新区',
          '外资',
          '2024-05-01',
          500,
          null,
        ],
      ]),
      '内外资.xlsx',
    );
    const commit = await coordinator.post(`/api/imports/${id}/commit`, { createUnits: true });
    expect(commit.statusCode, commit.body.slice(0, 1000)).toBe(200);
    const warnings = commit.json().summary.warnings as { row: number; column: string; message: string }[];
    const capital = warnings.filter((w) => w.column === '内外资');
    expect(capital).toEqual([
      expect.objectContaining({
        row: 4,
        message: '资金性质填为内资，但有 200万元 资金来源为境外，已按外资计入，请核对资金性质',
      }),
    ]);
    expect(funding(await entriesOf('内资境外资金项目'))).toEqual([
      { wan: 200, source: 'abroad', capital: 'foreign' },
      { wan: 600, source: 'outside_province', capital: 'domestic' },
    ]);
  });
});
