/**
 * The indicators offices are assessed on, beside the dashboard's target scores: 本月 / 本年累计 /
 * 上年同期 / 同比, 新签约 vs 往年签约结转(续建), the tenant's tiers (项目规模档次), 双过半 and the rates
 * with their numerators and denominators. Every part of one figure reads the same ledger view
 * (same knownBefore); the SQL is in dashboard.repo.ts and indicators.repo.ts over ledger.reads.ts.
 */
import { monthStart, toMonth } from '@landfall/domain/dates';
import {
  fundingRate,
  fulfilmentRate,
  sameDayLastYear,
  startRate,
  yearOnYearGrowth,
} from '@landfall/domain/metrics';
import { inTier, type Tier } from '@landfall/domain/tiers';
import { fundsBasisOrder, type FundsBasis } from '@landfall/domain/targets';
import type { Tx } from '../context.ts';
import type { TargetMetricColumn } from '../db/schema.ts';
import { actualsByUnit, type ActualRow } from './dashboard.actuals.ts';
import type { Period } from './dashboard.repo.ts';
import type { ProjectFigure } from './indicators.repo.ts';

/** 本月: from the first of the period's last month (not before the period's start) to its end. */
export function monthPeriod(period: Period): Period {
  const first = monthStart(toMonth(period.to));
  return { ...period, from: first > period.from ? first : period.from };
}

/** 上年同期: 1 January to the same day of the year before (29 February → 28 February). */
export function lastYearPeriod(period: Period): Period {
  const year = Number(period.from.slice(0, 4)) - 1;
  return { ...period, from: `${year}-01-01`, to: sameDayLastYear(period.to) };
}

export interface Comparison {
  month: number;
  yearToDate: number;
  lastYear: number;
  /** 同比增长 of 本年累计 over 上年同期; null when last year had nothing. */
  yoy: number | null;
}

const sumOf = (rows: ActualRow[], unitId?: string) =>
  rows.filter((r) => unitId === undefined || r.unitId === unitId).reduce((s, r) => s + r.value, 0);

/**
 * 本月 / 本年累计 / 上年同期 / 同比 of a metric, overall and per unit, given the period's own actuals
 * (本年累计); the month and last year are read over the same tenants, 口径 and knownBefore.
 */
export async function comparePeriods(
  db: Tx,
  period: Period,
  metric: TargetMetricColumn,
  current: ActualRow[],
) {
  const month = await actualsByUnit(db, monthPeriod(period), metric);
  const lastYear = await actualsByUnit(db, lastYearPeriod(period), metric);
  const of = (unitId?: string): Comparison => {
    const yearToDate = sumOf(current, unitId);
    const previous = sumOf(lastYear, unitId);
    return {
      month: sumOf(month, unitId),
      yearToDate,
      lastYear: previous,
      yoy: yearOnYearGrowth(Math.max(0, yearToDate), Math.max(0, previous)),
    };
  };
  return { total: of(), unit: (unitId: string) => of(unitId), tenant: (ids: string[]) => ofTenants(ids) };
  function ofTenants(ids: string[]): Comparison {
    const pick = (rows: ActualRow[]) => rows.filter((r) => ids.includes(r.tenantId));
    const yearToDate = sumOf(pick(current));
    const previous = sumOf(pick(lastYear));
    return {
      month: sumOf(pick(month)),
      yearToDate,
      lastYear: previous,
      yoy: yearOnYearGrowth(Math.max(0, yearToDate), Math.max(0, previous)),
    };
  }
}

/** Funds in place by every 口径 (全口径, 市外, 省外, 外资): 本月 / 本年累计 / 上年同期 / 同比 of each. */
export async function compareBases(db: Tx, period: Period): Promise<Record<FundsBasis, Comparison>> {
  const out: Partial<Record<FundsBasis, Comparison>> = {};
  for (const basis of fundsBasisOrder) {
    const withBasis = { ...period, basis };
    const current = await actualsByUnit(db, withBasis, 'funds_in_place');
    out[basis] = (await comparePeriods(db, withBasis, 'funds_in_place', current)).total;
  }
  return out as Record<FundsBasis, Comparison>;
}

export interface SigningSplit {
  /** 新签约: signed within the period (this year up to its end). */
  new: { projects: number; fundsFen: number };
  /** 往年签约结转/续建: signed before the year and, at the period's end, not 解约 — or funded in the period. */
  continuing: { projects: number; fundsFen: number };
  /** Funds of projects not (yet) signed at the period's end (pre-signing money, kept apart). */
  unsigned: { projects: number; fundsFen: number };
}

/**
 * 新签约 vs 往年签约结转(续建), by the project's signing date (projectFacts.signed_on, the reached-stage
 * rule): counts and the period's funds in its 口径. new + continuing + unsigned funds = the period's funds.
 */
export function splitBySigning(
  rows: readonly ProjectFigure[],
  period: Period,
  unitId?: string,
): SigningSplit {
  const sums = { new: [0, 0n], continuing: [0, 0n], unsigned: [0, 0n] } as Record<
    keyof SigningSplit,
    [number, bigint]
  >;
  for (const r of rows) {
    if (unitId !== undefined && r.unitId !== unitId) continue;
    const funded = r.periodFundsFen !== 0n;
    const kind: keyof SigningSplit | null =
      r.signedOn === null
        ? funded
          ? 'unsigned'
          : null
        : r.signedOn >= period.from
          ? 'new'
          : r.stage !== 'dropped' || funded
            ? 'continuing'
            : null;
    if (!kind) continue;
    sums[kind][0] += 1;
    sums[kind][1] += r.periodFundsFen;
  }
  const out = (k: keyof SigningSplit) => ({ projects: sums[k][0], fundsFen: Number(sums[k][1]) });
  return { new: out('new'), continuing: out('continuing'), unsigned: out('unsigned') };
}

export interface TierCount extends Tier {
  /** Signed in the period (新签约) and in the tier by agreed investment at the period's end. */
  signed: number;
  /** In the library at the period's end and in the tier — as the library's tier filter lists them (终止 included). */
  inLibrary: number;
}

/** The tenant's tiers counted over the projects (optionally one unit's). */
export function countTiers(
  rows: readonly ProjectFigure[],
  period: Period,
  tiers: readonly Tier[],
  unitId?: string,
): TierCount[] {
  return tiers.map((tier) => {
    let signed = 0;
    let inLibrary = 0;
    for (const r of rows) {
      if (unitId !== undefined && r.unitId !== unitId) continue;
      if (!inTier(tier, r)) continue;
      inLibrary += 1;
      if (r.signedOn !== null && r.signedOn >= period.from) signed += 1;
    }
    return { ...tier, signed, inLibrary };
  });
}

export interface RatePart {
  rate: number | null;
  numerator: number;
  denominator: number;
}

/** The three rates, each with the numbers it is made of (the UI states the formula with them). */
export function ratesWithParts(input: {
  fundsFen: number;
  agreedFen: number;
  started: number;
  signed: number;
  dueToStart: number;
  startedOnTime: number;
}): { funding: RatePart; start: RatePart; fulfilment: RatePart } {
  return {
    funding: {
      rate: fundingRate(input.fundsFen, input.agreedFen),
      numerator: input.fundsFen,
      denominator: input.agreedFen,
    },
    start: {
      rate: startRate(input.started, input.signed),
      numerator: input.started,
      denominator: input.signed,
    },
    fulfilment: {
      rate: fulfilmentRate(input.dueToStart, input.startedOnTime),
      numerator: input.startedOnTime,
      denominator: input.dueToStart,
    },
  };
}
