import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell } from './cells.ts';
import { describeSheetDateProblem, parseSheetDate } from './sheet-dates.ts';

const msPerDay = 86_400_000;

function isoOf(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const day = (date: string) => ({ ok: true, date, precision: 'day' });
const month = (date: string) => ({ ok: true, date, precision: 'month' });
const impossible = (detail: string) => ({ ok: false, problem: 'impossible_date', detail });
const notADate = { ok: false, problem: 'not_a_date' };

/** A random calendar date in the years a ledger accepts. */
const ledgerDate = fc
  .integer({ min: Date.UTC(1950, 0, 1) / msPerDay, max: Date.UTC(2100, 11, 31) / msPerDay })
  .map((days) => {
    const date = new Date(days * msPerDay);
    return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  });

const chineseDigits = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Test-side writer of Chinese numerals: a year digit by digit, with a chosen zero character. */
function chineseYear(year: number, zero: string): string {
  return [...String(year)].map((digit) => (digit === '0' ? zero : chineseDigits[Number(digit)])).join('');
}

/** 1–31 as offices type them: 九, 十, 十二, 二十, 二十一 (or 廿一 when `twenty` is 廿). */
function chineseSmall(value: number, twenty: '二十' | '廿'): string {
  const tens = Math.floor(value / 10);
  const ones = value % 10 === 0 ? '' : (chineseDigits[value % 10] ?? '');
  if (tens === 0) return ones;
  const tensText = tens === 1 ? '十' : tens === 2 ? twenty : `${chineseDigits[tens]}十`;
  return tensText + ones;
}

describe('parseSheetDate: Chinese numerals', () => {
  it.each([
    ['二〇一七年九月十二日', day('2017-09-12')],
    ['二零一七年九月十二日', day('2017-09-12')],
    ['二〇一七年十二月三十一日', day('2017-12-31')],
    ['二Ｏ一七年十月二十日', day('2017-10-20')],
    ['二○一七年十月二十一日', day('2017-10-21')],
    ['二O一七年三月廿一日', day('2017-03-21')],
    ['二〇一七年三月十号', day('2017-03-10')],
    ['二〇一七年 九 月 十二 日', day('2017-09-12')],
    ['二〇二〇年二月二十九日', day('2020-02-29')],
    ['二〇一七年九月', month('2017-09-01')],
    ['二〇一七年元月', month('2017-01-01')],
    ['2017年九月十二日', day('2017-09-12')],
    ['二〇一七年9月12日', day('2017-09-12')],
  ] as [string, unknown][])('reads %j', (value, expected) => {
    expect(parseSheetDate(value)).toEqual(expected);
  });

  it.each([
    ['二〇一七年二月三十日', 'no_such_day'],
    ['二〇一七年十三月', 'no_such_month'],
    ['二〇一七年四月三十一日', 'no_such_day'],
    ['一九四九年十月一日', 'year_out_of_range'],
  ])('rejects %j as impossible (%s)', (value, detail) => {
    expect(parseSheetDate(value)).toEqual(impossible(detail));
  });

  it.each(['十三五规划', '二〇一七年底', '二〇一七年十十月', '二〇一七年九月十二十日', '一七年九月'])(
    'rejects %j as not a date',
    (value) => {
      expect(parseSheetDate(value)).toEqual(notADate);
    },
  );

  it('reads every valid date written in Chinese numerals back to itself (property)', () => {
    fc.assert(
      fc.property(
        ledgerDate,
        fc.constantFrom('〇', '零', 'Ｏ', '○', 'O'),
        fc.constantFrom('二十' as const, '廿' as const),
        fc.constantFrom('日', '号'),
        (date, zero, twenty, dayMark) => {
          const text = `${chineseYear(date.year, zero)}年${chineseSmall(date.month, twenty)}月${chineseSmall(date.day, twenty)}${dayMark}`;
          expect(parseSheetDate(text)).toEqual(day(isoOf(date.year, date.month, date.day)));
          expect(
            parseSheetDate(`${chineseYear(date.year, zero)}年${chineseSmall(date.month, twenty)}月`),
          ).toEqual(month(isoOf(date.year, date.month, 1)));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('parseSheetDate: a day without a year', () => {
  const cutOff = { referenceDate: '2017-09-30' };
  const inferred = (date: string, precision = 'day') => ({ ok: true, date, precision, yearInferred: true });

  it.each([
    ['5月18日', inferred('2017-05-18')],
    ['5月18号', inferred('2017-05-18')],
    ['5月18', inferred('2017-05-18')],
    ['５月１８日', inferred('2017-05-18')],
    ['五月十八日', inferred('2017-05-18')],
    ['十二月三十一日', inferred('2017-12-31')],
    ['5/18', inferred('2017-05-18')],
    ['5-18', inferred('2017-05-18')],
    ['5.18', inferred('2017-05-18')],
    ['12.31', inferred('2017-12-31')],
    ['10.01', inferred('2017-10-01')],
    ['9月', inferred('2017-09-01', 'month')],
    ['9月份', inferred('2017-09-01', 'month')],
  ] as [string, unknown][])('takes the reference year for %j', (value, expected) => {
    expect(parseSheetDate(value, cutOff)).toEqual(expected);
  });

  it('reads a number cell 5.18 as May 18th of the reference year', () => {
    expect(parseSheetDate(5.18, cutOff)).toEqual(inferred('2017-05-18'));
    expect(parseSheetDate(12.31, cutOff)).toEqual(inferred('2017-12-31'));
  });

  it('refuses M.D with one day digit: 5.1 may be 5.10 with the zero dropped', () => {
    expect(parseSheetDate('5.1', cutOff)).toEqual(notADate);
    expect(parseSheetDate(5.1, cutOff)).toEqual(notADate);
    expect(parseSheetDate(10.3, cutOff)).toEqual(notADate);
  });

  it('says the year is missing when no reference date is given', () => {
    const missing = { ok: false, problem: 'not_a_date', detail: 'year_missing' };
    for (const value of ['5月18日', '3月15日', '5/18', '5.18', '9月'])
      expect(parseSheetDate(value)).toEqual(missing);
    expect(parseSheetDate(5.18)).toEqual(missing);
    expect(parseSheetDate('5月18日', { referenceDate: 'not a date' })).toEqual(missing);
  });

  it('checks the day against the reference year', () => {
    expect(parseSheetDate('2月29日', { referenceDate: '2016-06-30' })).toEqual(inferred('2016-02-29'));
    expect(parseSheetDate('2月29日', cutOff)).toEqual(impossible('no_such_day'));
    expect(parseSheetDate('13月1日', cutOff)).toEqual(impossible('no_such_month'));
    expect(parseSheetDate('5.32', cutOff)).toEqual(impossible('no_such_day'));
  });

  it('does not mark a date that has its own year', () => {
    expect(parseSheetDate('2016年5月18日', cutOff)).toEqual(day('2016-05-18'));
    expect(parseSheetDate(43008, cutOff)).toEqual(day('2017-09-30'));
  });

  it('reads every month and day without a year in the reference year (property)', () => {
    fc.assert(
      fc.property(ledgerDate, fc.integer({ min: 1950, max: 2100 }), (date, year) => {
        const reference = { referenceDate: isoOf(year, 6, 30) };
        const valid = date.day <= new Date(Date.UTC(year, date.month, 0)).getUTCDate();
        const result = parseSheetDate(`${date.month}月${date.day}日`, reference);
        if (valid) expect(result).toEqual(inferred(isoOf(year, date.month, date.day)));
        else expect(result).toEqual(impossible('no_such_day'));
      }),
      { numRuns: 300 },
    );
  });
});

describe('describeSheetDateProblem', () => {
  it('says why a date was refused, in Chinese and English', () => {
    const refused = (value: Cell) => {
      const result = parseSheetDate(value);
      if (result.ok) throw new Error('expected a refusal');
      return result;
    };
    expect(describeSheetDateProblem(refused('9999-12-31'))).toBe('日期不存在（年份不在 1950–2100 年之间）');
    expect(describeSheetDateProblem(refused('0001-01-01'), 'en-US')).toBe(
      'No such date (the year is not between 1950 and 2100)',
    );
    expect(describeSheetDateProblem(refused(2_958_465))).toBe('日期不存在（年份不在 1950–2100 年之间）');
    expect(describeSheetDateProblem(refused('2017年2月30日'))).toBe('日期不存在（该月没有这一天）');
    expect(describeSheetDateProblem(refused('二〇一七年十三月'))).toBe('日期不存在（月份不在 1–12 月之间）');
    expect(describeSheetDateProblem(refused('5月18日'))).toBe('无法识别的日期（没有写年份）');
    expect(describeSheetDateProblem(refused('下月'))).toBe('无法识别的日期');
  });
});
