import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, createWorld, PASSWORD, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { buildProject } from '../test/library-fixtures.ts';

/**
 * 协调事项 through the API: raised by a unit on its project, acted on by another unit, escalated
 * unit → coordination group → joint meeting through the policy, overdue by the (fake) clock.
 */
let world: TestWorld;
let coordinator: TestClient;
let leader: TestClient;
let staffA: TestClient;
let staffB: TestClient;
let staffC: TestClient;
const unit = { A: '', B: '', C: '' };
let projectA: string;
const accounts: { client: TestClient; username: string }[] = [];

/** Moves the fake clock and signs everyone in again (sessions expire after 30 idle minutes). */
async function at(instant: string) {
  world.clock.set(instant);
  for (const a of accounts) await a.client.login(a.username, PASSWORD);
}
async function account(role: 'coordinator' | 'leader' | 'unit_staff', unitId?: string) {
  const user = await buildUser(world, role, unitId ? { unitId } : {});
  accounts.push(user);
  return user.client;
}

beforeAll(async () => {
  world = await createWorld('2026-03-02T09:00:00+08:00');
  unit.A = (await buildUnit(world.admin, { name: '经开区管委会', kind: 'zone' })).id;
  unit.B = (await buildUnit(world.admin, { name: '区规划自然资源局' })).id;
  unit.C = (await buildUnit(world.admin, { name: '龙都街道', kind: 'town' })).id;
  coordinator = await account('coordinator');
  leader = await account('leader');
  staffA = await account('unit_staff', unit.A);
  staffB = await account('unit_staff', unit.B);
  staffC = await account('unit_staff', unit.C);
  projectA = (await buildProject(staffA, { name: '某新材料生产基地项目' })).id;
});
afterAll(async () => world?.close());

