import { sql } from 'kysely';
import type { AuditQuery } from '@landfall/domain';
import type { Kysely } from 'kysely';
import type { AuditLogInsert, DB } from '../db/schema.ts';
import type { Tx } from '../context.ts';
import { chainRows, inTransaction } from './chain.ts';

/** Appends one row to its tenant's audit chain (audit/chain.ts), in the caller's transaction or its own. */
export async function insertAuditEntry(db: Tx, entry: AuditLogInsert): Promise<void> {
  await inTransaction(db, async (trx) => {
    const rows = await chainRows(trx, 'audit', [entry]);
    await trx.insertInto('audit_log').values(rows).execute();
  });
}

/** Dates in the query are Asia/Shanghai calendar dates. */
export async function listAuditEntries(db: Kysely<DB>, query: AuditQuery, tenantIds: string[] | undefined) {
  let q = db.selectFrom('audit_log');
  if (tenantIds) {
    // Rows without a tenant (a failed login for an unknown username) are shown to every auditor.
    q = q.where((eb) =>
      tenantIds.length
        ? eb.or([eb('tenant_id', 'in', tenantIds), eb('tenant_id', 'is', null)])
        : eb('tenant_id', 'is', null),
    );
  }
  if (query.from) q = q.where('at', '>=', new Date(`${query.from}T00:00:00+08:00`));
  if (query.to) q = q.where('at', '<', shanghaiNextDay(query.to));
  if (query.actor) q = q.where('actor_name', 'ilike', `%${escapeLike(query.actor)}%`);
  if (query.action) q = q.where('action', 'like', `${escapeLike(query.action)}%`);
  if (query.outcome) q = q.where('outcome', '=', query.outcome);
  if (query.recordType) q = q.where('record_type', '=', query.recordType);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await q
    .selectAll()
    .orderBy('id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { items, total: Number(total.n) };
}

/** The instant the Asia/Shanghai day after `date` begins. */
function shanghaiNextDay(date: string): Date {
  return new Date(new Date(`${date}T00:00:00+08:00`).getTime() + 86_400_000);
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Names as they were at an instant, from the snapshots the audit log keeps of each write
 * (`after`); records without one keep the current name (the caller's fallback).
 */
export async function readAuditSnapshots(db: Tx, recordType: string, ids: string[], before: Date) {
  if (!ids.length) return new Map<string, Record<string, unknown>>();
  const rows = await sql<{ record_id: string; after: Record<string, unknown> }>`
    select distinct on (record_id) record_id, after from audit_log
    where record_type = ${recordType} and record_id in (${sql.join(ids)}) and outcome = 'ok'
      and after is not null and at < ${before}
    order by record_id, at desc, id desc`.execute(db);
  return new Map(rows.rows.map((r) => [r.record_id, r.after]));
}
