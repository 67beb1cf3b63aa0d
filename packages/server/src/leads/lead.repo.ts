import type { Insertable, Updateable } from 'kysely';
import type { LeadQuery } from '@landfall/domain/schemas/lead';
import type { Tx } from '../context.ts';
import type { LeadTable } from '../db/schema.ts';
import type { ListScope } from '../auth/policy.ts';

export async function findLead(db: Tx, id: string) {
  return db.selectFrom('lead').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertLead(db: Tx, row: Insertable<LeadTable>) {
  return db.insertInto('lead').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateLeadRow(db: Tx, id: string, version: number, patch: Updateable<LeadTable>) {
  return db
    .updateTable('lead')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** All leads in scope matching the filters (the overdue filter needs the working-day clock, applied by the service). */
export async function listLeadRows(db: Tx, scope: ListScope, query: LeadQuery) {
  // The information library counts approved leads only (报送审核: pending and refused are left out).
  let q = db.selectFrom('lead').selectAll().where('review_status', '=', 'approved');
  if (scope.tenantIds) {
    if (!scope.tenantIds.length) return [];
    q = q.where('tenant_id', 'in', scope.tenantIds);
  }
  if (scope.unitId) q = q.where('unit_id', '=', scope.unitId);
  if (query.unitId) q = q.where('unit_id', '=', query.unitId);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('title', 'ilike', like), eb('investor_name', 'ilike', like)]));
  }
  return q.orderBy('reported_on', 'desc').orderBy('created_at', 'desc').execute();
}

/** Records the review of a pending lead; undefined when it was no longer pending. */
export async function setLeadReview(
  db: Tx,
  id: string,
  patch: Pick<Updateable<LeadTable>, 'review_status' | 'review_reason' | 'reviewed_at' | 'reviewed_by'>,
) {
  return db
    .updateTable('lead')
    .set(patch)
    .where('id', '=', id)
    .where('review_status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

/** A page of the leads awaiting review (or refused), oldest first, and how many there are in all. */
export async function listLeadsInReview(
  db: Tx,
  scope: ListScope,
  status: 'pending' | 'refused',
  page: { offset: number; limit: number },
) {
  let q = db.selectFrom('lead').where('review_status', '=', status);
  if (scope.tenantIds) {
    if (!scope.tenantIds.length) return { rows: [], total: 0 };
    q = q.where('tenant_id', 'in', scope.tenantIds);
  }
  if (scope.unitId) q = q.where('unit_id', '=', scope.unitId);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('created_at').orderBy('id').offset(page.offset).limit(page.limit).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
