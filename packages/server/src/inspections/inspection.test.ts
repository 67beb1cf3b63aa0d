import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, createWorld, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { buildProject } from '../test/library-fixtures.ts';

/**
 * 督促检查: the coordination group schedules inspections of units, records findings and a score,
 * asks for rectification; the scores and the weekly ledger's punctuality feed the unit ranking.
 */
let world: TestWorld;
let coordinator: TestClient;
let staffA: TestClient;
let staffB: TestClient;
const unit = { A: '', B: '' };

beforeAll(async () => {
  world = await createWorld('2026-03-30T09:00:00+08:00');
  unit.A = (await buildUnit(world.admin, { name: '经开区管委会', kind: 'zone' })).id;
  unit.B = (await buildUnit(world.admin, { name: '天城镇', kind: 'town' })).id;
  coordinator = (await buildUser(world, 'coordinator')).client;
  staffA = (await buildUser(world, 'unit_staff', { unitId: unit.A })).client;
  staffB = (await buildUser(world, 'unit_staff', { unitId: unit.B })).client;
});
afterAll(async () => world?.close());

async function schedule(unitId: string, scheduledOn: string, topic = '项目台账更新情况') {
  const res = await coordinator.post('/api/inspections', { unitId, scheduledOn, topic });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('inspections', () => {
  it('are scheduled and scored by the coordination group; the unit reports its rectification', async () => {
    expect(
      (await staffA.post('/api/inspections', { unitId: unit.A, scheduledOn: '2026-03-25', topic: 'x' }))
        .statusCode,
    ).toBe(403);
    const first = await schedule(unit.A, '2026-03-25');
    expect(first).toMatchObject({ status: 'scheduled', unitName: '经开区管委会', score: null });
    const tooHigh = await coordinator.post(`/api/inspections/${first.id}/result`, {
      inspectedOn: '2026-03-26',
      findings: 'x',
      score: 101,
      version: first.version,
    });
    expect(tooHigh.statusCode).toBe(400);
    expect(tooHigh.json().error.fields[0].path).toEqual(['score']);
    const future = await coordinator.post(`/api/inspections/${first.id}/result`, {
      inspectedOn: '2026-04-26',
      findings: 'x',
      score: 90,
      version: first.version,
    });
    expect(future.statusCode).toBe(400);
    const done = await coordinator.post(`/api/inspections/${first.id}/result`, {
      inspectedOn: '2026-03-26',
      findings: '台账更新基本及时，个别项目进展描述过简',
      score: 90,
      rectification: { requirement: '补充项目进展细节', dueOn: '2026-04-10' },
      version: first.version,
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'done',
      score: 90,
      rectification: { status: 'pending', dueOn: '2026-04-10', overdue: false },
    });
    const twice = await coordinator.post(`/api/inspections/${first.id}/result`, {
      inspectedOn: '2026-03-26',
      findings: 'x',
      score: 10,
      version: done.json().version,
    });
    expect(twice.statusCode).toBe(409);

    // The inspected unit sees it in its bell and reports the rectification; another unit cannot.
    expect((await staffA.get('/api/notifications')).json().items).toContainEqual(
      expect.objectContaining({ kind: 'rectification', link: { type: 'inspection', id: first.id } }),
    );
    expect((await staffB.get(`/api/inspections/${first.id}`)).statusCode).toBe(404);
    expect(
      (
        await staffB.post(`/api/inspections/${first.id}/rectification`, {
          report: 'x',
          version: done.json().version,
        })
      ).statusCode,
    ).toBe(404);
    const rectified = await staffA.post(`/api/inspections/${first.id}/rectification`, {
      report: '已补充全部项目进展',
      version: done.json().version,
    });
    expect(rectified.statusCode, rectified.body).toBe(200);
    expect(rectified.json().rectification).toMatchObject({ status: 'done', rectifiedOn: '2026-03-30' });
    expect((await staffA.get('/api/inspections')).json().total).toBe(1);
    expect((await staffB.get('/api/inspections')).json().total).toBe(0);

    const second = await schedule(unit.A, '2026-03-27', '协调事项办理情况');
    await coordinator.post(`/api/inspections/${second.id}/result`, {
      inspectedOn: '2026-03-27',
      findings: '办理及时',
      score: 85,
      version: second.version,
    });
  });

  it('feed the unit ranking with their mean score and the weekly ledger’s punctuality', async () => {
    // A project of unit A entered on Monday 2 March, with entries on 10 and 24 March: of the four
    // weeks ending 8, 15, 22 and 29 March it was updated in three.
    const p = await buildProject(staffA, { name: '某装备制造项目', enteredOn: '2026-03-02' });
    for (const date of ['2026-03-10', '2026-03-24']) {
      const res = await staffA.post(`/api/projects/${p.id}/progress`, { date, current: '推进中' });
      expect(res.statusCode, res.body).toBe(201);
    }
    const dashboard = (await coordinator.get('/api/dashboard?year=2026&asOf=2026-03-29')).json();
    const a = dashboard.units.find((u: { unitId: string }) => u.unitId === unit.A);
    const b = dashboard.units.find((u: { unitId: string }) => u.unitId === unit.B);
    expect(a).toMatchObject({
      inspectionScore: 87.5,
      punctuality: 0.75,
      punctualityWeeks: { onTime: 3, counted: 4 },
    });
    expect(b).toMatchObject({
      inspectionScore: null,
      punctuality: null,
      punctualityWeeks: { onTime: 0, counted: 0 },
    });
    // As of 26 March: one score, and of the weeks ending 8, 15 and 22 March two on time.
    const earlier = (await coordinator.get('/api/dashboard?year=2026&asOf=2026-03-26')).json();
    expect(earlier.units.find((u: { unitId: string }) => u.unitId === unit.A)).toMatchObject({
      inspectionScore: 90,
      punctuality: 2 / 3,
      punctualityWeeks: { onTime: 2, counted: 3 },
    });
  });
});
