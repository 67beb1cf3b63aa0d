import { daysOverdue, decisionOutcome, decisionStatus, isOverdue } from '@landfall/domain/coordination';
import {
  decisionInputSchema,
  reminderInputSchema,
  taskCloseSchema,
  type DecisionInput,
  type DecisionQuery,
  type ReminderInput,
  type TaskCloseInput,
  type TaskQuery,
} from '@landfall/domain/schemas/coordination';
import type { Ctx, Tx } from '../context.ts';
import type { DecisionRow } from '../db/schema.ts';
import { authorize } from '../auth/authorize.ts';
import { listScope, visibleTenantIds } from '../auth/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError, invalidField } from '../http/app-error.ts';
import { findUnit } from '../units/unit.repo.ts';
import { today } from '../projects/project.service.ts';
import { matterForDecision, recordMatterDecision, recordMatterOutcome } from '../matters/matter.meetings.ts';
import { findMeeting } from './meeting.repo.ts';
import {
  findDecision,
  findTask,
  insertDecision,
  insertTask,
  listDecisionRows,
  listTaskRows,
  listTasksOf,
  markDecisionDone,
  updateTaskRow,
  type TaskListRow,
} from './decision.repo.ts';
import { issueReminder, listReminders } from './reminder.service.ts';

/** 交办单 as the API shows it. */
export function toTask(row: TaskListRow, day: string) {
  const open = row.status === 'open';
  return {
    id: row.id,
    decisionId: row.decision_id,
    meetingId: row.meeting_id,
    meetingKind: row.meeting_kind,
    meetingHeldOn: row.meeting_held_on,
    decisionText: row.decision_text,
    matterId: row.matter_id,
    unitId: row.unit_id,
    unitName: row.unit_name,
    content: row.content,
    deadline: row.deadline,
    status: row.status,
    result: row.result,
    closedOn: row.closed_on,
    closedByName: row.closed_by_name,
    overdue: isOverdue({ open, deadline: row.deadline }, day),
    daysOverdue: daysOverdue({ open, deadline: row.deadline }, day),
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
export type Task = ReturnType<typeof toTask>;

export function toDecision(row: DecisionRow, tasks: Task[]) {
  return {
    id: row.id,
    meetingId: row.meeting_id,
    matterId: row.matter_id,
    text: row.text,
    decidedOn: row.decided_on,
    status: row.status,
    doneOn: row.done_on,
    recordedByName: row.recorded_by_name,
    createdAt: new Date(row.created_at).toISOString(),
    tasks,
  };
}
export type Decision = ReturnType<typeof toDecision>;

async function withTasks(db: Tx, rows: DecisionRow[], day: string) {
  const tasks = await listTasksOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) =>
    toDecision(
      r,
      tasks.filter((t) => t.decision_id === r.id).map((t) => toTask(t, day)),
    ),
  );
}

/** The decisions of a meeting the caller may read, with their tasks. */
export async function decisionsOfMeeting(ctx: Ctx, meetingId: string) {
  const { rows } = await listDecisionRows(ctx.db, undefined, { meetingId });
  return withTasks(ctx.db, rows, today(ctx));
}

/** 督办 overview: decisions (open or done) with their tasks. */
export async function listDecisions(ctx: Ctx, query: DecisionQuery) {
  const actor = await authorize(ctx, 'meeting.read');
  const { rows, total } = await listDecisionRows(ctx.db, visibleTenantIds(actor, 'meeting.read'), query);
  return { total, items: await withTasks(ctx.db, rows, today(ctx)) };
}

/**
 * A meeting's decision (会议决定), with the tasks it assigns to units (交办单). Recorded on
 * or after the meeting date, never on a cancelled meeting. When taken on a matter, the matter's
 * thread records it; a decision that assigns no task is done at once and gives the matter its outcome.
 */
