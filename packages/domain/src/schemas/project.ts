import { z } from 'zod';
import { calendarDateSchema, knownOnSchema } from '../dates.ts';
import { fenSchema, positiveFenSchema } from '../money.ts';
import { fundingSources, regions, type FundingSource } from '../regions.ts';
import { stages } from '../stages.ts';
import { capitalKinds, industryCodeSchema, type CapitalKind } from './enterprise.ts';
import { divisionCodeSchema, idSchema, versionSchema } from './common.ts';

/** Land in 亩 with at most two decimals, kept as text so it stays exact. */
export const landMuSchema = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => /^\d{1,10}(\.\d{1,2})?$/.test(v), '用地面积应为不超过两位小数的亩数');
export const phoneSchema = z
  .string()
  .trim()
  .max(40)
  .refine((v) => v === '' || /^[0-9+\-() ]{5,40}$/.test(v), '联系电话格式不正确');

export const projectKinds = ['new', 'expansion'] as const;
export type ProjectKind = (typeof projectKinds)[number];
export const sensitivities = ['normal', 'sensitive'] as const;

const text = (max: number) => z.string().trim().max(max).default('');

/** The fields a unit keeps on a project (the columns of an office ledger), without stage evidence. */
const projectFields = {
  name: z.string().trim().min(1, '请填写项目名称').max(200),
  unitId: idSchema.optional(),
  groupId: idSchema.nullish(),
  enterpriseIds: z.array(idSchema).max(20).default([]),
  originDivisionCode: divisionCodeSchema.nullish(),
  capitalKind: z.enum(capitalKinds).default('domestic'),
  industryCode: industryCodeSchema.nullish(),
  focusIndustryId: idSchema.nullish(),
  strategicEmerging: z.boolean().default(false),
  chainNode: z.string().trim().max(100).nullish(),
  constructionContent: text(2000),
  agreedInvestmentFen: fenSchema.default(0),
  fixedAssetFen: fenSchema.default(0),
  plannedStartOn: calendarDateSchema.nullish(),
  plannedProductionOn: calendarDateSchema.nullish(),
  landMu: landMuSchema.nullish(),
  referrerEnterpriseId: idSchema.nullish(),
  projectKind: z.enum(projectKinds).default('new'),
  leaderInCharge: text(100),
  contactName: text(50),
  contactPhone: phoneSchema.default(''),
  sensitivity: z.enum(sensitivities).default('normal'),
};

const fixedAssetWithinTotal = (v: { agreedInvestmentFen?: number; fixedAssetFen?: number }) =>
  (v.fixedAssetFen ?? 0) <= (v.agreedInvestmentFen ?? 0);
const fixedAssetIssue = { message: '固定资产投资不能大于协议投资额', path: ['fixedAssetFen'] };

export const projectCreateSchema = z
  .object({
    ...projectFields,
    tenantId: idSchema.optional(),
    /** A new project enters the library as planned or already in negotiation; later stages need evidence moves. */
    stage: z.enum(['planning', 'negotiating']).default('planning'),
    /** 入库日期: the date it entered the library (default today; not in the future). */
    enteredOn: calendarDateSchema.optional(),
    leadId: idSchema.optional(),
  })
  .refine(fixedAssetWithinTotal, fixedAssetIssue);
export type ProjectCreateInput = z.input<typeof projectCreateSchema>;

export const projectUpdateSchema = z
  .object({ ...projectFields, version: versionSchema })
  .refine(fixedAssetWithinTotal, fixedAssetIssue);
export type ProjectUpdateInput = z.input<typeof projectUpdateSchema>;

export const stageMoveSchema = z.object({
  to: z.enum(stages),
  /** Checked against the evidence schema of the move (see stages.ts). */
  evidence: z.record(z.string(), z.unknown()),
  version: versionSchema,
});
export type StageMoveInput = z.infer<typeof stageMoveSchema>;

/** 目前进展 / 存在问题 / 下步计划: at least one must be filled in. */
export const progressEntrySchema = z
  .object({
    date: calendarDateSchema,
    current: text(2000),
    problems: text(2000),
    nextSteps: text(2000),
    attachmentId: idSchema.optional(),
  })
  .refine((v) => v.current || v.problems || v.nextSteps, {
    message: '请至少填写一项进展内容',
    path: ['current'],
  });
export type ProgressEntryInput = z.input<typeof progressEntrySchema>;

