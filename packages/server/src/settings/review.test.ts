import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, createWorld, PASSWORD, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { buildLead, buildProject } from '../test/library-fixtures.ts';

/**
 * 报送审核: with the tenant's switch on, what unit staff add waits for the coordination group
 * before it counts in the library, stats, dashboard and briefs; refusals go back with a reason.
 */
let world: TestWorld;
let coordinator: TestClient;
let staffA: TestClient;
let staffB: TestClient;
const accounts: { client: TestClient; username: string }[] = [];
const unit = { A: '', B: '' };

async function at(instant: string) {
  world.clock.set(instant);
  for (const a of accounts) await a.client.login(a.username, PASSWORD);
}
async function account(role: 'coordinator' | 'unit_staff', unitId?: string) {
  const user = await buildUser(world, role, unitId ? { unitId } : {});
  accounts.push(user);
  return user.client;
}
const libraryIds = async () =>
  ((await coordinator.get('/api/projects?pageSize=100')).json().items as { id: string }[]).map((p) => p.id);

beforeAll(async () => {
  world = await createWorld('2026-03-02T09:00:00+08:00');
  unit.A = (await buildUnit(world.admin, { name: '区商务委' })).id;
  unit.B = (await buildUnit(world.admin, { name: '分水镇', kind: 'town' })).id;
  coordinator = await account('coordinator');
  staffA = await account('unit_staff', unit.A);
  staffB = await account('unit_staff', unit.B);
});
afterAll(async () => world?.close());

