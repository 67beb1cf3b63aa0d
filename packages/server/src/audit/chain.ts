/**
 * Tamper evidence (issue 12, item 11): every audit row and every ledger entry carries a SHA-256 chained
 * to the previous one of its tenant — `hash = SHA-256(prev_hash ‖ "\n" ‖ JCS(row))`, where JCS is the RFC
 * 8785 canonical JSON of the row's content (every column but the two hashes, named and typed below) and
 * the first row's `prev_hash` is 64 zeros. Rows without a tenant (a failed login for an unknown name) form
 * one chain of their own (scope `none`).
 *
 * The chain is computed in the write's own transaction: the writer locks its tenant's row of `chain_head`
 * (one row per tenant for both chains, so a transaction writing ledger entries and audit rows takes one lock
 * and two writers of one tenant cannot fork a chain nor deadlock on each other), takes the rows' ids from
 * the table's sequence while it holds it (so id order is chain order), hashes the rows in order in Node and
 * moves the head once per call. Bulk writers (the import) pass a whole chunk.
 *
 * `verifyChain` walks a chain in id order and names the first broken link. Only the head anchored outside
 * (the issued reports carry it, closing/closing.issue.ts) proves that no one rewrote the whole chain.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export type Chain = 'audit' | 'ledger';
export const chains: readonly Chain[] = ['audit', 'ledger'];
export const GENESIS = '0'.repeat(64);
/** The scope of audit rows without a tenant. */
export const NO_TENANT = 'none';
export const tableOf = { audit: 'audit_log', ledger: 'ledger_entry' } as const;

type Kind = 'int' | 'text' | 'time' | 'date' | 'json' | 'bool';

/** The columns each chain hashes, version 1. A column added later is not covered until a version 2 names it. */
const fields: Record<Chain, readonly (readonly [string, Kind])[]> = {
  audit: [
    ['id', 'int'],
    ['at', 'time'],
    ['actor_id', 'text'],
    ['actor_name', 'text'],
    ['role', 'text'],
    ['unit_id', 'text'],
    ['tenant_id', 'text'],
    ['ip', 'text'],
    ['user_agent', 'text'],
    ['request_id', 'text'],
    ['action', 'text'],
    ['outcome', 'text'],
    ['record_type', 'text'],
    ['record_id', 'text'],
    ['before', 'json'],
    ['after', 'json'],
  ],
  ledger: [
    ['id', 'int'],
    ['tenant_id', 'text'],
    ['project_id', 'text'],
    ['kind', 'text'],
    ['effective_on', 'date'],
    ['recorded_at', 'time'],
    ['actor_id', 'text'],
    ['actor_name', 'text'],
    ['corrects_id', 'int'],
    ['stage_to', 'text'],
    ['amount_fen', 'int'],
    ['agreed_fen', 'int'],
    ['fixed_fen', 'int'],
    ['funding_source', 'text'],
    ['capital_kind', 'text'],
    ['snapshot', 'json'],
    ['payload', 'json'],
    ['attachment_id', 'text'],
    ['baseline', 'bool'],
  ],
};

/** The table's defaults for columns a writer leaves out (the row as stored has them). */
const defaults: Record<Chain, Record<string, unknown>> = {
  audit: {},
  ledger: { payload: {}, baseline: false },
};

/**
 * A row's content as the chain hashes it. `insert`: the values a writer inserts (JSON columns as JSON
 * text, as Kysely sends them); `stored`: a row as read back (JSON columns parsed, timestamps as Dates).
 * Both give the same text for the same row.
 */
export function canonicalRow(chain: Chain, row: Record<string, unknown>, form: 'insert' | 'stored'): string {
  const out: Record<string, unknown> = { v: `landfall.${chain}.1` };
  for (const [name, kind] of fields[chain]) {
    const value = row[name] === undefined ? (defaults[chain][name] ?? null) : row[name];
    out[name] = value === null ? null : normalise(kind, value, form);
  }
  const text = canonicalize(out);
  if (text === undefined) throw new Error('row cannot be serialised');
  return text;
}

function normalise(kind: Kind, value: unknown, form: 'insert' | 'stored'): unknown {
  switch (kind) {
    case 'int':
      return Number(value);
    case 'text':
    case 'date':
      return String(value);
    case 'time':
      return new Date(value as Date | string).toISOString();
    case 'bool':
      return Boolean(value);
    case 'json':
      return form === 'insert' && typeof value === 'string' ? JSON.parse(value) : value;
  }
}

export function linkHash(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonical, 'utf8').digest('hex');
}

export const scopeOf = (tenantId: string | null | undefined) => tenantId ?? NO_TENANT;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the chain works on either table (and in migrations)
type AnyDb = Kysely<any>;

export interface ChainHead {
  id: number;
  hash: string;
}

/** Locks a scope's head row for the rest of the transaction (created at the genesis on first use) and reads it. */
export async function lockHead(db: AnyDb, scope: string, chain: Chain): Promise<ChainHead> {
  const { rows } = await sql<{ id: number; hash: string }>`
    insert into chain_head (scope, audit_id, audit_hash, ledger_id, ledger_hash)
    values (${scope}, 0, ${GENESIS}, 0, ${GENESIS})
    on conflict (scope) do update set audit_id = chain_head.audit_id
    returning ${sql.ref(`${chain}_id`)} as id, ${sql.ref(`${chain}_hash`)} as hash`.execute(db);
  const head = rows[0];
  if (!head) throw new Error('chain head not locked');
  return { id: Number(head.id), hash: head.hash };
}

async function nextIds(db: AnyDb, chain: Chain, n: number): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    select nextval(pg_get_serial_sequence(${tableOf[chain]}, 'id')) as id from generate_series(1, ${n})`.execute(
    db,
  );
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

/**
 * Gives each row its id, `prev_hash` and `hash`, in order, per tenant, and moves the heads — in the
 * caller's transaction, which must insert the returned rows (in any order) before it commits.
 */
export async function chainRows<R extends Record<string, unknown>>(
  db: AnyDb,
  chain: Chain,
  rows: readonly R[],
): Promise<(R & { id: number; prev_hash: string; hash: string })[]> {
  const byScope = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const scope = scopeOf(row.tenant_id as string | null | undefined);
    byScope.set(scope, [...(byScope.get(scope) ?? []), i]);
  });
  const out: (R & { id: number; prev_hash: string; hash: string })[] = new Array(rows.length);
  // Scopes in one order, so that two writers of the same tenants lock them alike.
  for (const scope of [...byScope.keys()].sort()) {
    const indexes = byScope.get(scope) ?? [];
    const head = await lockHead(db, scope, chain);
    const ids = await nextIds(db, chain, indexes.length);
    let prev = head.hash;
    indexes.forEach((index, k) => {
      const row = { ...rows[index], id: ids[k] } as R & { id: number };
      const hash = linkHash(prev, canonicalRow(chain, row, 'insert'));
      out[index] = { ...row, prev_hash: prev, hash };
      prev = hash;
    });
    await sql`
      update chain_head set ${sql.ref(`${chain}_id`)} = ${ids.at(-1) ?? head.id}, ${sql.ref(`${chain}_hash`)} = ${prev}
      where scope = ${scope}`.execute(db);
  }
  return out;
}

/** Runs `fn` in the caller's transaction, or in one of its own when the caller has none. */
export async function inTransaction<T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
