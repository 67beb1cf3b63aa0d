/**
 * Targets (目标任务) and their breakdown (任务分解): a yearly total for one metric, allocated
 * to working groups (工作组) and responsible units (责任单位), optionally down to persons.
 * Amounts are integers: fen for money metrics, a count for project metrics.
 */
import { z } from 'zod';
import { calendarDateSchema } from './dates.ts';
import type { Locale } from './errors.ts';
import { isOutsideCity, type FundingSource } from './regions.ts';
import { idSchema } from './schemas/common.ts';
import type { CapitalKind } from './schemas/enterprise.ts';

export const targetMetrics = [
  'funds_in_place',
  'agreed_investment',
  'projects_signed',
  'projects_started',
  'projects_over100m_signed',
] as const;
export type TargetMetric = (typeof targetMetrics)[number];

export const targetMetricLabels: Record<TargetMetric, Record<Locale, string>> = {
  funds_in_place: { 'zh-CN': '到位资金', 'en-US': 'Funds in place' },
  agreed_investment: { 'zh-CN': '签约额', 'en-US': 'Agreed investment' },
  projects_signed: { 'zh-CN': '签约项目数', 'en-US': 'Projects signed' },
  projects_started: { 'zh-CN': '开工项目数', 'en-US': 'Projects started' },
  projects_over100m_signed: {
    'zh-CN': '亿元以上签约项目数',
    'en-US': 'Projects of 100M yuan or more signed',
  },
};

/** 'money': integer fen, shown in 万元/亿元; 'count': a number of projects. */
export const metricUnitKinds = ['money', 'count'] as const;
export type MetricUnitKind = (typeof metricUnitKinds)[number];

export const targetMetricUnitKinds: Record<TargetMetric, MetricUnitKind> = {
  funds_in_place: 'money',
  agreed_investment: 'money',
  projects_signed: 'count',
  projects_started: 'count',
  projects_over100m_signed: 'count',
};

/**
 * 口径 of funds in place. The stored value 'all' predates 全口径 and has always meant 市外 (funds
 * brought in from outside the city); it keeps that meaning, so plans already stored read as they did:
 *   all               市外: every funding record from outside the city — 市外省内 + 省外 + 境外
 *                     (records from inside the city, 本市/我方, are kept but never counted);
 *   outside_province  省外 (+境外): funds from outside the province, abroad included, as provincial
 *                     statistics count them: sources outside_province and abroad;
 *   foreign           境外·外资: records whose capital kind is foreign, from outside the city;
 *   total             全口径: every funding record, inside the city included.
 * Each is contained in the one before it in `fundsBasisOrder` (全口径 ⊇ 市外 ⊇ 省外).
 */
export const fundsBases = ['all', 'outside_province', 'foreign', 'total'] as const;
export type FundsBasis = (typeof fundsBases)[number];

/** The bases from widest to narrowest, as reports list them. */
export const fundsBasisOrder: readonly FundsBasis[] = ['total', 'all', 'outside_province', 'foreign'];

export const fundsBasisLabels: Record<FundsBasis, Record<Locale, string>> = {
  total: { 'zh-CN': '全口径（含市内）', 'en-US': 'All sources (inside the city included)' },
  all: { 'zh-CN': '市外（市外省内＋省外＋境外）', 'en-US': 'Outside the city' },
  outside_province: { 'zh-CN': '省外（含境外）', 'en-US': 'Outside the province (abroad included)' },
  foreign: { 'zh-CN': '境外·外资', 'en-US': 'Foreign capital' },
};

/** Whether a funding record counts toward a funds-in-place basis. */
export function matchesFundsBasis(
  basis: FundsBasis,
  record: { source: FundingSource; capitalKind: CapitalKind },
): boolean {
  if (basis === 'total') return true;
  if (!isOutsideCity(record.source)) return false;
  switch (basis) {
    case 'all':
      return true;
    case 'outside_province':
      return record.source === 'outside_province' || record.source === 'abroad';
    case 'foreign':
      return record.capitalKind === 'foreign';
  }
}

