import type { Insertable, Updateable } from 'kysely';
import type { InspectionQuery } from '@landfall/domain/schemas/coordination';
import type { Tx } from '../context.ts';
import type { InspectionTable } from '../db/schema.ts';
import type { ListScope } from '../auth/policy.ts';

function selectInspection(db: Tx) {
  return db
    .selectFrom('inspection as i')
    .innerJoin('unit as u', 'u.id', 'i.unit_id')
    .selectAll('i')
    .select(['u.name as unit_name']);
}
export type InspectionListRow = NonNullable<Awaited<ReturnType<typeof findInspection>>>;

export async function findInspection(db: Tx, id: string) {
  return selectInspection(db).where('i.id', '=', id).executeTakeFirst();
}

export async function insertInspection(db: Tx, row: Insertable<InspectionTable>) {
  return db.insertInto('inspection').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function updateInspectionRow(
  db: Tx,
  id: string,
  version: number,
  patch: Updateable<InspectionTable>,
) {
  return db
    .updateTable('inspection')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

export async function listInspectionRows(db: Tx, scope: ListScope, query: InspectionQuery) {
  let q = selectInspection(db);
  if (scope.tenantIds) {
    if (!scope.tenantIds.length) return { rows: [], total: 0 };
    q = q.where('i.tenant_id', 'in', scope.tenantIds);
  }
  if (scope.unitId) q = q.where('i.unit_id', '=', scope.unitId);
  if (query.unitId) q = q.where('i.unit_id', '=', query.unitId);
  if (query.status) q = q.where('i.status', '=', query.status);
  if (query.year) {
    q = q
      .where('i.scheduled_on', '>=', `${query.year}-01-01`)
      .where('i.scheduled_on', '<=', `${query.year}-12-31`);
  }
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirst();
  const rows = await q
    .orderBy('i.scheduled_on', 'desc')
    .orderBy('i.created_at', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows, total: Number(total?.n ?? 0) };
}

/** Scores of inspections done within [from, to] in the tenants, per unit. */
export async function listScores(db: Tx, tenantIds: string[], from: string, to: string) {
  if (!tenantIds.length) return [];
  return db
    .selectFrom('inspection')
    .select(['unit_id', 'score'])
    .where('tenant_id', 'in', tenantIds)
    .where('status', '=', 'done')
    .where('inspected_on', '>=', from)
    .where('inspected_on', '<=', to)
    .orderBy('inspected_on')
    .execute();
}
