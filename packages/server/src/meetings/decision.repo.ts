import type { Insertable, Updateable } from 'kysely';
import type { DecisionQuery, TaskQuery } from '@landfall/domain/schemas/coordination';
import type { Tx } from '../context.ts';
import type { DecisionTable, MeetingKindColumn, TaskTable } from '../db/schema.ts';
import type { ListScope } from '../auth/policy.ts';

export async function insertDecision(db: Tx, row: Insertable<DecisionTable>) {
  return db.insertInto('decision').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findDecision(db: Tx, id: string) {
  return db.selectFrom('decision').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markDecisionDone(db: Tx, id: string, doneOn: string) {
  return db
    .updateTable('decision')
    .set({ status: 'done', done_on: doneOn })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listDecisionRows(
  db: Tx,
  tenantIds: string[] | undefined,
  query: Partial<DecisionQuery> & { meetingIds?: string[] },
) {
  let q = db
    .selectFrom('decision as d')
    .innerJoin('meeting as m', 'm.id', 'd.meeting_id')
    .selectAll('d')
    .select(['m.kind as meeting_kind', 'm.held_on as meeting_held_on']);
  if (tenantIds) {
    if (!tenantIds.length) return { rows: [], total: 0 };
    q = q.where('d.tenant_id', 'in', tenantIds);
  }
  if (query.status) q = q.where('d.status', '=', query.status);
  if (query.meetingId) q = q.where('d.meeting_id', '=', query.meetingId);
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirst();
  q = q.orderBy('m.held_on', 'desc').orderBy('d.created_at');
  if (query.pageSize) q = q.limit(query.pageSize).offset(((query.page ?? 1) - 1) * query.pageSize);
  return { rows: await q.execute(), total: Number(total?.n ?? 0) };
}
export type DecisionListRow = Awaited<ReturnType<typeof listDecisionRows>>['rows'][number];

/** A task (交办单) with its unit's name and the decision and meeting it came from. */
function selectTask(db: Tx) {
  return db
    .selectFrom('task as t')
    .innerJoin('unit as u', 'u.id', 't.unit_id')
    .innerJoin('decision as d', 'd.id', 't.decision_id')
    .innerJoin('meeting as m', 'm.id', 't.meeting_id')
    .selectAll('t')
    .select([
      'u.name as unit_name',
      'd.text as decision_text',
      'd.matter_id as matter_id',
      'm.kind as meeting_kind',
      'm.held_on as meeting_held_on',
    ]);
}
export type TaskListRow = NonNullable<Awaited<ReturnType<typeof findTask>>>;

export async function findTask(db: Tx, id: string) {
  return selectTask(db).where('t.id', '=', id).executeTakeFirst();
}

export async function insertTask(db: Tx, row: Insertable<TaskTable>) {
  return db.insertInto('task').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function updateTaskRow(db: Tx, id: string, version: number, patch: Updateable<TaskTable>) {
  return db
    .updateTable('task')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

export async function listTasksOf(db: Tx, decisionIds: string[]) {
  if (!decisionIds.length) return [];
  return selectTask(db)
    .where('t.decision_id', 'in', decisionIds)
    .orderBy('t.deadline')
    .orderBy('u.name')
    .orderBy('t.id')
    .execute();
}

export async function listTaskRows(db: Tx, scope: ListScope, query: TaskQuery, today: string) {
  let q = selectTask(db);
  if (scope.tenantIds) {
    if (!scope.tenantIds.length) return { rows: [], total: 0 };
    q = q.where('t.tenant_id', 'in', scope.tenantIds);
  }
  if (scope.unitId) q = q.where('t.unit_id', '=', scope.unitId);
  if (query.unitId) q = q.where('t.unit_id', '=', query.unitId);
  if (query.meetingId) q = q.where('t.meeting_id', '=', query.meetingId);
  if (query.status) q = q.where('t.status', '=', query.status);
  if (query.overdue !== undefined) {
    q = query.overdue
      ? q.where('t.status', '=', 'open').where('t.deadline', '<', today)
      : q.where((eb) => eb.or([eb('t.status', '<>', 'open'), eb('t.deadline', '>=', today)]));
  }
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirst();
  const rows = await q
    .orderBy('t.status', 'desc')
    .orderBy('t.deadline')
    .orderBy('t.created_at')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows, total: Number(total?.n ?? 0) };
}

/** Open tasks past their deadline in a tenant, optionally only those of one kind of meeting. */
export async function listOverdueTaskRows(
  db: Tx,
  tenantId: string,
  today: string,
  meetingKind?: MeetingKindColumn,
) {
  let q = selectTask(db)
    .where('t.tenant_id', '=', tenantId)
    .where('t.status', '=', 'open')
    .where('t.deadline', '<', today);
  if (meetingKind) q = q.where('m.kind', '=', meetingKind);
  return q.orderBy('t.deadline').execute();
}
