import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fenFromYi } from './money.ts';
import {
  completionRate,
  countFulfilment,
  doubleHalfStatus,
  formatPercent,
  formatSignedPercent,
  fulfilmentRate,
  fundingRate,
  isDoubleHalf,
  paceGap,
  reportedDoubleHalf,
  sameDayLastYear,
  yearOnYearGrowth,
  paceStatusLabels,
  paceStatuses,
  startRate,
  timeProgress,
  timeProgressModeLabels,
  timeProgressModes,
  toPercent,
  trafficLight,
  trafficLightForGap,
  trafficLightLabels,
  trafficLights,
} from './metrics.ts';
import { dateArbitrary } from './testing/arbitraries.ts';
import { compareDates } from './dates.ts';

describe('the published example (万州 2017, 到位资金 120 亿元)', () => {
  const target = fenFromYi(120);
  const actual = fenFromYi('150.768');
  const completion = completionRate(actual, target);
  const time = timeProgress('2017-10-31', 2017, 'month');

  it('is 125.64% complete against 83.33% of the year, +42.31% ahead', () => {
    expect(completion).toBe(1.2564);
    expect(toPercent(time)).toBe(83.33);
    expect(toPercent(paceGap(completion ?? 0, time))).toBe(42.31);
    expect(formatPercent(completion)).toBe('125.64%');
    expect(formatPercent(time)).toBe('83.33%');
    expect(formatSignedPercent(paceGap(completion ?? 0, time))).toBe('+42.31%');
    expect(trafficLight(completion, time)).toBe('green');
    expect(doubleHalfStatus('2017-10-31', completion, time)).toEqual({
      timeHalf: true,
      taskHalf: true,
      pace: 'on_pace',
    });
  });
});

