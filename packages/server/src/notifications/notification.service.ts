import { addDays, addWorkingDays } from '@landfall/domain/dates';
import { isOverdue, meetingKindLabels } from '@landfall/domain/coordination';
import { LEAD_ACK_WORKING_DAYS } from '@landfall/domain/schemas/lead';
import type { Ctx } from '../context.ts';
import { authorize } from '../auth/authorize.ts';
import { today } from '../projects/project.service.ts';
import {
  listInspectionsFor,
  listLeadsAwaitingAcknowledgement,
  listOpenMattersFor,
  listOpenTasksFor,
  listRecentRemindersFor,
  listSubmissions,
  listUpcomingMeetings,
} from './notification.repo.ts';

export type NotificationKind =
  | 'matter'
  | 'matter_escalated'
  | 'matter_raised_down'
  | 'matter_overdue'
  | 'matter_for_decision'
  | 'task'
  | 'task_overdue'
  | 'reminder'
  | 'inspection'
  | 'rectification'
  | 'meeting'
  | 'lead'
  | 'review'
  | 'review_refused';

export interface Notification {
  kind: NotificationKind;
  title: string;
  dueOn: string | null;
  overdue: boolean;
  link: { type: 'matter' | 'task' | 'inspection' | 'meeting' | 'lead' | 'project'; id: string };
}

/** Days ahead the bell shows upcoming meetings and inspections. */
const LOOK_AHEAD_DAYS = 7;
/** Days a reminder (催办单) stays in the bell while its item is open. */
const REMINDER_DAYS = 14;

/**
 * The bell (消息提醒): what awaits the caller now, computed from the state of the records, no mail.
 * - unit staff: matters their unit must act on, their unit's tasks, reminders to it, inspections
 *   of it and rectifications due, meetings it attends, and submissions the coordination group refused;
 * - the coordinator: matters held by the coordination group (those a city raised down named as such), every overdue matter and task, leads
 *   to acknowledge, inspections and rectifications, meetings, and submissions awaiting review;
 * - leaders: matters escalated to the joint meeting for decision, and joint meetings.
 * Overdue items come first, then by due date.
 */
