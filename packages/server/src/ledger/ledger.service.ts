import {
  applyStageMove,
  canReceiveFunds,
  evidenceSchemaFor,
  stageMoveErrorMessages,
  type ActiveStage,
} from '@landfall/domain/stages';
import {
  correctionSchema,
  fundingEntrySchema,
  progressEntrySchema,
  type CorrectionInput,
  type FundingEntryInput,
  type ProgressEntryInput,
  type StageMoveInput,
} from '@landfall/domain/schemas/project';
import type { Insertable, Updateable } from 'kysely';
import type { Ctx, Tx } from '../context.ts';
import type { LedgerEntryRow, LedgerEntryTable, ProjectRow, ProjectTable } from '../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError, invalidField } from '../http/app-error.ts';
import { assertAttachmentOf, checkSitePhoto } from './stage-evidence.ts';
import { findProject, touchProject, updateProjectRow } from '../projects/project.repo.ts';
import { toProject } from '../projects/project.mapper.ts';
import { loadProject, today } from '../projects/project.service.ts';
import { findCorrectionOf, findLedgerEntry, insertLedgerEntry } from './ledger.repo.ts';
import { toLedgerEntry } from './ledger.mapper.ts';
import { remainingEvidence } from '../projects/evidence-state.ts';
import { lateMark, resolveEntryDate } from '../closing/closing.guard.ts';

function entryBase(ctx: Ctx, project: ProjectRow) {
  return {
    tenant_id: project.tenant_id,
    project_id: project.id,
    recorded_at: ctx.clock.now(),
    actor_id: ctx.actor?.id ?? null,
    actor_name: ctx.actor?.username ?? 'system',
    baseline: ctx.baseline ?? false,
  };
}

/**
 * Appends one entry in the caller's transaction: the entry, the project's
 * bookkeeping (funds total, last entry date) and the audit row, together.
 */
async function appendEntry(
  ctx: Ctx,
  trx: Tx,
  project: ProjectRow,
  row: Omit<Insertable<LedgerEntryTable>, keyof ReturnType<typeof entryBase>>,
  opts: { fundsDeltaFen?: number; lastEntryOn: string; before?: LedgerEntryRow },
) {
  const entry = await insertLedgerEntry(trx, { ...entryBase(ctx, project), ...row });
  await touchProject(trx, project.id, {
    fundsDeltaFen: opts.fundsDeltaFen,
    lastEntryOn: opts.lastEntryOn,
    updatedAt: ctx.clock.now(),
  });
  await recordAudit(trx, ctx, {
    action: 'project.addEntry',
    recordType: 'ledger_entry',
    recordId: String(entry.id),
    tenantId: project.tenant_id,
    before: opts.before ? toLedgerEntry(opts.before) : undefined,
    after: toLedgerEntry(entry),
  });
  return toLedgerEntry(entry);
}

/** An entry's date may not be in the future, nor before the project entered the library. */
function assertEntryDate(ctx: Ctx, date: string, entered: string, field = 'date') {
  if (date > today(ctx))
    throw invalidField(ctx, field, { zh: '日期不能晚于今天', en: 'The date cannot be in the future' });
  if (date < entered) {
    throw invalidField(ctx, field, {
      zh: `日期不能早于项目入库日期 ${entered}`,
      en: `The date cannot precede ${entered}, when the project was entered`,
    });
  }
}

/** The day the project entered the library (its created entry): no dated fact of it may precede it. */
export async function enteredOn(db: Tx, projectId: string): Promise<string> {
  const first = await db
    .selectFrom('ledger_entry')
    .select('effective_on')
    .where('project_id', '=', projectId)
    .where('kind', '=', 'created')
    .executeTakeFirstOrThrow();
  return first.effective_on;
}

/** 目前进展 / 存在问题 / 下步计划, dated. */
export async function addProgress(ctx: Ctx, projectId: string, raw: ProgressEntryInput) {
  const input = progressEntrySchema.parse(raw);
  const project = await loadProject(ctx, ctx.db, projectId, 'project.addEntry');
  return ctx.db.transaction().execute(async (trx) => {
    assertEntryDate(ctx, input.date, await enteredOn(trx, projectId));
    if (input.attachmentId) await assertAttachmentOf(ctx, trx, input.attachmentId, projectId, 'attachmentId');
    // 封账: refused in a closed month, or 补录 on the next open month's first day.
    const placed = await resolveEntryDate(ctx, trx, project.tenant_id, input.date);
    return appendEntry(
      ctx,
      trx,
      project,
      {
        kind: 'progress',
        effective_on: placed.date,
        attachment_id: input.attachmentId ?? null,
        payload: JSON.stringify({
          current: input.current,
          problems: input.problems,
          nextSteps: input.nextSteps,
          ...lateMark(placed),
        }),
      },
      { lastEntryOn: placed.date },
    );
  });
}