describe('completionRate and the project rates', () => {
  it('divides, and answers null without a denominator', () => {
    expect(completionRate(60, 120)).toBe(0.5);
    expect(completionRate(0, 0)).toBeNull();
    expect(completionRate(5, 0)).toBeNull();
    expect(fundingRate(3, 4)).toBe(0.75);
    expect(fundingRate(3, 0)).toBeNull();
    expect(startRate(12, 10)).toBe(1.2);
    expect(startRate(0, 0)).toBeNull();
    expect(fulfilmentRate(8, 6)).toBe(0.75);
    expect(fulfilmentRate(0, 0)).toBeNull();
  });

  it('refuses what is not a count or an amount in fen', () => {
    expect(() => completionRate(-1, 10)).toThrow(RangeError);
    expect(() => completionRate(1.5, 10)).toThrow(RangeError);
    expect(() => fundingRate(Number.NaN, 10)).toThrow(RangeError);
    expect(() => startRate(1, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('takes a sum past 2^53 (older data) as the nearest double instead of failing the page', () => {
    expect(fundingRate(2 ** 53, 2 ** 54)).toBe(0.5);
  });

  it('refuses more on-time starts than projects due (arguments swapped)', () => {
    expect(() => fulfilmentRate(6, 8)).toThrow(RangeError);
    expect(() => fulfilmentRate(0, 1)).toThrow(RangeError);
  });
});

describe('timeProgress', () => {
  it.each([
    ['2017-10-31', 2017, 10 / 12],
    ['2017-10-15', 2017, 9 / 12],
    ['2017-10-30', 2017, 9 / 12],
    ['2017-12-31', 2017, 1],
    ['2017-01-01', 2017, 0],
    ['2017-01-31', 2017, 1 / 12],
    ['2017-02-28', 2017, 2 / 12],
    ['2016-02-28', 2016, 1 / 12],
    ['2016-02-29', 2016, 2 / 12],
    ['2017-06-30', 2017, 0.5],
    ['2016-12-31', 2017, 0],
    ['2018-01-01', 2017, 1],
  ])('by month, %s in %d is %d', (asOf, year, expected) => {
    expect(timeProgress(asOf, year, 'month')).toBe(expected);
  });

  it('by day counts asOf itself and knows leap years', () => {
    expect(timeProgress('2017-01-01', 2017, 'day')).toBe(1 / 365);
    expect(timeProgress('2017-06-30', 2017, 'day')).toBe(181 / 365);
    expect(timeProgress('2017-10-31', 2017, 'day')).toBe(304 / 365);
    expect(timeProgress('2016-12-30', 2016, 'day')).toBe(365 / 366);
    expect(timeProgress('2016-12-31', 2016, 'day')).toBe(1);
    expect(timeProgress('2016-12-31', 2017, 'day')).toBe(0);
    expect(timeProgress('2030-05-01', 2017, 'day')).toBe(1);
  });

  it('refuses invalid dates and years', () => {
    expect(() => timeProgress('2017-02-30', 2017, 'day')).toThrow(RangeError);
    expect(() => timeProgress('2017-10-31', 2017.5, 'month')).toThrow(RangeError);
  });

  const yearArbitrary = fc.integer({ min: 1900, max: 2199 });
  const modeArbitrary = fc.constantFrom(...timeProgressModes);

  it('stays within [0, 1] and never decreases as asOf moves on', () => {
    fc.assert(
      fc.property(dateArbitrary, dateArbitrary, yearArbitrary, modeArbitrary, (a, b, year, mode) => {
        const [early, late] = compareDates(a, b) <= 0 ? [a, b] : [b, a];
        const [p, q] = [timeProgress(early, year, mode), timeProgress(late, year, mode)];
        expect(p).toBeGreaterThanOrEqual(0);
        expect(q).toBeLessThanOrEqual(1);
        expect(p).toBeLessThanOrEqual(q);
      }),
    );
  });

  it('by month and by day stay within a month of each other', () => {
    fc.assert(
      fc.property(dateArbitrary, (asOf) => {
        const year = Number(asOf.slice(0, 4));
        const gap = timeProgress(asOf, year, 'month') - timeProgress(asOf, year, 'day');
        expect(Math.abs(gap)).toBeLessThanOrEqual(1 / 12);
      }),
    );
  });
});

describe('toPercent and the formatters', () => {
  it.each([
    [1.2564, 2, 125.64],
    [0.123455, 2, 12.35],
    [-0.123455, 2, -12.35],
    [0.123445, 2, 12.34],
    [10 / 12, 2, 83.33],
    [2 / 3, 2, 66.67],
    [2 / 3, 0, 67],
    [0.000049, 2, 0],
    [-0.000049, 2, 0],
    [0.00005, 2, 0.01],
    [1.005, 1, 100.5],
  ])('toPercent(%d, %d) = %d', (ratio, digits, expected) => {
    expect(toPercent(ratio, digits)).toBe(expected);
  });

  it('never answers minus zero', () => {
    expect(Object.is(toPercent(-0.000001), 0)).toBe(true);
  });

  it('rounds exact half-hundredths of a percent up, in magnitude', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (k) => {
        expect(toPercent(k / 10_000)).toBe(k / 100);
        expect(toPercent((2 * k + 1) / 20_000)).toBe((k + 1) / 100);
        expect(toPercent(-(2 * k + 1) / 20_000)).toBe(-(k + 1) / 100);
      }),
    );
  });

  it('formats with fixed digits, a sign for gaps, and a dash for no ratio', () => {
    expect(formatPercent(0.5)).toBe('50.00%');
    expect(formatPercent(1 / 3, 1)).toBe('33.3%');
    expect(formatPercent(null)).toBe('—');
    expect(formatSignedPercent(-0.031)).toBe('-3.10%');
    expect(formatSignedPercent(0.000001)).toBe('0.00%');
    expect(formatSignedPercent(-0.000001)).toBe('0.00%');
    expect(formatSignedPercent(null)).toBe('—');
  });

  it('refuses non-finite ratios and bad digit counts', () => {
    expect(() => toPercent(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => toPercent(0.5, -1)).toThrow(RangeError);
    expect(() => toPercent(0.5, 1.5)).toThrow(RangeError);
  });
});

describe('双过半 and pace', () => {
  it('isDoubleHalf at 50%', () => {
    expect(isDoubleHalf(0.5)).toBe(true);
    expect(isDoubleHalf(0.4999)).toBe(false);
    expect(isDoubleHalf(null)).toBe(false);
  });

  it('judges half time by the calendar, not by day-based progress', () => {
    const time = timeProgress('2017-06-30', 2017, 'day');
    expect(time).toBeLessThan(0.5);
    expect(doubleHalfStatus('2017-06-30', 0.5, time)).toEqual({
      timeHalf: true,
      taskHalf: true,
      pace: 'on_pace',
    });
    expect(doubleHalfStatus('2017-06-29', 0.45, 0.5)).toEqual({
      timeHalf: false,
      taskHalf: false,
      pace: 'behind',
    });
    expect(doubleHalfStatus('2017-03-31', null, 0.25)).toEqual({
      timeHalf: false,
      taskHalf: false,
      pace: 'no_target',
    });
  });

  it('is on pace exactly when completion equals time progress as fractions', () => {
    const completion = completionRate(100, 120) ?? 0;
    const time = timeProgress('2017-10-31', 2017, 'month');
    expect(doubleHalfStatus('2017-10-31', completion, time).pace).toBe('on_pace');
    expect(trafficLight(completion, time)).toBe('green');
    expect(trafficLight(completionRate(304, 365), timeProgress('2017-10-31', 2017, 'day'))).toBe('green');
  });
});

describe('trafficLight', () => {
  it.each([
    [0.9, 0.8333, 'green'],
    [0.8333, 0.8333, 'green'],
    [0.8, 0.8333, 'yellow'],
    [0.7333, 0.8333, 'yellow'],
    [0.7332, 0.8333, 'red'],
    [0, 1, 'red'],
  ] as const)('completion %d against %d is %s', (completion, time, light) => {
    expect(trafficLight(completion, time)).toBe(light);
  });

  it('is yellow exactly 10 points behind despite binary noise', () => {
    expect(trafficLight(completionRate(88, 120), 10 / 12)).toBe('yellow');
    expect(trafficLight(0.4, 0.5)).toBe('yellow');
    expect(trafficLight(0.7, 0.8)).toBe('yellow');
  });

  it('is grey without a target, and takes a configurable band', () => {
    expect(trafficLight(null, 0.5)).toBe('grey');
    expect(trafficLight(0.3, 0.5, { yellowBand: 0.2 })).toBe('yellow');
    expect(trafficLight(0.49, 0.5, { yellowBand: 0 })).toBe('red');
    expect(() => trafficLight(0.3, 0.5, { yellowBand: -0.1 })).toThrow(RangeError);
  });

  it('agrees with the sign and size of paceGap', () => {
    const ratio = fc.double({ min: 0, max: 3, noNaN: true });
    fc.assert(
      fc.property(ratio, fc.double({ min: 0, max: 1, noNaN: true }), (completion, time) => {
        const gap = paceGap(completion, time);
        const light = trafficLight(completion, time);
        expect(light).toBe(trafficLightForGap(gap));
        expect(light === 'green').toBe(gap >= 0);
        expect(light === 'green').toBe(completion >= time);
        if (light === 'red') expect(gap).toBeLessThan(-0.1);
        if (light === 'yellow') expect(gap).toBeGreaterThanOrEqual(-0.1 - 1e-9);
      }),
    );
  });
});

describe('countFulfilment (履约率)', () => {
  const asOf = '2017-10-31';

  it('counts projects whose planned start has passed, and those that started by then', () => {
    const counts = countFulfilment(
      [
        { plannedStartOn: '2017-03-01', actualStartOn: '2017-02-20' }, // early: on time
        { plannedStartOn: '2017-05-01', actualStartOn: '2017-05-01' }, // on the day: on time
        { plannedStartOn: '2017-06-01', actualStartOn: '2017-07-15' }, // late
        { plannedStartOn: '2017-08-01', actualStartOn: null }, // not started
        { plannedStartOn: '2017-10-31', actualStartOn: null }, // due today, not started
        { plannedStartOn: '2017-11-01', actualStartOn: null }, // not due yet
        { plannedStartOn: null, actualStartOn: '2017-04-01' }, // no planned date: not due
      ],
      asOf,
    );
    expect(counts).toEqual({ dueToStart: 5, startedOnTime: 2 });
    expect(fulfilmentRate(counts.dueToStart, counts.startedOnTime)).toBe(0.4);
  });

  it('allows grace days', () => {
    const projects = [
      { plannedStartOn: '2017-06-01', actualStartOn: '2017-06-20' },
      { plannedStartOn: '2017-10-20', actualStartOn: null },
    ];
    expect(countFulfilment(projects, asOf, { graceDays: 30 })).toEqual({ dueToStart: 1, startedOnTime: 1 });
    expect(() => countFulfilment(projects, asOf, { graceDays: -1 })).toThrow(RangeError);
  });

  it('never counts more on time than due', () => {
    const project = fc.record({
      plannedStartOn: fc.option(dateArbitrary),
      actualStartOn: fc.option(dateArbitrary),
    });
    fc.assert(
      fc.property(fc.array(project), dateArbitrary, (projects, day) => {
        const { dueToStart, startedOnTime } = countFulfilment(projects, day);
        const rate = fulfilmentRate(dueToStart, startedOnTime);
        expect(rate === null || (rate >= 0 && rate <= 1)).toBe(true);
      }),
    );
  });
});

describe('labels', () => {
  it('labels every mode, status and light in both languages', () => {
    for (const mode of timeProgressModes) expect(timeProgressModeLabels[mode]['zh-CN']).toMatch(/按/);
    for (const status of paceStatuses) expect(paceStatusLabels[status]['en-US']).toMatch(/^[A-Z]/);
    for (const light of trafficLights) expect(trafficLightLabels[light]['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('period comparisons', () => {
  it('finds the same day last year, 29 February on the 28th', () => {
    expect(sameDayLastYear('2026-10-31')).toBe('2025-10-31');
    expect(sameDayLastYear('2028-02-29')).toBe('2027-02-28');
    expect(sameDayLastYear('2026-01-01')).toBe('2025-01-01');
  });

  it('gives 同比 as growth over last year, none without a base', () => {
    expect(yearOnYearGrowth(125, 100)).toBe(0.25);
    expect(yearOnYearGrowth(57, 60)).toBeCloseTo(-0.05, 12);
    expect(yearOnYearGrowth(0, 40)).toBe(-1);
    expect(yearOnYearGrowth(10, 0)).toBeNull();
    expect(() => yearOnYearGrowth(-1, 3)).toThrow(RangeError);
  });

  it('reports 双过半 from 30 June on only', () => {
    expect(reportedDoubleHalf('2026-06-29', 0.9)).toBeNull();
    expect(reportedDoubleHalf('2026-06-30', 0.5)).toEqual({ taskHalf: true, achieved: true });
    expect(reportedDoubleHalf('2026-10-31', 0.4999)).toEqual({ taskHalf: false, achieved: false });
    expect(reportedDoubleHalf('2026-07-01', null)).toEqual({ taskHalf: false, achieved: false });
  });
});
