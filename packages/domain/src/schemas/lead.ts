import { z } from 'zod';
import { calendarDateSchema } from '../dates.ts';
import { fenSchema } from '../money.ts';
import { idSchema, versionSchema } from './common.ts';

export const leadStatuses = ['reported', 'acknowledged', 'assessed', 'converted', 'closed'] as const;
export type LeadStatus = (typeof leadStatuses)[number];

/** Where leads come from, as offices name them; free text is allowed too. */
export const leadSourceSuggestions = [
  '以商招商',
  '展会推介',
  '中介机构',
  '驻外招商',
  '上级推送',
  '企业来访',
  '网络平台',
];

const text = (max: number) => z.string().trim().max(max).default('');

/** 招商信息: what a unit learned of an investor's intention. */
export const leadInputSchema = z.object({
  tenantId: idSchema.optional(),
  unitId: idSchema.optional(),
  title: z.string().trim().min(1, '请填写信息标题').max(200),
  source: text(100),
  referrer: text(100),
  referrerEnterpriseId: idSchema.nullish(),
  investorEnterpriseId: idSchema.nullish(),
  investorName: text(200),
  intention: text(2000),
  estimatedAmountFen: fenSchema.nullish(),
  needs: text(2000),
  /** 报送日期 (default today). The response clock runs from it. */
  reportedOn: calendarDateSchema.optional(),
});
export type LeadInput = z.input<typeof leadInputSchema>;

export const leadUpdateSchema = leadInputSchema
  .omit({ tenantId: true, reportedOn: true })
  .extend({ version: versionSchema });
export type LeadUpdateInput = z.input<typeof leadUpdateSchema>;

export const leadAssessSchema = z.object({
  assessment: z.string().trim().min(1, '请填写研判意见').max(2000),
});
export const leadCloseSchema = z.object({ reason: z.string().trim().min(1, '请说明原因').max(500) });

export const leadQuerySchema = z.object({
  q: z.string().trim().max(50).optional(),
  status: z.enum(leadStatuses).optional(),
  unitId: idSchema.optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type LeadQuery = z.infer<typeof leadQuerySchema>;

/** Working days allowed to acknowledge (签收) and to assess (研判) a reported lead. */
export const LEAD_ACK_WORKING_DAYS = 1;
export const LEAD_ASSESS_WORKING_DAYS = 3;
