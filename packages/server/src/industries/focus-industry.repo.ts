import type { Insertable } from 'kysely';
import type { Tx } from '../context.ts';
import type { FocusIndustryTable } from '../db/schema.ts';

export async function insertFocusIndustry(db: Tx, row: Insertable<FocusIndustryTable>) {
  return db.insertInto('focus_industry').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listFocusIndustries(db: Tx, tenantIds: string[]) {
  if (!tenantIds.length) return [];
  return db
    .selectFrom('focus_industry')
    .selectAll()
    .where('tenant_id', 'in', tenantIds)
    .orderBy('sort_order')
    .execute();
}
