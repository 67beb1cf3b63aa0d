/**
 * 待补证据: a project that stands at a stage without the evidence the stage move needs (the
 * import takes a sheet's stage as it stands) carries the missing items in `evidence_missing`.
 * The import sets the list; the services only ever shorten it — a stage move, an edit or
 * 补录证据 (recordEvidence, here) that supplies an item clears it, a revert below the stage that
 * needed it clears it too.
 */
import {
  evidenceField,
  evidenceItemLabels,
  evidenceRecordSchema,
  missingEvidence,
  signingEvidenceItems,
  type EvidenceItem,
  type EvidenceRecordInput,
} from '@landfall/domain/evidence';
import type { Updateable } from 'kysely';
import type { Ctx } from '../context.ts';
import type { ProjectRow, ProjectTable } from '../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError, invalidField } from '../http/app-error.ts';
import { insertLedgerEntry } from '../ledger/ledger.repo.ts';
import { enteredOn } from '../ledger/ledger.service.ts';
import { assertAttachmentOf, hasAgreementOnRecord } from '../ledger/stage-evidence.ts';
import { findProject, updateProjectRow } from './project.repo.ts';
import { toProject } from './project.mapper.ts';
import { loadProject, today } from './project.service.ts';
import { evidenceFacts, remainingEvidence } from './evidence-state.ts';

/** The project columns each evidence item is written to. */
const itemColumn: Record<EvidenceItem, keyof ProjectRow> = {
  signedOn: 'signed_on',
  agreementKind: 'agreement_kind',
  agreedInvestment: 'agreed_investment_fen',
  registeredOn: 'registered_on',
  localCreditCode: 'local_credit_code',
  actualStartOn: 'actual_start_on',
  productionOn: 'production_on',
};

/**
 * 补录证据: records evidence the project's stage lacks — only such items (400 for one already
 * recorded or one the stage does not need); dates not in the future; a field_change entry dated today.
 */
export async function recordEvidence(ctx: Ctx, id: string, raw: EvidenceRecordInput) {
  const input = evidenceRecordSchema.parse(raw);
  const before = await loadProject(ctx, ctx.db, id, 'project.update');
  if (input.version !== before.version)
    throw new AppError('stale_version', undefined, { current: toProject(before) });
  const missing = new Set<EvidenceItem>(missingEvidence(evidenceFacts(before)));
  const day = today(ctx);
  const patch: Record<string, unknown> = {};
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [item, field] of Object.entries(evidenceField) as [EvidenceItem, keyof typeof input][]) {
    const value = input[field];
    if (value === undefined) continue;
    const label = evidenceItemLabels[item];
    if (!missing.has(item)) {
      throw invalidField(ctx, field, {
        zh: `${label['zh-CN']}无需补录：已登记，或项目阶段不需要`,
        en: `${label['en-US']} needs no recording: already recorded, or not needed at this stage`,
      });
    }
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && value > day) {
      throw invalidField(ctx, field, { zh: '日期不能晚于今天', en: 'The date cannot be in the future' });
    }
    const column = itemColumn[item];
    patch[column] = value;
    changes[field] = { from: before[column] ?? null, to: value };
  }
  if (input.agreedInvestmentFen !== undefined && input.agreedInvestmentFen < Number(before.fixed_asset_fen)) {
    throw invalidField(ctx, 'agreedInvestmentFen', {
      zh: '协议投资额不能小于已登记的固定资产投资额',
      en: 'The agreed investment cannot be below the recorded fixed-asset part',
    });
  }
  const agreement = await agreementOf(ctx, id, input, before);
  const merged = { ...before, ...patch } as ProjectRow;
  // Dates as a typed move would take them: not before the project entered the library, and in order.
  const entered = await enteredOn(ctx.db, id);
  const order: [keyof typeof input, keyof ProjectRow, string][] = [
    ['signedOn', 'signed_on', '签约日期'],
    ['registeredOn', 'registered_on', '注册登记日期'],
    ['actualStartOn', 'actual_start_on', '实际开工日期'],
    ['productionOn', 'production_on', '投产日期'],
  ];
  let previous: { on: string; label: string; given: boolean } | null = null;
  for (const [field, column, label] of order) {
    const on = merged[column] as string | null;
    const given = input[field] !== undefined;
    if (on && given && on < entered)
      throw invalidField(ctx, field, {
        zh: `${label}不能早于项目入库日期 ${entered}`,
        en: `The date cannot precede ${entered}, when the project was entered`,
      });
    if (on && previous && on < previous.on && (given || previous.given))
      throw invalidField(ctx, field, {
        zh: `${label}不能早于${previous.label}（${previous.on}）`,
        en: `The date cannot precede ${previous.on}`,
      });
    if (on) previous = { on, label, given };
  }
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const after = await updateProjectRow(trx, id, input.version, {
      ...(patch as Updateable<ProjectTable>),
      evidence_missing: remainingEvidence(before, merged),
      ...(before.review_status === 'refused' ? { review_status: 'pending' as const } : {}),
      last_entry_on: day > before.last_entry_on ? day : before.last_entry_on,
      updated_at: now,
    });
    if (!after) {
      const current = await findProject(trx, id);
      throw new AppError('stale_version', undefined, { current: current && toProject(current) });
    }
    await insertLedgerEntry(trx, {
      tenant_id: before.tenant_id,
      project_id: id,
      kind: 'field_change',
      effective_on: day,
      recorded_at: now,
      actor_id: ctx.actor?.id ?? null,
      actor_name: ctx.actor?.username ?? 'system',
      baseline: ctx.baseline ?? false,
      agreed_fen: 'agreed_investment_fen' in patch ? after.agreed_investment_fen : null,
      fixed_fen: 'agreed_investment_fen' in patch ? after.fixed_asset_fen : null,
      attachment_id: agreement && 'attachmentId' in agreement ? agreement.attachmentId : null,
      snapshot: JSON.stringify(toProject(after)),
      payload: JSON.stringify({ changes, evidence: true, ...(agreement ? { agreement } : {}) }),
    });
    await recordAudit(trx, ctx, {
      action: 'project.update',
      recordType: 'project',
      recordId: id,
      tenantId: before.tenant_id,
      before: toProject(before),
      after: toProject(after),
    });
    return toProject(after);
  });
}

