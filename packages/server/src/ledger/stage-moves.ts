/**
 * What a stage_move entry says, complete: `{ from, to, kind, evidence }` and whatever else its
 * payload carries (`source`, `importId`, `row` for an import).
 *
 * The ledger service has always written that shape; imports before this fix wrote only
 * `{ source: 'import', importId, row, kind: 'import' }` (sometimes `from`). The ledger is
 * append-only, so old payloads stay: every read of stage moves goes through `previousStage`
 * (SQL: the stage the project was at just before the entry) and `completeStageMove`.
 */
import { sql, type RawBuilder } from 'kysely';
import {
  classifyMove,
  isLedgerMoveKind,
  isStage,
  type LedgerMoveKind,
  type Stage,
} from '@landfall/domain/stages';
import { knownIn } from './ledger.reads.ts';

/**
 * The stage before entry `alias` of ledger_entry: the stage_to of the project's previous
 * stage-setting entry (created or stage_move) in ledger order (effective date, then id).
 * With `knownBefore`, only entries recorded before that instant count (a brief as of its date).
 */
export function previousStage(alias: string, knownBefore?: Date): RawBuilder<Stage | null> {
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  const known = knownBefore ? sql`and ${knownIn({ knownBefore }, 'prev')}` : sql``;
  return sql<Stage | null>`(select prev.stage_to from ledger_entry prev
    where prev.project_id = ${col('project_id')}
      and prev.kind in ('created', 'stage_move') and prev.stage_to is not null
      and (prev.effective_on < ${col('effective_on')}
        or (prev.effective_on = ${col('effective_on')} and prev.id < ${col('id')}))
      ${known}
    order by prev.effective_on desc, prev.id desc limit 1)`;
}

export interface StageMovePayload extends Record<string, unknown> {
  from: Stage | null;
  to: Stage | null;
  kind: LedgerMoveKind;
  evidence: Record<string, unknown>;
}

/**
 * A stage_move payload with `to` from the entry's stage_to column, `from` as recorded (or the
 * previous stage when the payload lacks a valid one), a kind that has a label (a missing or
 * unknown one: the checked move's kind when the rules know it, else `import`), and evidence
 * (at least the date).
 */
export function completeStageMove(
  payload: unknown,
  entry: { stageTo: Stage | null; previousStage: Stage | null; effectiveOn: string },
): StageMovePayload {
  const p = payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : {};
  const to = entry.stageTo ?? (isStage(p.to) ? p.to : null);
  const from = isStage(p.from) ? p.from : entry.previousStage;
  let kind: LedgerMoveKind = 'import';
  if (isLedgerMoveKind(p.kind)) kind = p.kind;
  else if (from && to) {
    const move = classifyMove(from, to);
    if (move.ok) kind = move.kind;
  }
  const evidence =
    p.evidence && typeof p.evidence === 'object'
      ? (p.evidence as Record<string, unknown>)
      : { date: entry.effectiveOn };
  return { ...p, from, to, kind, evidence };
}
