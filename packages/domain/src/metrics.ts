/**
 * Progress metrics for targets and projects: 完成率, 序时进度, 超/欠进度, 双过半, traffic
 * lights, 资金到位率, 开工率, 履约率. Pure functions of integer fen or counts and calendar dates.
 * Ratios are plain numbers (1.2564 = 125.64%); `toPercent` and the formatters round them
 * half away from zero (四舍五入) for display only, so compare ratios, never rounded percents.
 *
 * Ratios of integers are IEEE divisions, which round correctly: two equal fractions (e.g.
 * 100/120 funds against 10/12 months) give the same number, so "on pace" (completion ≥
 * time progress) needs no tolerance.
 */
import { compareDates, dayOfYear, daysInMonth, daysInYear, toDayNumber } from './dates.ts';
import type { CalendarDate } from './dates.ts';
import type { Locale } from './errors.ts';

/**
 * A count or an amount in fen. A sum past 2^53 (only older data stored before amounts were bounded
 * to 1 万亿元 can reach it) arrives as the nearest double: it is taken as it is — a figure slightly
 * off in its 16th digit, rather than a whole dashboard that cannot be read.
 */
function assertCount(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

function assertRatio(value: number, name: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${value}`);
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new RangeError(`not a year: ${year}`);
}

/** numerator ÷ denominator of two non-negative integers; null when the denominator is 0. */
function divide(numerator: number, denominator: number, names: [string, string]): number | null {
  assertCount(numerator, names[0]);
  assertCount(denominator, names[1]);
  return denominator === 0 ? null : numerator / denominator;
}

// ── Completion and time progress ───────────────────────────────────────────────

/** 完成率: actual ÷ target (fen or counts); null when the target is 0 (no target). */
export function completionRate(actual: number, target: number): number | null {
  return divide(actual, target, ['actual', 'target']);
}

export const timeProgressModes = ['month', 'day'] as const;
export type TimeProgressMode = (typeof timeProgressModes)[number];

export const timeProgressModeLabels: Record<TimeProgressMode, Record<Locale, string>> = {
  month: { 'zh-CN': '按月', 'en-US': 'By month' },
  day: { 'zh-CN': '按日', 'en-US': 'By day' },
};

/**
 * 序时进度: the share of `year` that has passed as of the end of `asOf`.
 *   'month': completed months ÷ 12; a month is completed on its last day, so
 *            2017-10-31 → 10/12, 2017-10-15 → 9/12, 2017-12-31 → 1 (the usual 序时进度 of reports).
 *   'day':   days elapsed through asOf, asOf included, ÷ days in the year (365 or 366).
 * Dates before the year give 0, dates after it 1.
 */
export function timeProgress(asOf: CalendarDate, year: number, mode: TimeProgressMode): number {
  assertYear(year);
  const day = toDayNumber(asOf);
  const yyyy = String(year).padStart(4, '0');
  if (day < toDayNumber(`${yyyy}-01-01`)) return 0;
  if (day >= toDayNumber(`${yyyy}-12-31`)) return 1;
  if (mode === 'day') return dayOfYear(asOf) / daysInYear(year);
  const [month, dayOfMonth] = [Number(asOf.slice(5, 7)), Number(asOf.slice(8, 10))];
  const completedMonths = month - 1 + (dayOfMonth === daysInMonth(year, month) ? 1 : 0);
  return completedMonths / 12;
}

/** 超/欠进度: completion − time progress; positive is ahead (超序时进度), negative behind. */
export function paceGap(completion: number, timeProgress: number): number {
  assertRatio(completion, 'completion');
  assertRatio(timeProgress, 'timeProgress');
  return completion - timeProgress;
}

// ── Percentages for display ────────────────────────────────────────────────────

function assertDigits(digits: number): void {
  if (!Number.isInteger(digits) || digits < 0 || digits > 10) throw new RangeError('digits must be 0–10');
}

/**
 * A ratio as a percentage rounded half away from zero: toPercent(1.2564) = 125.64,
 * toPercent(0.123455) = 12.35, toPercent(-0.123455) = -12.35. The scaled value is first
 * cut to 15 significant digits, so binary noise (0.123455 × 10⁴ = 1234.5499999…) does
 * not decide the rounding.
 */
export function toPercent(ratio: number, digits = 2): number {
  assertRatio(ratio, 'ratio');
  assertDigits(digits);
  const scaled = Number((Math.abs(ratio) * 10 ** (digits + 2)).toPrecision(15));
  const rounded = (Math.sign(ratio) * Math.round(scaled)) / 10 ** digits;
  return rounded === 0 ? 0 : rounded;
}

/** Shown in place of a ratio that does not exist (no target, nothing signed). */
export const missingPercentText = '—';

/** '125.64%'; '—' for null. */
export function formatPercent(ratio: number | null, digits = 2): string {
  if (ratio === null) return missingPercentText;
  return `${toPercent(ratio, digits).toFixed(digits)}%`;
}

/** '+42.31%', '-3.10%', and '0.00%' when it rounds to zero; '—' for null. For 超/欠进度. */
export function formatSignedPercent(ratio: number | null, digits = 2): string {
  if (ratio === null) return missingPercentText;
  const percent = toPercent(ratio, digits);
  return `${percent > 0 ? '+' : ''}${percent.toFixed(digits)}%`;
}

// ── On pace (时间过半任务过半) ────────────────────────────────────────────────────

/** 双过半 judged on 30 June: completion at that date is at least 50%. No target: false. */
export function isDoubleHalf(completionAtJune30: number | null): boolean {
  if (completionAtJune30 === null) return false;
  assertRatio(completionAtJune30, 'completion');
  return completionAtJune30 >= 0.5;
}

export const paceStatuses = ['on_pace', 'behind', 'no_target'] as const;
export type PaceStatus = (typeof paceStatuses)[number];

export const paceStatusLabels: Record<PaceStatus, Record<Locale, string>> = {
  on_pace: { 'zh-CN': '达到序时进度', 'en-US': 'On pace' },
  behind: { 'zh-CN': '低于序时进度', 'en-US': 'Behind pace' },
  no_target: { 'zh-CN': '未下达目标', 'en-US': 'No target' },
};

export interface DoubleHalfStatus {
  /** 时间过半: asOf is on or after 30 June of its year. */
  timeHalf: boolean;
  /** 任务过半: completion is at least 50%. */
  taskHalf: boolean;
  /** 时间过半任务过半 generalised to any date: on pace when completion ≥ time progress. */
  pace: PaceStatus;
}

/**
 * 双过半 and its generalisation for any date. Half time is judged by the calendar
 * (30 June), not by time progress: by day, 30 June is only 181/365 of the year.
 */
export function doubleHalfStatus(
  asOf: CalendarDate,
  completion: number | null,
  timeProgress: number,
): DoubleHalfStatus {
  assertRatio(timeProgress, 'timeProgress');
  const timeHalf = compareDates(asOf, `${asOf.slice(0, 4)}-06-30`) >= 0;
  if (completion === null) return { timeHalf, taskHalf: false, pace: 'no_target' };
  return {
    timeHalf,
    taskHalf: isDoubleHalf(completion),
    pace: paceGap(completion, timeProgress) >= 0 ? 'on_pace' : 'behind',
  };
}

export const trafficLights = ['green', 'yellow', 'red', 'grey'] as const;
export type TrafficLight = (typeof trafficLights)[number];

export const trafficLightLabels: Record<TrafficLight, Record<Locale, string>> = {
  green: { 'zh-CN': '达到序时进度', 'en-US': 'On pace' },
  yellow: { 'zh-CN': '略低于序时进度', 'en-US': 'Slightly behind' },
  red: { 'zh-CN': '明显滞后', 'en-US': 'Well behind' },
  grey: { 'zh-CN': '未下达目标', 'en-US': 'No target' },
};

export interface TrafficLightOptions {
  /** How far behind time progress is still yellow, as a ratio; default 0.10 (10 percentage points). */
  yellowBand?: number;
}

/** Absorbs binary noise at the yellow/red edge: 0.7333… − 0.8333… is not exactly −0.1. */
const bandTolerance = 1e-9;

/**
 * The light for a gap: green when on pace (gap ≥ 0), yellow when behind by at most the
 * band (gap ≥ −0.10), red beyond.
 */
export function trafficLightForGap(gap: number, options: TrafficLightOptions = {}): TrafficLight {
  const { yellowBand = 0.1 } = options;
  assertRatio(gap, 'gap');
  if (!(yellowBand >= 0 && yellowBand <= 1)) throw new RangeError('yellowBand must be within [0, 1]');
  if (gap >= 0) return 'green';
  return gap >= -yellowBand - bandTolerance ? 'yellow' : 'red';
}

/** The light of a completion against time progress; grey when there is no target (null). */
export function trafficLight(
  completion: number | null,
  timeProgress: number,
  options: TrafficLightOptions = {},
): TrafficLight {
  if (completion === null) return 'grey';
  return trafficLightForGap(paceGap(completion, timeProgress), options);
}

// ── Project rates ──────────────────────────────────────────────────────────────

/** 资金到位率: cumulative funds in place ÷ agreed investment (fen); null when nothing was agreed. */
export function fundingRate(fundsInPlace: number, agreedInvestment: number): number | null {
  return divide(fundsInPlace, agreedInvestment, ['fundsInPlace', 'agreedInvestment']);
}

/**
 * 开工率: projects started ÷ projects signed, both counted by the caller over the same
 * scope. Not capped at 1: projects started this year may have been signed in earlier years.
 */
export function startRate(started: number, signed: number): number | null {
  return divide(started, signed, ['started', 'signed']);
}

/**
 * 履约率 (start-on-time rate of signed agreements):
 *   dueToStart    = signed projects (including those later paused or dropped) whose
 *                   planned start date (计划开工日期), plus any grace days, is on or before asOf;
 *   startedOnTime = those of them whose actual start date (实际开工日期) is on or before that
 *                   deadline;
 *   履约率        = startedOnTime ÷ dueToStart; null when no project is due yet.
 * A project that started late counts as due and not on time. Note the order of the
 * arguments: the denominator comes first. `countFulfilment` does the counting.
 */
export function fulfilmentRate(dueToStart: number, startedOnTime: number): number | null {
  const rate = divide(startedOnTime, dueToStart, ['startedOnTime', 'dueToStart']);
  if (startedOnTime > dueToStart) throw new RangeError('startedOnTime cannot exceed dueToStart');
  return rate;
}

export interface FulfilmentProject {
  plannedStartOn: CalendarDate | null;
  actualStartOn: CalendarDate | null;
}

/**
 * Counts the signed projects due to start by asOf and those that started on time (see
 * fulfilmentRate). Projects without a planned start date are not due. Start dates after
 * asOf are not yet known as of asOf and count as not started.
 */
export function countFulfilment(
  signedProjects: readonly FulfilmentProject[],
  asOf: CalendarDate,
  options: { graceDays?: number } = {},
): { dueToStart: number; startedOnTime: number } {
  const { graceDays = 0 } = options;
  assertCount(graceDays, 'graceDays');
  const asOfDay = toDayNumber(asOf);
  let dueToStart = 0;
  let startedOnTime = 0;
  for (const project of signedProjects) {
    if (project.plannedStartOn === null) continue;
    const deadline = toDayNumber(project.plannedStartOn) + graceDays;
    if (deadline > asOfDay) continue;
    dueToStart++;
    if (project.actualStartOn !== null && toDayNumber(project.actualStartOn) <= deadline) startedOnTime++;
  }
  return { dueToStart, startedOnTime };
}

// ── Period comparisons (本月 / 本年累计 / 上年同期 / 同比) ─────────────────────────────

/**
 * The same calendar day a year earlier (上年同期's end): 2026-10-31 → 2025-10-31; 29 February
 * → 28 February of a common year.
 */
export function sameDayLastYear(date: CalendarDate): CalendarDate {
  const year = Number(date.slice(0, 4)) - 1;
  assertYear(year);
  const month = Number(date.slice(5, 7));
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${date.slice(5, 7)}-${String(day).padStart(2, '0')}`;
}

/**
 * 同比增长: (this year − the same period last year) ÷ the same period last year; null when last
 * year had nothing (no base to grow from). 0.25 = +25%; −1 = nothing this year.
 */
export function yearOnYearGrowth(current: number, lastYear: number): number | null {
  assertCount(current, 'current');
  assertCount(lastYear, 'lastYear');
  return lastYear === 0 ? null : (current - lastYear) / lastYear;
}

/**
 * 双过半 as reported from 30 June on: time half gone (the calendar, 30 June) and the task half done
 * (completion ≥ 50%). Before 30 June there is nothing to report (null).
 */
export function reportedDoubleHalf(
  asOf: CalendarDate,
  completion: number | null,
): { taskHalf: boolean; achieved: boolean } | null {
  if (compareDates(asOf, `${asOf.slice(0, 4)}-06-30`) < 0) return null;
  const taskHalf = isDoubleHalf(completion);
  return { taskHalf, achieved: taskHalf };
}
