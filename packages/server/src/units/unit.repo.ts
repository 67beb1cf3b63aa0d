import type { Insertable, Updateable } from 'kysely';
import type { Tx } from '../context.ts';
import type { UnitTable } from '../db/schema.ts';

export async function findUnit(db: Tx, id: string) {
  return db.selectFrom('unit').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listUnits(db: Tx, tenantIds: string[]) {
  if (!tenantIds.length) return [];
  return db
    .selectFrom('unit')
    .selectAll()
    .where('tenant_id', 'in', tenantIds)
    .orderBy('created_at')
    .orderBy('name')
    .execute();
}

export async function insertUnit(db: Tx, row: Insertable<UnitTable>) {
  return db.insertInto('unit').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateUnit(db: Tx, id: string, version: number, patch: Updateable<UnitTable>) {
  return db
    .updateTable('unit')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}
