/**
 * 多头报送 across units: the same investor (same enterprise, hence credit code) on projects of two
 * or more units. Two projects of one investor may be two real investments; only the coordinator can
 * say that two are the SAME investment reported twice (重复报送), and marks the duplicate. The
 * tenant's rule proposes which report stands — and so which unit counts the investment:
 *
 * - 首报单位 (`first_reporter`): the unit that reported it first — the project entered earliest
 *   (its created entry's date, then when it was recorded).
 * - 落地单位 (`built_unit`): the unit where the project is built — the one project past 签约
 *   (落地, 开工, 投产; a paused or dropped one by the stage it stood at) when exactly one is;
 *   otherwise the first reporter.
 */
import { z } from 'zod';
import { activeStages, type Stage } from './stages.ts';
import type { Locale } from './errors.ts';
import { settingVersionSchema } from './schemas/common.ts';

export const sharedInvestorRules = ['first_reporter', 'built_unit'] as const;
export type SharedInvestorRule = (typeof sharedInvestorRules)[number];

export const sharedInvestorRuleLabels: Record<SharedInvestorRule, Record<Locale, string>> = {
  first_reporter: { 'zh-CN': '首报单位', 'en-US': 'First reporter' },
  built_unit: { 'zh-CN': '落地单位', 'en-US': 'Unit where it is built' },
};

export const sharedInvestorSettingSchema = z.object({
  rule: z.enum(sharedInvestorRules, { error: '请选择计数规则（首报单位或落地单位）' }),
  version: settingVersionSchema,
});

export const duplicateMarkSchema = z.object({
  /** The project that is a second report of the same investment: it stops counting. */
  projectId: z.uuid({ error: '项目编号无效' }),
  /** The report that stands: its unit counts the investment. */
  keptProjectId: z.uuid({ error: '项目编号无效' }),
  reason: z.string().trim().max(500, '说明不能超过 500 字').optional(),
});
export type DuplicateMarkInput = z.input<typeof duplicateMarkSchema>;

export const duplicateUnmarkSchema = z.object({
  reason: z
    .string({ error: '请填写撤销原因' })
    .trim()
    .min(1, '请填写撤销原因')
    .max(500, '原因不能超过 500 字'),
});

/** What the rule needs of each report. */
export interface SharedReport {
  id: string;
  /** The created entry's effective date ('YYYY-MM-DD'). */
  enteredOn: string;
  /** When the project was recorded (ISO instant): breaks a tie of dates. */
  createdAt: string;
  stage: Stage;
  stageBefore: Stage | null;
}

function pastSigning(report: SharedReport): boolean {
  const stage = report.stage === 'paused' || report.stage === 'dropped' ? report.stageBefore : report.stage;
  const rank = activeStages.indexOf(stage as (typeof activeStages)[number]);
  return rank > activeStages.indexOf('signed');
}

/** The first reporter: entered earliest, then recorded earliest, then by id (a stable answer). */
export function firstReporter<T extends SharedReport>(reports: readonly T[]): T | undefined {
  return [...reports].sort(
    (a, b) =>
      a.enteredOn.localeCompare(b.enteredOn) ||
      a.createdAt.localeCompare(b.createdAt) ||
      a.id.localeCompare(b.id),
  )[0];
}

/** The report the tenant's rule keeps when reports are marked as one investment. */
export function keptReport<T extends SharedReport>(
  reports: readonly T[],
  rule: SharedInvestorRule,
): T | undefined {
  if (rule === 'built_unit') {
    const built = reports.filter(pastSigning);
    if (built.length === 1) return built[0];
  }
  return firstReporter(reports);
}
