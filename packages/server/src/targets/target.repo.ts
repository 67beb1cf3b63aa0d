import type { Insertable, Updateable } from 'kysely';
import type { Tx } from '../context.ts';
import type { TargetPlanTable, TargetRevisionTable } from '../db/schema.ts';

export async function findPlan(db: Tx, id: string) {
  return db.selectFrom('target_plan').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPlanByKey(
  db: Tx,
  key: { tenantId: string; year: number; metric: TargetPlanTable['metric']; basis: TargetPlanTable['basis'] },
) {
  return db
    .selectFrom('target_plan')
    .selectAll()
    .where('tenant_id', '=', key.tenantId)
    .where('year', '=', key.year)
    .where('metric', '=', key.metric)
    .where('basis', '=', key.basis)
    .executeTakeFirst();
}

export async function listPlans(db: Tx, tenantIds: string[] | undefined, year?: number) {
  let q = db.selectFrom('target_plan').selectAll();
  if (tenantIds) {
    if (!tenantIds.length) return [];
    q = q.where('tenant_id', 'in', tenantIds);
  }
  if (year) q = q.where('year', '=', year);
  return q.orderBy('year', 'desc').orderBy('metric').orderBy('basis').execute();
}

export async function insertPlan(db: Tx, row: Insertable<TargetPlanTable>) {
  return db.insertInto('target_plan').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updatePlanRow(db: Tx, id: string, version: number, patch: Updateable<TargetPlanTable>) {
  return db
    .updateTable('target_plan')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function insertRevision(db: Tx, row: Insertable<TargetRevisionTable>) {
  return db.insertInto('target_revision').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listRevisions(db: Tx, planId: string) {
  return db
    .selectFrom('target_revision')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('effective_from')
    .orderBy('id')
    .execute();
}

/**
 * The revision in force on a date: the latest taking effect on or before it;
 * before the first one takes effect, the first one (a plan covers its whole year). With
 * `recordedBefore`, only the revisions recorded by then count (as the plan could be known then).
 */
export async function findRevisionAsOf(db: Tx, planId: string, date: string, recordedBefore?: Date) {
  const revisions = (await listRevisions(db, planId)).filter(
    (r) => !recordedBefore || new Date(r.recorded_at) < recordedBefore,
  );
  let current = revisions[0];
  for (const r of revisions) if (r.effective_from <= date) current = r;
  return current;
}
