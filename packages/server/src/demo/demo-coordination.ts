import { addDays } from '@landfall/domain/dates';
import { projectQuerySchema } from '@landfall/domain/schemas/project';
import type { Ctx } from '../context.ts';
import { listProjects } from '../projects/project.service.ts';
import {
  addMatterUpdate,
  escalateMatter,
  raiseMatter,
  remindMatter,
  resolveMatter,
} from '../matters/matter.service.ts';
import { createMeeting, updateMeeting } from '../meetings/meeting.service.ts';
import { closeTask, recordDecision, remindTask } from '../meetings/decision.service.ts';
import { recordInspectionResult, scheduleInspection } from '../inspections/inspection.service.ts';

export interface DemoCoordinationActors {
  coordinator: Ctx;
  leader: Ctx;
  staff: { unit: { id: string; name: string }; ctx: Ctx }[];
  convenerId: string;
}

/** A project of a unit past signing, for its matters (the demo's units all have some). */
async function projectOf(ctx: Ctx) {
  const list = await listProjects(
    ctx,
    projectQuerySchema.parse({
      stage: ['signed', 'settled', 'construction'],
      pageSize: 1,
      sort: 'name',
      order: 'asc',
    }),
  );
  return list.items[0];
}

/**
 * The coordination loop of the demo district, written through the services as the demo accounts:
 * matters (one overdue, one escalated to the joint meeting and decided there, one awaiting the next
 * joint meeting, one resolved), a past weekly meeting with a decision whose task is overdue and
 * reminded, a past joint meeting with a decision and tasks (one done), the next joint meeting,
 * an inspection with a score and a rectification, and one scheduled.
 */