/** 到位资金: a dated amount by source. Only a signed project receives funds. */
export async function recordFunding(ctx: Ctx, projectId: string, raw: FundingEntryInput) {
  const input = fundingEntrySchema.parse(raw);
  const project = await loadProject(ctx, ctx.db, projectId, 'project.addEntry');
  if (!canReceiveFunds(project.stage, project.stage_before)) {
    throw new AppError(
      'conflict',
      ctx.locale === 'zh-CN'
        ? '项目签约后才能登记到位资金'
        : 'Funds can be recorded once the project is signed',
    );
  }
  if (project.signed_on && input.date < project.signed_on) {
    throw invalidField(ctx, 'date', {
      zh: `到位资金日期不能早于签约日期 ${project.signed_on}`,
      en: `Funds cannot be dated before the signing on ${project.signed_on}`,
    });
  }
  return ctx.db.transaction().execute(async (trx) => {
    assertEntryDate(ctx, input.date, await enteredOn(trx, projectId));
    // 封账: refused in a closed month, or 补录 on the next open month's first day.
    const placed = await resolveEntryDate(ctx, trx, project.tenant_id, input.date);
    return appendEntry(
      ctx,
      trx,
      project,
      {
        kind: 'funding',
        effective_on: placed.date,
        amount_fen: input.amountFen,
        funding_source: input.source,
        capital_kind: input.capitalKind,
        payload: JSON.stringify({
          note: input.note,
          ...(input.sourceReason ? { sourceReason: input.sourceReason } : {}),
          ...lateMark(placed),
        }),
      },
      { fundsDeltaFen: input.amountFen, lastEntryOn: placed.date },
    );
  });
}

/**
 * Corrects an entry without touching it: a funding entry is reversed by a
 * negative entry of the same date; a progress entry is restated. Each entry is
 * corrected at most once (correct the correction's result by a new entry).
 */
export async function correctEntry(ctx: Ctx, entryId: number, raw: CorrectionInput) {
  const input = correctionSchema.parse(raw);
  const original = await findLedgerEntry(ctx.db, entryId);
  if (!original) throw new AppError('not_found');
  const project = await loadProject(ctx, ctx.db, original.project_id, 'project.addEntry');
  if (original.kind !== 'funding' && original.kind !== 'progress') {
    throw new AppError(
      'conflict',
      ctx.locale === 'zh-CN'
        ? '只能更正进展和到位资金记录；阶段请用“退回”，项目信息请直接编辑'
        : 'Only progress and funding entries are corrected; revert a stage or edit the project instead',
    );
  }
  return ctx.db.transaction().execute(async (trx) => {
    if (await findCorrectionOf(trx, entryId)) {
      throw new AppError(
        'conflict',
        ctx.locale === 'zh-CN' ? '该记录已更正过' : 'This entry has already been corrected',
      );
    }
    const isFunding = original.kind === 'funding';
    const amount = isFunding ? -Number(original.amount_fen) : null;
    const previous = original.payload as Record<string, string>;
    // 封账: correcting an entry of a closed month is a late entry too (refused, or 补录 next open month).
    const placed = await resolveEntryDate(ctx, trx, project.tenant_id, original.effective_on);
    return appendEntry(
      ctx,
      trx,
      project,
      {
        kind: 'correction',
        effective_on: placed.date,
        corrects_id: original.id,
        amount_fen: amount,
        funding_source: original.funding_source,
        capital_kind: original.capital_kind,
        payload: JSON.stringify(
          isFunding
            ? { reason: input.reason, ...lateMark(placed) }
            : {
                reason: input.reason,
                current: input.current ?? previous.current ?? '',
                problems: input.problems ?? previous.problems ?? '',
                nextSteps: input.nextSteps ?? previous.nextSteps ?? '',
                ...lateMark(placed),
              },
        ),
      },
      { fundsDeltaFen: amount ?? 0, lastEntryOn: placed.date, before: original },
    );
  });
}

/**
 * Moves a project along the pipeline with the evidence the move needs (see
 * domain/stages.ts). The move is a dated ledger entry; dates may not run
 * backwards past the current stage's date nor into the future.
 */
