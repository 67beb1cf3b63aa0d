/**
 * Dates in imported sheets. Cells hold Excel serial numbers, Date objects (UTC-midnight
 * instants from date-formatted cells) or text as people type it: '2017.3.15', '2017/03/15',
 * '2017年3月15日', '二〇一七年九月十二日', '20170315', month-only '2017年5月', a day without a
 * year ('5月18日', with a reference date), and words for "not yet" (待定, 未开工).
 * Results are calendar dates 'YYYY-MM-DD' (see dates.ts); a month-only value is its first day.
 */
import type { Locale } from '../errors.ts';
import { daysInMonth, fromDayNumber, isValidDate, toDayNumber } from '../dates.ts';
import { toHalfWidth } from '../text.ts';
import type { Cell } from './cells.ts';
import { chineseNumeralsToDigits } from './chinese-numerals.ts';

export type SheetDatePrecision = 'day' | 'month';
export type SheetDateProblem = 'impossible_date' | 'not_a_date';
/**
 * Why a date was refused, for a clear message: the year is outside minSheetYear…maxSheetYear,
 * the month is not 1–12, the month has no such day, or a day/month came without a year and no
 * reference date was given to take one from.
 */
export type SheetDateDetail = 'year_out_of_range' | 'no_such_month' | 'no_such_day' | 'year_missing';
export type SheetDateResult =
  | {
      ok: true;
      date: string | null;
      precision: SheetDatePrecision | null;
      /** Set when the text had no year ('5月18日') and the reference date's year was taken. */
      yearInferred?: true;
    }
  | { ok: false; problem: SheetDateProblem; detail?: SheetDateDetail };

export interface SheetDateOptions {
  /** The workbook uses the 1904 date system (old Mac Excel): serial 0 is 1904-01-01. */
  date1904?: boolean;
  /**
   * 'YYYY-MM-DD' (normally the sheet's cut-off): a day or month written without a year takes
   * this date's year, and the result says `yearInferred: true` so the caller can warn.
   */
  referenceDate?: string;
}

/** Years a ledger date may fall in; anything else is a typo (or a serial misread). */
export const minSheetYear = 1950;
export const maxSheetYear = 2100;

/** The largest serial Excel shows as a date: 9999-12-31. */
export const maxExcelSerial = 2_958_465;
/** Serial 0 of the 1900 system, for serials after the fictitious 1900-02-29 (serial 60). */
const epoch1900 = toDayNumber('1899-12-30');
const epoch1904 = toDayNumber('1904-01-01');

/** What offices write in a date cell to mean "no date (yet)". */
export const emptyDateWords: readonly string[] = [
  '',
  '-',
  '--',
  '—',
  '——',
  '–',
  '/',
  '\\',
  '无',
  '暂无',
  '待定',
  '未定',
  '待签',
  '未签',
  '未签约',
  '未开工',
  '暂未开工',
  '未投产',
  '未落地',
  '未注册',
  '不详',
  '空',
];
const emptyWordSet = new Set(emptyDateWords);

const nothing: SheetDateResult = { ok: true, date: null, precision: null };