async function raise(client: TestClient, overrides: Record<string, unknown> = {}) {
  const res = await client.post('/api/matters', {
    projectId: projectA,
    ownerUnitId: unit.B,
    title: '项目用地规划调整',
    description: '项目用地涉及规划调整，需规划局出具意见',
    blockerKind: 'land',
    blocksStage: 'settled',
    deadline: '2026-03-09',
    ...overrides,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('matters', () => {
  it('are raised by a unit on its project, and reach the unit that must act', async () => {
    const m = await raise(staffA);
    expect(m).toMatchObject({
      projectId: projectA,
      projectName: '某新材料生产基地项目',
      unitId: unit.A,
      ownerUnitId: unit.B,
      ownerUnitName: '区规划自然资源局',
      level: 'unit',
      status: 'open',
      deadline: '2026-03-09',
      raisedOn: '2026-03-02',
      overdue: false,
    });
    // The unit that must act sees it and replies in the thread; an unrelated unit does not see it.
    const reply = await staffB.post(`/api/matters/${m.id}/updates`, { body: '已受理，正在研究' });
    expect(reply.statusCode, reply.body).toBe(201);
    expect((await staffC.get(`/api/matters/${m.id}`)).statusCode).toBe(404);
    expect((await staffC.post(`/api/matters/${m.id}/updates`, { body: 'x' })).statusCode).toBe(404);
    const listB = (await staffB.get('/api/matters')).json();
    expect(listB.items.map((i: { id: string }) => i.id)).toContain(m.id);
    expect((await staffC.get('/api/matters')).json().total).toBe(0);
    const detail = (await staffA.get(`/api/matters/${m.id}`)).json();
    expect(detail.events.map((e: { kind: string }) => e.kind)).toEqual(['raised', 'update']);
    expect(detail.events[1]).toMatchObject({ body: '已受理，正在研究' });
  });

  it('cannot be raised on another unit’s project, nor by a leader', async () => {
    const other = await staffC.post('/api/matters', {
      projectId: projectA,
      title: 'x',
      blockerKind: 'power',
      deadline: '2026-03-20',
    });
    expect(other.statusCode).toBe(404);
    const byLeader = await leader.post('/api/matters', {
      projectId: projectA,
      title: 'x',
      blockerKind: 'power',
      deadline: '2026-03-20',
    });
    expect(byLeader.statusCode).toBe(403);
    expect(byLeader.json().error.code).toBe('forbidden');
    const badDate = await staffA.post('/api/matters', {
      title: '供电线路迁改',
      blockerKind: 'power',
      deadline: '2026-02-01',
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.fields[0]).toMatchObject({
      path: ['deadline'],
      message: '办理时限不能早于提出日期',
    });
    const raisedOnUnit = await raise(staffC, {
      projectId: null,
      ownerUnitId: undefined,
      blockerKind: 'road',
    });
    expect(raisedOnUnit).toMatchObject({ projectId: null, unitId: unit.C, ownerUnitId: unit.C });
  });

  it('escalate one level at a time; unit staff not past the coordination group', async () => {
    const m = await raise(staffA, { title: '环评批复滞后', blockerKind: 'environment' });
    // Unit staff of the owner unit may take it to the coordination group.
    const up1 = await staffB.post(`/api/matters/${m.id}/escalate`, {
      reason: '需多部门协调',
      version: m.version,
    });
    expect(up1.statusCode, up1.body).toBe(200);
    expect(up1.json().level).toBe('coordination');
    // Not to the joint meeting: neither the unit that raised it nor the one acting.
    for (const staff of [staffA, staffB]) {
      const past = await staff.post(`/api/matters/${m.id}/escalate`, {
        reason: '重大问题',
        version: up1.json().version,
      });
      expect(past.statusCode).toBe(403);
      expect(past.json().error.code).toBe('forbidden');
    }
    // An unrelated unit does not even see it.
    const unrelated = await staffC.post(`/api/matters/${m.id}/escalate`, {
      reason: 'x',
      version: up1.json().version,
    });
    expect(unrelated.statusCode).toBe(403);
    // A stale version is refused with the current matter.
    const stale = await coordinator.post(`/api/matters/${m.id}/escalate`, {
      reason: '重大问题',
      version: m.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'stale_version',
      details: { current: { level: 'coordination' } },
    });
    const up2 = await coordinator.post(`/api/matters/${m.id}/escalate`, {
      reason: '涉及规划调整，报请联席会议研究',
      version: up1.json().version,
    });
    expect(up2.statusCode, up2.body).toBe(200);
    expect(up2.json().level).toBe('joint');
    const top = await coordinator.post(`/api/matters/${m.id}/escalate`, {
      reason: 'x',
      version: up2.json().version,
    });
    expect(top.statusCode).toBe(409);
    expect(top.json().error.code).toBe('conflict');

    const detail = (await coordinator.get(`/api/matters/${m.id}`)).json();
    const escalations = detail.events.filter((e: { kind: string }) => e.kind === 'escalated');
    expect(escalations).toMatchObject([
      { levelTo: 'coordination', body: '需多部门协调', payload: { from: 'unit' } },
      { levelTo: 'joint', body: '涉及规划调整，报请联席会议研究', payload: { from: 'coordination' } },
    ]);
    expect(escalations[0].actorName).toMatch(/^u_unit_staff_/);
    expect(escalations[1].actorName).toMatch(/^u_coordinator_/);
    // Leaders see what awaits their decision.
    const bell = (await leader.get('/api/notifications')).json();
    expect(bell.items).toContainEqual(
      expect.objectContaining({ kind: 'matter_for_decision', link: { type: 'matter', id: m.id } }),
    );
    // Each escalation and the denials are in the audit log.
    const audit = await world.database.db
      .selectFrom('audit_log')
      .select(['action', 'outcome'])
      .where('record_id', '=', m.id)
      .execute();
    expect(audit.filter((a) => a.outcome === 'ok').map((a) => a.action)).toEqual(
      expect.arrayContaining(['matter.create', 'matter.escalate', 'matter.escalateToJoint']),
    );
    expect(audit.filter((a) => a.outcome === 'denied').map((a) => a.action)).toContain(
      'matter.escalateToJoint',
    );
  });

  it('keep their history append-only', async () => {
    await expect(sql`update matter_event set body = 'x'`.execute(world.database.db)).rejects.toThrow(
      /never changed/,
    );
    await expect(sql`delete from matter_event`.execute(world.database.db)).rejects.toThrow(/never changed/);
  });

  it('turn overdue the day after their deadline and remind their owner', async () => {
    await at('2026-03-02T09:00:00+08:00');
    const m = await raise(staffA, { title: '施工用电接入', blockerKind: 'power', deadline: '2026-03-09' });
    const early = await coordinator.post(`/api/matters/${m.id}/remind`, { note: '请抓紧' });
    expect(early.statusCode).toBe(409);

    await at('2026-03-09T23:59:00+08:00');
    expect((await staffB.get(`/api/matters/${m.id}`)).json()).toMatchObject({
      overdue: false,
      daysOverdue: 0,
    });
    await at('2026-03-10T00:01:00+08:00');
    expect((await staffB.get(`/api/matters/${m.id}`)).json()).toMatchObject({
      overdue: true,
      daysOverdue: 1,
    });
    const overdueList = (await coordinator.get('/api/matters?overdue=true')).json();
    expect(overdueList.items.map((i: { id: string }) => i.id)).toContain(m.id);
    const notOverdue = (await coordinator.get('/api/matters?overdue=false')).json();
    expect(notOverdue.items.map((i: { id: string }) => i.id)).not.toContain(m.id);

    // The owner's bell shows it first, as overdue.
    let bell = (await staffB.get('/api/notifications')).json();
    expect(bell.items[0]).toMatchObject({ kind: 'matter', overdue: true, dueOn: '2026-03-09' });
    expect(bell.count).toBe(bell.items.length);

    // Only the coordinator issues a reminder (催办单); it goes to the unit that must act.
    expect((await staffA.post(`/api/matters/${m.id}/remind`, { note: 'x' })).statusCode).toBe(403);
    const reminder = await coordinator.post(`/api/matters/${m.id}/remind`, { note: '请于三日内办结' });
    expect(reminder.statusCode, reminder.body).toBe(201);
    expect(reminder.json()).toMatchObject({
      unitId: unit.B,
      deadline: '2026-03-09',
      daysOverdue: 1,
      issuedOn: '2026-03-10',
    });
    bell = (await staffB.get('/api/notifications')).json();
    expect(bell.items).toContainEqual(
      expect.objectContaining({ kind: 'reminder', link: { type: 'matter', id: m.id } }),
    );
    expect((await staffB.get(`/api/matters/${m.id}`)).json().reminders).toHaveLength(1);
    await expect(sql`delete from reminder`.execute(world.database.db)).rejects.toThrow(/never changed/);

    // Re-assigned by the coordination group to another unit with a new deadline: no longer overdue.
    const current = (await coordinator.get(`/api/matters/${m.id}`)).json();
    expect(
      (
        await staffA.post(`/api/matters/${m.id}/assign`, {
          ownerUnitId: unit.C,
          deadline: '2026-03-20',
          version: current.version,
        })
      ).statusCode,
    ).toBe(403);
    const assigned = await coordinator.post(`/api/matters/${m.id}/assign`, {
      ownerUnitId: unit.C,
      deadline: '2026-03-20',
      reason: '属地协调',
      version: current.version,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({ ownerUnitId: unit.C, deadline: '2026-03-20', overdue: false });
    expect((await staffC.get(`/api/matters/${m.id}`)).statusCode).toBe(200);

    // Resolved with a result by the unit acting; then closed to further changes.
    const resolved = await staffC.post(`/api/matters/${m.id}/resolve`, {
      result: '已完成临时用电接入',
      version: assigned.json().version,
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({
      status: 'resolved',
      outcome: '已完成临时用电接入',
      overdue: false,
    });
    expect((await staffC.post(`/api/matters/${m.id}/updates`, { body: 'x' })).statusCode).toBe(409);
    await at('2026-03-02T09:00:00+08:00');
  });

  it('list open matters first, then by deadline', async () => {
    const withdrawn = await raise(staffA, { title: '已撤销的事项', deadline: '2026-03-03' });
    const closed = await staffA.post(`/api/matters/${withdrawn.id}/close`, {
      reason: '企业已自行解决',
      version: withdrawn.version,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const later = await raise(staffA, { title: '后到期的事项', deadline: '2026-04-30' });
    const sooner = await raise(staffA, { title: '先到期的事项', deadline: '2026-03-05' });
    const items = (await coordinator.get('/api/matters?pageSize=200')).json().items as {
      id: string;
      status: string;
      deadline: string;
    }[];
    const firstNotOpen = items.findIndex((i) => i.status !== 'open');
    expect(firstNotOpen).toBeGreaterThan(0);
    expect(items.slice(firstNotOpen).every((i) => i.status !== 'open')).toBe(true);
    const ids = items.map((i) => i.id);
    expect(ids.indexOf(sooner.id)).toBeLessThan(ids.indexOf(later.id));
    expect(ids.indexOf(later.id)).toBeLessThan(ids.indexOf(withdrawn.id));
  });

  it('answer bad input with 400, never 500', async () => {
    const res = await staffA.post('/api/matters', {
      title: '',
      blockerKind: 'weather',
      deadline: '2026-13-01',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    const noUnit = await staffA.post('/api/matters', {
      title: 'x',
      blockerKind: 'other',
      deadline: '2026-03-20',
      ownerUnitId: '00000000-0000-4000-8000-000000000000',
    });
    expect(noUnit.statusCode).toBe(400);
    expect(noUnit.json().error.fields[0].path).toEqual(['ownerUnitId']);
  });
});