export async function listNotifications(ctx: Ctx) {
  const actor = await authorize(ctx, 'notification.read');
  const day = today(ctx);
  const until = addDays(day, LOOK_AHEAD_DAYS);
  const tenantId = actor.tenantId;
  const items: Notification[] = [];
  const due = (deadline: string, open = true) => ({
    dueOn: deadline,
    overdue: isOverdue({ open, deadline }, day),
  });
  if (!tenantId) return { count: 0, items };

  if (actor.role === 'unit_staff' && actor.unitId) {
    const unitId = actor.unitId;
    for (const m of await listOpenMattersFor(ctx.db, tenantId, { ownerUnitId: unitId })) {
      items.push({
        kind: 'matter',
        title: `待办理协调事项：${m.title}`,
        ...due(m.deadline),
        link: { type: 'matter', id: m.id },
      });
    }
    for (const t of await listOpenTasksFor(ctx.db, tenantId, { unitId })) {
      items.push({
        kind: 'task',
        title: `会议交办事项：${t.content}`,
        ...due(t.deadline),
        link: { type: 'task', id: t.id },
      });
    }
    for (const r of await listRecentRemindersFor(ctx.db, unitId, addDays(day, -REMINDER_DAYS))) {
      const target = r.task_id
        ? { type: 'task' as const, id: r.task_id, what: r.content ?? '' }
        : { type: 'matter' as const, id: r.matter_id as string, what: r.title ?? '' };
      items.push({
        kind: 'reminder',
        title: `催办（${r.issued_on}）：${target.what}`,
        ...due(r.deadline),
        link: { type: target.type, id: target.id },
      });
    }
    await addInspections(ctx, tenantId, { unitId, until }, items, due);
    for (const m of await listUpcomingMeetings(ctx.db, tenantId, { from: day, until, unitId })) {
      items.push({
        kind: 'meeting',
        title: `${meetingKindLabels[m.kind]['zh-CN']}：${m.title}`,
        dueOn: m.held_on,
        overdue: false,
        link: { type: 'meeting', id: m.id },
      });
    }
    const refused = await listSubmissions(ctx.db, tenantId, { status: 'refused', unitId });
    for (const p of refused.projects) {
      items.push({
        kind: 'review_refused',
        title: `项目报送被退回：${p.title}（${p.review_reason}）`,
        dueOn: null,
        overdue: false,
        link: { type: 'project', id: p.id },
      });
    }
    for (const l of refused.leads) {
      items.push({
        kind: 'review_refused',
        title: `招商信息报送被退回：${l.title}（${l.review_reason}）`,
        dueOn: null,
        overdue: false,
        link: { type: 'lead', id: l.id },
      });
    }
  }

  if (actor.role === 'coordinator') {
    for (const m of await listOpenMattersFor(ctx.db, tenantId, {
      levels: ['coordination'],
      deadlineBefore: day,
    })) {
      const overdue = isOverdue({ open: true, deadline: m.deadline }, day);
      const fromAbove = m.raised_by_tenant_name;
      items.push({
        kind: overdue ? 'matter_overdue' : fromAbove ? 'matter_raised_down' : 'matter_escalated',
        title: overdue
          ? `协调事项逾期：${m.title}`
          : fromAbove
            ? `上级交办协调事项（${fromAbove}下达）：${m.title}`
            : `上报综合协调组的协调事项：${m.title}`,
        ...due(m.deadline),
        link: { type: 'matter', id: m.id },
      });
    }
    for (const t of await listOpenTasksFor(ctx.db, tenantId, { deadlineBefore: day })) {
      items.push({
        kind: 'task_overdue',
        title: `交办事项逾期：${t.unit_name}：${t.content}`,
        ...due(t.deadline),
        link: { type: 'task', id: t.id },
      });
    }
    for (const l of await listLeadsAwaitingAcknowledgement(ctx.db, tenantId)) {
      items.push({
        kind: 'lead',
        title: `待签收招商信息：${l.title}`,
        ...due(addWorkingDays(l.reported_on, LEAD_ACK_WORKING_DAYS)),
        link: { type: 'lead', id: l.id },
      });
    }
    await addInspections(ctx, tenantId, { until }, items, due);
    for (const m of await listUpcomingMeetings(ctx.db, tenantId, { from: day, until })) {
      items.push({
        kind: 'meeting',
        title: `${meetingKindLabels[m.kind]['zh-CN']}：${m.title}`,
        dueOn: m.held_on,
        overdue: false,
        link: { type: 'meeting', id: m.id },
      });
    }
    const pending = await listSubmissions(ctx.db, tenantId, { status: 'pending' });
    for (const p of pending.projects) {
      items.push({
        kind: 'review',
        title: `待审核项目：${p.title}`,
        dueOn: null,
        overdue: false,
        link: { type: 'project', id: p.id },
      });
    }
    for (const l of pending.leads) {
      items.push({
        kind: 'review',
        title: `待审核招商信息：${l.title}`,
        dueOn: null,
        overdue: false,
        link: { type: 'lead', id: l.id },
      });
    }
  }

  if (actor.role === 'leader') {
    for (const m of await listOpenMattersFor(ctx.db, tenantId, { levels: ['joint'] })) {
      items.push({
        kind: 'matter_for_decision',
        title: `提请联席会议决策：${m.title}`,
        ...due(m.deadline),
        link: { type: 'matter', id: m.id },
      });
    }
    for (const m of await listUpcomingMeetings(ctx.db, tenantId, {
      from: day,
      until: addDays(day, 2 * LOOK_AHEAD_DAYS),
      kind: 'joint',
    })) {
      items.push({
        kind: 'meeting',
        title: `联席会议：${m.title}`,
        dueOn: m.held_on,
        overdue: false,
        link: { type: 'meeting', id: m.id },
      });
    }
  }

  items.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (a.dueOn ?? '9999-12-31').localeCompare(b.dueOn ?? '9999-12-31') ||
      a.title.localeCompare(b.title, 'zh-CN'),
  );
  return { count: items.length, items };
}

async function addInspections(
  ctx: Ctx,
  tenantId: string,
  where: { unitId?: string; until: string },
  items: Notification[],
  due: (deadline: string, open?: boolean) => { dueOn: string; overdue: boolean },
) {
  for (const i of await listInspectionsFor(ctx.db, tenantId, where)) {
    if (i.rectification_status === 'pending' && i.rectification_due) {
      items.push({
        kind: 'rectification',
        title: `整改：${i.unit_name}：${i.topic}`,
        ...due(i.rectification_due),
        link: { type: 'inspection', id: i.id },
      });
    } else if (i.status === 'scheduled') {
      items.push({
        kind: 'inspection',
        title: `督促检查：${i.unit_name}：${i.topic}`,
        ...due(i.scheduled_on),
        link: { type: 'inspection', id: i.id },
      });
    }
  }
}