function fail(problem: SheetDateProblem, detail?: SheetDateDetail): SheetDateResult {
  return detail ? { ok: false, problem, detail } : { ok: false, problem };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Checks a year/month/day and builds the result; day null means a month-only value. */
function fromParts(year: number, month: number, day: number | null): SheetDateResult {
  if (year < minSheetYear || year > maxSheetYear) return fail('impossible_date', 'year_out_of_range');
  if (month < 1 || month > 12) return fail('impossible_date', 'no_such_month');
  if (day !== null && (day < 1 || day > daysInMonth(year, month)))
    return fail('impossible_date', 'no_such_day');
  return {
    ok: true,
    date: `${pad(year, 4)}-${pad(month, 2)}-${pad(day ?? 1, 2)}`,
    precision: day === null ? 'month' : 'day',
  };
}

/**
 * The calendar date of an Excel serial (its fractional time of day dropped), or null for the
 * 1900 system's fictitious 1900-02-29 (serial 60) and for serials outside 0/1 … 2 958 465.
 */
export function excelSerialToDate(serial: number, options: SheetDateOptions = {}): string | null {
  if (!Number.isFinite(serial)) return null;
  const whole = Math.floor(serial);
  if (options.date1904) {
    if (whole < 0 || whole > maxExcelSerial - 1462) return null;
    return fromDayNumber(epoch1904 + whole);
  }
  if (whole < 1 || whole > maxExcelSerial || whole === 60) return null;
  // Excel counts 1900-02-29, which never was: serials before it are one day later than a plain count.
  return fromDayNumber(epoch1900 + whole + (whole < 60 ? 1 : 0));
}

/** The Excel serial of a calendar date (the inverse of excelSerialToDate, for exports). */
export function dateToExcelSerial(date: string, options: SheetDateOptions = {}): number {
  const dayNumber = toDayNumber(date);
  if (options.date1904) return dayNumber - epoch1904;
  const serial = dayNumber - epoch1900;
  return serial <= 60 ? serial - 1 : serial;
}

function fromSerial(serial: number, options: SheetDateOptions): SheetDateResult {
  const whole = Math.floor(serial);
  if (!options.date1904 && whole === 60) return fail('impossible_date', 'no_such_day');
  const date = excelSerialToDate(serial, options);
  if (date === null) return fail('not_a_date');
  return fromParts(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

function fromCompact(digits: string): SheetDateResult {
  return fromParts(Number(digits.slice(0, 4)), Number(digits.slice(4, 6)), Number(digits.slice(6, 8)));
}

/** A month and day (day null: the month) written without a year: the reference date's year. */
function withoutYear(month: number, day: number | null, options: SheetDateOptions): SheetDateResult {
  const reference = options.referenceDate;
  if (reference === undefined || !isValidDate(reference)) return fail('not_a_date', 'year_missing');
  const result = fromParts(Number(reference.slice(0, 4)), month, day);
  return result.ok ? { ...result, yearInferred: true } : result;
}

/**
 * 'M.DD' (5.18, 12.31, 10.01) is a day without a year. 'M.D' (5.1, 10.3) is refused: Excel drops
 * a trailing zero from a number (5.10 shows as 5.1), so it may mean the 1st or the 10th.
 */
function fromMonthDot(text: string, options: SheetDateOptions): SheetDateResult {
  const match = /^(\d{1,2})\.(\d{2})$/.exec(text);
  if (!match) return fail('not_a_date');
  return withoutYear(Number(match[1]), Number(match[2]), options);
}

function fromNumber(value: number, options: SheetDateOptions): SheetDateResult {
  if (!Number.isFinite(value)) return fail('not_a_date');
  // 20170315 typed into a number cell
  if (Number.isInteger(value) && value >= 10_000_000 && value <= 99_999_999)
    return fromCompact(String(value));
  // 5.18 typed into a number cell (May 18th): serials this small are in 1900, so this is a day.
  if (value >= 1 && value < 13 && !Number.isInteger(value)) return fromMonthDot(String(value), options);
  // 2017.5 typed into a number cell: serials this small are years before 1906, so this is a month.
  if (value >= minSheetYear && value < maxSheetYear + 1) {
    const match = /^(\d{4})\.(\d{1,2})$/.exec(String(value));
    // 2017.1 may have been typed as 2017.10 (the cell dropped the zero): refuse to guess.
    if (!match?.[2] || match[2] === '1') return fail('not_a_date');
    return fromParts(Number(match[1]), Number(match[2]), null);
  }
  return fromSerial(value, options);
}

const dayPattern =
  /^(\d{4})\s*([-./])\s*(\d{1,2})\s*\2\s*(\d{1,2})\s*[日号]?(?:(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const chineseDayPattern =
  /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?(?:\s*\d{1,2}\s*[:时点]\s*(?:\d{1,2}\s*分?)?)?$/;
const monthPattern = /^(\d{4})\s*(?:[-./]\s*(\d{1,2})|年\s*(\d{1,2})\s*月份?)$/;

const yearlessDayPattern = /^(\d{1,2})\s*(?:月\s*(\d{1,2})\s*[日号]?|月份?|[-/]\s*(\d{1,2}))$/;

function fromText(value: string, options: SheetDateOptions): SheetDateResult {
  const spaced = toHalfWidth(value)
    .replace(/[\s\u200b\ufeff]+/g, ' ')
    .trim();
  if (emptyWordSet.has(spaced.replace(/ /g, ''))) return nothing;
  const text = chineseNumeralsToDigits(spaced);
  if (/^\d{8}$/.test(text)) return fromCompact(text);
  if (/^\d{4}$/.test(text)) return fail('not_a_date'); // a year alone
  const day = dayPattern.exec(text);
  if (day) return fromParts(Number(day[1]), Number(day[3]), Number(day[4]));
  const chineseDay = chineseDayPattern.exec(text);
  if (chineseDay) return fromParts(Number(chineseDay[1]), Number(chineseDay[2]), Number(chineseDay[3]));
  const month = monthPattern.exec(text);
  if (month) return fromParts(Number(month[1]), Number(month[2] ?? month[3]), null);
  const yearless = yearlessDayPattern.exec(text);
  if (yearless) {
    const dayText = yearless[2] ?? yearless[3];
    return withoutYear(Number(yearless[1]), dayText === undefined ? null : Number(dayText), options);
  }
  if (/^(?:[1-9]|1[0-2])\.\d{1,2}$/.test(text)) return fromMonthDot(text, options);
  if (/^\d+(?:\.\d+)?$/.test(text)) return fromSerial(Number(text), options);
  return fail('not_a_date');
}

/**
 * Reads a date cell.
 * - Numbers are Excel serials (1 … 2 958 465, time of day dropped; serial 60, the 1900
 *   leap-year bug's 1900-02-29, is impossible_date; `date1904` for the 1904 system), except
 *   8-digit 20170315 and a typed month like 2017.5.
 * - Date objects: their UTC year, month and day.
 * - Text: '2017.3.15', '2017/03/15', '2017-03-15', '2017-3-15 10:00', '2017年3月15日', '…15号',
 *   '20170315', a serial as text ('42999'); month-only '2017年5月', '2017.5', '2017-05', '2017/5'
 *   → the 1st with precision 'month'; full-width digits; Chinese numerals ('二〇一七年九月十二日',
 *   '二零一七年十二月三十一日', 〇/零/O/○ for zero, 十/廿 tens, 元月 for January).
 * - Without a year: '5月18日', '5/18', '5-18', '5月' and 'M.DD' (text or number: 5.18, 12.31) take
 *   the year of `referenceDate` and say `yearInferred: true`; with no reference date they are
 *   not_a_date (detail year_missing). 'M.D' (5.1) is not_a_date: it may be 5.10 with the zero dropped.
 * - Blank and 待定, 未定, 暂无, 无, 待签, 未开工, -, —, / → date null.
 * - 2017-02-30, 2017年13月, years outside 1950–2100 (0001-01-01, 9999-12-31) → impossible_date,
 *   with a detail (no_such_day, no_such_month, year_out_of_range); '下月', '2017年底' → not_a_date.
 */
export function parseSheetDate(value: Cell | undefined, options: SheetDateOptions = {}): SheetDateResult {
  if (value === null || value === undefined) return nothing;
  if (typeof value === 'number') return fromNumber(value, options);
  if (typeof value === 'string') return fromText(value, options);
  if (value instanceof Date) {
    if (!Number.isFinite(value.getTime())) return fail('not_a_date');
    return fromParts(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  return fail('not_a_date');
}

const detailMessages: Record<SheetDateDetail, Record<Locale, string>> = {
  year_out_of_range: {
    'zh-CN': `年份不在 ${minSheetYear}–${maxSheetYear} 年之间`,
    'en-US': `the year is not between ${minSheetYear} and ${maxSheetYear}`,
  },
  no_such_month: { 'zh-CN': '月份不在 1–12 月之间', 'en-US': 'the month is not between 1 and 12' },
  no_such_day: { 'zh-CN': '该月没有这一天', 'en-US': 'the month has no such day' },
  year_missing: { 'zh-CN': '没有写年份', 'en-US': 'no year is given' },
};
const problemMessages: Record<SheetDateProblem, Record<Locale, string>> = {
  impossible_date: { 'zh-CN': '日期不存在', 'en-US': 'No such date' },
  not_a_date: { 'zh-CN': '无法识别的日期', 'en-US': 'Not a recognisable date' },
};

/** A refused date's message: '日期不存在（年份不在 1950–2100 年之间）'. */
export function describeSheetDateProblem(
  result: { problem: SheetDateProblem; detail?: SheetDateDetail },
  locale: Locale = 'zh-CN',
): string {
  const message = problemMessages[result.problem][locale];
  if (!result.detail) return message;
  const detail = detailMessages[result.detail][locale];
  return locale === 'zh-CN' ? `${message}（${detail}）` : `${message} (${detail})`;
}