// ── Allocation (任务分解) ────────────────────────────────────────────────────────

export interface GroupAllocation {
  groupId: string;
  amount: number;
}

export interface UnitAllocation {
  unitId: string;
  /** null: a unit reporting straight to the tenant, outside any working group. */
  groupId: string | null;
  amount: number;
}

export interface PersonAllocation {
  userId: string;
  unitId: string;
  amount: number;
}

export interface Allocation {
  total: number;
  groups: GroupAllocation[];
  units: UnitAllocation[];
  persons?: PersonAllocation[];
}

export const allocationLevels = ['tenant', 'group', 'unit'] as const;
export type AllocationLevel = (typeof allocationLevels)[number];

/**
 * A node whose children do not add up to it. `expected` is the node's own amount, `actual`
 * the sum of its children, `difference` = actual − expected: positive when the children
 * are given more than the node (over-allocated), negative when part is unallocated.
 */
export interface AllocationDifference {
  level: AllocationLevel;
  /** The group or unit id; null for the tenant's total. */
  id: string | null;
  expected: number;
  actual: number;
  difference: number;
}

export interface AllocationCheck {
  ok: boolean;
  differences: AllocationDifference[];
}

function toBig(amount: number): bigint {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`allocation amounts are non-negative safe integers, got ${amount}`);
  }
  return BigInt(amount);
}

function addTo(sums: Map<string, bigint>, key: string, amount: number): void {
  sums.set(key, (sums.get(key) ?? 0n) + toBig(amount));
}

function compareLevel(
  level: AllocationLevel,
  id: string | null,
  expected: bigint,
  actual: bigint,
): AllocationDifference[] {
  if (expected === actual) return [];
  return [
    { level, id, expected: Number(expected), actual: Number(actual), difference: Number(actual - expected) },
  ];
}

/**
 * Checks that a breakdown adds up, level by level, with integer arithmetic:
 *   tenant  the groups' amounts plus the amounts of units without a group = total;
 *   group   the amounts of the group's units = the group's amount (a group none of whose
 *           units has a share yet is a difference: its amount is not yet assigned);
 *   unit    the amounts of the unit's persons = the unit's amount, for units with persons.
 * A unit naming a group that is not listed, or a person naming a unit that is not listed,
 * is checked against an amount of 0. Rows repeating an id add up (the input schemas
 * refuse repeats). Differences come tenant first, then groups and units in input order.
 * Throws RangeError for an amount that is not a non-negative safe integer.
 */
export function checkAllocation(allocation: Allocation): AllocationCheck {
  const groupAmounts = new Map<string, bigint>();
  for (const group of allocation.groups) addTo(groupAmounts, group.groupId, group.amount);
  const unitAmounts = new Map<string, bigint>();
  const unitsByGroup = new Map<string, bigint>();
  let ungrouped = 0n;
  for (const unit of allocation.units) {
    addTo(unitAmounts, unit.unitId, unit.amount);
    if (unit.groupId === null) ungrouped += toBig(unit.amount);
    else addTo(unitsByGroup, unit.groupId, unit.amount);
  }
  const personsByUnit = new Map<string, bigint>();
  for (const person of allocation.persons ?? []) addTo(personsByUnit, person.unitId, person.amount);

  let groupsTotal = 0n;
  for (const amount of groupAmounts.values()) groupsTotal += amount;
  const differences = compareLevel('tenant', null, toBig(allocation.total), groupsTotal + ungrouped);
  for (const id of new Set([...groupAmounts.keys(), ...unitsByGroup.keys()])) {
    differences.push(...compareLevel('group', id, groupAmounts.get(id) ?? 0n, unitsByGroup.get(id) ?? 0n));
  }
  for (const id of new Set([...unitAmounts.keys(), ...personsByUnit.keys()])) {
    const actual = personsByUnit.get(id);
    if (actual !== undefined)
      differences.push(...compareLevel('unit', id, unitAmounts.get(id) ?? 0n, actual));
  }
  return { ok: differences.length === 0, differences };
}

