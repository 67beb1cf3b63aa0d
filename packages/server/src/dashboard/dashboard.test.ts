import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultStageWeights } from '@landfall/domain/forecast';
import { buildUnit, buildUser, createWorld, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { buildProject, signProject } from '../test/library-fixtures.ts';

/**
 * A district whose year is written out below; every dashboard figure is checked
 * against arithmetic done by hand here, on three dates, across a mid-year
 * re-allocation (figures before it keep the allocation that held then).
 */
const YI = 10_000_000_000;
let world: TestWorld;
let coordinator: TestClient;
let leader: TestClient;
const unit: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };
const group: Record<'new' | 'zone', string> = { new: '', zone: '' };

async function fund(
  projectId: string,
  date: string,
  amountFen: number,
  source: string,
  capitalKind = 'domestic',
) {
  const res = await coordinator.post(`/api/projects/${projectId}/funding`, {
    date,
    amountFen,
    source,
    capitalKind,
  });
  expect(res.statusCode, res.body).toBe(201);
}

beforeAll(async () => {
  world = await createWorld('2026-10-31T18:00:00+08:00');
  const groups = (await world.admin.get('/api/groups')).json();
  group.new = groups.find((g: { kind: string }) => g.kind === 'new_projects').id;
  group.zone = groups.find((g: { kind: string }) => g.kind === 'in_zone').id;
  unit.A = (await buildUnit(world.admin, { name: '经信委', groupId: group.new })).id;
  unit.B = (await buildUnit(world.admin, { name: '经开区', kind: 'zone', groupId: group.zone })).id;
  unit.C = (await buildUnit(world.admin, { name: '龙都街道', kind: 'town' })).id;
  coordinator = (await buildUser(world, 'coordinator')).client;
  leader = (await buildUser(world, 'leader')).client;

  // The plan: 100 亿 = 60 (new projects group: A) + 30 (zone group: B) + 10 (C, no group).
  const plan = (
    await coordinator.post('/api/targets', { year: 2026, metric: 'funds_in_place', total: 100 * YI })
  ).json();
  const draft = {
    total: 100 * YI,
    groups: [
      { groupId: group.new, amount: 60 * YI },
      { groupId: group.zone, amount: 30 * YI },
    ],
    units: [
      { unitId: unit.A, groupId: group.new, amount: 60 * YI },
      { unitId: unit.B, groupId: group.zone, amount: 30 * YI },
      { unitId: unit.C, groupId: null, amount: 10 * YI },
    ],
  };
  const wrong = await coordinator.put(`/api/targets/${plan.id}/draft`, {
    ...draft,
    units: draft.units.slice(0, 2),
    version: plan.version,
  });
  expect(wrong.statusCode).toBe(200); // a draft need not add up …
  const refused = await coordinator.post(`/api/targets/${plan.id}/finalize`, {
    version: wrong.json().version,
  });
  expect(refused.statusCode).toBe(400); // … but cannot be finalised until it does
  expect(refused.json().error.details.differences).toEqual([
    { level: 'tenant', id: null, expected: 100 * YI, actual: 90 * YI, difference: -10 * YI },
  ]);
  const saved = (
    await coordinator.put(`/api/targets/${plan.id}/draft`, { ...draft, version: wrong.json().version })
  ).json();
  expect(
    (await coordinator.post(`/api/targets/${plan.id}/finalize`, { version: saved.version })).statusCode,
  ).toBe(200);
  // From 1 July: A 50, B 40.
  const moved = await coordinator.post(`/api/targets/${plan.id}/reallocate`, {
    total: 100 * YI,
    groups: [
      { groupId: group.new, amount: 50 * YI },
      { groupId: group.zone, amount: 40 * YI },
    ],
    units: [
      { unitId: unit.A, groupId: group.new, amount: 50 * YI },
      { unitId: unit.B, groupId: group.zone, amount: 40 * YI },
      { unitId: unit.C, groupId: null, amount: 10 * YI },
    ],
    effectiveFrom: '2026-07-01',
    reason: '经开区承接重大项目，调增任务',
  });
  expect(moved.statusCode, moved.body).toBe(200);

  // PD (A): signed in 2025; funds 1 亿 on 2025-12-15 (last year) and 2 亿 on 2026-01-10.
  const pd = await buildProject(coordinator, { name: 'PD', unitId: unit.A, enteredOn: '2025-11-01' });
  await signProject(coordinator, pd, {
    negotiatingOn: '2025-11-10',
    signedOn: '2025-12-01',
    agreedInvestmentFen: 5 * YI,
  });
  await fund(pd.id, '2025-12-15', 1 * YI, 'outside_province');
  await fund(pd.id, '2026-01-10', 2 * YI, 'outside_province');
  // PA (A): signed 2026-02-01 at 80 亿; 20 亿 on 03-15 (outside the province), 30 亿 on 08-10 (abroad, foreign capital).
  const pa = await buildProject(coordinator, { name: 'PA', unitId: unit.A, enteredOn: '2026-01-05' });
  await signProject(coordinator, pa, {
    negotiatingOn: '2026-01-15',
    signedOn: '2026-02-01',
    agreedInvestmentFen: 80 * YI,
  });
  await fund(pa.id, '2026-03-15', 20 * YI, 'outside_province');
  await fund(pa.id, '2026-08-10', 30 * YI, 'abroad', 'foreign');
  // PB (B): signed 2026-04-01 at 10 亿; 5 亿 on 05-01 from within the province.
  const pb = await buildProject(coordinator, { name: 'PB', unitId: unit.B, enteredOn: '2026-03-01' });
  await signProject(coordinator, pb, {
    negotiatingOn: '2026-03-05',
    signedOn: '2026-04-01',
    agreedInvestmentFen: 10 * YI,
  });
  await fund(pb.id, '2026-05-01', 5 * YI, 'outside_city_in_province');
  // PC (C): in negotiation at 20 亿, no funds.
  await buildProject(coordinator, {
    name: 'PC',
    unitId: unit.C,
    stage: 'negotiating',
    enteredOn: '2026-06-01',
    agreedInvestmentFen: 20 * YI,
  });
});
afterAll(async () => world?.close());

