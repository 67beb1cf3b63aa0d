import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell } from './cells.ts';
import { dateToExcelSerial, emptyDateWords, excelSerialToDate, parseSheetDate } from './sheet-dates.ts';

const msPerDay = 86_400_000;

/** Independent of the code under test: Excel's 1900 serial from Date.UTC, with the 1900-02-29 bug. */
function referenceSerial(year: number, month: number, day: number): number {
  const days = (Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 31)) / msPerDay;
  return days >= 60 ? days + 1 : days;
}

/** The 1904 system counts days from 1904-01-01. */
function referenceSerial1904(year: number, month: number, day: number): number {
  return (Date.UTC(year, month - 1, day) - Date.UTC(1904, 0, 1)) / msPerDay;
}

function isoOf(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const day = (date: string) => ({ ok: true, date, precision: 'day' });
const month = (date: string) => ({ ok: true, date, precision: 'month' });
const nothing = { ok: true, date: null, precision: null };
const impossible = (detail: string) => ({ ok: false, problem: 'impossible_date', detail });
const notADate = { ok: false, problem: 'not_a_date' };

/** A random calendar date in the years a ledger accepts. */
const ledgerDate = fc
  .integer({ min: Date.UTC(1950, 0, 1) / msPerDay, max: Date.UTC(2100, 11, 31) / msPerDay })
  .map((days) => {
    const date = new Date(days * msPerDay);
    return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  });

describe('excelSerialToDate and dateToExcelSerial', () => {
  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [18264, '1950-01-01'],
    [25569, '1970-01-01'],
    [42999, '2017-09-21'],
    [43008, '2017-09-30'],
    [43101, '2018-01-01'],
    [2958465, '9999-12-31'],
  ])('serial %d is %s', (serial, date) => {
    expect(excelSerialToDate(serial)).toBe(date);
    expect(dateToExcelSerial(date)).toBe(serial);
  });

  it('has no date for the fictitious 1900-02-29 (serial 60) or outside the serial range', () => {
    expect(excelSerialToDate(60)).toBeNull();
    expect(excelSerialToDate(0)).toBeNull();
    expect(excelSerialToDate(-1)).toBeNull();
    expect(excelSerialToDate(2958466)).toBeNull();
    expect(excelSerialToDate(Number.NaN)).toBeNull();
  });

  it('drops the time of day', () => {
    expect(excelSerialToDate(43008.999988)).toBe('2017-09-30');
    expect(excelSerialToDate(43008.5)).toBe('2017-09-30');
  });

  it('counts the 1904 system from 1904-01-01', () => {
    expect(excelSerialToDate(0, { date1904: true })).toBe('1904-01-01');
    expect(excelSerialToDate(41639, { date1904: true })).toBe('2018-01-01');
    expect(dateToExcelSerial('2018-01-01', { date1904: true })).toBe(41639);
    expect(excelSerialToDate(-1, { date1904: true })).toBeNull();
    expect(excelSerialToDate(2957003, { date1904: true })).toBe('9999-12-31');
    expect(excelSerialToDate(2957004, { date1904: true })).toBeNull();
  });
});