export async function buildDemoCoordination(actors: DemoCoordinationActors, today: string) {
  const { coordinator, leader, staff, convenerId } = actors;
  const [s0, s1, s2, s3, s4] = staff;
  if (!s0 || !s1 || !s2 || !s3 || !s4) return { matters: 0, meetings: 0, inspections: 0 };

  // An overdue matter: the zone's land for a signed project, with the acting unit's reply in the thread.
  const p0 = await projectOf(s4.ctx);
  const overdue = await raiseMatter(s4.ctx, {
    projectId: p0?.id ?? null,
    ownerUnitId: s0.unit.id,
    title: '项目用地规划条件调整',
    description: '项目用地容积率与规划条件不一致，需调整规划条件后方可供地',
    blockerKind: 'land',
    blocksStage: 'settled',
    raisedOn: addDays(today, -20),
    deadline: addDays(today, -6),
  });
  await addMatterUpdate(s0.ctx, overdue.id, { body: '已组织规划论证，待专家评审' });
  await remindMatter(coordinator, overdue.id, { note: '请于本周内办结并反馈' });

  // Escalated unit → coordination group → joint meeting, decided at the last joint meeting.
  const p1 = await projectOf(s1.ctx);
  const decided = await raiseMatter(s1.ctx, {
    projectId: p1?.id ?? null,
    ownerUnitId: s1.unit.id,
    title: '园区110千伏变电站建设滞后',
    description: '项目投产需双回路供电，现有变电站容量不足，电力公司建设计划未排入年度',
    blockerKind: 'power',
    blocksStage: 'production',
    raisedOn: addDays(today, -25),
    deadline: addDays(today, 20),
  });
  const up1 = await escalateMatter(s1.ctx, decided.id, {
    reason: '需与电力公司协调，超出本单位职权',
    version: decided.version,
  });
  await escalateMatter(coordinator, decided.id, {
    reason: '涉及电网规划调整和资金分担，报请联席会议决策',
    version: up1.version,
  });

  // Escalated and awaiting the next joint meeting.
  const p2 = await projectOf(s2.ctx);
  const waiting = await raiseMatter(s2.ctx, {
    projectId: p2?.id ?? null,
    ownerUnitId: s3.unit.id,
    title: '招商引资优惠政策兑现',
    description: '企业按协议申请的设备补助尚未兑现，影响二期投资决策',
    blockerKind: 'policy',
    blocksStage: 'construction',
    raisedOn: addDays(today, -10),
    deadline: addDays(today, 15),
  });
  const w1 = await escalateMatter(s2.ctx, waiting.id, { reason: '涉及财政资金', version: waiting.version });
  await escalateMatter(coordinator, waiting.id, {
    reason: '政策兑现口径需联席会议明确',
    version: w1.version,
  });

  // Resolved by the unit.
  const p3 = await projectOf(s3.ctx);
  const done = await raiseMatter(s3.ctx, {
    projectId: p3?.id ?? null,
    title: '施工便道修建',
    blockerKind: 'road',
    blocksStage: 'construction',
    raisedOn: addDays(today, -15),
    deadline: addDays(today, -3),
  });
  await resolveMatter(s3.ctx, done.id, { result: '便道已修通，施工车辆可进场', version: done.version });

  // Last week's check-in: a decision with a task now overdue, reminded.
  const weekly = await createMeeting(coordinator, {
    kind: 'weekly',
    heldOn: addDays(today, -7),
    attendeeUnitIds: staff.map((s) => s.unit.id),
    location: '区招商投资促进局三楼会议室',
  });
  await updateMeeting(coordinator, weekly.id, {
    attendeeUnitIds: staff.map((s) => s.unit.id),
    agenda: weekly.agenda,
    location: weekly.location,
    minutes: '会议通报了各责任单位项目推进情况，研究了用地规划条件调整等事项。',
    version: weekly.version,
  });
  const weeklyDecision = await recordDecision(coordinator, weekly.id, {
    text: '由区经济信息委牵头，三日内提出用地规划条件调整方案',
    matterId: overdue.id,
    tasks: [{ unitId: s0.unit.id, content: '提出用地规划条件调整方案', deadline: addDays(today, -4) }],
  });
  const lateTask = weeklyDecision.tasks[0];
  if (lateTask) await remindTask(coordinator, lateTask.id, { note: '已逾期，请尽快报送方案' });

  // The last joint meeting, chaired by the convener: a decision on the power matter with two tasks.
  const joint = await createMeeting(coordinator, {
    kind: 'joint',
    heldOn: addDays(today, -2),
    convenerId,
    attendeeUnitIds: [s1.unit.id, s0.unit.id],
    attendeeLeaders: ['王副区长（演示）'],
    location: '区政府第二会议室',
  });
  const jointDecision = await recordDecision(leader, joint.id, {
    text: '同意将园区110千伏变电站纳入今年电网建设计划，区财政先行垫付前期费用',
    matterId: decided.id,
    tasks: [
      { unitId: s1.unit.id, content: '对接电力公司落实建设计划', deadline: addDays(today, 12) },
      { unitId: s0.unit.id, content: '办理变电站用地预审', deadline: addDays(today, 8) },
    ],
  });
  const firstTask = jointDecision.tasks.find((t) => t.unitId === s0.unit.id);
  if (firstTask) {
    await closeTask(s0.ctx, firstTask.id, { result: '用地预审意见已出具', version: firstTask.version });
  }

  // The next joint meeting: its agenda carries the matter awaiting decision.
  await createMeeting(coordinator, {
    kind: 'joint',
    heldOn: addDays(today, 10),
    convenerId,
    attendeeUnitIds: [s2.unit.id, s3.unit.id],
    attendeeLeaders: ['王副区长（演示）'],
  });

  // 督促检查: one done with a score and a rectification, one scheduled.
  const inspection = await scheduleInspection(coordinator, {
    unitId: s4.unit.id,
    scheduledOn: addDays(today, -5),
    topic: '项目台账更新和协调事项办理情况',
  });
  await recordInspectionResult(coordinator, inspection.id, {
    inspectedOn: addDays(today, -5),
    findings: '台账总体按周更新，2个项目进展描述过简，1项协调事项逾期',
    score: 86,
    rectification: { requirement: '补充项目进展细节，督促逾期事项办结', dueOn: addDays(today, 10) },
    version: inspection.version,
  });
  await scheduleInspection(coordinator, {
    unitId: s2.unit.id,
    scheduledOn: addDays(today, 3),
    topic: '到位资金统计口径核查',
  });
  return { matters: 4, meetings: 3, inspections: 2 };
}
