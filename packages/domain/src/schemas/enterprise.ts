import { z } from 'zod';
import { optionalCreditCodeSchema } from '../credit-code.ts';
import { divisionCodeSchema, versionSchema } from './common.ts';

export const capitalKinds = ['domestic', 'foreign'] as const;
export type CapitalKind = (typeof capitalKinds)[number];

/** A GB/T 4754-2017 code: a section letter or 2–4 digits. */
export const industryCodeSchema = z.string().regex(/^[A-T]$|^\d{2,4}$/, '国民经济行业分类代码格式不正确');

/** Suggested tags; any short tag is allowed. */
export const enterpriseTagSuggestions = [
  '世界500强',
  '中国500强',
  '上市公司',
  '专精特新',
  '高新技术企业',
  '行业龙头',
];

export const enterpriseInputSchema = z.object({
  name: z.string().trim().min(1, '请填写企业名称').max(200),
  creditCode: optionalCreditCodeSchema,
  divisionCode: divisionCodeSchema.nullish(),
  capitalKind: z.enum(capitalKinds).default('domestic'),
  industryCode: industryCodeSchema.nullish(),
  tags: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
  /** An enterprise already in the district (在地企业): may refer investors (以商招商) or expand. */
  isLocal: z.boolean().default(false),
});
export type EnterpriseInput = z.input<typeof enterpriseInputSchema>;

export const enterpriseUpdateSchema = enterpriseInputSchema.extend({ version: versionSchema });
export type EnterpriseUpdateInput = z.input<typeof enterpriseUpdateSchema>;

export const enterpriseQuerySchema = z.object({
  q: z.string().trim().max(50).optional(),
  isLocal: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type EnterpriseQuery = z.infer<typeof enterpriseQuerySchema>;
