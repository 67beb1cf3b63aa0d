import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, createWorld, PASSWORD, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { buildProject } from '../test/library-fixtures.ts';

/**
 * Meetings and the follow-up (督办): a joint meeting decides an escalated matter and assigns
 * tasks to units (交办单); units close their own tasks with a result; the last task completes the
 * decision and the matter records the outcome; overdue tasks get reminders (催办单).
 */
let world: TestWorld;
let coordinator: TestClient;
let leader: TestClient;
let staffA: TestClient;
let staffB: TestClient;
const unit = { A: '', B: '' };
let convenerId: string;
let matter: { id: string; version: number };
const accounts: { client: TestClient; username: string }[] = [];

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
  unit.B = (await buildUnit(world.admin, { name: '区生态环境局' })).id;
  convenerId = (
    await world.admin.post('/api/conveners', { name: '王副区长', title: '联席会议召集人' })
  ).json().id;
  coordinator = await account('coordinator');
  leader = await account('leader');
  staffA = await account('unit_staff', unit.A);
  staffB = await account('unit_staff', unit.B);
  const project = await buildProject(staffA, { name: '某医药中间体项目' });
  const raised = (
    await staffA.post('/api/matters', {
      projectId: project.id,
      ownerUnitId: unit.B,
      title: '环评审批需提级研究',
      blockerKind: 'environment',
      blocksStage: 'construction',
      deadline: '2026-03-06',
    })
  ).json();
  const up1 = (
    await staffA.post(`/api/matters/${raised.id}/escalate`, { reason: '跨部门', version: raised.version })
  ).json();
  matter = (
    await coordinator.post(`/api/matters/${raised.id}/escalate`, { reason: '重大问题', version: up1.version })
  ).json();
});
afterAll(async () => world?.close());

