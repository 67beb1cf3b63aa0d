import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addWorkingDays,
  calendarDateSchema,
  compareDates,
  dayOfWeek,
  dayOfYear,
  daysBetween,
  fromDayNumber,
  isValidDate,
  isValidMonth,
  isWorkingDay,
  monthEnd,
  monthStart,
  shanghaiToday,
  startOfShanghaiDay,
  toDayNumber,
  toMonth,
  toShanghaiDate,
  workCalendarSchema,
  workingDaysBetween,
  type WorkCalendar,
} from './dates.ts';
import { dateArbitrary } from './testing/arbitraries.ts';

/** National Day 2026: 1–7 October off; Sunday 27 September and Saturday 10 October worked (调休). */
const nationalDay2026: WorkCalendar = {
  holidays: [
    '2026-10-01',
    '2026-10-02',
    '2026-10-03',
    '2026-10-04',
    '2026-10-05',
    '2026-10-06',
    '2026-10-07',
  ],
  extraWorkdays: ['2026-09-27', '2026-10-10'],
};

describe('validity', () => {
  it.each(['2026-01-01', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31', '2017-10-31'])(
    'accepts %s',
    (date) => expect(isValidDate(date)).toBe(true),
  );
  it.each([
    '2026-02-29',
    '1900-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-1-1',
    '2026/01/01',
    '0000-01-01',
    ' 2026-01-01',
    '2026-01-01T00:00',
    '',
  ])('rejects %j', (date) => expect(isValidDate(date)).toBe(false));

  it('checks months', () => {
    expect(isValidMonth('2017-10')).toBe(true);
    expect(isValidMonth('2017-13')).toBe(false);
    expect(isValidMonth('2017-1')).toBe(false);
  });

  it('schema messages are Chinese', () => {
    expect(calendarDateSchema.safeParse('2026-02-30').error?.issues[0]?.message).toBe(
      '日期应为有效的 YYYY-MM-DD 格式',
    );
    expect(calendarDateSchema.parse('2026-02-28')).toBe('2026-02-28');
  });
});

describe('Shanghai instants', () => {
  it('turns over at 16:00 UTC, whatever the process time zone', () => {
    expect(toShanghaiDate(new Date('2026-12-31T15:59:59.999Z'))).toBe('2026-12-31');
    expect(toShanghaiDate(new Date('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01');
    expect(shanghaiToday(new Date('2024-02-28T16:30:00Z'))).toBe('2024-02-29');
    expect(toShanghaiDate(new Date('1969-12-31T16:00:00Z'))).toBe('1970-01-01');
    expect(toShanghaiDate(new Date('1969-12-31T15:59:59Z'))).toBe('1969-12-31');
  });

  it('starts a day at midnight Shanghai time', () => {
    expect(startOfShanghaiDay('2027-01-01').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(() => startOfShanghaiDay('2027-02-30')).toThrow(RangeError);
  });

  it('rejects an invalid Date', () => {
    expect(() => toShanghaiDate(new Date('nope'))).toThrow(RangeError);
  });

  it('round-trips any date through its start instant and any instant through its day', () => {
    fc.assert(fc.property(dateArbitrary, (date) => toShanghaiDate(startOfShanghaiDay(date)) === date));
    fc.assert(
      fc.property(fc.integer({ min: -2e12, max: 7e12 }), (ms) => {
        const instant = new Date(ms);
        const start = startOfShanghaiDay(toShanghaiDate(instant)).getTime();
        return start <= ms && ms < start + 86_400_000;
      }),
    );
  });
});

describe('day arithmetic', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-05-15', 0)).toBe('2026-05-15');
    expect(addDays('2017-01-01', 365)).toBe('2018-01-01');
    expect(() => addDays('2026-01-01', 1.5)).toThrow(RangeError);
  });

  it('counts days between dates with sign', () => {
    expect(daysBetween('2026-01-31', '2026-02-01')).toBe(1);
    expect(daysBetween('2026-02-01', '2026-01-31')).toBe(-1);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('1970-01-01', '2000-03-01')).toBe(11_017);
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(fromDayNumber(0)).toBe('1970-01-01');
  });

  it('agrees with Date.UTC on day numbers', () => {
    fc.assert(
      fc.property(dateArbitrary, (date) => {
        const [y, m, d] = date.split('-').map(Number) as [number, number, number];
        return toDayNumber(date) === Date.UTC(y, m - 1, d) / 86_400_000;
      }),
    );
  });

  it('addDays and daysBetween are inverse', () => {
    fc.assert(
      fc.property(dateArbitrary, fc.integer({ min: -20_000, max: 20_000 }), (date, n) => {
        const later = addDays(date, n);
        return isValidDate(later) && daysBetween(date, later) === n && addDays(later, -n) === date;
      }),
    );
  });

  it('compares dates', () => {
    expect(compareDates('2026-01-02', '2026-01-10')).toBe(-1);
    expect(compareDates('2026-01-10', '2026-01-02')).toBe(1);
    expect(compareDates('2026-01-10', '2026-01-10')).toBe(0);
    expect(['2026-03-01', '2025-12-31', '2026-02-28'].sort(compareDates)).toEqual([
      '2025-12-31',
      '2026-02-28',
      '2026-03-01',
    ]);
    fc.assert(
      fc.property(
        dateArbitrary,
        dateArbitrary,
        (a, b) => compareDates(a, b) === Math.sign(a.localeCompare(b)),
      ),
    );
  });

  it('knows the day of the week and of the year', () => {
    expect(dayOfWeek('2026-10-01')).toBe(4); // Thursday
    expect(dayOfWeek('2026-09-27')).toBe(7); // Sunday
    expect(dayOfWeek('1970-01-05')).toBe(1);
    expect(dayOfWeek('1969-12-31')).toBe(3);
    expect(dayOfYear('2026-01-01')).toBe(1);
    expect(dayOfYear('2024-12-31')).toBe(366);
  });
});

