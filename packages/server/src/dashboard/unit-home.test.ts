import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, createWorld, PASSWORD, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { buildProject, recordFunds, signProject } from '../test/library-fixtures.ts';

/**
 * 单位工作台 through the API as unit staff of two units: each sees its own standing — the very
 * row the dashboard gives the coordinator for that unit, on any date and 统计时点 — its own stale
 * projects, open matters and tasks; the full ranking only once the tenant allows it; another
 * unit, a viewer and the administrators are refused by the policy.
 */
const YI = 10_000_000_000;
let world: TestWorld;
let coordinator: TestClient;
let staffA: TestClient;
let staffB: TestClient;
let viewer: TestClient;
const unit: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };
const project: Record<'pa' | 'fresh' | 'pb', string> = { pa: '', fresh: '', pb: '' };
const matter: Record<'A' | 'B', string> = { A: '', B: '' };
const task: Record<'A' | 'B', string> = { A: '', B: '' };

type UnitRow = { unitId: string; rank: number; actual: number } & Record<string, unknown>;

async function dashboardRow(unitId: string, query = '') {
  const res = await coordinator.get(`/api/dashboard?year=2026${query}`);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as { units: UnitRow[]; timeProgress: number };
  return { row: body.units.find((u) => u.unitId === unitId), units: body.units, body };
}

