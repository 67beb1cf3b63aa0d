/**
 * 待补证据: the evidence a project's stage stands on. A typed stage move cannot happen without it
 * (stages.ts: 签约 needs the agreement kind and the agreed investment, 落地 the registration date and
 * the local entity's credit code, 开工 the actual start date, 投产 its date); an imported sheet
 * states a stage as it stands, so a project may reach a stage without them. `missingEvidence`
 * lists what the project's stage still lacks; the project carries the list until it is recorded.
 */
import { z } from 'zod';
import { creditCodeSchema } from './credit-code.ts';
import { calendarDateSchema } from './dates.ts';
import { MAX_AMOUNT_FEN } from './money.ts';
import { activeStages, agreementKinds, type ActiveStage, type Stage } from './stages.ts';
import type { Locale } from './errors.ts';
import { versionSchema } from './schemas/common.ts';

export const evidenceItems = [
  'signedOn',
  'agreementKind',
  'agreedInvestment',
  'registeredOn',
  'localCreditCode',
  'actualStartOn',
  'productionOn',
] as const;
export type EvidenceItem = (typeof evidenceItems)[number];

/** The stage whose move needs the item: reaching it (or any later stage) without the item leaves it missing. */
export const evidenceItemStage: Record<EvidenceItem, ActiveStage> = {
  signedOn: 'signed',
  agreementKind: 'signed',
  agreedInvestment: 'signed',
  registeredOn: 'settled',
  localCreditCode: 'settled',
  actualStartOn: 'construction',
  productionOn: 'production',
};

export const evidenceItemLabels: Record<EvidenceItem, Record<Locale, string>> = {
  signedOn: { 'zh-CN': '签约日期', 'en-US': 'Signing date' },
  agreementKind: { 'zh-CN': '协议类型', 'en-US': 'Agreement kind' },
  agreedInvestment: { 'zh-CN': '协议投资额', 'en-US': 'Agreed investment' },
  registeredOn: { 'zh-CN': '注册登记日期', 'en-US': 'Registration date' },
  localCreditCode: { 'zh-CN': '本地注册主体统一社会信用代码', 'en-US': 'Local credit code' },
  actualStartOn: { 'zh-CN': '实际开工日期', 'en-US': 'Actual start date' },
  productionOn: { 'zh-CN': '投产日期', 'en-US': 'Production date' },
};

export function isEvidenceItem(value: unknown): value is EvidenceItem {
  return typeof value === 'string' && (evidenceItems as readonly string[]).includes(value);
}

/** What a project records of its evidence (the project's columns, in API names). */
export interface EvidenceFacts {
  stage: Stage;
  /** The stage a paused project was paused from. */
  stageBefore: Stage | null;
  signedOn: string | null;
  agreementKind: string | null;
  agreedInvestmentFen: number | string | bigint;
  registeredOn: string | null;
  localCreditCode: string | null;
  actualStartOn: string | null;
  productionOn: string | null;
}

/**
 * The evidence the project's stage needs and the project lacks, in pipeline order. A paused
 * project answers for the stage it was paused from; a dropped project for none (it is no longer
 * pursued, nothing is asked of it).
 */
export function missingEvidence(facts: EvidenceFacts): EvidenceItem[] {
  const stage = facts.stage === 'paused' ? facts.stageBefore : facts.stage;
  if (!stage || stage === 'dropped' || stage === 'paused') return [];
  const reached = activeStages.indexOf(stage as ActiveStage);
  const present: Record<EvidenceItem, boolean> = {
    signedOn: Boolean(facts.signedOn),
    agreementKind: Boolean(facts.agreementKind),
    agreedInvestment: BigInt(facts.agreedInvestmentFen || 0) > 0n,
    registeredOn: Boolean(facts.registeredOn),
    localCreditCode: Boolean(facts.localCreditCode),
    actualStartOn: Boolean(facts.actualStartOn),
    productionOn: Boolean(facts.productionOn),
  };
  return evidenceItems.filter(
    (item) => activeStages.indexOf(evidenceItemStage[item]) <= reached && !present[item],
  );
}

/** The preview's and the project page's sentence: 待补证据：协议类型、实际开工日期. */
export function missingEvidenceText(items: readonly string[], locale: Locale = 'zh-CN'): string {
  const labels = items.filter(isEvidenceItem).map((i) => evidenceItemLabels[i][locale]);
  return locale === 'zh-CN' ? `待补证据：${labels.join('、')}` : `Evidence missing: ${labels.join(', ')}`;
}

/**
 * 补录证据: the evidence of a stage the project already stands at, recorded afterwards (a project
 * imported at 开工 without its start date). Only what is given is written; each field has the rule
 * its stage move applies.
 */
export const evidenceRecordSchema = z
  .object({
    version: versionSchema,
    signedOn: calendarDateSchema.optional(),
    agreementKind: z.enum(agreementKinds, { error: '请选择协议类型（框架协议或正式合同）' }).optional(),
    agreedInvestmentFen: z
      .number({ error: '请填写协议投资额' })
      .int('协议投资额应为整数分')
      .min(1, '协议投资额应大于 0')
      .max(MAX_AMOUNT_FEN, '协议投资额不能超过 1 万亿元')
      .optional(),
    registeredOn: calendarDateSchema.optional(),
    localCreditCode: creditCodeSchema.optional(),
    actualStartOn: calendarDateSchema.optional(),
    productionOn: calendarDateSchema.optional(),
    /**
     * The agreement (协议文本) behind the signing items, as a signing move asks for it: the file, or
     * why there is none. The server requires one of them when signing items are recorded for a
     * project with no agreement on record.
     */
    agreementAttachmentId: z.uuid({ error: '附件编号无效' }).optional(),
    noAgreementReason: z.preprocess(
      (v) => (typeof v === 'string' && !v.trim() ? undefined : v),
      z.string().trim().min(1, '请填写原因').max(500, '原因不能超过 500 字').optional(),
    ),
  })
  .refine(
    (v) =>
      evidenceItems.some((i) => v[evidenceField[i]] !== undefined) ||
      v.agreementAttachmentId !== undefined ||
      v.noAgreementReason !== undefined,
    { message: '请至少填写一项证据' },
  );
export type EvidenceRecordInput = z.input<typeof evidenceRecordSchema>;

/** The items a signing move records: recording any of them afterwards asks for the agreement too. */
export const signingEvidenceItems = [
  'signedOn',
  'agreementKind',
  'agreedInvestment',
] as const satisfies readonly EvidenceItem[];

/** The input field of each item (agreedInvestment is entered in fen). */
export const evidenceField = {
  signedOn: 'signedOn',
  agreementKind: 'agreementKind',
  agreedInvestment: 'agreedInvestmentFen',
  registeredOn: 'registeredOn',
  localCreditCode: 'localCreditCode',
  actualStartOn: 'actualStartOn',
  productionOn: 'productionOn',
} as const satisfies Record<EvidenceItem, string>;