export async function recordDecision(ctx: Ctx, meetingId: string, raw: DecisionInput) {
  const input = decisionInputSchema.parse(raw);
  const meeting = await findMeeting(ctx.db, meetingId);
  if (!meeting) throw new AppError('not_found');
  await authorize(ctx, 'decision.record', { type: 'meeting', id: meetingId, tenantId: meeting.tenant_id });
  const day = today(ctx);
  if (meeting.cancelled_at)
    throw new AppError('conflict', ctx.locale === 'zh-CN' ? '会议已取消' : 'The meeting was cancelled');
  if (day < meeting.held_on) {
    throw new AppError(
      'conflict',
      ctx.locale === 'zh-CN' ? '会议尚未召开，不能记录决定' : 'The meeting has not been held yet',
    );
  }
  for (const [i, t] of input.tasks.entries()) {
    if (t.deadline < meeting.held_on)
      throw invalidField(ctx, ['tasks', i, 'deadline'], {
        zh: '办理时限不能早于会议日期',
        en: 'The deadline cannot precede the meeting',
      });
  }
  return ctx.db.transaction().execute(async (trx) => {
    for (const [i, t] of input.tasks.entries()) {
      const unit = await findUnit(trx, t.unitId);
      if (!unit || unit.tenant_id !== meeting.tenant_id)
        throw invalidField(ctx, ['tasks', i, 'unitId'], { zh: '责任单位不存在', en: 'No such unit' });
    }
    const matter = input.matterId
      ? await matterForDecision(ctx, trx, meeting.tenant_id, input.matterId)
      : undefined;
    const now = ctx.clock.now();
    const done = decisionStatus(input.tasks.map(() => ({ status: 'open' as const }))) === 'done';
    const decision = await insertDecision(trx, {
      tenant_id: meeting.tenant_id,
      meeting_id: meetingId,
      matter_id: matter?.id ?? null,
      text: input.text,
      decided_on: meeting.held_on,
      status: done ? 'done' : 'open',
      done_on: done ? day : null,
      recorded_by: ctx.actor?.id ?? null,
      recorded_by_name: ctx.actor?.username ?? 'system',
      created_at: now,
    });
    for (const t of input.tasks) {
      await insertTask(trx, {
        tenant_id: meeting.tenant_id,
        decision_id: decision.id,
        meeting_id: meetingId,
        unit_id: t.unitId,
        content: t.content,
        deadline: t.deadline,
        status: 'open',
        created_at: now,
        updated_at: now,
      });
    }
    if (matter) {
      await recordMatterDecision(ctx, trx, matter.id, { id: decision.id, meetingId, text: input.text });
      if (done) await recordMatterOutcome(ctx, trx, matter.id, decisionOutcome(input.text, []), decision.id);
    }
    const [result] = await withTasks(trx, [decision], day);
    await recordAudit(trx, ctx, {
      action: 'decision.record',
      recordType: 'decision',
      recordId: decision.id,
      tenantId: meeting.tenant_id,
      after: result,
    });
    return result as Decision;
  });
}

async function loadTask(
  ctx: Ctx,
  db: Tx,
  id: string,
  action: 'task.read' | 'task.close' | 'followup.remind',
) {
  const row = await findTask(db, id);
  if (!row) throw new AppError('not_found');
  await authorize(ctx, action, { type: 'task', id, tenantId: row.tenant_id, unitId: row.unit_id });
  return row;
}

export async function listTasks(ctx: Ctx, query: TaskQuery) {
  const actor = await authorize(ctx, 'task.read');
  const day = today(ctx);
  const { rows, total } = await listTaskRows(ctx.db, listScope(actor, 'task.read'), query, day);
  return { total, items: rows.map((r) => toTask(r, day)) };
}

export async function getTask(ctx: Ctx, id: string) {
  const row = await loadTask(ctx, ctx.db, id, 'task.read');
  return { ...toTask(row, today(ctx)), reminders: await listReminders(ctx.db, { taskId: id }) };
}

/**
 * 办结: only staff of the unit the task is assigned to, or the coordinator, and only with a
 * result. The last task of a decision completes the decision, and the matter it was taken on
 * records the outcome — all in one transaction.
 */
export async function closeTask(ctx: Ctx, id: string, raw: TaskCloseInput) {
  const input = taskCloseSchema.parse(raw);
  const before = await loadTask(ctx, ctx.db, id, 'task.close');
  const day = today(ctx);
  if (before.status !== 'open')
    throw new AppError('conflict', ctx.locale === 'zh-CN' ? '该交办事项已办结' : 'This task is already done');
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const updated = await updateTaskRow(trx, id, input.version, {
      status: 'done',
      result: input.result,
      closed_on: day,
      closed_at: now,
      closed_by: ctx.actor?.id ?? null,
      closed_by_name: ctx.actor?.username ?? 'system',
      updated_at: now,
    });
    if (!updated) {
      const current = await findTask(trx, id);
      throw new AppError('stale_version', undefined, { current: current && toTask(current, day) });
    }
    const after = toTask((await findTask(trx, id)) as TaskListRow, day);
    await recordAudit(trx, ctx, {
      action: 'task.close',
      recordType: 'task',
      recordId: id,
      tenantId: before.tenant_id,
      before: toTask(before, day),
      after,
    });
    const decision = await findDecision(trx, before.decision_id);
    const tasks = await listTasksOf(trx, [before.decision_id]);
    if (decision && decision.status === 'open' && decisionStatus(tasks) === 'done') {
      const done = await markDecisionDone(trx, decision.id, day);
      await recordAudit(trx, ctx, {
        action: 'task.close',
        recordType: 'decision',
        recordId: decision.id,
        tenantId: decision.tenant_id,
        before: { status: decision.status },
        after: { status: done.status, doneOn: done.done_on },
      });
      if (decision.matter_id) {
        const outcome = decisionOutcome(
          decision.text,
          tasks.map((t) => ({ unitName: t.unit_name, result: t.result })),
        );
        await recordMatterOutcome(ctx, trx, decision.matter_id, outcome, decision.id);
      }
    }
    return after;
  });
}

/** 催办单 on an overdue task, to the unit it is assigned to. */
export async function remindTask(ctx: Ctx, id: string, raw: ReminderInput) {
  const input = reminderInputSchema.parse(raw);
  const row = await loadTask(ctx, ctx.db, id, 'followup.remind');
  return ctx.db.transaction().execute((trx) =>
    issueReminder(
      ctx,
      trx,
      {
        tenantId: row.tenant_id,
        taskId: row.id,
        unitId: row.unit_id,
        open: row.status === 'open',
        deadline: row.deadline,
      },
      input.note,
    ),
  );
}