describe('months', () => {
  it('finds month ends', () => {
    expect(monthEnd('2017-10')).toBe('2017-10-31');
    expect(monthEnd('2017-11')).toBe('2017-11-30');
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    expect(monthEnd('2100-02')).toBe('2100-02-28');
    expect(monthStart('2017-10')).toBe('2017-10-01');
    expect(toMonth('2017-10-15')).toBe('2017-10');
    expect(() => monthEnd('2017-13')).toThrow(RangeError);
    expect(() => toMonth('2017-02-30')).toThrow(RangeError);
  });

  it('adds months across years', () => {
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-06', -18)).toBe('2024-12');
    expect(addMonths('2026-06', 0)).toBe('2026-06');
  });
});

describe('working days', () => {
  it('defaults to Monday–Friday', () => {
    expect(addWorkingDays('2026-01-30', 1)).toBe('2026-02-02'); // Friday → Monday
    expect(addWorkingDays('2026-01-31', 1)).toBe('2026-02-02'); // Saturday → Monday
    expect(addWorkingDays('2026-12-31', 2)).toBe('2027-01-04'); // Thursday over New Year weekend
    expect(addWorkingDays('2026-02-02', -1)).toBe('2026-01-30');
    expect(addWorkingDays('2026-01-31', 0)).toBe('2026-01-31');
    expect(workingDaysBetween('2026-01-30', '2026-02-02')).toBe(1);
    expect(workingDaysBetween('2026-02-02', '2026-01-30')).toBe(-1);
    expect(workingDaysBetween('2026-01-01', '2026-12-31')).toBe(260);
    expect(isWorkingDay('2026-10-03')).toBe(false);
  });

  it('follows the National Day 2026 calendar with 调休', () => {
    expect(isWorkingDay('2026-09-27', nationalDay2026)).toBe(true);
    expect(isWorkingDay('2026-10-01', nationalDay2026)).toBe(false);
    expect(isWorkingDay('2026-10-10', nationalDay2026)).toBe(true);
    expect(isWorkingDay('2026-10-11', nationalDay2026)).toBe(false);
    expect(addWorkingDays('2026-09-26', 1, nationalDay2026)).toBe('2026-09-27');
    expect(addWorkingDays('2026-09-30', 1, nationalDay2026)).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30', 3, nationalDay2026)).toBe('2026-10-10');
    expect(addWorkingDays('2026-09-30', 4, nationalDay2026)).toBe('2026-10-12');
    expect(addWorkingDays('2026-10-08', -1, nationalDay2026)).toBe('2026-09-30');
    expect(addWorkingDays('2026-09-28', -1, nationalDay2026)).toBe('2026-09-27');
    // 26 Sep – 11 Oct: 27, 28, 29, 30 Sep and 8, 9, 10 Oct
    expect(workingDaysBetween('2026-09-25', '2026-10-11', nationalDay2026)).toBe(7);
    expect(workingDaysBetween('2026-09-25', '2026-10-11')).toBe(10);
    // backwards the range is [25 Sep, 11 Oct), which includes Friday 25 Sep
    expect(workingDaysBetween('2026-10-11', '2026-09-25', nationalDay2026)).toBe(-8);
    // backwards counts [b, a): from Sunday 4 Oct back to Wednesday 30 Sep is one working day
    expect(addWorkingDays('2026-10-04', -1, nationalDay2026)).toBe('2026-09-30');
    expect(workingDaysBetween('2026-10-04', '2026-09-30', nationalDay2026)).toBe(-1);
    // all of 2026 with only this holiday: 261 weekdays − 5 weekdays off + 2 weekend days worked
    expect(workingDaysBetween('2025-12-31', '2026-12-31')).toBe(261);
    expect(workingDaysBetween('2025-12-31', '2026-12-31', nationalDay2026)).toBe(258);
  });

  it('treats a date listed both ways as a working day', () => {
    const both: WorkCalendar = { holidays: ['2026-10-03'], extraWorkdays: ['2026-10-03'] };
    expect(isWorkingDay('2026-10-03', both)).toBe(true);
    expect(workingDaysBetween('2026-10-02', '2026-10-03', both)).toBe(1);
    expect(workCalendarSchema.safeParse(both).success).toBe(false);
    expect(workCalendarSchema.safeParse(nationalDay2026).success).toBe(true);
  });

  it('counting and adding agree, with and without a calendar', () => {
    const calendarArbitrary = fc.record({
      holidays: fc.array(dateArbitrary, { maxLength: 40 }),
      extraWorkdays: fc.array(dateArbitrary, { maxLength: 40 }),
    });
    fc.assert(
      fc.property(
        dateArbitrary.filter((d) => d < '2199-01-01'),
        fc.integer({ min: -300, max: 300 }),
        fc.option(calendarArbitrary, { nil: undefined }),
        (date, n, calendar) => {
          const target = addWorkingDays(date, n, calendar);
          if (workingDaysBetween(date, target, calendar) !== n) return false;
          return n === 0 || isWorkingDay(target, calendar);
        },
      ),
    );
  });

  it('counting matches a day-by-day count', () => {
    fc.assert(
      fc.property(dateArbitrary, fc.integer({ min: 0, max: 800 }), (start, span) => {
        fc.pre(start < '2197-01-01');
        let count = 0;
        for (let i = 1; i <= span; i++) if (isWorkingDay(addDays(start, i), nationalDay2026)) count++;
        return workingDaysBetween(start, addDays(start, span), nationalDay2026) === count;
      }),
      { numRuns: 60 },
    );
  });
});