describe('meetings', () => {
  it('are scheduled by the coordinator with an agenda built for them', async () => {
    expect((await staffA.post('/api/meetings', { kind: 'weekly', heldOn: '2026-03-06' })).statusCode).toBe(
      403,
    );
    const noConvener = await coordinator.post('/api/meetings', { kind: 'joint', heldOn: '2026-03-10' });
    expect(noConvener.statusCode).toBe(400);
    expect(noConvener.json().error.fields[0]).toMatchObject({
      path: ['convenerId'],
      message: '联席会议须指定召集人',
    });

    const joint = await coordinator.post('/api/meetings', {
      kind: 'joint',
      heldOn: '2026-03-10',
      convenerId,
      attendeeUnitIds: [unit.A, unit.B],
      attendeeLeaders: ['王副区长', '李副区长'],
      location: '区政府第一会议室',
    });
    expect(joint.statusCode, joint.body).toBe(201);
    expect(joint.json()).toMatchObject({
      kind: 'joint',
      heldOn: '2026-03-10',
      title: '工业招商引资联席会议',
      convenerName: '王副区长',
      status: 'scheduled',
      attendeeLeaders: ['王副区长', '李副区长'],
    });
    // The escalated matter is on the joint meeting's agenda for decision.
    expect(joint.json().agenda).toContainEqual(
      expect.objectContaining({
        title: '【提请决策】环评审批需提级研究',
        link: { type: 'matter', id: matter.id },
      }),
    );
    // Unit staff see meetings (they attend them).
    expect((await staffA.get('/api/meetings')).json().total).toBe(1);

    // Minutes and agenda are a versioned edit.
    const m = joint.json();
    const edit = await coordinator.put(`/api/meetings/${m.id}`, {
      convenerId,
      attendeeUnitIds: [unit.A, unit.B],
      attendeeLeaders: ['王副区长'],
      agenda: [...m.agenda, { title: '其他事项', note: '' }],
      minutes: '会议听取了经开区关于项目推进情况的汇报。',
      version: m.version,
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json().agenda.at(-1)).toEqual({ title: '其他事项', note: '', link: null });
    const stale = await coordinator.put(`/api/meetings/${m.id}`, {
      convenerId,
      minutes: '旧版本',
      version: m.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current.minutes).toBe('会议听取了经开区关于项目推进情况的汇报。');
  });

  it('take decisions only once held, and assign tasks to units', async () => {
    const [joint] = (await coordinator.get('/api/meetings?kind=joint')).json().items;
    const decision = {
      text: '同意由区生态环境局牵头，开辟环评审批绿色通道',
      matterId: matter.id,
      tasks: [
        { unitId: unit.B, content: '完成环评技术审查', deadline: '2026-03-20' },
        { unitId: unit.A, content: '督促企业补充环评材料', deadline: '2026-03-15' },
      ],
    };
    const early = await leader.post(`/api/meetings/${joint.id}/decisions`, decision);
    expect(early.statusCode).toBe(409);
    await at('2026-03-10T15:00:00+08:00');
    // The units attending see the meeting of the day in their bell.
    expect((await staffB.get('/api/notifications')).json().items).toContainEqual(
      expect.objectContaining({ kind: 'meeting', link: { type: 'meeting', id: joint.id } }),
    );
    expect((await staffA.post(`/api/meetings/${joint.id}/decisions`, decision)).statusCode).toBe(403);
    const res = await leader.post(`/api/meetings/${joint.id}/decisions`, decision);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'open', decidedOn: '2026-03-10', matterId: matter.id });
    expect(res.json().tasks).toHaveLength(2);
    const detail = (await coordinator.get(`/api/meetings/${joint.id}`)).json();
    expect(detail.status).toBe('held');
    expect(detail.decisions).toHaveLength(1);
    const thread = (await coordinator.get(`/api/matters/${matter.id}`)).json();
    expect(thread.events.at(-1)).toMatchObject({ kind: 'decision', body: decision.text });
    expect(thread.status).toBe('open');
  });

  it('close a task only by its unit or the coordinator, with a result; the last one settles the matter', async () => {
    const tasks = (await coordinator.get('/api/tasks?status=open')).json().items as {
      id: string;
      unitId: string;
      version: number;
    }[];
    const taskA = tasks.find((t) => t.unitId === unit.A) as (typeof tasks)[number];
    const taskB = tasks.find((t) => t.unitId === unit.B) as (typeof tasks)[number];
    // Unit staff see only their unit's tasks.
    expect((await staffA.get('/api/tasks')).json().items.map((t: { id: string }) => t.id)).toEqual([
      taskA.id,
    ]);
    // Another unit's task: not found; a leader: forbidden; no result: 400.
    expect(
      (await staffB.post(`/api/tasks/${taskA.id}/close`, { result: '已完成', version: taskA.version }))
        .statusCode,
    ).toBe(404);
    expect(
      (await leader.post(`/api/tasks/${taskA.id}/close`, { result: '已完成', version: taskA.version }))
        .statusCode,
    ).toBe(403);
    const empty = await staffA.post(`/api/tasks/${taskA.id}/close`, { result: '  ', version: taskA.version });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields[0].path).toEqual(['result']);

    const closedA = await staffA.post(`/api/tasks/${taskA.id}/close`, {
      result: '企业已补齐材料',
      version: taskA.version,
    });
    expect(closedA.statusCode, closedA.body).toBe(200);
    expect(closedA.json()).toMatchObject({
      status: 'done',
      result: '企业已补齐材料',
      closedOn: '2026-03-10',
    });
    expect(
      (await staffA.post(`/api/tasks/${taskA.id}/close`, { result: 'x', version: closedA.json().version }))
        .statusCode,
    ).toBe(409);
    let decisions = (await coordinator.get('/api/decisions?status=open')).json();
    expect(decisions.total).toBe(1);

    // Overdue: the coordinator issues a reminder to the unit; it shows in that unit's bell.
    await at('2026-03-21T09:00:00+08:00');
    const overdueTask = (await staffB.get(`/api/tasks/${taskB.id}`)).json();
    expect(overdueTask).toMatchObject({ overdue: true, daysOverdue: 1 });
    const reminder = await coordinator.post(`/api/tasks/${taskB.id}/remind`, { note: '请尽快办结' });
    expect(reminder.statusCode, reminder.body).toBe(201);
    expect((await coordinator.post(`/api/tasks/${taskA.id}/remind`, {})).statusCode).toBe(409);
    const bell = (await staffB.get('/api/notifications')).json();
    expect(bell.items[0]).toMatchObject({ overdue: true });
    expect(bell.items).toContainEqual(
      expect.objectContaining({ kind: 'reminder', link: { type: 'task', id: taskB.id } }),
    );
    expect((await coordinator.get('/api/notifications')).json().items).toContainEqual(
      expect.objectContaining({ kind: 'task_overdue', link: { type: 'task', id: taskB.id } }),
    );
    // The next weekly meeting's agenda carries the overdue task.
    const weekly = (await coordinator.post('/api/meetings', { kind: 'weekly', heldOn: '2026-03-27' })).json();
    expect(weekly.agenda).toContainEqual(expect.objectContaining({ link: { type: 'task', id: taskB.id } }));

    // The coordinator may close it too; the decision is done and the matter records the outcome.
    const closedB = await coordinator.post(`/api/tasks/${taskB.id}/close`, {
      result: '已出具环评批复',
      version: overdueTask.version,
    });
    expect(closedB.statusCode, closedB.body).toBe(200);
    decisions = (await coordinator.get('/api/decisions?status=done')).json();
    expect(decisions.items[0]).toMatchObject({ status: 'done', doneOn: '2026-03-21' });
    const settled = (await staffA.get(`/api/matters/${matter.id}`)).json();
    expect(settled.status).toBe('resolved');
    expect(settled.outcome).toBe(
      '同意由区生态环境局牵头，开辟环评审批绿色通道\n落实情况：经开区管委会：企业已补齐材料；区生态环境局：已出具环评批复',
    );
    expect(settled.events.at(-1)).toMatchObject({ kind: 'resolved', statusTo: 'resolved' });
  });

  it('are cancelled only before they are held', async () => {
    const m = (await coordinator.post('/api/meetings', { kind: 'monthly', heldOn: '2026-03-31' })).json();
    const cancelled = await coordinator.post(`/api/meetings/${m.id}/cancel`, {
      reason: '改期',
      version: m.version,
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: '改期' });
    const again = await coordinator.put(`/api/meetings/${m.id}`, {
      minutes: 'x',
      version: cancelled.json().version,
    });
    expect(again.statusCode).toBe(409);
    const past = (await coordinator.post('/api/meetings', { kind: 'weekly', heldOn: '2026-03-13' })).json();
    expect(past.status).toBe('held');
    expect(
      (await coordinator.post(`/api/meetings/${past.id}/cancel`, { reason: 'x', version: past.version }))
        .statusCode,
    ).toBe(409);
    const rebuilt = await coordinator.post(`/api/meetings/${past.id}/agenda/rebuild`, {
      version: past.version,
    });
    expect(rebuilt.statusCode, rebuilt.body).toBe(200);
    expect(rebuilt.json().agenda.length).toBeGreaterThanOrEqual(1);
  });
});
