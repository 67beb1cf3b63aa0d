/**
 * Walks one chain (audit/chain.ts) in id order and names its first broken link: a row whose content no
 * longer gives its hash (edited), a row whose `prev_hash` is not the hash of the row before it (a row
 * removed, inserted or moved before it), a row written without a hash, a head that is not the last row
 * (rows removed at the end), or a head anchored in an issued report that the chain no longer holds.
 */
import { sql, type Kysely } from 'kysely';
import { canonicalRow, GENESIS, linkHash, NO_TENANT, tableOf, type Chain, type ChainHead } from './chain.ts';

export type ChainProblem = 'content' | 'link' | 'unhashed' | 'head' | 'anchor';

export interface BrokenLink {
  table: 'audit_log' | 'ledger_entry' | 'chain_head' | 'issued_report';
  id: number | string;
  problem: ChainProblem;
  /** What was expected and found, for the message. */
  detail: Record<string, string | number | null>;
}

export interface ChainWalk {
  chain: Chain;
  scope: string;
  count: number;
  head: ChainHead | null;
  broken: BrokenLink | null;
  /** Broken links in all (after the first, each row is checked against its own predecessor). */
  brokenCount: number;
}

/** A head some issued report carries: the chain must still hold row `id` with `hash`. */
export interface Anchor extends ChainHead {
  reportId: string;
  month: string;
  issue: number;
}

const BATCH = 2000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- either table
type AnyDb = Kysely<any>;

export async function walkChain(
  db: AnyDb,
  chain: Chain,
  scope: string,
  anchors: readonly Anchor[] = [],
): Promise<ChainWalk> {
  const table = tableOf[chain];
  const headRow = await db
    .selectFrom('chain_head')
    .select([`${chain}_id as id`, `${chain}_hash as hash`])
    .where('scope', '=', scope)
    .executeTakeFirst();
  const head = headRow ? { id: Number(headRow.id), hash: String(headRow.hash) } : null;
  const pending = new Map(anchors.map((a) => [a.id, a]));
  const walk: ChainWalk = { chain, scope, count: 0, head, broken: null, brokenCount: 0 };
  const fail = (link: BrokenLink) => {
    walk.brokenCount += 1;
    walk.broken ??= link;
  };

  let prev = GENESIS;
  let lastId = 0;
  for (;;) {
    const { rows } = await sql<
      Record<string, unknown> & { id: number; prev_hash: string | null; hash: string | null }
    >`
      select * from ${sql.table(table)}
      where ${scope === NO_TENANT ? sql`tenant_id is null` : sql`tenant_id = ${scope}`} and id > ${lastId}
      order by id limit ${BATCH}`.execute(db);
    for (const row of rows) {
      const id = Number(row.id);
      walk.count += 1;
      if (!row.hash || !row.prev_hash) {
        fail({ table, id, problem: 'unhashed', detail: { id } });
      } else if (row.prev_hash !== prev) {
        fail({ table, id, problem: 'link', detail: { id, previousId: lastId || null } });
      } else if (linkHash(row.prev_hash, canonicalRow(chain, row, 'stored')) !== row.hash) {
        fail({ table, id, problem: 'content', detail: { id } });
      }
      const anchor = pending.get(id);
      if (anchor) {
        pending.delete(id);
        if (anchor.hash !== row.hash) fail(anchorBroken(anchor));
      }
      prev = row.hash ?? prev;
      lastId = id;
    }
    if (rows.length < BATCH) break;
  }
  for (const anchor of pending.values()) fail(anchorBroken(anchor));
  const headId = head?.id ?? 0;
  if (headId !== lastId || (head !== null && head.hash !== prev)) {
    fail({ table: 'chain_head', id: scope, problem: 'head', detail: { headId, lastId: lastId || null } });
  }
  return walk;
}

function anchorBroken(anchor: Anchor): BrokenLink {
  return {
    table: 'issued_report',
    id: anchor.reportId,
    problem: 'anchor',
    detail: { month: anchor.month, issue: anchor.issue, id: anchor.id },
  };
}
