import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultStageWeights,
  forecastYearEnd,
  learnStageWeights,
  stageWeightsSchema,
  type StageHistoryEntry,
  type StageWeights,
} from './forecast.ts';
import { fenFromYi } from './money.ts';
import { stages, type Stage } from './stages.ts';
import { dateArbitrary } from './testing/arbitraries.ts';

const yi = (value: number | string) => fenFromYi(value);

describe('defaultStageWeights', () => {
  it('gives every stage a weight in [0, 1], nothing for paused or dropped', () => {
    expect(Object.keys(defaultStageWeights)).toEqual([...stages]);
    for (const stage of stages) {
      expect(defaultStageWeights[stage]).toBeGreaterThanOrEqual(0);
      expect(defaultStageWeights[stage]).toBeLessThanOrEqual(1);
    }
    expect(defaultStageWeights).toMatchObject({ signed: 0.3, construction: 0.5, paused: 0, dropped: 0 });
    expect(Object.isFrozen(defaultStageWeights)).toBe(true);
    expect(stageWeightsSchema.parse(defaultStageWeights)).toEqual(defaultStageWeights);
  });

  it('validates configured weights in Chinese', () => {
    const result = stageWeightsSchema.safeParse({ ...defaultStageWeights, signed: 1.2 });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['signed', '权重应在 0 至 1 之间'],
    ]);
  });
});

describe('forecastYearEnd', () => {
  const openProjects = [
    { stage: 'construction', agreedFen: yi(20), fundsFen: yi(8) }, // 12 亿 remaining × 0.5
    { stage: 'signed', agreedFen: yi(10), fundsFen: 0 }, // 10 亿 × 0.3
    { stage: 'negotiating', agreedFen: yi(5), fundsFen: yi(6) }, // over-funded: nothing remaining
    { stage: 'paused', agreedFen: yi(50), fundsFen: 0 }, // weight 0
  ] as const;

  it('adds the weighted remainder, scaled by the part of the year still ahead', () => {
    // by day, 2017-10-31 is 304/365 of the year: 61/365 is ahead
    const expected = yi('150.768') + Math.round((yi(12) * 0.5 + yi(10) * 0.3) * (61 / 365));
    expect(forecastYearEnd({ actual: yi('150.768'), openProjects, asOf: '2017-10-31', year: 2017 })).toBe(
      expected,
    );
  });

  it('is the actual on 31 December and after, the full weighted remainder before the year', () => {
    const input = { actual: yi(100), openProjects, year: 2017 };
    expect(forecastYearEnd({ ...input, asOf: '2017-12-31' })).toBe(yi(100));
    expect(forecastYearEnd({ ...input, asOf: '2018-03-01' })).toBe(yi(100));
    expect(forecastYearEnd({ ...input, asOf: '2016-12-31' })).toBe(yi(100) + yi(6) + yi(3));
  });

  it('takes configured weights and rounds to whole fen', () => {
    const weights: StageWeights = { ...defaultStageWeights, planning: 1 / 3 };
    expect(
      forecastYearEnd({
        actual: 0,
        openProjects: [{ stage: 'planning', agreedFen: 100, fundsFen: 0 }],
        weights,
        asOf: '2016-06-01',
        year: 2017,
      }),
    ).toBe(33);
  });

  it('refuses weights outside [0, 1] and amounts that are not fen', () => {
    const base = { actual: 0, openProjects: [], asOf: '2017-06-30', year: 2017 };
    expect(() => forecastYearEnd({ ...base, weights: { ...defaultStageWeights, signed: -0.1 } })).toThrow(
      RangeError,
    );
    expect(() => forecastYearEnd({ ...base, actual: 1.5 })).toThrow(RangeError);
    expect(() =>
      forecastYearEnd({ ...base, openProjects: [{ stage: 'signed', agreedFen: -1, fundsFen: 0 }] }),
    ).toThrow(RangeError);
  });

  const projectArbitrary = fc.record({
    stage: fc.constantFrom(...stages),
    agreedFen: fc.integer({ min: 0, max: 1_000_000_000_000 }),
    fundsFen: fc.integer({ min: 0, max: 1_000_000_000_000 }),
  });
  const weightsArbitrary = fc
    .array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: stages.length, maxLength: stages.length })
    .map((values) => Object.fromEntries(stages.map((stage, i) => [stage, values[i] ?? 0])) as StageWeights);

  it('never goes below the actual, and never gains more than the open remainder', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000_000 }),
        fc.array(projectArbitrary, { maxLength: 20 }),
        weightsArbitrary,
        dateArbitrary,
        (actual, projects, weights, asOf) => {
          const year = Number(asOf.slice(0, 4));
          const forecast = forecastYearEnd({ actual, openProjects: projects, weights, asOf, year });
          const remainder = projects.reduce((s, p) => s + Math.max(0, p.agreedFen - p.fundsFen), 0);
          expect(Number.isInteger(forecast)).toBe(true);
          expect(forecast).toBeGreaterThanOrEqual(actual);
          expect(forecast).toBeLessThanOrEqual(actual + remainder);
        },
      ),
    );
  });

  it('does not grow as the year goes by, for the same projects', () => {
    fc.assert(
      fc.property(
        fc.array(projectArbitrary, { maxLength: 10 }),
        dateArbitrary,
        dateArbitrary,
        (projects, a, b) => {
          const [early, late] = a <= b ? [a, b] : [b, a];
          const forecastOn = (asOf: string) =>
            forecastYearEnd({ actual: 0, openProjects: projects, asOf, year: 2017 });
          expect(forecastOn(late)).toBeLessThanOrEqual(forecastOn(early));
        },
      ),
    );
  });
});

