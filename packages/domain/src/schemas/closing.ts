import { z } from 'zod';
import { calendarMonthSchema } from '../dates.ts';
import { idSchema, settingVersionSchema } from './common.ts';

/** 封账: a tenant's month is open, awaiting a leader's sign-off (待签发) or closed (已封账). */
export const monthStatuses = ['open', 'awaiting_signoff', 'closed'] as const;
export type MonthStatus = (typeof monthStatuses)[number];

/** What an issued report holds: the 月度统计表, the 推进台账 as of the month's last day, the stats JSON. */
export const issuedReportKinds = ['monthly', 'ledger', 'stats'] as const;
export type IssuedReportKind = (typeof issuedReportKinds)[number];

/** The tenant's closing rules; both off until the coordination group turns them on. */
export const closingSettingSchema = z.object({
  /** A closed month waits for a leader's sign-off (签发) before its report is issued. */
  signOffRequired: z.boolean(),
  /** An entry dated in a closed month is recorded as 补录 on the first day of the next open month. */
  lateEntries: z.boolean(),
  /** 0 while the tenant has never saved the setting. */
  version: settingVersionSchema,
});
export type ClosingSetting = z.infer<typeof closingSettingSchema>;

export const monthParamsSchema = z.object({ month: calendarMonthSchema });
export const monthTenantQuerySchema = z.object({ tenantId: idSchema.optional() });
export const monthListQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  tenantId: idSchema.optional(),
});

export const monthCloseSchema = z.object({
  tenantId: idSchema.optional(),
  /** The month's row version as read by the check screen (0 for a month never closed). */
  version: settingVersionSchema,
});
export type MonthCloseInput = z.infer<typeof monthCloseSchema>;

export const monthReopenSchema = z.object({
  tenantId: idSchema.optional(),
  version: settingVersionSchema,
  reason: z.string().trim().min(1, '请说明重新开账的原因').max(500),
});
export type MonthReopenInput = z.infer<typeof monthReopenSchema>;
