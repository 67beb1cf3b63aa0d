import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, createWorld, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { creditCode } from '../test/ledger-files.ts';
import {
  buildEnterprise,
  buildProject,
  recordFunds,
  signProject,
  type BuiltProject,
} from '../test/library-fixtures.ts';

/**
 * 多头报送 across units: one investor on projects of two units. Unmarked, both projects are real and
 * count for their units; marked 重复报送, the duplicate counts nowhere and the kept report counts for
 * its unit — the tenant's total counts the investment once. Figures against hand arithmetic (亿元).
 */
const YI = 10_000_000_000;
let world: TestWorld;
let coordinator: TestClient;
let staff: TestClient;
const unit = { east: '', west: '' };
const project: Record<'east' | 'west' | 'other', BuiltProject> = {} as never;

async function dashboard(query = '') {
  const res = await coordinator.get(`/api/dashboard?year=2026&asOf=2026-10-31${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const unitActual = (d: { units: { unitId: string; actual: number }[] }, id: string) =>
  d.units.find((u) => u.unitId === id)?.actual;

beforeAll(async () => {
  world = await createWorld('2026-10-31T10:00:00+08:00');
  unit.east = (await buildUnit(world.admin, { name: '东区招商局' })).id;
  unit.west = (await buildUnit(world.admin, { name: '西区管委会' })).id;
  coordinator = (await buildUser(world, 'coordinator')).client;
  staff = (await buildUser(world, 'unit_staff', { unitId: unit.west })).client;
  const investor = await buildEnterprise(coordinator, {
    name: '华南精密制造有限公司',
    creditCode: creditCode(41, '440305'),
  });
  const other = await buildEnterprise(coordinator, {
    name: '另一投资方有限公司',
    creditCode: creditCode(42),
  });
  const build = async (name: string, unitId: string, enteredOn: string, enterpriseId: string) =>
    buildProject(coordinator, { name, unitId, enteredOn, enterpriseIds: [enterpriseId] });
  // The same investment, reported by the east first (February) and by the west (May), with
  // different funds; and another project of the west's.
  project.east = await build('精密制造基地（东区报）', unit.east, '2026-02-01', investor.id);
  project.west = await build('精密制造基地项目', unit.west, '2026-05-01', investor.id);
  project.other = await build('西区另一项目', unit.west, '2026-05-02', other.id);
  for (const [key, signedOn, fundsOn, yi] of [
    ['east', '2026-03-01', '2026-04-01', 2],
    ['west', '2026-06-01', '2026-07-01', 3],
    ['other', '2026-06-02', '2026-07-02', 1],
  ] as const) {
    project[key] = await signProject(coordinator, project[key], {
      negotiatingOn: signedOn,
      signedOn,
      agreedInvestmentFen: 10 * YI,
    });
    await recordFunds(coordinator, project[key].id, fundsOn, yi * YI);
  }
});
afterAll(async () => world?.close());

describe('the same investor reported by two units', () => {
  it('is listed by project name and unit; unmarked, both projects count for their units', async () => {
    const d = await dashboard();
    expect(d.sharedInvestors).toHaveLength(1);
    const shared = d.sharedInvestors[0];
    expect(shared).toMatchObject({ name: '华南精密制造有限公司', rule: 'first_reporter', duplicates: [] });
    expect(shared.projects).toEqual([
      expect.objectContaining({
        id: project.east.id,
        name: '精密制造基地（东区报）',
        unitName: '东区招商局',
      }),
      expect.objectContaining({ id: project.west.id, name: '精密制造基地项目', unitName: '西区管委会' }),
    ]);
    expect(shared.proposedKeptProjectId).toBe(project.east.id); // 首报单位: entered in February
    expect(d.kpi.actual).toBe(6 * YI);
    expect(unitActual(d, unit.east)).toBe(2 * YI);
    expect(unitActual(d, unit.west)).toBe(4 * YI);
    expect((await dashboard('&metric=projects_signed')).kpi.actual).toBe(3);
  });

  it('under 落地单位 proposes the one project past 签约; only the coordinator marks', async () => {
    const setting = (await coordinator.get('/api/settings/shared-investors')).json();
    expect(setting).toEqual({ rule: 'first_reporter', version: 0 });
    const saved = await coordinator.put('/api/settings/shared-investors', { rule: 'built_unit', version: 0 });
    expect(saved.statusCode, saved.body).toBe(200);
    const settled = await coordinator.post(`/api/projects/${project.west.id}/stage`, {
      to: 'settled',
      version: project.west.version,
      evidence: { date: '2026-08-01', registeredOn: '2026-07-20', localCreditCode: creditCode(43, '500101') },
    });
    expect(settled.statusCode, settled.body).toBe(200);
    expect((await dashboard()).sharedInvestors[0].proposedKeptProjectId).toBe(project.west.id);

    const byStaff = await staff.post('/api/shared-investors/duplicates', {
      projectId: project.east.id,
      keptProjectId: project.west.id,
    });
    expect(byStaff.statusCode).toBe(403);
    const otherInvestor = await coordinator.post('/api/shared-investors/duplicates', {
      projectId: project.other.id,
      keptProjectId: project.west.id,
    });
    expect(otherInvestor.statusCode).toBe(400);
    expect(otherInvestor.json().error.fields[0].message).toBe('两个项目的投资方不同，不是同一投资的重复报送');
  });

  it('marked 重复报送: the kept report counts for its unit, the total counts it once, as known from the mark', async () => {
    const beforeMark = new Date(world.clock.now().getTime() + 60_000).toISOString();
    world.clock.advance(5 * 60_000);
    const mark = await coordinator.post('/api/shared-investors/duplicates', {
      projectId: project.east.id,
      keptProjectId: project.west.id,
      reason: '同一项目，东区、西区重复报送',
    });
    expect(mark.statusCode, mark.body).toBe(201);
    expect(mark.json()).toMatchObject({ projectId: project.east.id, rule: 'built_unit' });
    const again = await coordinator.post('/api/shared-investors/duplicates', {
      projectId: project.east.id,
      keptProjectId: project.west.id,
    });
    expect(again.statusCode).toBe(409);
    const chain = await coordinator.post('/api/shared-investors/duplicates', {
      projectId: project.west.id,
      keptProjectId: project.east.id,
    });
    expect(chain.statusCode).toBe(400);

    const d = await dashboard();
    expect(d.kpi.actual).toBe(4 * YI); // west 3 + other 1: the east's 2 not again
    expect(unitActual(d, unit.east)).toBe(0);
    expect(unitActual(d, unit.west)).toBe(4 * YI);
    expect((await dashboard('&metric=projects_signed')).kpi.actual).toBe(2);
    expect((await dashboard('&metric=agreed_investment')).kpi.actual).toBe(20 * YI);
    expect(d.sharedInvestors[0].projects[0]).toMatchObject({
      id: project.east.id,
      duplicateOf: project.west.id,
    });
    const stats = (await coordinator.get('/api/stats?asOf=2026-10-31')).json();
    expect(stats).toMatchObject({ projects: 2, fundsInPlaceWan: 40000 });
    // The library still lists the marked report, tagged, so its unit finds it; the 推进台账 (a figure) does not.
    const listed = (await coordinator.get('/api/projects?pageSize=100')).json();
    const flags = Object.fromEntries(
      listed.items.map((i: { id: string; duplicate: boolean }) => [i.id, i.duplicate]),
    );
    expect(flags[project.east.id]).toBe(true);
    expect(flags[project.west.id]).toBe(false);
    const asOfList = (await coordinator.get('/api/projects?pageSize=100&asOf=2026-10-31')).json();
    expect(asOfList.items.find((i: { id: string }) => i.id === project.east.id)).toMatchObject({
      duplicate: true,
    });

    // As known before the mark, the figures are those of then.
    const then = await dashboard(`&knownOn=${encodeURIComponent(beforeMark)}`);
    expect(then.kpi.actual).toBe(6 * YI);
    expect(unitActual(then, unit.east)).toBe(2 * YI);

    // Undone: both count again.
    world.clock.advance(5 * 60_000);
    const undo = await coordinator.post(`/api/shared-investors/duplicates/${mark.json().id}/undo`, {
      reason: '核实为两期不同投资',
    });
    expect(undo.statusCode, undo.body).toBe(200);
    expect((await dashboard()).kpi.actual).toBe(6 * YI);
    const relisted = (await coordinator.get('/api/projects?pageSize=100')).json();
    expect(relisted.items.find((i: { id: string }) => i.id === project.east.id)).toMatchObject({
      duplicate: false,
    });
    const twice = await coordinator.post(`/api/shared-investors/duplicates/${mark.json().id}/undo`, {
      reason: '再次撤销',
    });
    expect(twice.statusCode).toBe(409);
  });
});
