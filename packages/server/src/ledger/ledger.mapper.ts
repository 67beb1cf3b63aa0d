import type { Stage } from '@landfall/domain/stages';
import type { LedgerEntryRow } from '../db/schema.ts';
import { completeStageMove } from './stage-moves.ts';

/**
 * A ledger entry as the API shows it; `payload` carries the kind's own fields (progress texts,
 * evidence, changes). A stage move's payload is completed (`from`, `to`, `kind`, `evidence`), with
 * `previous_stage` (listLedgerEntries) standing in for a `from` an old import did not write.
 */
export function toLedgerEntry(row: LedgerEntryRow & { previous_stage?: Stage | null }) {
  const payload =
    row.kind === 'stage_move'
      ? completeStageMove(row.payload, {
          stageTo: row.stage_to,
          previousStage: row.previous_stage ?? null,
          effectiveOn: row.effective_on,
        })
      : (row.payload as Record<string, unknown>);
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
    payload,
  };
}
export type LedgerEntry = ReturnType<typeof toLedgerEntry>;
