/** 待补证据 on a project row (pure): its evidence facts, and what a service's write leaves missing. */
import { missingEvidence, type EvidenceFacts } from '@landfall/domain/evidence';
import type { ProjectRow } from '../db/schema.ts';

export type EvidenceColumns = Pick<
  ProjectRow,
  | 'stage'
  | 'stage_before'
  | 'signed_on'
  | 'agreement_kind'
  | 'agreed_investment_fen'
  | 'registered_on'
  | 'local_credit_code'
  | 'actual_start_on'
  | 'production_on'
>;

export function evidenceFacts(row: EvidenceColumns): EvidenceFacts {
  return {
    stage: row.stage,
    stageBefore: row.stage_before,
    signedOn: row.signed_on,
    agreementKind: row.agreement_kind,
    agreedInvestmentFen: row.agreed_investment_fen,
    registeredOn: row.registered_on,
    localCreditCode: row.local_credit_code,
    actualStartOn: row.actual_start_on,
    productionOn: row.production_on,
  };
}

/** After a service's write: the items still missing of those that were (a service never adds one). */
export function remainingEvidence(before: Pick<ProjectRow, 'evidence_missing'>, after: EvidenceColumns) {
  const was = before.evidence_missing ?? [];
  if (!was.length) return [];
  const now = new Set<string>(missingEvidence(evidenceFacts(after)));
  return was.filter((item) => now.has(item));
}