const dashboard = async (query: string) => {
  const res = await leader.get(`/api/dashboard?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const unitRow = (d: { units: { unitId: string }[] }, id: string) =>
  d.units.find((u) => u.unitId === id) as Record<string, unknown>;

describe('leaders dashboard', () => {
  it('at the end of October: actuals, allocation after the re-allocation, lights, ranking, forecast', async () => {
    const d = await dashboard('year=2026&asOf=2026-10-31');
    expect(d.timeProgress).toBeCloseTo(10 / 12, 12);
    expect(d.kpi).toMatchObject({ target: 100 * YI, actual: 57 * YI, completion: 0.57, light: 'red' });
    expect(d.kpi.gap).toBeCloseTo(0.57 - 10 / 12, 12);
    expect(unitRow(d, unit.A)).toMatchObject({
      target: 50 * YI,
      actual: 52 * YI,
      completion: 1.04,
      light: 'green',
      rank: 1,
    });
    expect(unitRow(d, unit.B)).toMatchObject({
      target: 40 * YI,
      actual: 5 * YI,
      completion: 0.125,
      light: 'red',
      rank: 2,
    });
    expect(unitRow(d, unit.C)).toMatchObject({
      target: 10 * YI,
      actual: 0,
      completion: 0,
      light: 'red',
      rank: 3,
    });
    expect(d.groups.find((g: { groupId: string }) => g.groupId === group.zone)).toMatchObject({
      target: 40 * YI,
      actual: 5 * YI,
    });
    // Forecast: actual + Σ weight(stage) × open remainder × (1 − day progress); 2026-10-31 is day 304 of 365.
    // Open remainders: PA 80 − 50, PB 10 − 5, PD 5 − 3 (signed); PC 20 (negotiating).
    const remainder =
      defaultStageWeights.signed * (30 + 5 + 2) * YI + defaultStageWeights.negotiating * 20 * YI;
    expect(d.kpi.forecast).toBe(Math.round(57 * YI + (remainder * (365 - 304)) / 365));
    expect(d.monthly.map((m: { month: string; value: number }) => [m.month, m.value / YI])).toEqual([
      ['2026-01', 2],
      ['2026-02', 0],
      ['2026-03', 20],
      ['2026-04', 0],
      ['2026-05', 5],
      ['2026-06', 0],
      ['2026-07', 0],
      ['2026-08', 30],
      ['2026-09', 0],
      ['2026-10', 0],
    ]);
    expect(d.monthly.at(-1)).toMatchObject({
      cumulative: 57 * YI,
      targetLine: Math.round((100 * YI * 10) / 12),
    });
  });

  it('at the end of June: the allocation that held then, and time half gone', async () => {
    const d = await dashboard('year=2026&asOf=2026-06-30');
    expect(d.timeProgress).toBe(0.5);
    expect(d.plan.revisionEffectiveFrom).toBe('2026-01-01');
    expect(unitRow(d, unit.A)).toMatchObject({ target: 60 * YI, actual: 22 * YI, light: 'red' });
    expect(unitRow(d, unit.B)).toMatchObject({ target: 30 * YI, actual: 5 * YI });
    expect(d.kpi).toMatchObject({ actual: 27 * YI, completion: 0.27 });
  });

  it('at the end of March: on pace for A', async () => {
    const d = await dashboard('year=2026&asOf=2026-03-31');
    expect(d.timeProgress).toBe(0.25);
    expect(unitRow(d, unit.A)).toMatchObject({ actual: 22 * YI, light: 'green' });
    expect((unitRow(d, unit.A).completion as number) - 0.25).toBeCloseTo(22 / 60 - 0.25, 12);
    expect(d.funnel.find((f: { stage: string }) => f.stage === 'signed').projects).toBe(2); // PD and PA
  });

  it('counts by 口径 and by signing, once per project', async () => {
    expect((await dashboard('year=2026&asOf=2026-10-31&basis=outside_province')).kpi.actual).toBe(52 * YI);
    expect((await dashboard('year=2026&asOf=2026-10-31&basis=foreign')).kpi.actual).toBe(30 * YI);
    expect((await dashboard('year=2026&asOf=2026-10-31&metric=agreed_investment')).kpi.actual).toBe(90 * YI);
    expect((await dashboard('year=2026&asOf=2026-10-31&metric=projects_signed')).kpi.actual).toBe(2);
    expect((await dashboard('year=2026&asOf=2026-10-31&metric=projects_over100m_signed')).kpi.actual).toBe(2);
    expect((await dashboard('year=2026&asOf=2026-10-31&metric=projects_started')).kpi.actual).toBe(0);
  });

  it('refuses to change a target to anyone but the coordination group', async () => {
    const plans = (await leader.get('/api/targets?year=2026')).json();
    expect(plans[0].revisions).toHaveLength(2);
    expect(
      (await leader.post('/api/targets', { year: 2027, metric: 'funds_in_place', total: 1 })).statusCode,
    ).toBe(403);
    // Revisions are history: not even the database user may rewrite them.
    await expect(sql`update target_revision set total = 0`.execute(world.database.db)).rejects.toThrow(
      /never changed/,
    );
    await expect(sql`truncate target_revision`.execute(world.database.db)).rejects.toThrow(
      /never changed|permission denied/,
    );
  });
});