/**
 * Whether a source and a capital kind contradict each other: funds from abroad (境外) are foreign
 * capital, never 内资 (`abroad_domestic`, refused); foreign capital from a source other than abroad
 * (`foreign_not_abroad`) happens — a foreign-invested entity in China pays it — and needs a reason.
 */
export function sourceCapitalConflict(
  source: FundingSource,
  capitalKind: CapitalKind,
): 'abroad_domestic' | 'foreign_not_abroad' | null {
  if (source === 'abroad' && capitalKind === 'domestic') return 'abroad_domestic';
  if (source !== 'abroad' && capitalKind === 'foreign') return 'foreign_not_abroad';
  return null;
}

/** 到位资金: one dated amount with its source. */
export const fundingEntrySchema = z
  .object({
    date: calendarDateSchema,
    amountFen: positiveFenSchema,
    source: z.enum(fundingSources),
    /** 资金性质; when not given, foreign for funds from abroad, else domestic. */
    capitalKind: z.enum(capitalKinds).optional(),
    /** Why foreign capital comes from a source other than abroad (e.g. 外资企业境内子公司出资). */
    sourceReason: text(500),
    note: text(500),
  })
  .transform((v) => ({
    ...v,
    capitalKind: v.capitalKind ?? (v.source === 'abroad' ? 'foreign' : 'domestic'),
  }))
  .superRefine((v, ctx) => {
    const conflict = sourceCapitalConflict(v.source, v.capitalKind);
    if (conflict === 'abroad_domestic') {
      ctx.addIssue({
        code: 'custom',
        path: ['capitalKind'],
        message: '资金来源为境外的，资金性质应为外资',
      });
    }
    if (conflict === 'foreign_not_abroad' && !v.sourceReason) {
      ctx.addIssue({
        code: 'custom',
        path: ['sourceReason'],
        message: '资金性质为外资、来源不是境外的，请说明原因（如外资企业境内主体出资）',
      });
    }
  });
export type FundingEntryInput = z.input<typeof fundingEntrySchema>;

/** A correction: never an edit. A funding entry is reversed; a progress entry is restated. */
export const correctionSchema = z.object({
  reason: z.string().trim().min(1, '请说明更正原因').max(500),
  date: calendarDateSchema.optional(),
  current: z.string().trim().max(2000).optional(),
  problems: z.string().trim().max(2000).optional(),
  nextSteps: z.string().trim().max(2000).optional(),
});
export type CorrectionInput = z.infer<typeof correctionSchema>;

export const projectSortFields = [
  'name',
  'stage',
  'agreedInvestment',
  'fundsInPlace',
  'lastEntryOn',
  'signedOn',
  'createdAt',
  /** 区县: the project's tenant, in the order of its division code (GB/T 2260). */
  'tenant',
] as const;

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const projectQuerySchema = z.object({
  q: z.string().trim().max(50).optional(),
  stage: z.union([z.enum(stages), z.array(z.enum(stages))]).optional(),
  /** 区县: projects of these tenants (repeated, like `stage`), each one the reader may see (else 404). */
  tenantId: z.union([idSchema, z.array(idSchema).max(200)]).optional(),
  unitId: idSchema.optional(),
  groupId: idSchema.optional(),
  industry: z
    .string()
    .regex(/^[A-T]$|^\d{2,4}$/)
    .optional(),
  focusIndustryId: idSchema.optional(),
  region: z.enum(regions).optional(),
  over100m: flag.optional(),
  /** A tier of the tenant's (项目规模档次, e.g. over500m, industrial30m): projects within it. */
  tier: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,31}$/, '档次代码格式不正确')
    .optional(),
  stale: flag.optional(),
  asOf: calendarDateSchema.optional(),
  /** 统计时点: as known at the end of this day (or at this instant); default now. */
  knownOn: knownOnSchema.optional(),
  /** Projects with funds in place dated within [fundedFrom, fundedTo] (the dashboard's month drill-down). */
  fundedFrom: calendarDateSchema.optional(),
  fundedTo: calendarDateSchema.optional(),
  sort: z.enum(projectSortFields).default('lastEntryOn'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});
export type ProjectQuery = z.infer<typeof projectQuerySchema>;

export const asOfQuerySchema = z.object({
  asOf: calendarDateSchema.optional(),
  knownOn: knownOnSchema.optional(),
});
