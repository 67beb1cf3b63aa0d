import type { Insertable } from 'kysely';
import type { Tx } from '../context.ts';
import type { TenantTable } from '../db/schema.ts';
import { AppError } from '../http/app-error.ts';

const columns = [
  't.id',
  't.parent_id',
  't.path',
  't.name',
  't.division_code',
  'd.name as division_name',
  't.level',
  't.version',
  't.created_at',
] as const;

export async function findTenant(db: Tx, id: string) {
  return db
    .selectFrom('tenant as t')
    .innerJoin('division as d', 'd.code', 't.division_code')
    .select(columns)
    .where('t.id', '=', id)
    .executeTakeFirst();
}

export async function getTenant(db: Tx, id: string) {
  const row = await findTenant(db, id);
  if (!row) throw new AppError('not_found');
  return row;
}

export async function listTenants(db: Tx, ids: string[] | undefined) {
  let q = db
    .selectFrom('tenant as t')
    .innerJoin('division as d', 'd.code', 't.division_code')
    .select(columns);
  if (ids) {
    if (!ids.length) return [];
    q = q.where('t.id', 'in', ids);
  }
  return q.orderBy('t.path').execute();
}

export async function insertTenant(db: Tx, row: Insertable<TenantTable>) {
  await db.insertInto('tenant').values(row).execute();
  return getTenant(db, row.id as string);
}

export async function updateTenantName(db: Tx, id: string, version: number, name: string) {
  const row = await db
    .updateTable('tenant')
    .set({ name, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return row ? getTenant(db, id) : undefined;
}

export type TenantRecord = Awaited<ReturnType<typeof getTenant>>;

export async function listAllTenantIds(db: Tx): Promise<string[]> {
  return (await db.selectFrom('tenant').select('id').execute()).map((r) => r.id);
}
