/**
 * The project pipeline (项目推进阶段):
 *   策划/储备 planning → 在谈 negotiating → 签约 signed → 落地 settled → 开工 construction → 投产 production
 * plus 暂停 paused and 终止 dropped.
 *
 * Moves:
 *   advance  one step forward along the pipeline, never skipping: each step is recorded with its evidence
 *   revert   one step back, a correction (更正) with a reason
 *   pause    any active stage (production included) → paused, with a reason
 *   resume   paused → the stage it was paused from
 *   drop     any active stage or paused → dropped, with a reason
 *   reopen   dropped → the stage it was dropped from, with a reason
 * The stage recorded for a drop is always an active stage: dropping a paused project
 * records the stage it was paused from, so reopening returns to work directly.
 */
import { z } from 'zod';
import { creditCodeSchema } from './credit-code.ts';
import { calendarDateSchema, isValidDate } from './dates.ts';
import { MAX_AMOUNT_FEN } from './money.ts';
import type { Locale } from './errors.ts';

export const stages = [
  'planning',
  'negotiating',
  'signed',
  'settled',
  'construction',
  'production',
  'paused',
  'dropped',
] as const;
export type Stage = (typeof stages)[number];

/** The pipeline, in order. */
export const activeStages = [
  'planning',
  'negotiating',
  'signed',
  'settled',
  'construction',
  'production',
] as const satisfies readonly Stage[];
export type ActiveStage = (typeof activeStages)[number];

export const stageLabels: Record<Stage, Record<Locale, string>> = {
  planning: { 'zh-CN': '策划储备', 'en-US': 'Planning' },
  negotiating: { 'zh-CN': '在谈', 'en-US': 'Negotiating' },
  signed: { 'zh-CN': '签约', 'en-US': 'Signed' },
  settled: { 'zh-CN': '落地', 'en-US': 'Settled' },
  construction: { 'zh-CN': '开工', 'en-US': 'Under construction' },
  production: { 'zh-CN': '投产', 'en-US': 'In production' },
  paused: { 'zh-CN': '暂停', 'en-US': 'Paused' },
  dropped: { 'zh-CN': '终止', 'en-US': 'Dropped' },
};

export const moveKinds = ['advance', 'pause', 'resume', 'drop', 'reopen', 'revert'] as const;
export type MoveKind = (typeof moveKinds)[number];

export const moveKindLabels: Record<MoveKind, Record<Locale, string>> = {
  advance: { 'zh-CN': '推进', 'en-US': 'Advance' },
  pause: { 'zh-CN': '暂停', 'en-US': 'Pause' },
  resume: { 'zh-CN': '恢复', 'en-US': 'Resume' },
  drop: { 'zh-CN': '终止', 'en-US': 'Drop' },
  reopen: { 'zh-CN': '重新启动', 'en-US': 'Reopen' },
  revert: { 'zh-CN': '更正回退', 'en-US': 'Correct back' },
};

export type StageMove = { from: Stage; to: Stage; kind: MoveKind };

/**
 * The kind a stage_move ledger entry records: a checked move (above), or `import` — the stage an
 * imported sheet states, written as it stands (a sheet may skip steps or go back; the import warns).
 */
export const ledgerMoveKinds = [...moveKinds, 'import'] as const;
export type LedgerMoveKind = (typeof ledgerMoveKinds)[number];

export const ledgerMoveKindLabels: Record<LedgerMoveKind, Record<Locale, string>> = {
  ...moveKindLabels,
  import: { 'zh-CN': '导入', 'en-US': 'Import' },
};

export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (stages as readonly string[]).includes(value);
}

export function isLedgerMoveKind(value: unknown): value is LedgerMoveKind {
  return typeof value === 'string' && (ledgerMoveKinds as readonly string[]).includes(value);
}

export const stageMoveErrors = [
  'same_stage',
  'skips_stages',
  'revert_too_far',
  'origin_unknown',
  'resume_elsewhere',
  'reopen_elsewhere',
] as const;
export type StageMoveError = (typeof stageMoveErrors)[number];

export const stageMoveErrorMessages: Record<StageMoveError, Record<Locale, string>> = {
  same_stage: { 'zh-CN': '项目已处于该阶段', 'en-US': 'The project is already at this stage' },
  skips_stages: {
    'zh-CN': '项目阶段只能逐级推进，不能跨阶段',
    'en-US': 'A project advances one stage at a time',
  },
  revert_too_far: {
    'zh-CN': '更正回退只能退回上一个阶段',
    'en-US': 'A correction goes back one stage only',
  },
  origin_unknown: {
    'zh-CN': '无法确定项目暂停或终止前所处的阶段',
    'en-US': 'The stage before the pause or drop is not known',
  },
  resume_elsewhere: {
    'zh-CN': '暂停的项目只能恢复到暂停前的阶段，或终止',
    'en-US': 'A paused project resumes at the stage it was paused from, or is dropped',
  },
  reopen_elsewhere: {
    'zh-CN': '终止的项目只能重新启动到终止前的阶段',
    'en-US': 'A dropped project reopens at the stage it was dropped from',
  },
};

