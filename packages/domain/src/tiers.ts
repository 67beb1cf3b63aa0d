/**
 * Project tiers (项目规模档次) a tenant counts by: 亿元以上, 5亿元以上, 10亿元以上 by agreed investment
 * (协议投资额), and 3000万元以上工业项目 — industrial meaning GB/T 4754-2017 sections B–D (采矿业,
 * 制造业, 电力·热力·燃气及水生产和供应业: divisions 06–46). A tenant may change the list (a setting);
 * `defaultTiers` holds until it does. Amounts are integer fen.
 */
import { z } from 'zod';
import { MAX_AMOUNT_FEN } from './money.ts';
import { settingVersionSchema } from './schemas/common.ts';

export interface Tier {
  /** Stable key used in filters and rankings ('over100m', 'industrial30m', …). */
  id: string;
  /** As reports name it (亿元以上). */
  label: string;
  /** Agreed investment at or above this (fen). */
  minFen: number;
  /** Only industrial projects (GB/T 4754 sections B–D). */
  industrialOnly: boolean;
}

const YI = 10_000_000_000;

export const defaultTiers: readonly Tier[] = [
  { id: 'over100m', label: '亿元以上', minFen: YI, industrialOnly: false },
  { id: 'over500m', label: '5亿元以上', minFen: 5 * YI, industrialOnly: false },
  { id: 'over1b', label: '10亿元以上', minFen: 10 * YI, industrialOnly: false },
  { id: 'industrial30m', label: '3000万元以上工业项目', minFen: 3_000_000_000, industrialOnly: true },
];

/** GB/T 4754 industrial sections B–D: the section letter, or a code whose division is 06–46. */
export function isIndustrial(industryCode: string | null | undefined): boolean {
  if (!industryCode) return false;
  const code = industryCode.trim().toUpperCase();
  if (/^[BCD]$/.test(code)) return true;
  const digits = /^[A-T]?(\d{2})/.exec(code)?.[1];
  if (!digits) return false;
  const division = Number(digits);
  return division >= 6 && division <= 46;
}

/** Whether a project falls in a tier. A project without agreed investment is in none. */
export function inTier(
  tier: Pick<Tier, 'minFen' | 'industrialOnly'>,
  project: { agreedFen: number | null; industryCode: string | null },
): boolean {
  if (project.agreedFen === null || project.agreedFen < tier.minFen) return false;
  return !tier.industrialOnly || isIndustrial(project.industryCode);
}

export const tierSchema = z.object({
  id: z
    .string({ error: '请填写档次代码' })
    .regex(/^[a-z][a-z0-9_]{0,31}$/, '档次代码只能用小写字母、数字和下划线，以字母开头'),
  label: z
    .string({ error: '请填写档次名称' })
    .trim()
    .min(1, '请填写档次名称')
    .max(30, '档次名称不能超过 30 字'),
  minFen: z
    .number({ error: '起点金额应为数字' })
    .int('起点金额应为整数（以分计）')
    .min(1, '起点金额应大于 0')
    .max(MAX_AMOUNT_FEN, '起点金额不能超过 1 万亿元'),
  industrialOnly: z.boolean().default(false),
});

export const tierSettingSchema = z.object({
  tiers: z
    .array(tierSchema)
    .min(1, '至少保留一个档次')
    .max(10, '档次不能超过 10 个')
    .superRefine((tiers, ctx) => {
      const seen = new Set<string>();
      tiers.forEach((tier, index) => {
        if (seen.has(tier.id))
          ctx.addIssue({ code: 'custom', path: [index, 'id'], message: '档次代码不能重复' });
        seen.add(tier.id);
      });
    }),
  version: settingVersionSchema,
});
export type TierSetting = z.infer<typeof tierSettingSchema>;
