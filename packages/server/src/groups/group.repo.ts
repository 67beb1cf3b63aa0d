import type { Insertable, Updateable } from 'kysely';
import type { Tx } from '../context.ts';
import type { WorkGroupTable } from '../db/schema.ts';

export async function findGroup(db: Tx, id: string) {
  return db.selectFrom('work_group').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listGroups(db: Tx, tenantIds: string[]) {
  if (!tenantIds.length) return [];
  return db
    .selectFrom('work_group')
    .selectAll()
    .where('tenant_id', 'in', tenantIds)
    .orderBy('sort_order')
    .orderBy('created_at')
    .execute();
}

export async function insertGroup(db: Tx, row: Insertable<WorkGroupTable>) {
  return db.insertInto('work_group').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateGroup(db: Tx, id: string, version: number, patch: Updateable<WorkGroupTable>) {
  return db
    .updateTable('work_group')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}