export function isActiveStage(stage: Stage): stage is ActiveStage {
  return (activeStages as readonly Stage[]).includes(stage);
}

/** Where a paused or dropped project came from. */
export interface StageContext {
  pausedFrom?: Stage | null;
  droppedFrom?: Stage | null;
}

export type MoveResult = { ok: true; kind: MoveKind } | { ok: false; error: StageMoveError };

function ok(kind: MoveKind): MoveResult {
  return { ok: true, kind };
}

function refuse(error: StageMoveError): MoveResult {
  return { ok: false, error };
}

/** Which kind of move from → to is, or why it is not allowed. */
export function classifyMove(from: Stage, to: Stage, context: StageContext = {}): MoveResult {
  if (from === to) return refuse('same_stage');
  if (isActiveStage(from)) {
    if (to === 'paused') return ok('pause');
    if (to === 'dropped') return ok('drop');
    const step = (activeStages as readonly Stage[]).indexOf(to) - activeStages.indexOf(from);
    if (step === 1) return ok('advance');
    if (step === -1) return ok('revert');
    return refuse(step > 1 ? 'skips_stages' : 'revert_too_far');
  }
  if (from === 'paused') {
    if (to === 'dropped') return ok('drop');
    const origin = context.pausedFrom;
    if (!origin || !isActiveStage(origin)) return refuse('origin_unknown');
    return to === origin ? ok('resume') : refuse('resume_elsewhere');
  }
  const origin = context.droppedFrom;
  if (!origin || !isActiveStage(origin)) return refuse('origin_unknown');
  return to === origin ? ok('reopen') : refuse('reopen_elsewhere');
}

/** A project's stage with the origin of a pause or drop. */
export interface StageState {
  stage: Stage;
  pausedFrom?: ActiveStage | null;
  droppedFrom?: ActiveStage | null;
}

export type ApplyMoveResult =
  { ok: true; kind: MoveKind; state: StageState } | { ok: false; error: StageMoveError };

/** Applies a requested move to a state: the new stage and the origin to record. */
export function applyStageMove(state: StageState, to: Stage): ApplyMoveResult {
  const result = classifyMove(state.stage, to, state);
  if (!result.ok) return result;
  const from = state.stage;
  if (result.kind === 'pause' && isActiveStage(from)) {
    return { ...result, state: { stage: 'paused', pausedFrom: from } };
  }
  if (result.kind === 'drop') {
    const origin = isActiveStage(from) ? from : (state.pausedFrom ?? null);
    return { ...result, state: { stage: 'dropped', droppedFrom: origin } };
  }
  return { ...result, state: { stage: to } };
}

/** Every move allowed from a state, e.g. to offer as buttons. */
export function listAllowedMoves(state: StageState): StageMove[] {
  return stages.flatMap((to) => {
    const result = classifyMove(state.stage, to, state);
    return result.ok ? [{ from: state.stage, to, kind: result.kind }] : [];
  });
}

// ── Evidence (佐证) each move needs ────────────────────────────────────────────

const dateField = calendarDateSchema;
const reasonField = z
  .string({ error: '请填写原因' })
  .trim()
  .min(1, '请填写原因')
  .max(500, '原因不能超过 500 字');

/** An optional reason: blank text counts as none. */
const optionalReason = z.preprocess(
  (v) => (typeof v === 'string' && !v.trim() ? undefined : v),
  reasonField.optional(),
);

export const agreementKinds = ['framework', 'formal'] as const;
export type AgreementKind = (typeof agreementKinds)[number];
export const agreementKindLabels: Record<AgreementKind, Record<Locale, string>> = {
  framework: { 'zh-CN': '框架协议', 'en-US': 'Framework agreement' },
  formal: { 'zh-CN': '正式合同', 'en-US': 'Formal contract' },
};

function notAfter(earlier: string, later: string): boolean {
  return !isValidDate(earlier) || !isValidDate(later) || earlier <= later;
}

/** → negotiating (在谈). */
export const negotiatingEvidenceSchema = z.object({ date: dateField });

/** → signed (签约): the agreement and its agreed investment (协议投资额). */
export const signedEvidenceSchema = z
  .object({
    date: dateField,
    agreementKind: z.enum(agreementKinds, { error: '请选择协议类型（框架协议或正式合同）' }),
    agreedInvestmentFen: z
      .number({ error: '请填写协议投资额' })
      .int('协议投资额应为整数分')
      .min(1, '协议投资额应大于 0')
      .max(MAX_AMOUNT_FEN, '协议投资额不能超过 1 万亿元'),
    /** The agreement file (协议文本); without it, `noAgreementReason` says why (e.g. 协议原件在企业，待扫描). */
    attachmentId: z.uuid({ error: '附件编号无效' }).optional(),
    noAgreementReason: optionalReason,
  })
  .refine((value) => value.attachmentId || value.noAgreementReason, {
    path: ['attachmentId'],
    message: '请上传协议文件，或说明未上传的原因',
  });

