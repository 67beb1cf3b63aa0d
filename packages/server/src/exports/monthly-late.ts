/**
 * 补录 in a 月度统计表: funds of the month recorded for a closed month (封账) on this month's first
 * day, per unit, with the dates they belong to — read through the ledger's reads (ledger.reads.ts).
 */
import { sql } from 'kysely';
import type { FundsBasis } from '@landfall/domain/targets';
import type { Tx } from '../context.ts';
import { fundsIn, projectCounted, projectUnit, type LedgerView } from '../ledger/ledger.reads.ts';

export interface LateFunds {
  unitId: string;
  fen: bigint;
  /** The dates the late entries belong to (their lateFor), in order. */
  dates: string[];
}

export async function lateFundsByUnit(
  db: Tx,
  view: LedgerView,
  opts: { from: string; basis: FundsBasis; unitIds: string[] },
): Promise<LateFunds[]> {
  if (!opts.unitIds.length) return [];
  const rows = await sql<{ unit_id: string; fen: string; dates: string[] }>`
    select pu.unit_id, sum(e.amount_fen)::text as fen,
      array_agg(distinct e.payload->>'lateFor' order by e.payload->>'lateFor') as dates
    from ledger_entry e join project p on p.id = e.project_id
    join (${projectUnit(view)}) pu on pu.project_id = p.id
    where ${fundsIn(view, { from: opts.from, basis: opts.basis, lateOnly: true })} and ${projectCounted(view, 'p')}
      and pu.unit_id in (${sql.join(opts.unitIds)})
    group by pu.unit_id`.execute(db);
  return rows.rows
    .map((r) => ({ unitId: r.unit_id, fen: BigInt(r.fen), dates: r.dates }))
    .filter((r) => r.fen !== 0n);
}
