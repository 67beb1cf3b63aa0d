/**
 * Year-end forecast (预计全年完成) of funds in place, from what is already in place and
 * what the open projects are still expected to bring, by stage.
 */
import { z } from 'zod';
import type { CalendarDate } from './dates.ts';
import { timeProgress } from './metrics.ts';
import { stages, type Stage } from './stages.ts';

/** Per stage, a share in [0, 1]. */
export type StageWeights = Record<Stage, number>;

/**
 * Assumed share of an open project's remaining agreed investment (agreed − funds already
 * in place) that arrives within a whole year, by the stage it stands at. These are
 * starting assumptions, not measurements: a tenant may configure its own, or learn them
 * from its ledger with `learnStageWeights`.
 *   planning 0.02, negotiating 0.08  no agreement yet: little money moves
 *   signed 0.3, settled 0.4         agreement signed, entity registered: first payments
 *   construction 0.5                building: the bulk of the investment flows
 *   production 0.2                  in production: the remainder trickles in
 *   paused 0, dropped 0             nothing is expected
 */
export const defaultStageWeights: Readonly<StageWeights> = Object.freeze({
  planning: 0.02,
  negotiating: 0.08,
  signed: 0.3,
  settled: 0.4,
  construction: 0.5,
  production: 0.2,
  paused: 0,
  dropped: 0,
});

const weightSchema = z
  .number({ error: '权重应为数字' })
  .min(0, '权重应在 0 至 1 之间')
  .max(1, '权重应在 0 至 1 之间');

/** Configured stage weights, e.g. a tenant's settings. */
export const stageWeightsSchema = z.object(
  Object.fromEntries(stages.map((stage) => [stage, weightSchema])) as Record<Stage, typeof weightSchema>,
);

function assertWeights(weights: StageWeights): void {
  for (const stage of stages) {
    const weight = weights[stage];
    if (!(weight >= 0 && weight <= 1)) throw new RangeError(`weight of ${stage} must be within [0, 1]`);
  }
}

/** Non-negative integer fen; past 2^53 (older data's sums) as the nearest double, as metrics.ts takes it. */
function assertFen(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be non-negative integer fen, got ${value}`);
  }
}

export interface OpenProject {
  stage: Stage;
  /** 协议投资额, fen. */
  agreedFen: number;
  /** Funds in place so far, fen. */
  fundsFen: number;
}

export interface ForecastInput {
  /** Funds in place so far this year (fen). */
  actual: number;
  openProjects: readonly OpenProject[];
  /** Default: defaultStageWeights. */
  weights?: StageWeights;
  asOf: CalendarDate;
  year: number;
}

/**
 * Expected year-end total, integer fen:
 *
 *   forecast = actual + round( Σ weight(stage) × max(0, agreed − funds) × (1 − t) )
 *
 * where t = timeProgress(asOf, year, 'day') and the sum runs over open projects. The
 * weight is a share per whole year, so it is scaled by the part of the year still ahead:
 * on 31 December the forecast is the actual, before the year starts it is the full
 * weighted remainder. The sum is rounded once, half up. Never below `actual`.
 */
export function forecastYearEnd(input: ForecastInput): number {
  const { actual, openProjects, weights = defaultStageWeights, asOf, year } = input;
  assertFen(actual, 'actual');
  assertWeights(weights);
  const remainingYear = 1 - timeProgress(asOf, year, 'day');
  let expected = 0;
  for (const project of openProjects) {
    assertFen(project.agreedFen, 'agreedFen');
    assertFen(project.fundsFen, 'fundsFen');
    expected += weights[project.stage] * Math.max(0, project.agreedFen - project.fundsFen);
  }
  return actual + Math.round(expected * remainingYear);
}

export interface StageHistoryEntry {
  /** The stage a project stood at on 1 January of a past year. */
  stageAtYearStart: Stage;
  /** Its agreed investment not yet in place on that day, fen. */
  remainingAtYearStart: number;
  /** Funds in place recorded for it during that year, fen (corrections may make it negative). */
  receivedDuringYear: number;
}

export interface LearnedStageWeights {
  weights: StageWeights;
  /** The stages whose weight comes from history rather than the defaults, in pipeline order. */
  learned: Stage[];
  /** Per stage, the past project-years with something remaining that were counted. */
  sampleSizes: Record<Stage, number>;
}

export interface LearnStageWeightsOptions {
  /** Fewer samples than this at a stage keep the default weight; default 5. */
  minProjectsPerStage?: number;
  /** The weights to fall back on; default defaultStageWeights. */
  defaults?: StageWeights;
}

/**
 * Stage weights from past years: per stage, Σ received ÷ Σ remaining over the projects
 * (one entry per project and year) that stood at that stage on 1 January, clamped to
 * [0, 1]. Entries with nothing remaining carry no information and are not counted. A
 * stage keeps its default weight with fewer than minProjectsPerStage entries. The result
 * fits forecastYearEnd: a share of the remainder arriving within a whole year.
 */
export function learnStageWeights(
  history: readonly StageHistoryEntry[],
  options: LearnStageWeightsOptions = {},
): LearnedStageWeights {
  const { minProjectsPerStage = 5, defaults = defaultStageWeights } = options;
  if (!Number.isSafeInteger(minProjectsPerStage) || minProjectsPerStage < 1) {
    throw new RangeError('minProjectsPerStage must be a positive integer');
  }
  assertWeights(defaults);
  const totals = new Map<Stage, { count: number; remaining: bigint; received: bigint }>();
  for (const entry of history) {
    assertFen(entry.remainingAtYearStart, 'remainingAtYearStart');
    if (!Number.isSafeInteger(entry.receivedDuringYear))
      throw new RangeError('receivedDuringYear must be integer fen');
    if (entry.remainingAtYearStart === 0) continue;
    const total = totals.get(entry.stageAtYearStart) ?? { count: 0, remaining: 0n, received: 0n };
    total.count++;
    total.remaining += BigInt(entry.remainingAtYearStart);
    total.received += BigInt(entry.receivedDuringYear);
    totals.set(entry.stageAtYearStart, total);
  }
  const weights = { ...defaults };
  const sampleSizes = Object.fromEntries(stages.map((stage) => [stage, 0])) as Record<Stage, number>;
  const learned: Stage[] = [];
  for (const stage of stages) {
    const total = totals.get(stage);
    if (!total) continue;
    sampleSizes[stage] = total.count;
    if (total.count < minProjectsPerStage) continue;
    const share = Number(total.received) / Number(total.remaining);
    weights[stage] = Math.min(1, Math.max(0, share));
    learned.push(stage);
  }
  return { weights, learned, sampleSizes };
}
