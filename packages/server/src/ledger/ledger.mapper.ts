import type { LedgerEntryRow } from '../db/schema.ts';

/** A ledger entry as the API shows it; `payload` carries the kind's own fields (progress texts, evidence, changes). */
export function toLedgerEntry(row: LedgerEntryRow) {
  return {
    id: Number(row.id),
    projectId: row.project_id,
    kind: row.kind,
    effectiveOn: row.effective_on,
    recordedAt: new Date(row.recorded_at).toISOString(),
    actorId: row.actor_id,
    actorName: row.actor_name,
    correctsId: row.corrects_id === null ? null : Number(row.corrects_id),
    stageTo: row.stage_to,
    amountFen: row.amount_fen === null ? null : Number(row.amount_fen),
    fundingSource: row.funding_source,
    capitalKind: row.capital_kind,
    attachmentId: row.attachment_id,
    payload: row.payload as Record<string, unknown>,
  };
}
export type LedgerEntry = ReturnType<typeof toLedgerEntry>;
