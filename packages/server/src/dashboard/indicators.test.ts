import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTiers } from '@landfall/domain/tiers';
import { buildUnit, buildUser, createWorld, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { buildProject, signProject, type BuiltProject } from '../test/library-fixtures.ts';

/**
 * The indicators offices are assessed on (issue 11 §5), each against arithmetic done by hand here:
 * 口径, 本月 / 本年累计 / 上年同期 / 同比, 新签约 vs 续建, tiers, 双过半 and the rates' parts.
 *
 *   P1 (A) signed 2025-03-01 at 12.5 亿, industry 3062 (制造业): 2 亿 省外 2025-05-10, 1 亿 省外 2025-11-20,
 *          1 亿 市内 2026-02-10, 0.2 亿 市外省内 2026-10-05
 *   P2 (A) signed 2026-04-01 at 5 亿, no industry: 1 亿 省外 2026-06-01, 3 亿 境外·外资 2026-10-20
 *   P3 (B) signed 2026-09-15 at 0.4 亿, industry 3062: 0.1 亿 省外 2026-09-20
 *   P4 (B) negotiating at 20 亿, no funds
 * Target (市外 funds): 8 亿 = A 6 + B 2.
 */
const YI = 10_000_000_000;
/** Before the entries recorded a minute after the others (the known-on test). */
const KNOWN = encodeURIComponent('2026-10-31T10:00:30Z');
let world: TestWorld;
let coordinator: TestClient;
let leader: TestClient;
const unit = { A: '', B: '' };
const projects: Record<string, BuiltProject> = {};

async function fund(p: string, date: string, amountFen: number, source: string, capitalKind = 'domestic') {
  const res = await coordinator.post(`/api/projects/${projects[p]!.id}/funding`, {
    date,
    amountFen,
    source,
    capitalKind,
  });
  expect(res.statusCode, res.body).toBe(201);
}

beforeAll(async () => {
  world = await createWorld('2026-10-31T18:00:00+08:00');
  unit.A = (await buildUnit(world.admin, { name: '经信委' })).id;
  unit.B = (await buildUnit(world.admin, { name: '经开区', kind: 'zone' })).id;
  coordinator = (await buildUser(world, 'coordinator')).client;
  leader = (await buildUser(world, 'leader')).client;
  const plan = (
    await coordinator.post('/api/targets', { year: 2026, metric: 'funds_in_place', total: 8 * YI })
  ).json();
  const draft = {
    total: 8 * YI,
    groups: [],
    units: [
      { unitId: unit.A, groupId: null, amount: 6 * YI },
      { unitId: unit.B, groupId: null, amount: 2 * YI },
    ],
  };
  const saved = (
    await coordinator.put(`/api/targets/${plan.id}/draft`, { ...draft, version: plan.version })
  ).json();
  expect(
    (await coordinator.post(`/api/targets/${plan.id}/finalize`, { version: saved.version })).statusCode,
  ).toBe(200);

  const sign = async (
    name: string,
    unitId: string,
    enteredOn: string,
    signedOn: string,
    agreed: number,
    industry?: string,
  ) => {
    const p = await buildProject(coordinator, { name, unitId, enteredOn, industryCode: industry ?? null });
    projects[name] = await signProject(coordinator, p, {
      negotiatingOn: enteredOn,
      signedOn,
      agreedInvestmentFen: agreed,
    });
  };
  await sign('P1', unit.A, '2025-02-01', '2025-03-01', 12.5 * YI, '3062');
  await sign('P2', unit.A, '2026-03-01', '2026-04-01', 5 * YI);
  await sign('P3', unit.B, '2026-09-01', '2026-09-15', 0.4 * YI, '3062');
  projects.P4 = await buildProject(coordinator, {
    name: 'P4',
    unitId: unit.B,
    stage: 'negotiating',
    enteredOn: '2026-05-01',
    agreedInvestmentFen: 20 * YI,
  });
  await fund('P1', '2025-05-10', 2 * YI, 'outside_province');
  await fund('P1', '2025-11-20', 1 * YI, 'outside_province');
  await fund('P1', '2026-02-10', 1 * YI, 'inside_city');
  await fund('P1', '2026-10-05', 0.2 * YI, 'outside_city_in_province');
  await fund('P2', '2026-06-01', 1 * YI, 'outside_province');
  await fund('P2', '2026-10-20', 3 * YI, 'abroad', 'foreign');
  await fund('P3', '2026-09-20', 0.1 * YI, 'outside_province');
});
afterAll(async () => world?.close());

const dashboard = async (query: string, client = leader) => {
  const res = await client.get(`/api/dashboard?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const unitRow = (d: { units: { unitId: string }[] }, id: string) =>
  d.units.find((u) => u.unitId === id) as Record<string, unknown>;

describe('口径', () => {
  it('counts 全口径 ⊇ 市外 ⊇ 省外, 外资 apart; funds from inside the city never in 市外', async () => {
    const at = 'year=2026&asOf=2026-10-31';
    expect((await dashboard(`${at}&basis=total`)).kpi.actual).toBe(5.3 * YI); // 1 市内 + 4.3
    expect((await dashboard(`${at}&basis=all`)).kpi.actual).toBe(4.3 * YI); // 0.2 + 1 + 3 + 0.1
    expect((await dashboard(`${at}`)).basis).toBe('all'); // the default stays 市外
    expect((await dashboard(`${at}&basis=outside_province`)).kpi.actual).toBe(4.1 * YI); // 1 + 3 + 0.1
    expect((await dashboard(`${at}&basis=foreign`)).kpi.actual).toBe(3 * YI);
    expect((await leader.get(`/api/dashboard?${at}&basis=inside`)).statusCode).toBe(400);
  });

  it('accepts a 全口径 target plan beside the stored 市外 one', async () => {
    const res = await coordinator.post('/api/targets', {
      year: 2026,
      metric: 'funds_in_place',
      basis: 'total',
      total: 10 * YI,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().basis).toBe('total');
  });
});

describe('本月 / 本年累计 / 上年同期 / 同比', () => {
  it('on the KPI and per unit, against hand arithmetic', async () => {
    const d = await dashboard('year=2026&asOf=2026-10-31');
    // 本月 (October): P1 0.2 + P2 3; 上年同期 (to 2025-10-31): P1 2 (the November one is later).
    expect(d.kpi).toMatchObject({ actual: 4.3 * YI, month: 3.2 * YI, lastYear: 2 * YI });
    expect(d.kpi.yoy).toBeCloseTo((4.3 - 2) / 2, 12);
    expect(unitRow(d, unit.A)).toMatchObject({ actual: 4.2 * YI, month: 3.2 * YI, lastYear: 2 * YI });
    expect(unitRow(d, unit.A).yoy as number).toBeCloseTo(1.1, 12);
    expect(unitRow(d, unit.B)).toMatchObject({ actual: 0.1 * YI, month: 0, lastYear: 0, yoy: null });
  });

  it('for counts too: signings this month, this year and last year', async () => {
    const d = await dashboard('year=2026&asOf=2026-09-30&metric=projects_signed');
    expect(d.kpi).toMatchObject({ actual: 2, month: 1, lastYear: 1, yoy: 1 }); // P2, P3 | P3 | P1
  });

  it('reads every part as known on the same instant', async () => {
    world.clock.advance(60_000); // recorded a minute later: a back-dated entry for last year and one for October
    await fund('P1', '2025-09-01', 1 * YI, 'outside_province');
    await fund('P2', '2026-10-30', 1 * YI, 'outside_province');
    const then = await dashboard(`year=2026&asOf=2026-10-31&knownOn=${KNOWN}`);
    expect(then.kpi).toMatchObject({ actual: 4.3 * YI, month: 3.2 * YI, lastYear: 2 * YI });
    const now = await dashboard('year=2026&asOf=2026-10-31');
    expect(now.kpi).toMatchObject({ actual: 5.3 * YI, month: 4.2 * YI, lastYear: 3 * YI });
    expect(now.kpi.yoy).toBeCloseTo((5.3 - 3) / 3, 12);
  });
});

describe('新签约 vs 续建, tiers, 双过半, rates', () => {
  const at = `year=2026&asOf=2026-10-31&knownOn=${KNOWN}`;

  it('splits counts and funds by the signing year', async () => {
    const d = await dashboard(at);
    expect(d.signing).toEqual({
      new: { projects: 2, fundsFen: 4.1 * YI }, // P2 4 + P3 0.1
      continuing: { projects: 1, fundsFen: 0.2 * YI }, // P1 (signed 2025), 市外 only
      unsigned: { projects: 0, fundsFen: 0 },
    });
    const total = await dashboard(`${at}&basis=total`);
    expect(total.signing.continuing.fundsFen).toBe(1.2 * YI); // + 1 亿 市内
  });

  it('counts the default tiers, overall and per unit', async () => {
    const d = await dashboard(at);
    const byId = Object.fromEntries(d.tiers.map((t: { id: string }) => [t.id, t]));
    expect(byId.over100m).toMatchObject({ signed: 1, inLibrary: 3 }); // P2 | P1, P2, P4
    expect(byId.over500m).toMatchObject({ signed: 1, inLibrary: 3 });
    expect(byId.over1b).toMatchObject({ signed: 0, inLibrary: 2 }); // P1 12.5, P4 20
    expect(byId.industrial30m).toMatchObject({ signed: 1, inLibrary: 2 }); // P3 | P1, P3 (3062)
    expect(unitRow(d, unit.A).tiers).toEqual({ over100m: 1, over500m: 1, over1b: 0, industrial30m: 0 });
    expect(unitRow(d, unit.B).tiers).toEqual({ over100m: 0, over500m: 0, over1b: 0, industrial30m: 1 });
  });

  it('counts a tenant’s own tiers once set (coordinator only, versioned)', async () => {
    const current = (await leader.get('/api/settings/tiers')).json();
    expect(current).toMatchObject({ isDefault: true, version: 0, tiers: defaultTiers });
    const body = {
      tiers: [{ id: 'over300m', label: '3亿元以上', minFen: 3 * YI, industrialOnly: false }],
      version: 0,
    };
    expect((await leader.put('/api/settings/tiers', body)).statusCode).toBe(403);
    const bad = await coordinator.put('/api/settings/tiers', {
      ...body,
      tiers: [{ ...body.tiers[0], minFen: 0 }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('起点金额应大于 0');
    const saved = await coordinator.put('/api/settings/tiers', body);
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await coordinator.put('/api/settings/tiers', body)).statusCode).toBe(409);
    const d = await dashboard(at);
    expect(d.tiers).toEqual([{ ...body.tiers[0], signed: 1, inLibrary: 3 }]);
    expect(unitRow(d, unit.A).tiers).toEqual({ over300m: 1 });
    await coordinator.put('/api/settings/tiers', { tiers: [...defaultTiers], version: saved.json().version });
  });

  it('filters the library by a tier, the industrial one by GB/T 4754 B–D; an unknown tier is a 400', async () => {
    const names = async (tier: string) => {
      const res = await leader.get(`/api/projects?tier=${tier}&sort=name&order=asc`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((p: { name: string }) => p.name);
    };
    expect(await names('industrial30m')).toEqual(['P1', 'P3']);
    expect(await names('over1b')).toEqual(['P1', 'P4']);
    expect(await names('over500m')).toEqual(['P1', 'P2', 'P4']);
    const unknown = await leader.get('/api/projects?tier=over9b');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('没有代码为 over9b 的项目规模档次');
  });

  it('shows 双过半 from 30 June on, per unit and overall', async () => {
    const june29 = await dashboard(`year=2026&asOf=2026-06-29&knownOn=${KNOWN}`);
    expect(june29.kpi.doubleHalf).toBeNull();
    expect(unitRow(june29, unit.A).doubleHalf).toBeNull();
    const june30 = await dashboard(`year=2026&asOf=2026-06-30&knownOn=${KNOWN}`);
    expect(june30.kpi).toMatchObject({ actual: 1 * YI, doubleHalf: { taskHalf: false, achieved: false } }); // 1/8
    const oct = await dashboard(at);
    expect(oct.kpi.doubleHalf).toEqual({ taskHalf: true, achieved: true }); // 4.3/8 = 53.75%
    expect(unitRow(oct, unit.A).doubleHalf).toEqual({ taskHalf: true, achieved: true }); // 4.2/6 = 70%
    expect(unitRow(oct, unit.B).doubleHalf).toEqual({ taskHalf: false, achieved: false }); // 0.1/2 = 5%
  });

  it('returns each rate with its numerator and denominator', async () => {
    const { rates } = await dashboard(at);
    // 资金到位率: all funds of the signed projects (P1 4.2, P2 4, P3 0.1) ÷ their agreed (12.5 + 5 + 0.4).
    expect(rates.funding).toEqual({ rate: 83 / 179, numerator: 8.3 * YI, denominator: 17.9 * YI });
    expect(rates.fundingRate).toBe(rates.funding.rate);
    expect(rates.start).toEqual({ rate: 0, numerator: 0, denominator: 2 });
    expect(rates.fulfilment).toEqual({ rate: null, numerator: 0, denominator: 0 });
  });
});

describe('the same indicators in stats and the 月度统计表', () => {
  it('/api/stats: funds by 口径 with 本月/本年累计/上年同期/同比, 新签约/续建, tiers, rates (万元)', async () => {
    const res = await leader.get(`/api/stats?asOf=2026-10-31&knownOn=${KNOWN}`);
    expect(res.statusCode, res.body).toBe(200);
    const { indicators, fundsOutsideCityWan } = res.json();
    expect(indicators.fundsByBasis).toEqual({
      total: { monthWan: 32_000, yearToDateWan: 53_000, lastYearWan: 20_000, yoy: 33 / 20 },
      all: { monthWan: 32_000, yearToDateWan: 43_000, lastYearWan: 20_000, yoy: 23 / 20 },
      outside_province: { monthWan: 30_000, yearToDateWan: 41_000, lastYearWan: 20_000, yoy: 21 / 20 },
      foreign: { monthWan: 30_000, yearToDateWan: 30_000, lastYearWan: 0, yoy: null },
    });
    expect(fundsOutsideCityWan).toBe(73_000); // kept: every 市外 record ever, 2025 included (2 + 1 + 4.3)
    expect(indicators.signing.new).toEqual({ projects: 2, fundsWan: 41_000 });
    expect(indicators.signing.continuing).toEqual({ projects: 1, fundsWan: 2_000 });
    expect(indicators.tiers.find((t: { id: string }) => t.id === 'industrial30m')).toMatchObject({
      label: '3000万元以上工业项目',
      signed: 1,
      inLibrary: 2,
    });
    expect(indicators.doubleHalf).toEqual({ taskHalf: true, achieved: true });
    expect(indicators.rates.funding).toEqual({
      rate: 83 / 179,
      numeratorWan: 83_000,
      denominatorWan: 179_000,
    });
  });

  it('月度统计表: 上年同期 and 同比 per unit and in the 合计 row', async () => {
    const res = await coordinator.get(`/api/exports/monthly.xlsx?month=2026-10&knownOn=${KNOWN}`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(3).values).toEqual([
      undefined,
      ...['排名', '责任单位', '全年目标', '本月到位', '本年累计到位', '上年同期', '同比', '完成率'],
      ...['时间进度', '超欠进度', '状态'],
    ]);
    const rows = new Map<unknown, ExcelJS.Row>();
    sheet.eachRow((row) => rows.set(row.getCell(1).value === '合计' ? '合计' : row.getCell(2).value, row));
    const cells = (row: ExcelJS.Row, cols: number[]) =>
      cols.map((c) => {
        const v = row.getCell(c).value;
        return v !== null && typeof v === 'object' && 'result' in v ? v.result : v;
      });
    expect(cells(rows.get('经信委')!, [3, 4, 5, 6, 7])).toEqual([60_000, 32_000, 42_000, 20_000, 1.1]);
    expect(cells(rows.get('经开区')!, [3, 4, 5, 6, 7])).toEqual([20_000, 0, 1_000, 0, null]);
    expect(cells(rows.get('合计')!, [3, 4, 5, 6, 7])).toEqual([80_000, 32_000, 43_000, 20_000, 1.15]);
    expect(rows.get('合计')!.getCell(7).value).toMatchObject({
      formula: expect.stringMatching(/^IF\(F\d+=0/),
    });
  });
});
