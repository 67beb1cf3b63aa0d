import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, createWorld, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { fundsSheet as sheet } from '../test/funds-sheet.ts';

/**
 * A sheet's funds figures as the library reads them back (本月/本年/累计 on the dashboard and in
 * the stats), each case its own import into one library.
 */
const WAN = 1_000_000;

describe('import: the sheet’s funds figures, read back', () => {
  let world: TestWorld;
  let coordinator: TestClient;
  let n = 0;

  beforeAll(async () => {
    world = await createWorld('2026-04-10T09:00:00+08:00');
    coordinator = (await buildUser(world, 'coordinator')).client;
  });
  afterAll(() => world.close());

  /** This month's, this year's and cumulative funds (fen) of the tenant, as the dashboard and stats show them. */
  async function figures(asOf: string) {
    const dash = await coordinator.get(`/api/dashboard?year=${asOf.slice(0, 4)}&asOf=${asOf}`);
    expect(dash.statusCode, dash.body).toBe(200);
    const stats = await coordinator.get(`/api/stats?asOf=${asOf}`);
    expect(stats.statusCode, stats.body).toBe(200);
    const d = dash.json();
    return {
      month: d.monthly.at(-1).value as number,
      year: d.kpi.actual as number,
      // 万元 exact in decimal: back to integer fen without float error.
      cumulative: Math.round(stats.json().fundsInPlaceWan * WAN),
    };
  }

  /** Commits the sheet and returns its summary and the change in the figures as of the cut-off. */
  async function importSheet(file: Buffer, cutOff: string) {
    const before = await figures(cutOff);
    n += 1;
    const up = await coordinator.upload('/api/imports', `台账${n}.xlsx`, file);
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json().layout.meta.cutOff).toBe(cutOff);
    const commit = await coordinator.post(`/api/imports/${up.json().id}/commit`, { createUnits: true });
    expect(commit.statusCode, commit.body.slice(0, 2000)).toBe(200);
    const after = await figures(cutOff);
    return {
      summary: commit.json().summary,
      delta: {
        month: after.month - before.month,
        year: after.year - before.year,
        cumulative: after.cumulative - before.cumulative,
      },
    };
  }

  async function fundsOf(name: string) {
    const list = await coordinator.get(`/api/projects?q=${encodeURIComponent(name)}`);
    const id = list.json().items.find((p: { name: string }) => p.name === name).id;
    const project = (await coordinator.get(`/api/projects/${id}`)).json();
    return (
      project.entries as {
        kind: string;
        effectiveOn: string;
        amountFen: number;
        payload: Record<string, unknown>;
      }[]
    )
      .filter((e) => e.kind === 'funding')
      .map((e) => ({
        on: e.effectiveOn,
        wan: e.amountFen / WAN,
        undated: e.payload.undated === true ? e.payload.arrivedBefore : null,
      }))
      .sort((a, b) => a.on.localeCompare(b.on));
  }

  const cells = (summary: { warnings: { cell: string; message: string }[] }) =>
    summary.warnings.map((w) => w.cell);

  it('signed this year, 累计 6000 and 本年 2000: the rest arrived before 1 January, before the signing — a row error', async () => {
    n += 1;
    const file = await sheet(
      '2026-03-31',
      ['month', 'year', 'cumulative'],
      [{ name: '今年签约项目', signed: '2026-02-10', month: 500, year: 2000, cumulative: '6,000.25' }],
    );
    const up = await coordinator.upload('/api/imports', `台账${n}.xlsx`, file);
    expect(up.statusCode, up.body).toBe(201);
    const commit = await coordinator.post(`/api/imports/${up.json().id}/commit`, { createUnits: true });
    expect(commit.statusCode).toBe(400);
    // Never silently moved into this year nor taken as it stands: the office corrects the sheet.
    expect(commit.json().error.details.summary.errors).toEqual([
      expect.objectContaining({ row: 4, column: '累计到位', cell: 'I4', value: '6000.25' }),
    ]);
    expect(commit.json().error.details.summary.errors[0].message).toContain(
      '4000.25万元 2026年以前到位（累计到位中本年到位以外的部分），早于签约时间 2026-02-10；到位资金不能早于签约',
    );
    expect(await fundsOf('今年签约项目').catch(() => [])).toEqual([]);
  });

  it('a signing dated after the sheet’s cut-off with funds in place: a row error', async () => {
    n += 1;
    const file = await sheet(
      '2026-03-31',
      ['month', 'cumulative'],
      [{ name: '截止后签约项目', signed: '2026-04-05', month: 100, cumulative: 300 }],
    );
    const up = await coordinator.upload('/api/imports', `台账${n}.xlsx`, file);
    const commit = await coordinator.post(`/api/imports/${up.json().id}/commit`, { createUnits: true });
    expect(commit.statusCode).toBe(400);
    const errors = commit.json().error.details.summary.errors as { column: string; message: string }[];
    // Funds the sheet gives no earlier date for stand at its cut-off: a signing after it is refused.
    expect(errors.map((e) => e.column)).toEqual(['签约时间']);
  });

  it('本年 without a 本月 column: the year counts, this month gets none of it', async () => {
    const { summary, delta } = await importSheet(
      await sheet(
        '2026-03-31',
        ['year', 'cumulative'],
        [{ name: '无本月列项目', signed: '2024-05-01', year: 1000, cumulative: 3000 }],
      ),
      '2026-03-31',
    );
    expect(summary.warningCount).toBe(0);
    expect(delta).toEqual({ month: 0, year: 1000 * WAN, cumulative: 3000 * WAN });
    expect(await fundsOf('无本月列项目')).toEqual([
      { on: '2025-12-31', wan: 2000, undated: '2026-01-01' },
      { on: '2026-02-28', wan: 1000, undated: '2026-04-01' },
    ]);
  });

  it('累计 alone: undated, before the year when the project existed then, else on its signing date', async () => {
    const { summary, delta } = await importSheet(
      await sheet(
        '2026-03-31',
        ['cumulative'],
        [
          { name: '老项目只有累计', signed: '2023-06-01', cumulative: 700 },
          { name: '今年项目只有累计', signed: '2026-02-01', cumulative: 300 },
          { name: '无日期项目只有累计', cumulative: 90 },
        ],
      ),
      '2026-03-31',
    );
    expect(summary.warningCount).toBe(0);
    // Only the project signed this year makes this year's funds; nothing is this month's.
    expect(delta).toEqual({ month: 0, year: 300 * WAN, cumulative: 1090 * WAN });
    expect(await fundsOf('老项目只有累计')).toEqual([{ on: '2025-12-31', wan: 700, undated: '2026-04-01' }]);
    expect(await fundsOf('今年项目只有累计')).toEqual([
      { on: '2026-02-01', wan: 300, undated: '2026-04-01' },
    ]);
    expect(await fundsOf('无日期项目只有累计')).toEqual([
      { on: '2025-12-31', wan: 90, undated: '2026-04-01' },
    ]);
  });

  it('a January cut-off: 本年 is 本月; a 本年 that differs is a warning on its cell and still counts', async () => {
    const { summary, delta } = await importSheet(
      await sheet(
        '2026-01-31',
        ['month', 'year', 'cumulative'],
        [
          { name: '一月一致项目', signed: '2025-03-01', month: 500, year: 500, cumulative: 2500 },
          { name: '一月不一致项目', signed: '2025-03-01', month: 300, year: 800, cumulative: 1800 },
        ],
      ),
      '2026-01-31',
    );
    expect(delta).toEqual({ month: 1300 * WAN, year: 1300 * WAN, cumulative: 4300 * WAN });
    expect(cells(summary)).toEqual(['H5']);
    expect(summary.warnings[0].message).toContain('本年到位应等于本月到位');
    expect(await fundsOf('一月不一致项目')).toEqual([
      { on: '2025-12-31', wan: 1000, undated: '2026-01-01' },
      { on: '2026-01-01', wan: 500, undated: null },
      { on: '2026-01-31', wan: 300, undated: null },
    ]);
  });

  it('本月 above 本年 and 本年 above 累计: warnings on their cells; the cumulative figure stands', async () => {
    const { summary, delta } = await importSheet(
      await sheet(
        '2026-03-31',
        ['month', 'year', 'cumulative'],
        [
          { name: '本年大于累计项目', signed: '2025-01-01', month: 100, year: 900, cumulative: 600 },
          { name: '本月大于本年项目', signed: '2025-01-01', month: 400, year: 300, cumulative: 1000 },
        ],
      ),
      '2026-03-31',
    );
    expect(
      summary.warnings.map((w: { cell: string; value: string; column: string }) => [
        w.cell,
        w.column,
        w.value,
      ]),
    ).toEqual([
      ['H4', '本年到位', '900'],
      ['G5', '本月到位', '400'],
    ]);
    expect(summary.warnings[0].message).toContain('大于累计到位');
    expect(summary.warnings[1].message).toContain('大于本年到位');
    // 600 (year capped at 累计: 100 this month) + 1000 (month capped at 本年: 300 this month, 700 before the year).
    expect(delta).toEqual({ month: 400 * WAN, year: 900 * WAN, cumulative: 1600 * WAN });
  });
});