const signedOrLater = new Set(['signed', 'settled', 'construction', 'production']);

/**
 * The agreement behind recorded signing items, as a signing move asks for it: when the input records
 * a signing item (签约日期, 协议类型, 协议投资额) and the project has no agreement on record, the file
 * (the project's own) or the reason there is none is required. Given alone, it completes a signed
 * project's record; given twice, or before a signing, it is refused.
 */
async function agreementOf(
  ctx: Ctx,
  id: string,
  input: ReturnType<typeof evidenceRecordSchema.parse>,
  project: ProjectRow,
): Promise<{ attachmentId: string } | { noAgreementReason: string } | undefined> {
  const signingGiven = signingEvidenceItems.some((item) => input[evidenceField[item]] !== undefined);
  const given = input.agreementAttachmentId !== undefined || input.noAgreementReason !== undefined;
  if (!signingGiven && !given) return undefined;
  const stage =
    project.stage === 'paused' || project.stage === 'dropped' ? project.stage_before : project.stage;
  const field = input.agreementAttachmentId !== undefined ? 'agreementAttachmentId' : 'noAgreementReason';
  if (given && !signedOrLater.has(stage ?? '')) {
    throw invalidField(ctx, field, {
      zh: '项目尚未签约，无需补录协议文件',
      en: 'The project is not signed: no agreement to record',
    });
  }
  const onRecord = await hasAgreementOnRecord(ctx.db, id);
  if (onRecord && given) {
    throw invalidField(ctx, field, {
      zh: '协议文件（或未上传的原因）已登记，无需补录',
      en: 'The agreement (or the reason for none) is already on record',
    });
  }
  if (onRecord) return undefined;
  if (input.agreementAttachmentId !== undefined) {
    await assertAttachmentOf(ctx, ctx.db, input.agreementAttachmentId, id, 'agreementAttachmentId');
    return { attachmentId: input.agreementAttachmentId };
  }
  if (input.noAgreementReason !== undefined) return { noAgreementReason: input.noAgreementReason };
  throw invalidField(ctx, 'agreementAttachmentId', {
    zh: '补录签约证据须上传协议文件，或说明未上传的原因',
    en: 'Recording the signing needs the agreement file, or the reason there is none',
  });
}