async function home(client: TestClient, query = '') {
  const res = await client.get(`/api/dashboard/unit?year=2026${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function setRanking(showRanking: boolean) {
  const current = (await coordinator.get('/api/settings/unit-ranking')).json();
  const res = await coordinator.put('/api/settings/unit-ranking', { showRanking, version: current.version });
  expect(res.statusCode, res.body).toBe(200);
}

beforeAll(async () => {
  world = await createWorld('2026-10-01T10:00:00+08:00');
  unit.A = (await buildUnit(world.admin, { name: '经信委' })).id;
  unit.B = (await buildUnit(world.admin, { name: '经开区', kind: 'zone' })).id;
  unit.C = (await buildUnit(world.admin, { name: '龙都街道', kind: 'town' })).id;
  const users = [
    await buildUser(world, 'coordinator'),
    await buildUser(world, 'unit_staff', { unitId: unit.A }),
    await buildUser(world, 'unit_staff', { unitId: unit.B }),
    await buildUser(world, 'viewer'),
  ];
  [coordinator, staffA, staffB, viewer] = users.map((u) => u.client) as [
    TestClient,
    TestClient,
    TestClient,
    TestClient,
  ];

  // 100 亿 = A 60 + B 30 + C 10.
  const plan = (
    await coordinator.post('/api/targets', { year: 2026, metric: 'funds_in_place', total: 100 * YI })
  ).json();
  const draft = {
    total: 100 * YI,
    groups: [],
    units: [
      { unitId: unit.A, groupId: null, amount: 60 * YI },
      { unitId: unit.B, groupId: null, amount: 30 * YI },
      { unitId: unit.C, groupId: null, amount: 10 * YI },
    ],
  };
  const saved = await coordinator.put(`/api/targets/${plan.id}/draft`, { ...draft, version: plan.version });
  expect(saved.statusCode, saved.body).toBe(200);
  const final = await coordinator.post(`/api/targets/${plan.id}/finalize`, { version: saved.json().version });
  expect(final.statusCode, final.body).toBe(200);

  // A: PA signed at 80 亿 with 20 亿 on 03-15 (stale by 31 October), and a project entered on 09-28
  // (kept up to date, below).
  const pa = await buildProject(coordinator, { name: 'PA', unitId: unit.A, enteredOn: '2026-01-05' });
  project.pa = pa.id;
  await signProject(coordinator, pa, {
    negotiatingOn: '2026-01-15',
    signedOn: '2026-02-01',
    agreedInvestmentFen: 80 * YI,
  });
  await recordFunds(coordinator, pa.id, '2026-03-15', 20 * YI);
  project.fresh = (await buildProject(staffA, { name: '新项目', enteredOn: '2026-09-28' })).id;
  // B: PB signed at 10 亿 with 5 亿 on 05-01 (stale too).
  const pb = await buildProject(coordinator, { name: 'PB', unitId: unit.B, enteredOn: '2026-03-01' });
  project.pb = pb.id;
  await signProject(coordinator, pb, {
    negotiatingOn: '2026-03-05',
    signedOn: '2026-04-01',
    agreedInvestmentFen: 10 * YI,
  });
  await recordFunds(coordinator, pb.id, '2026-05-01', 5 * YI);

  for (const key of ['A', 'B'] as const) {
    const res = await coordinator.post('/api/matters', {
      unitId: unit[key],
      title: `${key} 用地指标`,
      blockerKind: 'land',
      deadline: '2026-10-20',
    });
    expect(res.statusCode, res.body).toBe(201);
    matter[key] = res.json().id;
  }
  const meeting = (await coordinator.post('/api/meetings', { kind: 'weekly', heldOn: '2026-10-01' })).json();
  const decision = await coordinator.post(`/api/meetings/${meeting.id}/decisions`, {
    text: '会议决定',
    tasks: [
      { unitId: unit.A, content: 'A 落实用地', deadline: '2026-11-20' },
      { unitId: unit.B, content: 'B 落实用地', deadline: '2026-11-20' },
    ],
  });
  expect(decision.statusCode, decision.body).toBe(201);
  for (const t of decision.json().tasks as { id: string; unitId: string }[])
    task[t.unitId === unit.A ? 'A' : 'B'] = t.id;

  // A month later a 补录 for B: recorded on 31 October, effective 20 May.
  world.clock.set('2026-10-31T18:00:00+08:00');
  await world.admin.login('admin', PASSWORD); // the month has ended every session
  for (const u of users) await u.client.login(u.username, PASSWORD);
  await recordFunds(coordinator, pb.id, '2026-05-20', 3 * YI);
  // The new project is kept up to date (an entry this week): not stale.
  const progress = await staffA.post(`/api/projects/${project.fresh}/progress`, {
    date: '2026-10-30',
    current: '已完成项目选址',
  });
  expect(progress.statusCode, progress.body).toBe(201);
});

afterAll(async () => world.close());

describe('unit home', () => {
  it("gives each unit's staff its own standing, equal to the dashboard's row for that unit", async () => {
    for (const [client, id] of [
      [staffA, unit.A],
      [staffB, unit.B],
    ] as const) {
      const mine = await home(client);
      const { row, units, body } = await dashboardRow(id);
      expect(mine.unit.id).toBe(id);
      expect(row).toBeDefined();
      expect(mine.standing).toEqual(row);
      expect(mine.timeProgress).toBe(body.timeProgress);
      expect(mine.unitCount).toBe(units.length);
    }
    // By hand: A has 20 亿 of 60 亿, B 5 + 3 亿 of 30 亿.
    const a = await home(staffA);
    const b = await home(staffB);
    expect([a.standing.actual, a.standing.target]).toEqual([20 * YI, 60 * YI]);
    expect([b.standing.actual, b.standing.target]).toEqual([8 * YI, 30 * YI]);
    expect(a.standing.completion).toBeCloseTo(1 / 3, 10);
    expect(a.standing.rank).toBe(1);
    expect(b.standing.rank).toBe(2);
    expect(a.standing.light).toBe('red'); // 33% against 序时进度 10/12
  });

  it('reads the standing as of a date and as known on a date, as the dashboard does', async () => {
    for (const query of ['&asOf=2026-05-31', '&knownOn=2026-10-15', '&asOf=2026-06-30&knownOn=2026-10-15']) {
      const mine = await home(staffB, query);
      expect(mine.standing, query).toEqual((await dashboardRow(unit.B, query)).row);
    }
    // The 补录 recorded on 31 October is not known on 15 October.
    expect((await home(staffB, '&knownOn=2026-10-15')).standing.actual).toBe(5 * YI);
    expect((await home(staffB)).standing.actual).toBe(8 * YI);
    expect((await home(staffB, '&asOf=2026-05-10')).standing.actual).toBe(5 * YI);
  });

  it("lists the unit's own stale projects, open matters and open tasks only", async () => {
    const a = await home(staffA);
    expect(a.staleProjects.items.map((p: { id: string }) => p.id)).toEqual([project.pa]);
    expect(a.openMatters.items.map((m: { id: string }) => m.id)).toEqual([matter.A]);
    expect(a.openMatters.items[0].overdue).toBe(true);
    expect(a.openTasks.items.map((t: { id: string }) => t.id)).toEqual([task.A]);
    const b = await home(staffB);
    expect(b.staleProjects.items.map((p: { id: string }) => p.id)).toEqual([project.pb]);
    expect(b.openMatters.items.map((m: { id: string }) => m.id)).toEqual([matter.B]);
    expect(b.openTasks.items.map((t: { id: string }) => t.id)).toEqual([task.B]);
  });

  it('shows unit staff the full ranking only when the tenant allows it', async () => {
    const off = await home(staffA);
    expect(off.rankingShown).toBe(false);
    expect(off.ranking).toBeNull();
    expect(JSON.stringify(off)).not.toContain(unit.B); // nothing of the other units

    await setRanking(true);
    const on = await home(staffA);
    expect(on.rankingShown).toBe(true);
    expect(on.ranking).toEqual((await dashboardRow(unit.A)).units);
    await setRanking(false);
    expect((await home(staffA)).ranking).toBeNull();
  });

  it('lets the coordinator read any unit of the tenant, with its ranking', async () => {
    const b = await home(coordinator, `&unitId=${unit.B}`);
    expect(b.unit.id).toBe(unit.B);
    expect(b.standing).toEqual((await dashboardRow(unit.B)).row);
    expect(b.rankingShown).toBe(true);
    const none = await coordinator.get('/api/dashboard/unit');
    expect(none.statusCode).toBe(400); // a coordinator has no unit of their own
    expect(none.json().error.code).toBe('validation_failed');
  });

  it('refuses another unit, a viewer and the administrators by the policy', async () => {
    const other = await staffA.get(`/api/dashboard/unit?unitId=${unit.B}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('not_found');
    const seen = await viewer.get(`/api/dashboard/unit?unitId=${unit.A}`);
    expect(seen.statusCode).toBe(403);
    expect(seen.json().error.code).toBe('forbidden');
    expect((await world.admin.get(`/api/dashboard/unit?unitId=${unit.A}`)).statusCode).toBe(403);
    const configure = await staffA.put('/api/settings/unit-ranking', { showRanking: true, version: 0 });
    expect(configure.statusCode).toBe(403);
    expect((await staffA.get('/api/settings/unit-ranking')).json().showRanking).toBe(false);
  });
});
