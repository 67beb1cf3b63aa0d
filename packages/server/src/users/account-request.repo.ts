import type { Insertable } from 'kysely';
import type { Tx } from '../context.ts';
import type { AccountRequestTable } from '../db/schema.ts';

export async function insertAccountRequest(db: Tx, row: Insertable<AccountRequestTable>) {
  return db.insertInto('account_request').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findAccountRequest(db: Tx, id: string) {
  return db.selectFrom('account_request').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listAccountRequests(
  db: Tx,
  filter: { tenantIds: string[] | undefined; status?: 'pending' | 'approved' | 'refused' },
) {
  let q = db.selectFrom('account_request').selectAll();
  if (filter.tenantIds) {
    if (!filter.tenantIds.length) return [];
    q = q.where('tenant_id', 'in', filter.tenantIds);
  }
  if (filter.status) q = q.where('status', '=', filter.status);
  return q.orderBy('requested_at', 'desc').limit(500).execute();
}

/** Decides a pending request; undefined when someone decided it first. */
export async function decideAccountRequest(
  db: Tx,
  id: string,
  decision: {
    status: 'approved' | 'refused';
    decided_by: string;
    decided_by_name: string;
    decided_at: Date;
    reason: string | null;
  },
) {
  return db
    .updateTable('account_request')
    .set(decision)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}