/** → settled (落地): registered locally, with the local entity's credit code. */
export const settledEvidenceSchema = z
  .object({
    date: dateField,
    registeredOn: z.string({ error: '请填写注册登记日期' }).pipe(calendarDateSchema),
    localCreditCode: creditCodeSchema,
  })
  .refine((value) => notAfter(value.registeredOn, value.date), {
    path: ['registeredOn'],
    message: '注册登记日期不能晚于落地日期',
  });

/** → construction (开工): the actual start date and a permit or a dated site photo. */
export const constructionEvidenceSchema = z
  .object({
    date: dateField,
    actualStartOn: z.string({ error: '请填写实际开工日期' }).pipe(calendarDateSchema),
    attachmentId: z.uuid({ error: '请上传施工许可证或带日期的现场照片' }),
  })
  .refine((value) => notAfter(value.actualStartOn, value.date), {
    path: ['actualStartOn'],
    message: '实际开工日期不能晚于记录日期',
  });

/** What proves production (投产): a production licence, an acceptance record, or a dated site photo. */
export const productionEvidenceKinds = ['licence', 'acceptance', 'site_photo'] as const;
export type ProductionEvidenceKind = (typeof productionEvidenceKinds)[number];
export const productionEvidenceKindLabels: Record<ProductionEvidenceKind, Record<Locale, string>> = {
  licence: { 'zh-CN': '生产许可证', 'en-US': 'Production licence' },
  acceptance: { 'zh-CN': '竣工验收记录', 'en-US': 'Acceptance record' },
  site_photo: { 'zh-CN': '带日期的现场照片', 'en-US': 'Dated site photo' },
};

/**
 * → production (投产): the evidence's kind and file. A site photo states the day it was taken
 * (`photoTakenOn`); the server compares it with the photo's EXIF date (photo-evidence.ts) and,
 * when that is missing or off, keeps the move marked 未核验 with `unverifiedReason` (required then).
 */
export const productionEvidenceSchema = z
  .object({
    date: dateField,
    evidenceKind: z.enum(productionEvidenceKinds, {
      error: '请选择投产证据（生产许可证、竣工验收记录或带日期的现场照片）',
    }),
    attachmentId: z.uuid({ error: '请上传投产证据文件' }),
    photoTakenOn: calendarDateSchema.optional(),
    unverifiedReason: optionalReason,
  })
  .refine((value) => value.evidenceKind !== 'site_photo' || value.photoTakenOn, {
    path: ['photoTakenOn'],
    message: '请填写照片拍摄日期',
  });

/** pause, resume, drop, reopen and revert: a date and a reason. */
export const reasonEvidenceSchema = z.object({ date: dateField, reason: reasonField });

export type NegotiatingEvidence = z.infer<typeof negotiatingEvidenceSchema>;
export type SignedEvidence = z.infer<typeof signedEvidenceSchema>;
export type SettledEvidence = z.infer<typeof settledEvidenceSchema>;
export type ConstructionEvidence = z.infer<typeof constructionEvidenceSchema>;
export type ProductionEvidence = z.infer<typeof productionEvidenceSchema>;
export type ReasonEvidence = z.infer<typeof reasonEvidenceSchema>;
export type StageEvidence =
  | NegotiatingEvidence
  | SignedEvidence
  | SettledEvidence
  | ConstructionEvidence
  | ProductionEvidence
  | ReasonEvidence;

export type EvidenceSchema =
  | typeof negotiatingEvidenceSchema
  | typeof signedEvidenceSchema
  | typeof settledEvidenceSchema
  | typeof constructionEvidenceSchema
  | typeof productionEvidenceSchema
  | typeof reasonEvidenceSchema;

/** The evidence schema for a classified move; throws RangeError for an impossible advance. */
export function evidenceSchemaFor(move: StageMove): EvidenceSchema {
  if (move.kind !== 'advance') return reasonEvidenceSchema;
  switch (move.to) {
    case 'negotiating':
      return negotiatingEvidenceSchema;
    case 'signed':
      return signedEvidenceSchema;
    case 'settled':
      return settledEvidenceSchema;
    case 'construction':
      return constructionEvidenceSchema;
    case 'production':
      return productionEvidenceSchema;
    default:
      throw new RangeError(`no advance leads to ${move.to}`);
  }
}

/** Stages at which a project receives funds in place (到位资金): from signing on (also while paused/dropped from them). */
export const fundedStages: readonly ActiveStage[] = ['signed', 'settled', 'construction', 'production'];

/** Whether funds may be recorded for a project at `stage` (paused/dropped: the stage it came from). */
export function canReceiveFunds(stage: Stage, stageBefore: Stage | null): boolean {
  const effective = stage === 'paused' || stage === 'dropped' ? stageBefore : stage;
  return !!effective && (fundedStages as readonly Stage[]).includes(effective);
}
