import type { Insertable } from 'kysely';
import type { Tx } from '../context.ts';
import type { ReminderTable } from '../db/schema.ts';

export async function insertReminder(db: Tx, row: Insertable<ReminderTable>) {
  return db.insertInto('reminder').values(row).returningAll().executeTakeFirstOrThrow();
}

/** The reminders issued on one task or matter, oldest first. */
export async function listReminderRows(db: Tx, target: { taskId: string } | { matterId: string }) {
  let q = db.selectFrom('reminder').selectAll();
  q =
    'taskId' in target ? q.where('task_id', '=', target.taskId) : q.where('matter_id', '=', target.matterId);
  return q.orderBy('id').execute();
}
