import type { Insertable } from 'kysely';
import type { Tx } from '../context.ts';
import type { LedgerEntryTable } from '../db/schema.ts';
import { previousStage } from './stage-moves.ts';

export async function insertLedgerEntry(db: Tx, row: Insertable<LedgerEntryTable>) {
  return db.insertInto('ledger_entry').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findLedgerEntry(db: Tx, id: number) {
  return db.selectFrom('ledger_entry').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * A project's entries in ledger order (effective date, then entry order), up to a date when given;
 * each with the stage the project was at before it (`previous_stage`, for stage moves' `from`).
 */
export async function listLedgerEntries(db: Tx, projectId: string, asOf?: string) {
  let q = db
    .selectFrom('ledger_entry as e')
    .selectAll('e')
    .select(previousStage('e').as('previous_stage'))
    .where('e.project_id', '=', projectId);
  if (asOf) q = q.where('e.effective_on', '<=', asOf);
  return q.orderBy('e.effective_on').orderBy('e.id').execute();
}

export async function findCorrectionOf(db: Tx, entryId: number) {
  return db.selectFrom('ledger_entry').select('id').where('corrects_id', '=', entryId).executeTakeFirst();
}

/** The as-of values of one project from its dated entries (the same rules as the library list). */
export async function readProjectAsOf(db: Tx, projectId: string, asOf: string) {
  const entries = await listLedgerEntries(db, projectId, asOf);
  if (!entries.length) return undefined;
  let stage: LedgerEntryTable['stage_to'] = null;
  let agreed = 0;
  let fixed = 0;
  let funds = 0;
  let lastEntryOn = entries[0]?.effective_on ?? asOf;
  let snapshot: unknown = null;
  for (const e of entries) {
    if (e.stage_to) stage = e.stage_to;
    if (e.agreed_fen !== null) agreed = e.agreed_fen;
    if (e.fixed_fen !== null) fixed = e.fixed_fen;
    if (e.amount_fen !== null) funds += e.amount_fen;
    if (e.effective_on > lastEntryOn) lastEntryOn = e.effective_on;
  }
  // Descriptive fields: the snapshot of the last entry recorded that carries one.
  for (const e of [...entries].sort((a, b) => a.id - b.id)) if (e.snapshot) snapshot = e.snapshot;
  return { stage, agreed, fixed, funds, lastEntryOn, snapshot, entries };
}
