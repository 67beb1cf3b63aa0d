import type { Tx } from '../context.ts';

/**
 * What awaits someone, read from the state of matters, tasks, reminders, inspections, meetings,
 * leads and submissions under review. Each query takes the tenant and, for unit staff, the unit.
 */
export async function listOpenMattersFor(
  db: Tx,
  tenantId: string,
  where: { ownerUnitId?: string; levels?: ('unit' | 'coordination' | 'joint')[]; deadlineBefore?: string },
) {
  let q = db
    .selectFrom('matter as m')
    .leftJoin('tenant as rt', 'rt.id', 'm.raised_by_tenant_id')
    .select([
      'm.id',
      'm.title',
      'm.deadline',
      'm.level',
      'm.owner_unit_id',
      'rt.name as raised_by_tenant_name',
    ])
    .where('m.tenant_id', '=', tenantId)
    .where('m.status', '=', 'open');
  if (where.ownerUnitId) q = q.where('m.owner_unit_id', '=', where.ownerUnitId);
  const { levels, deadlineBefore } = where;
  if (levels || deadlineBefore) {
    q = q.where((eb) =>
      eb.or([
        levels ? eb('m.level', 'in', levels) : eb.val(false),
        deadlineBefore ? eb('m.deadline', '<', deadlineBefore) : eb.val(false),
      ]),
    );
  }
  return q.orderBy('m.deadline').limit(200).execute();
}

export async function listOpenTasksFor(
  db: Tx,
  tenantId: string,
  where: { unitId?: string; deadlineBefore?: string },
) {
  let q = db
    .selectFrom('task as t')
    .innerJoin('unit as u', 'u.id', 't.unit_id')
    .select(['t.id', 't.content', 't.deadline', 'u.name as unit_name'])
    .where('t.tenant_id', '=', tenantId)
    .where('t.status', '=', 'open');
  if (where.unitId) q = q.where('t.unit_id', '=', where.unitId);
  if (where.deadlineBefore) q = q.where('t.deadline', '<', where.deadlineBefore);
  return q.orderBy('t.deadline').limit(200).execute();
}

/** Reminders to a unit since a date, on tasks and matters still open. */
export async function listRecentRemindersFor(db: Tx, unitId: string, since: string) {
  return db
    .selectFrom('reminder as r')
    .leftJoin('task as t', 't.id', 'r.task_id')
    .leftJoin('matter as m', 'm.id', 'r.matter_id')
    .select(['r.id', 'r.task_id', 'r.matter_id', 'r.issued_on', 'r.deadline', 't.content', 'm.title'])
    .where('r.unit_id', '=', unitId)
    .where('r.issued_on', '>=', since)
    .where((eb) => eb.or([eb('t.status', '=', 'open'), eb('m.status', '=', 'open')]))
    .orderBy('r.id', 'desc')
    .limit(50)
    .execute();
}

export async function listInspectionsFor(
  db: Tx,
  tenantId: string,
  where: { unitId?: string; until: string },
) {
  let q = db
    .selectFrom('inspection as i')
    .innerJoin('unit as u', 'u.id', 'i.unit_id')
    .select([
      'i.id',
      'i.topic',
      'i.status',
      'i.scheduled_on',
      'i.rectification_status',
      'i.rectification_due',
      'u.name as unit_name',
    ])
    .where('i.tenant_id', '=', tenantId)
    .where((eb) =>
      eb.or([
        eb.and([eb('i.status', '=', 'scheduled'), eb('i.scheduled_on', '<=', where.until)]),
        eb('i.rectification_status', '=', 'pending'),
      ]),
    );
  if (where.unitId) q = q.where('i.unit_id', '=', where.unitId);
  return q.orderBy('i.scheduled_on').limit(200).execute();
}

export async function listUpcomingMeetings(
  db: Tx,
  tenantId: string,
  where: { from: string; until: string; unitId?: string; kind?: 'joint' },
) {
  let q = db
    .selectFrom('meeting')
    .select(['id', 'kind', 'title', 'held_on'])
    .where('tenant_id', '=', tenantId)
    .where('cancelled_at', 'is', null)
    .where('held_on', '>=', where.from)
    .where('held_on', '<=', where.until);
  if (where.kind) q = q.where('kind', '=', where.kind);
  const unitId = where.unitId;
  if (unitId) q = q.where((eb) => eb(eb.val(unitId), '=', eb.fn.any('attendee_unit_ids')));
  return q.orderBy('held_on').execute();
}

export async function listLeadsAwaitingAcknowledgement(db: Tx, tenantId: string) {
  return db
    .selectFrom('lead')
    .select(['id', 'title', 'reported_on'])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'reported')
    .where('review_status', '=', 'approved')
    .orderBy('reported_on')
    .limit(200)
    .execute();
}

/** Submissions awaiting review (the coordination group), or refused (the submitting unit). */
export async function listSubmissions(
  db: Tx,
  tenantId: string,
  where: { status: 'pending' | 'refused'; unitId?: string },
) {
  let projects = db
    .selectFrom('project')
    .select(['id', 'name as title', 'review_reason'])
    .where('tenant_id', '=', tenantId)
    .where('review_status', '=', where.status);
  let leads = db
    .selectFrom('lead')
    .select(['id', 'title', 'review_reason'])
    .where('tenant_id', '=', tenantId)
    .where('review_status', '=', where.status);
  if (where.unitId) {
    projects = projects.where('unit_id', '=', where.unitId);
    leads = leads.where('unit_id', '=', where.unitId);
  }
  return {
    projects: await projects.orderBy('created_at').limit(200).execute(),
    leads: await leads.orderBy('created_at').limit(200).execute(),
  };
}
