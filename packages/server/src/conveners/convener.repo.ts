import type { Insertable, Updateable } from 'kysely';
import type { Tx } from '../context.ts';
import type { ConvenerTable } from '../db/schema.ts';

export async function findConvener(db: Tx, id: string) {
  return db.selectFrom('convener').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listConveners(db: Tx, tenantIds: string[]) {
  if (!tenantIds.length) return [];
  return db
    .selectFrom('convener')
    .selectAll()
    .where('tenant_id', 'in', tenantIds)
    .orderBy('created_at')
    .execute();
}

export async function insertConvener(db: Tx, row: Insertable<ConvenerTable>) {
  return db.insertInto('convener').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateConvener(db: Tx, id: string, version: number, patch: Updateable<ConvenerTable>) {
  return db
    .updateTable('convener')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}
