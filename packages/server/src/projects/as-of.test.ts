import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, createWorld, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { buildProject, recordFunds, signProject } from '../test/library-fixtures.ts';
import { statsBySql, zeroRegions, zeroStages } from '../test/stats-sql.ts';

/**
 * A small district whose history is written by hand below; the library "as of"
 * three dates must equal the hand calculation and an independent SQL query.
 */
const YI = 10_000_000_000; // 1 亿元 in fen
let world: TestWorld;
let coordinator: TestClient;
const ids: Record<string, string> = {};

beforeAll(async () => {
  world = await createWorld('2026-06-30T10:00:00+08:00');
  const unitA = (await buildUnit(world.admin, { name: '经济信息委' })).id;
  const unitB = (await buildUnit(world.admin, { name: '经开区管委会', kind: 'zone' })).id;
  coordinator = (await buildUser(world, 'coordinator')).client;

  // P1: entered 01-05, negotiating 01-20, signed 02-10 at 5 亿; funds 02-20 1 亿 and 04-01 0.5 亿, the latter reversed.
  const p1 = await buildProject(coordinator, { name: 'P1', unitId: unitA, enteredOn: '2026-01-05' });
  await signProject(coordinator, p1, {
    negotiatingOn: '2026-01-20',
    signedOn: '2026-02-10',
    agreedInvestmentFen: 5 * YI,
  });
  await recordFunds(coordinator, p1.id, '2026-02-20', YI);
  const wrong = await recordFunds(coordinator, p1.id, '2026-04-01', YI / 2);
  await coordinator.post(`/api/ledger-entries/${wrong.id}/correction`, { reason: '重复登记' });
  // P2: entered 03-01 in negotiation at 0.8 亿 (0.5 亿 fixed assets) from Shanghai; signed 05-10 at 2 亿; funds 06-01 0.3 亿.
  const p2 = await buildProject(coordinator, {
    name: 'P2',
    unitId: unitB,
    stage: 'negotiating',
    enteredOn: '2026-03-01',
    agreedInvestmentFen: 0.8 * YI,
    fixedAssetFen: 0.5 * YI,
    originDivisionCode: '310115',
  });
  await signProject(coordinator, p2, {
    negotiatingOn: '2026-03-01',
    signedOn: '2026-05-10',
    agreedInvestmentFen: 2 * YI,
  });
  await recordFunds(coordinator, p2.id, '2026-06-01', 0.3 * YI, 'abroad');
  // P3: entered 05-01 from Foshan (珠三角), dropped 06-01.
  const p3 = await buildProject(coordinator, {
    name: 'P3',
    unitId: unitA,
    enteredOn: '2026-05-01',
    originDivisionCode: '440604',
  });
  await coordinator.post(`/api/projects/${p3.id}/stage`, {
    to: 'dropped',
    evidence: { date: '2026-06-01', reason: '投资方撤回' },
    version: p3.version,
  });
  // P4: entered 02-01; today its agreed investment is raised to 1.5 亿 by an edit.
  const p4 = await buildProject(coordinator, { name: 'P4', unitId: unitB, enteredOn: '2026-02-01' });
  await coordinator.put(`/api/projects/${p4.id}`, {
    name: 'P4',
    unitId: unitB,
    agreedInvestmentFen: 1.5 * YI,
    version: p4.version,
  });
  Object.assign(ids, { p1: p1.id, p2: p2.id, p3: p3.id, p4: p4.id });
});
afterAll(async () => world?.close());

