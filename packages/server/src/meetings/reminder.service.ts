import { daysOverdue } from '@landfall/domain/coordination';
import type { Ctx, Tx } from '../context.ts';
import type { ReminderRow } from '../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError } from '../http/app-error.ts';
import { today } from '../projects/project.service.ts';
import { insertReminder, listReminderRows } from './reminder.repo.ts';

/** 催办单 as the API shows it. */
export function toReminder(row: ReminderRow) {
  return {
    id: Number(row.id),
    taskId: row.task_id,
    matterId: row.matter_id,
    unitId: row.unit_id,
    issuedOn: row.issued_on,
    recordedAt: new Date(row.recorded_at).toISOString(),
    actorName: row.actor_name,
    deadline: row.deadline,
    daysOverdue: row.days_overdue,
    note: row.note,
  };
}
export type Reminder = ReturnType<typeof toReminder>;

/**
 * Issues a reminder (催办单) to the unit holding an overdue task or matter, in the caller's
 * transaction, with its audit row. The caller has authorised `followup.remind` on the record.
 * Only an overdue item can be reminded (409 otherwise).
 */
export async function issueReminder(
  ctx: Ctx,
  trx: Tx,
  target: {
    tenantId: string;
    taskId?: string;
    matterId?: string;
    unitId: string;
    open: boolean;
    deadline: string;
  },
  note: string,
) {
  const day = today(ctx);
  const overdueDays = daysOverdue(target, day);
  if (overdueDays <= 0) {
    throw new AppError(
      'conflict',
      ctx.locale === 'zh-CN' ? '未逾期的事项不需要催办' : 'Only an overdue item can be reminded',
    );
  }
  const row = await insertReminder(trx, {
    tenant_id: target.tenantId,
    task_id: target.taskId ?? null,
    matter_id: target.matterId ?? null,
    unit_id: target.unitId,
    issued_on: day,
    recorded_at: ctx.clock.now(),
    actor_id: ctx.actor?.id ?? null,
    actor_name: ctx.actor?.username ?? 'system',
    deadline: target.deadline,
    days_overdue: overdueDays,
    note,
  });
  await recordAudit(trx, ctx, {
    action: 'followup.remind',
    recordType: 'reminder',
    recordId: String(row.id),
    tenantId: target.tenantId,
    after: toReminder(row),
  });
  return toReminder(row);
}

/** The reminders of a task or matter the caller has already been allowed to read. */
export async function listReminders(db: Tx, target: { taskId: string } | { matterId: string }) {
  return (await listReminderRows(db, target)).map(toReminder);
}
