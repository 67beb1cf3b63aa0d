import { sql, type Insertable, type Updateable } from 'kysely';
import type { EnterpriseQuery } from '@landfall/domain/schemas/enterprise';
import type { Tx } from '../context.ts';
import type { EnterpriseTable } from '../db/schema.ts';

export async function findEnterprise(db: Tx, id: string) {
  return db.selectFrom('enterprise').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findEnterpriseByCreditCode(db: Tx, tenantId: string, creditCode: string) {
  return db
    .selectFrom('enterprise')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('credit_code', '=', creditCode)
    .executeTakeFirst();
}

/** Name search: substring match (so 三雄 finds 三雄极光), ranked by trigram similarity (pg_trgm). */
export async function listEnterprises(db: Tx, tenantIds: string[] | undefined, query: EnterpriseQuery) {
  let q = db.selectFrom('enterprise');
  if (tenantIds) {
    if (!tenantIds.length) return { items: [], total: 0 };
    q = q.where('tenant_id', 'in', tenantIds);
  }
  const text = query.q?.trim();
  if (text) {
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('name', 'ilike', like), eb('credit_code', '=', text.toUpperCase())]));
  }
  if (query.isLocal) q = q.where('is_local', '=', query.isLocal === 'true');
  const total = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  let items = q.selectAll();
  items = text ? items.orderBy(sql`similarity(name, ${text})`, 'desc') : items;
  const rows = await items
    .orderBy('name')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { items: rows, total: Number(total.n) };
}

export async function insertEnterprise(db: Tx, row: Insertable<EnterpriseTable>) {
  return db.insertInto('enterprise').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateEnterprise(
  db: Tx,
  id: string,
  version: number,
  patch: Updateable<EnterpriseTable>,
) {
  return db
    .updateTable('enterprise')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}