describe('review of unit submissions', () => {
  it('is off by default and switched on by the coordination group', async () => {
    expect((await staffA.get('/api/review/settings')).json()).toEqual({ unitSubmissions: false, version: 0 });
    const before = await buildProject(staffA, { name: '审核开启前的项目' });
    expect(before).toMatchObject({ reviewStatus: 'approved' });
    expect((await staffA.put('/api/review/settings', { unitSubmissions: true, version: 0 })).statusCode).toBe(
      403,
    );
    const on = await coordinator.put('/api/review/settings', { unitSubmissions: true, version: 0 });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json()).toEqual({ unitSubmissions: true, version: 1 });
    const stale = await coordinator.put('/api/review/settings', { unitSubmissions: false, version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current).toEqual({ unitSubmissions: true, version: 1 });
  });

  it('keeps a unit’s project out of the library until approved, and returns refusals with the reason', async () => {
    const statsBefore = (await coordinator.get('/api/stats')).json().projects;
    const p = await buildProject(staffA, { name: '待审核的项目' });
    expect(p).toMatchObject({ reviewStatus: 'pending' });
    // The coordinator's own entries need no review.
    const own = await buildProject(coordinator, { name: '综合协调组录入', unitId: unit.B });
    expect(own).toMatchObject({ reviewStatus: 'approved' });
    expect(await libraryIds()).not.toContain(p.id);
    expect((await coordinator.get('/api/stats')).json().projects).toBe(statsBefore + 1);
    const queue = (await coordinator.get('/api/review/submissions')).json();
    expect(queue.projects.map((x: { id: string }) => x.id)).toEqual([p.id]);
    expect((await coordinator.get('/api/notifications')).json().items).toContainEqual(
      expect.objectContaining({ kind: 'review', link: { type: 'project', id: p.id } }),
    );
    expect((await staffA.get('/api/review/submissions')).json().projects).toHaveLength(1);
    expect((await staffB.get('/api/review/submissions')).json().projects).toHaveLength(0);

    expect((await staffA.post(`/api/projects/${p.id}/review`, { decision: 'approve' })).statusCode).toBe(403);
    const noReason = await coordinator.post(`/api/projects/${p.id}/review`, { decision: 'refuse' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0]).toMatchObject({ path: ['reason'], message: '请说明退回原因' });
    const refused = await coordinator.post(`/api/projects/${p.id}/review`, {
      decision: 'refuse',
      reason: '缺少投资协议草案',
    });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json()).toMatchObject({ reviewStatus: 'refused', reviewReason: '缺少投资协议草案' });
    expect((await staffA.get('/api/notifications')).json().items).toContainEqual(
      expect.objectContaining({
        kind: 'review_refused',
        title: '项目报送被退回：待审核的项目（缺少投资协议草案）',
        link: { type: 'project', id: p.id },
      }),
    );
    expect((await staffA.get('/api/review/submissions?status=refused')).json().projects).toHaveLength(1);

    // Edited, it goes back for review; approved, it counts.
    const edited = await staffA.put(`/api/projects/${p.id}`, {
      name: '待审核的项目（补充材料）',
      version: refused.json().version,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().reviewStatus).toBe('pending');
    const approved = await coordinator.post(`/api/projects/${p.id}/review`, { decision: 'approve' });
    expect(approved.json()).toMatchObject({ reviewStatus: 'approved', reviewReason: '' });
    expect(await libraryIds()).toContain(p.id);
    expect((await coordinator.get('/api/stats')).json().projects).toBe(statsBefore + 2);
    expect((await coordinator.post(`/api/projects/${p.id}/review`, { decision: 'approve' })).statusCode).toBe(
      409,
    );
    const audit = await world.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('record_id', '=', p.id)
      .where('action', '=', 'review.decide')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('keeps a unit’s lead out of the information library until approved', async () => {
    const lead = await buildLead(staffB, { title: '待审核的线索' });
    expect(lead).toMatchObject({ status: 'reported', reviewStatus: 'pending' });
    const listed = (await coordinator.get('/api/leads')).json().items.map((l: { id: string }) => l.id);
    expect(listed).not.toContain(lead.id);
    expect((await staffB.post(`/api/leads/${lead.id}/convert`, { name: '转化' })).statusCode).toBe(409);
    const approved = await coordinator.post(`/api/leads/${lead.id}/review`, { decision: 'approve' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await coordinator.get('/api/leads')).json().items.map((l: { id: string }) => l.id)).toContain(
      lead.id,
    );
  });

  it('counts a submission in briefs from the day it was approved', async () => {
    const p = await buildProject(staffA, { name: '周三批准的项目', enteredOn: '2026-03-02' });
    await at('2026-03-04T10:00:00+08:00');
    expect((await coordinator.post(`/api/projects/${p.id}/review`, { decision: 'approve' })).statusCode).toBe(
      200,
    );
    const linesOn = async (date: string) =>
      (await coordinator.get(`/api/briefs?kind=weekly&date=${date}`))
        .json()
        .sections.find((s: { key: string }) => s.key === 'newLeadsAndProjects')
        .lines.map((l: { id: string }) => l.id);
    expect(await linesOn('2026-03-03')).not.toContain(p.id);
    expect(await linesOn('2026-03-04')).toContain(p.id);
  });
  it('pages the queue through any number of submissions, oldest first, with the totals', async () => {
    const names = ['分页报送一', '分页报送二', '分页报送三', '分页报送四', '分页报送五'];
    const ids: string[] = [];
    for (const name of names) ids.push((await buildProject(staffB, { name })).id);
    const all = (await coordinator.get('/api/review/submissions?pageSize=200')).json();
    const queued = all.projects.map((x: { id: string }) => x.id);
    expect(all.projectsTotal).toBe(queued.length);
    expect(queued).toEqual(expect.arrayContaining(ids));
    // Pages of 2: every submission once, in the same order, the totals on every page.
    const paged: string[] = [];
    for (let page = 1; page <= Math.ceil(all.projectsTotal / 2); page += 1) {
      const res = (await coordinator.get(`/api/review/submissions?pageSize=2&page=${page}`)).json();
      expect(res).toMatchObject({
        page,
        pageSize: 2,
        projectsTotal: all.projectsTotal,
        leadsTotal: all.leadsTotal,
      });
      paged.push(...res.projects.map((x: { id: string }) => x.id));
    }
    expect(paged).toEqual(queued);
    // A unit pages its own (the test clock stands still: same instant, then by id); past the end is empty,
    // a page size over 200 a 400.
    const own: string[] = [];
    for (const page of [1, 2, 3]) {
      const res = (await staffB.get(`/api/review/submissions?pageSize=2&page=${page}`)).json();
      expect(res.projectsTotal).toBe(5);
      own.push(...res.projects.map((x: { id: string }) => x.id));
    }
    expect([...own].sort()).toEqual([...ids].sort());
    expect((await coordinator.get('/api/review/submissions?page=999')).json().projects).toEqual([]);
    expect((await coordinator.get('/api/review/submissions?pageSize=201')).statusCode).toBe(400);
  });
});