describe('learnStageWeights', () => {
  const entries = (stage: Stage, count: number, remaining: number, received: number): StageHistoryEntry[] =>
    Array.from({ length: count }, () => ({
      stageAtYearStart: stage,
      remainingAtYearStart: remaining,
      receivedDuringYear: received,
    }));

  it('gives the defaults back with no history', () => {
    const result = learnStageWeights([]);
    expect(result.weights).toEqual(defaultStageWeights);
    expect(result.learned).toEqual([]);
    expect(Object.values(result.sampleSizes).every((size) => size === 0)).toBe(true);
  });

  it('learns Σ received ÷ Σ remaining for stages with enough projects', () => {
    const history = [
      ...entries('signed', 3, 1000, 100),
      ...entries('signed', 2, 500, 400), // (300 + 800) ÷ (3000 + 1000) = 0.275
      ...entries('construction', 4, 1000, 900), // only 4: default kept
      ...entries('planning', 6, 0, 50), // nothing remaining: not counted
    ];
    const result = learnStageWeights(history);
    expect(result.weights).toEqual({ ...defaultStageWeights, signed: 0.275 });
    expect(result.learned).toEqual(['signed']);
    expect(result.sampleSizes).toMatchObject({ signed: 5, construction: 4, planning: 0 });
    expect(learnStageWeights(history, { minProjectsPerStage: 4 }).learned).toEqual([
      'signed',
      'construction',
    ]);
  });

  it('clamps to [0, 1], and learns for any stage, paused included', () => {
    const history = [
      ...entries('settled', 5, 100, 250), // agreed raised mid-year: more than remained
      ...entries('negotiating', 5, 100, -10), // reversals of last year's records
      ...entries('paused', 5, 100, 20),
    ];
    const { weights, learned } = learnStageWeights(history);
    expect(weights).toMatchObject({ settled: 1, negotiating: 0, paused: 0.2 });
    expect(learned).toEqual(['negotiating', 'settled', 'paused']);
  });

  it('falls back on the given defaults and refuses a bad minimum or amount', () => {
    const defaults = { ...defaultStageWeights, signed: 0.6 };
    expect(learnStageWeights(entries('signed', 2, 100, 10), { defaults }).weights.signed).toBe(0.6);
    expect(() => learnStageWeights([], { minProjectsPerStage: 0 })).toThrow(RangeError);
    expect(() => learnStageWeights(entries('signed', 1, -5, 0))).toThrow(RangeError);
    expect(() => learnStageWeights(entries('signed', 1, 5, 0.5))).toThrow(RangeError);
  });

  it('always answers weights in [0, 1] that forecastYearEnd accepts', () => {
    const entry = fc.record({
      stageAtYearStart: fc.constantFrom(...stages),
      remainingAtYearStart: fc.integer({ min: 0, max: 1_000_000_000 }),
      receivedDuringYear: fc.integer({ min: -1_000_000, max: 2_000_000_000 }),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), fc.integer({ min: 1, max: 10 }), (history, min) => {
        const { weights, learned } = learnStageWeights(history, { minProjectsPerStage: min });
        for (const stage of stages) {
          expect(weights[stage]).toBeGreaterThanOrEqual(0);
          expect(weights[stage]).toBeLessThanOrEqual(1);
          if (!learned.includes(stage)) expect(weights[stage]).toBe(defaultStageWeights[stage]);
        }
        expect(() =>
          forecastYearEnd({ actual: 0, openProjects: [], weights, asOf: '2017-01-01', year: 2017 }),
        ).not.toThrow();
      }),
    );
  });
});