// ── Input schemas ──────────────────────────────────────────────────────────────

const amountSchema = z
  .number({ error: '数值应为数字' })
  .int('数值应为整数（金额以分计）')
  .min(0, '数值不能为负数')
  .max(Number.MAX_SAFE_INTEGER, '数值过大');

/**
 * A yearly target. `basis` applies to funds in place only and defaults to 'all'; other
 * metrics accept only 'all' (or nothing), so (year, metric, basis) always identifies a plan.
 */
export const targetPlanInputSchema = z
  .object({
    year: z
      .number({ error: '请填写年度' })
      .int('年度应为整数')
      .min(2000, '年度应在 2000 至 2100 之间')
      .max(2100, '年度应在 2000 至 2100 之间'),
    metric: z.enum(targetMetrics, { error: '请选择目标指标' }),
    basis: z.enum(fundsBases, { error: '请选择统计口径' }).default('all'),
    total: amountSchema,
  })
  .refine((plan) => plan.metric === 'funds_in_place' || plan.basis === 'all', {
    path: ['basis'],
    message: '只有到位资金指标可以选择统计口径',
  });
export type TargetPlanInput = z.input<typeof targetPlanInputSchema>;
export type TargetPlan = z.output<typeof targetPlanInputSchema>;

/** The index of the first key that repeats an earlier one, or -1. */
function findRepeat(keys: string[]): number {
  const seen = new Set<string>();
  for (const [index, key] of keys.entries()) {
    if (seen.has(key)) return index;
    seen.add(key);
  }
  return -1;
}

const allocationShape = {
  total: amountSchema,
  groups: z.array(z.object({ groupId: idSchema, amount: amountSchema })).max(100, '工作组过多'),
  units: z
    .array(z.object({ unitId: idSchema, groupId: idSchema.nullable(), amount: amountSchema }))
    .max(2000, '责任单位过多'),
  persons: z
    .array(z.object({ userId: idSchema, unitId: idSchema, amount: amountSchema }))
    .max(10_000, '责任人过多')
    .optional(),
  effectiveFrom: calendarDateSchema,
};

const reasonSchema = z.string({ error: '请填写调整原因' }).trim().max(500, '调整原因不能超过 500 字');

function refuseRepeats(
  allocation: Pick<Allocation, 'groups' | 'units' | 'persons'>,
  ctx: z.RefinementCtx,
): void {
  const checks: [string, string[], string][] = [
    ['groups', allocation.groups.map((group) => group.groupId), '同一工作组不能重复分解'],
    ['units', allocation.units.map((unit) => unit.unitId), '同一责任单位不能重复分解'],
    [
      'persons',
      (allocation.persons ?? []).map((person) => `${person.unitId}/${person.userId}`),
      '同一责任人在同一单位不能重复分解',
    ],
  ];
  for (const [field, keys, message] of checks) {
    const index = findRepeat(keys);
    if (index !== -1) ctx.addIssue({ code: 'custom', path: [field, index], message });
  }
}

/** The first allocation of a plan: the reason is optional. Whether it adds up is checkAllocation's job. */
export const allocationInputSchema = z
  .object({ ...allocationShape, reason: reasonSchema.optional() })
  .superRefine(refuseRepeats);
export type AllocationInput = z.input<typeof allocationInputSchema>;

/** A re-allocation (调整任务分解) of a plan that already has one: a reason is required. */
export const reallocationInputSchema = z
  .object({ ...allocationShape, reason: reasonSchema.min(1, '请填写调整原因') })
  .superRefine(refuseRepeats);
export type ReallocationInput = z.input<typeof reallocationInputSchema>;
