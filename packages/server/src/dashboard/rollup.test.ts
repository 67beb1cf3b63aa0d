import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { fakeClock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../test/database.ts';
import { TestClient } from '../test/client.ts';
import { buildSetup, buildUser, PASSWORD } from '../test/fixtures.ts';
import { buildProject, recordFunds, signProject } from '../test/library-fixtures.ts';

/** A city (重庆市) with two districts, each with its own target: the viewer's roll-up and district ranking. */
const YI = 10_000_000_000;
let database: Database;
let app: FastifyInstance;
let viewer: TestClient;
const district: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database, clock: fakeClock('2026-06-30T12:00:00+08:00') });
  const admin = new TestClient(app);
  const root = (
    await admin.post('/api/setup', buildSetup({ tenantName: '重庆市', divisionCode: '500000' }))
  ).json().tenantId;
  await admin.login('admin', PASSWORD);
  for (const [name, code, target, funds] of [
    ['万州区', '500101', 40, 30],
    ['涪陵区', '500102', 60, 12],
  ] as const) {
    const tenantId = (await admin.post('/api/tenants', { parentId: root, name, divisionCode: code })).json()
      .id;
    district[name] = tenantId;
    const unitId = (
      await admin.post('/api/units', { tenantId, name: `${name}经信委`, kind: 'department' })
    ).json().id;
    const coordinator = (await buildUser({ app, admin }, 'coordinator', { tenantId })).client;
    const plan = (
      await coordinator.post('/api/targets', { year: 2026, metric: 'funds_in_place', total: target * YI })
    ).json();
    const draft = (
      await coordinator.put(`/api/targets/${plan.id}/draft`, {
        total: target * YI,
        groups: [],
        units: [{ unitId, groupId: null, amount: target * YI }],
        version: plan.version,
      })
    ).json();
    expect(
      (await coordinator.post(`/api/targets/${plan.id}/finalize`, { version: draft.version })).statusCode,
    ).toBe(200);
    const p = await buildProject(coordinator, { unitId, enteredOn: '2026-01-05' });
    await signProject(coordinator, p, {
      negotiatingOn: '2026-01-10',
      signedOn: '2026-02-01',
      agreedInvestmentFen: 100 * YI,
    });
    await recordFunds(coordinator, p.id, '2026-03-01', funds * YI);
  }
  viewer = (await buildUser({ app, admin }, 'viewer')).client;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('a city viewer', () => {
  it('sees the districts rolled up and ranked, against the sum of their targets', async () => {
    const d = (await viewer.get('/api/dashboard?year=2026&asOf=2026-06-30')).json();
    expect(d.tenant.level).toBe('province');
    expect(d.kpi).toMatchObject({ target: 100 * YI, actual: 42 * YI, completion: 0.42 });
    expect(
      d.districts.map((x: { name: string; completion: number; rank: number }) => [
        x.name,
        x.completion,
        x.rank,
      ]),
    ).toEqual([
      ['万州区', 0.75, 1],
      ['涪陵区', 0.2, 2],
    ]);
    expect(d.monthly.at(-1).targetLine).toBe(50 * YI);
    const one = (
      await viewer.get(`/api/dashboard?year=2026&asOf=2026-06-30&tenantId=${district['涪陵区']}`)
    ).json();
    expect(one.kpi).toMatchObject({ target: 60 * YI, actual: 12 * YI });
    expect(
      (await viewer.post('/api/targets', { year: 2027, metric: 'funds_in_place', total: 1 })).statusCode,
    ).toBe(403);
  });
});