const zeroSources = { outside_city_in_province: 0, outside_province: 0, abroad: 0, inside_city: 0 };
const byHand = {
  '2026-02-15': {
    projects: 2,
    byStage: { ...zeroStages, signed: 1, planning: 1 },
    agreedInvestmentWan: 50_000,
    fixedAssetWan: 0,
    fundsInPlaceWan: 0,
    fundsOutsideCityWan: 0,
    fundsBySource: zeroSources,
    over100mProjects: 1,
    byRegion: { ...zeroRegions, other: 2 },
  },
  '2026-04-15': {
    projects: 3,
    byStage: { ...zeroStages, signed: 1, negotiating: 1, planning: 1 },
    agreedInvestmentWan: 58_000,
    fixedAssetWan: 5_000,
    fundsInPlaceWan: 10_000,
    fundsOutsideCityWan: 10_000,
    fundsBySource: { ...zeroSources, outside_province: 10_000 },
    over100mProjects: 1,
    byRegion: { ...zeroRegions, yrd: 1, other: 2 },
  },
  '2026-06-30': {
    projects: 4,
    byStage: { ...zeroStages, signed: 2, dropped: 1, planning: 1 },
    agreedInvestmentWan: 85_000,
    fixedAssetWan: 5_000,
    fundsInPlaceWan: 13_000,
    fundsOutsideCityWan: 13_000,
    fundsBySource: { ...zeroSources, outside_province: 10_000, abroad: 3_000 },
    over100mProjects: 3,
    byRegion: { ...zeroRegions, yrd: 1, prd: 1, other: 2 },
  },
};

describe('the library as of a date', () => {
  for (const [asOf, expected] of Object.entries(byHand)) {
    it(`equals the hand calculation and an independent query on ${asOf}`, async () => {
      // indicators (本月/同比, 口径…) are checked by hand in dashboard/indicators.test.ts.
      const { target, indicators, ...stats } = (await coordinator.get(`/api/stats?asOf=${asOf}`)).json();
      expect(target).toBeNull(); // no target plan in this district
      expect(indicators).toBeTypeOf('object');
      expect(stats).toEqual({ asOf, knownOn: null, ...expected });
      expect(await statsBySql(world.database.db, asOf)).toEqual(expected);
    });
  }

  it('lists the projects as they stood', async () => {
    const feb = (await coordinator.get('/api/projects?asOf=2026-02-15&sort=name&order=asc')).json();
    expect(
      feb.items.map((p: { name: string; stage: string; fundsInPlaceFen: number }) => [
        p.name,
        p.stage,
        p.fundsInPlaceFen,
      ]),
    ).toEqual([
      ['P1', 'signed', 0],
      ['P4', 'planning', 0],
    ]);
    const over = (await coordinator.get('/api/projects?asOf=2026-04-15&over100m=true')).json();
    expect(over.items.map((p: { name: string }) => p.name)).toEqual(['P1']);
    const june = (await coordinator.get('/api/projects?fundedFrom=2026-06-01&fundedTo=2026-06-30')).json();
    expect(june.items.map((p: { name: string }) => p.name)).toEqual(['P2']);
    const now = (await coordinator.get('/api/projects?stage=signed&sort=fundsInPlace&order=desc')).json();
    expect(
      now.items.map((p: { name: string; fundsInPlaceFen: number }) => [p.name, p.fundsInPlaceFen]),
    ).toEqual([
      ['P1', YI],
      ['P2', 0.3 * YI],
    ]);
  });

  it('shows one project as it stood, with only the entries up to that date', async () => {
    const april = (await coordinator.get(`/api/projects/${ids.p1}?asOf=2026-04-15`)).json();
    expect(april.project).toMatchObject({
      stage: 'signed',
      agreedInvestmentFen: 5 * YI,
      fundsInPlaceFen: YI,
    });
    expect(april.entries.every((e: { effectiveOn: string }) => e.effectiveOn <= '2026-04-15')).toBe(true);
    const jan = (await coordinator.get(`/api/projects/${ids.p1}?asOf=2026-01-10`)).json();
    expect(jan.project).toMatchObject({ stage: 'planning', agreedInvestmentFen: 0, fundsInPlaceFen: 0 });
    expect((await coordinator.get(`/api/projects/${ids.p2}?asOf=2026-02-01`)).statusCode).toBe(404);
  });

  it('marks projects without an entry for 7 days as stale', async () => {
    const stale = (await coordinator.get('/api/projects?stale=true&sort=name&order=asc')).json();
    // P1's last entry is 04-01 (the reversal is dated like the entry it reverses); P2's 06-01; P3 is dropped; P4 was edited today.
    expect(stale.items.map((p: { name: string }) => p.name)).toEqual(['P1', 'P2']);
  });
});