export async function moveStage(ctx: Ctx, projectId: string, input: StageMoveInput) {
  const project = await loadProject(ctx, ctx.db, projectId, 'project.moveStage');
  if (input.version !== project.version)
    throw new AppError('stale_version', undefined, { current: toProject(project) });
  const origin = (project.stage_before ?? null) as ActiveStage | null;
  const applied = applyStageMove({ stage: project.stage, pausedFrom: origin, droppedFrom: origin }, input.to);
  if (!applied.ok) {
    throw invalidField(ctx, 'to', {
      zh: stageMoveErrorMessages[applied.error]['zh-CN'],
      en: stageMoveErrorMessages[applied.error]['en-US'],
    });
  }
  const move = { from: project.stage, to: input.to, kind: applied.kind };
  const parsed = evidenceSchemaFor(move).safeParse(input.evidence);
  if (!parsed.success) {
    throw new AppError('validation_failed', undefined, {
      fields: parsed.error.issues.map((i) => ({
        path: ['evidence', ...i.path.map(String)],
        message: i.message,
      })),
    });
  }
  const evidence = parsed.data as Record<string, unknown> & { date: string };
  // 误录 of a signing with funds on it: the funds would stand on no signing. Correct them first.
  if (move.kind === 'revert' && move.from === 'signed' && Number(project.funds_in_place_fen) !== 0) {
    throw new AppError(
      'conflict',
      ctx.locale === 'zh-CN'
        ? '该项目已登记到位资金，不能退回到签约前：请先更正（冲销）到位资金记录，再退回'
        : 'Funds are recorded on this signing: correct (reverse) the funding entries first, then revert',
    );
  }
  if (evidence.date > today(ctx))
    throw invalidField(ctx, ['evidence', 'date'], {
      zh: '日期不能晚于今天',
      en: 'The date cannot be in the future',
    });
  if (evidence.date < project.stage_on) {
    throw invalidField(ctx, ['evidence', 'date'], {
      zh: `日期不能早于当前阶段的日期 ${project.stage_on}`,
      en: `The date cannot precede ${project.stage_on}, the current stage's date`,
    });
  }

  return ctx.db.transaction().execute(async (trx) => {
    // 封账: a move dated in a closed month is refused, or recorded as 补录 on the next open month's
    // first day (the evidence keeps the date it gives; the stage's date is the recorded one).
    const placed = await resolveEntryDate(ctx, trx, project.tenant_id, evidence.date);
    if (typeof evidence.attachmentId === 'string') {
      const sitePhoto = evidence.evidenceKind === 'site_photo';
      await assertAttachmentOf(
        ctx,
        trx,
        evidence.attachmentId,
        projectId,
        ['evidence', 'attachmentId'],
        sitePhoto ? 'image' : input.to === 'construction' || input.to === 'production' ? 'imageOrPdf' : 'any',
      );
      // A dated site photo: its EXIF date against the stated one, else 未核验 with the user's reason.
      if (sitePhoto && typeof evidence.photoTakenOn === 'string') {
        const reason = typeof evidence.unverifiedReason === 'string' ? evidence.unverifiedReason : undefined;
        const check = await checkSitePhoto(ctx, trx, evidence.attachmentId, evidence.photoTakenOn, reason);
        evidence.photoCheck = check;
        if (check.verified) delete evidence.unverifiedReason;
      }
    }
    const patch: Updateable<ProjectTable> = {
      stage: applied.state.stage,
      stage_before: applied.state.pausedFrom ?? applied.state.droppedFrom ?? null,
      stage_on: placed.date,
      last_entry_on: placed.date > project.last_entry_on ? placed.date : project.last_entry_on,
      updated_at: ctx.clock.now(),
    };
    let agreedFen: number | null = null;
    if (move.kind === 'advance') {
      if (input.to === 'signed') {
        agreedFen = Number(evidence.agreedInvestmentFen);
        if (agreedFen < project.fixed_asset_fen) {
          throw invalidField(ctx, ['evidence', 'agreedInvestmentFen'], {
            zh: '协议投资额不能小于已登记的固定资产投资额',
            en: 'The agreed investment cannot be below the recorded fixed-asset part',
          });
        }
        Object.assign(patch, {
          signed_on: evidence.date,
          agreement_kind: evidence.agreementKind,
          agreed_investment_fen: agreedFen,
        });
      }
      if (input.to === 'settled')
        Object.assign(patch, {
          registered_on: evidence.registeredOn,
          local_credit_code: evidence.localCreditCode,
        });
      if (input.to === 'construction') Object.assign(patch, { actual_start_on: evidence.actualStartOn });
      if (input.to === 'production') Object.assign(patch, { production_on: evidence.date });
    }
    // A signing reverted as a mistake (误录) never happened: its date and agreement go with it
    // (a real 解约 is a drop and keeps them). The revert's payload keeps what was cleared.
    if (move.kind === 'revert' && move.from === 'signed') {
      Object.assign(patch, { signed_on: null, agreement_kind: null });
      evidence.cleared = { signedOn: project.signed_on, agreementKind: project.agreement_kind };
    }
    // 待补证据: the move's evidence (or a revert below the stage that needed it) clears what it covers.
    if (project.evidence_missing?.length)
      patch.evidence_missing = remainingEvidence(project, { ...project, ...patch } as ProjectRow);
    const after = await updateProjectRow(trx, projectId, input.version, patch);
    if (!after) {
      const current = await findProject(trx, projectId);
      throw new AppError('stale_version', undefined, { current: current && toProject(current) });
    }
    const entry = await insertLedgerEntry(trx, {
      ...entryBase(ctx, project),
      kind: 'stage_move',
      effective_on: placed.date,
      stage_to: after.stage,
      agreed_fen: agreedFen,
      attachment_id: typeof evidence.attachmentId === 'string' ? evidence.attachmentId : null,
      snapshot: JSON.stringify(toProject(after)),
      payload: JSON.stringify({
        from: move.from,
        to: move.to,
        kind: move.kind,
        evidence,
        ...lateMark(placed),
      }),
    });
    await recordAudit(trx, ctx, {
      action: 'project.moveStage',
      recordType: 'project',
      recordId: projectId,
      tenantId: project.tenant_id,
      before: toProject(project),
      after: toProject(after),
    });
    return { project: toProject(after), entry: toLedgerEntry(entry) };
  });
}