describe('parseSheetDate', () => {
  it.each([
    [43008, day('2017-09-30')],
    [43008.4166666, day('2017-09-30')],
    [18264, day('1950-01-01')],
    [20170315, day('2017-03-15')],
    [2017.5, month('2017-05-01')],
    [2017.05, month('2017-05-01')],
    [2017.12, month('2017-12-01')],
    [2017.9, month('2017-09-01')],
  ] as [number, unknown][])('reads the number %d', (value, expected) => {
    expect(parseSheetDate(value)).toEqual(expected);
  });

  it.each([
    ['2017.3.15', day('2017-03-15')],
    ['2017/03/15', day('2017-03-15')],
    ['2017-03-15', day('2017-03-15')],
    ['2017-3-15', day('2017-03-15')],
    ['2017-3-15 10:00', day('2017-03-15')],
    ['2017-03-15 10:00:59', day('2017-03-15')],
    ['2017-03-15T00:00:00.000Z', day('2017-03-15')],
    ['2017年3月15日', day('2017-03-15')],
    ['2017年3月15号', day('2017-03-15')],
    ['2017年03月05日', day('2017-03-05')],
    ['2017 年 3 月 15 日', day('2017-03-15')],
    ['2017年3月15', day('2017-03-15')],
    ['2017年3月15日 14:30', day('2017-03-15')],
    ['20170315', day('2017-03-15')],
    ['２０１７年３月１５日', day('2017-03-15')],
    ['２０１７．３．１５', day('2017-03-15')],
    [' 2017.3.15 ', day('2017-03-15')],
    ['2016.2.29', day('2016-02-29')],
    ['2000-02-29', day('2000-02-29')],
    ['42999', day('2017-09-21')],
    ['43008.5', day('2017-09-30')],
    ['2017年5月', month('2017-05-01')],
    ['2017年5月份', month('2017-05-01')],
    ['2017.5', month('2017-05-01')],
    ['2017.10', month('2017-10-01')],
    ['2017.1', month('2017-01-01')],
    ['2017-05', month('2017-05-01')],
    ['2017/5', month('2017-05-01')],
    ['２０１７年１２月', month('2017-12-01')],
  ] as [string, unknown][])('reads %j', (value, expected) => {
    expect(parseSheetDate(value)).toEqual(expected);
  });

  it('reads Date objects by their UTC year, month and day', () => {
    expect(parseSheetDate(new Date(Date.UTC(2017, 2, 15)))).toEqual(day('2017-03-15'));
    expect(parseSheetDate(new Date(Date.UTC(2017, 2, 15, 23, 59)))).toEqual(day('2017-03-15'));
    expect(parseSheetDate(new Date(Date.UTC(2017, 11, 31)))).toEqual(day('2017-12-31'));
    expect(parseSheetDate(new Date(Number.NaN))).toEqual(notADate);
    expect(parseSheetDate(new Date(Date.UTC(1900, 0, 1)))).toEqual(impossible('year_out_of_range'));
  });

  it.each([
    null,
    undefined,
    '',
    '  ',
    '待定',
    '未定',
    '暂无',
    '无',
    '待签',
    '未开工',
    '-',
    '—',
    '——',
    '/',
    '－',
    ' 待 定 ',
  ])('reads %j as no date', (value) => {
    expect(parseSheetDate(value)).toEqual(nothing);
  });

  it('treats every listed empty word as no date', () => {
    for (const word of emptyDateWords) expect(parseSheetDate(word)).toEqual(nothing);
  });

  it.each([
    ['2017-02-30', 'no_such_day'],
    ['2017.2.29', 'no_such_day'],
    ['2017年2月29日', 'no_such_day'],
    ['2017-04-31', 'no_such_day'],
    ['2017年13月', 'no_such_month'],
    ['2017-13-01', 'no_such_month'],
    ['2017.0.5', 'no_such_month'],
    ['2017-01-00', 'no_such_day'],
    ['2017-00', 'no_such_month'],
    ['20170230', 'no_such_day'],
    ['1949-10-01', 'year_out_of_range'],
    ['2101-01-01', 'year_out_of_range'],
    ['1900/1/1', 'year_out_of_range'],
    ['1', 'year_out_of_range'],
    ['60', 'no_such_day'],
  ])('rejects %j as impossible (%s)', (value, detail) => {
    expect(parseSheetDate(value)).toEqual(impossible(detail));
  });

  it.each([
    [60, 'no_such_day'],
    [1, 'year_out_of_range'],
    [100, 'year_out_of_range'],
    [20171301, 'no_such_month'],
    [12345678, 'year_out_of_range'],
    [21010101, 'year_out_of_range'],
  ])('rejects the number %d as impossible (%s)', (value, detail) => {
    expect(parseSheetDate(value)).toEqual(impossible(detail));
  });

  it.each([
    '下月',
    'abc',
    '2017年底',
    '2017年上半年',
    '2017',
    '17.3.15',
    '2017-3-15-1',
    '2017..3',
    '1-9月',
    '0',
  ])('rejects %j as not a date', (value) => {
    expect(parseSheetDate(value)).toEqual(notADate);
  });

  it.each([0, -5, 2017, 2017.1, 2017.123, 3_000_000, 9_999_999, Number.NaN, Number.POSITIVE_INFINITY])(
    'rejects the number %d as not a date',
    (value) => {
      expect(parseSheetDate(value)).toEqual(notADate);
    },
  );

  it('rejects booleans', () => {
    expect(parseSheetDate(true as Cell)).toEqual(notADate);
    expect(parseSheetDate(false)).toEqual(notADate);
  });

  it('reads the 1904 date system when asked', () => {
    expect(parseSheetDate(41639, { date1904: true })).toEqual(day('2018-01-01'));
    expect(parseSheetDate('41639', { date1904: true })).toEqual(day('2018-01-01'));
    expect(parseSheetDate(41639)).toEqual(day('2013-12-31'));
    expect(parseSheetDate(60, { date1904: true })).toEqual(impossible('year_out_of_range'));
  });

  it('round-trips random dates through 1900 serials, with any time of day (property)', () => {
    fc.assert(
      fc.property(ledgerDate, fc.double({ min: 0, max: 0.999, noNaN: true }), (date, time) => {
        const serial = referenceSerial(date.year, date.month, date.day);
        const iso = isoOf(date.year, date.month, date.day);
        expect(parseSheetDate(serial + time)).toEqual(day(iso));
        expect(parseSheetDate(String(serial))).toEqual(day(iso));
        expect(dateToExcelSerial(iso)).toBe(serial);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips random dates through 1904 serials (property)', () => {
    fc.assert(
      fc.property(ledgerDate, (date) => {
        const serial = referenceSerial1904(date.year, date.month, date.day);
        expect(parseSheetDate(serial, { date1904: true })).toEqual(
          day(isoOf(date.year, date.month, date.day)),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('reads random dates written every way offices write them (property)', () => {
    fc.assert(
      fc.property(ledgerDate, (date) => {
        const { year, month: m, day: d } = date;
        const iso = isoOf(year, m, d);
        for (const text of [
          `${year}.${m}.${d}`,
          `${year}/${m}/${d}`,
          iso,
          `${year}年${m}月${d}日`,
          `${year}年${m}月${d}号`,
          iso.replaceAll('-', ''),
        ]) {
          expect(parseSheetDate(text)).toEqual(day(iso));
        }
        expect(parseSheetDate(new Date(Date.UTC(year, m - 1, d)))).toEqual(day(iso));
        expect(parseSheetDate(`${year}年${m}月`)).toEqual(month(isoOf(year, m, 1)));
      }),
      { numRuns: 300 },
    );
  });

  it('rejects the day after the last of each month as impossible (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1950, max: 2100 }), fc.integer({ min: 1, max: 12 }), (year, m) => {
        const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
        expect(parseSheetDate(`${year}-${m}-${lastDay}`)).toEqual(day(isoOf(year, m, lastDay)));
        expect(parseSheetDate(`${year}-${m}-${lastDay + 1}`)).toEqual(impossible('no_such_day'));
      }),
    );
  });
});
