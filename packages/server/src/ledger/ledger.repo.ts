import type { Insertable } from 'kysely';
import type { Tx } from '../context.ts';
import type { LedgerEntryTable } from '../db/schema.ts';
import { sql } from 'kysely';
import { chainRows, inTransaction } from '../audit/chain.ts';
import { previousStage } from './stage-moves.ts';
import { entryVisible, projectFacts, type LedgerView, type ProjectFactsRow } from './ledger.reads.ts';

/** Appends one entry to its tenant's ledger chain (audit/chain.ts), in the caller's transaction. */
export async function insertLedgerEntry(db: Tx, row: Insertable<LedgerEntryTable>) {
  return inTransaction(db, async (trx) => {
    const chained = await chainRows(trx, 'ledger', [row]);
    return trx.insertInto('ledger_entry').values(chained).returningAll().executeTakeFirstOrThrow();
  });
}

export async function findLedgerEntry(db: Tx, id: number) {
  return db.selectFrom('ledger_entry').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * A project's entries in ledger order (effective date, then entry order), as of a date and as
 * known before an instant when given; each with the stage the project was at before it
 * (`previous_stage`, for stage moves' `from`, among the entries known then).
 */
export async function listLedgerEntries(db: Tx, projectId: string, view?: Omit<LedgerView, 'projectIds'>) {
  let q = db
    .selectFrom('ledger_entry as e')
    .selectAll('e')
    .select(previousStage('e', view?.knownBefore).as('previous_stage'))
    .where('e.project_id', '=', projectId);
  if (view) q = q.where(entryVisible({ ...view, projectIds: [projectId] }));
  return q.orderBy('e.effective_on').orderBy('e.id').execute();
}

export async function findCorrectionOf(db: Tx, entryId: number) {
  return db.selectFrom('ledger_entry').select('id').where('corrects_id', '=', entryId).executeTakeFirst();
}

/**
 * One project as of a date, as known before an instant: its facts (ledger.reads.ts projectFacts —
 * the library's rules), its visible entries, and the snapshot of descriptive fields carried by the
 * latest recorded visible entry that has one.
 */
export async function readProjectAsOf(db: Tx, projectId: string, view: Omit<LedgerView, 'projectIds'>) {
  const facts = (
    await sql<ProjectFactsRow>`${projectFacts({ ...view, projectIds: [projectId] })}`.execute(db)
  ).rows[0];
  if (!facts) return undefined;
  const entries = await listLedgerEntries(db, projectId, view);
  let snapshot: unknown = null;
  for (const e of [...entries].sort((a, b) => a.id - b.id)) if (e.snapshot) snapshot = e.snapshot;
  return { facts, snapshot, entries };
}
