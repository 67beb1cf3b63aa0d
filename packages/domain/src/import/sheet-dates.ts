/**
 * Dates in imported sheets. Cells hold Excel serial numbers, Date objects (UTC-midnight
 * instants from date-formatted cells) or text as people type it: '2017.3.15', '2017/03/15',
 * '2017年3月15日', '20170315', month-only '2017年5月', and words for "not yet" (待定, 未开工).
 * Results are calendar dates 'YYYY-MM-DD' (see dates.ts); a month-only value is its first day.
 */
import { daysInMonth, fromDayNumber, toDayNumber } from '../dates.ts';
import { toHalfWidth } from '../text.ts';
import type { Cell } from './cells.ts';

export type SheetDatePrecision = 'day' | 'month';
export type SheetDateProblem = 'impossible_date' | 'not_a_date';
export type SheetDateResult =
  | { ok: true; date: string | null; precision: SheetDatePrecision | null }
  | { ok: false; problem: SheetDateProblem };

export interface SheetDateOptions {
  /** The workbook uses the 1904 date system (old Mac Excel): serial 0 is 1904-01-01. */
  date1904?: boolean;
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

function fail(problem: SheetDateProblem): SheetDateResult {
  return { ok: false, problem };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Checks a year/month/day and builds the result; day null means a month-only value. */
function fromParts(year: number, month: number, day: number | null): SheetDateResult {
  if (year < minSheetYear || year > maxSheetYear || month < 1 || month > 12) return fail('impossible_date');
  if (day !== null && (day < 1 || day > daysInMonth(year, month))) return fail('impossible_date');
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
  if (!options.date1904 && whole === 60) return fail('impossible_date');
  const date = excelSerialToDate(serial, options);
  if (date === null) return fail('not_a_date');
  return fromParts(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

function fromCompact(digits: string): SheetDateResult {
  return fromParts(Number(digits.slice(0, 4)), Number(digits.slice(4, 6)), Number(digits.slice(6, 8)));
}

function fromNumber(value: number, options: SheetDateOptions): SheetDateResult {
  if (!Number.isFinite(value)) return fail('not_a_date');
  // 20170315 typed into a number cell
  if (Number.isInteger(value) && value >= 10_000_000 && value <= 99_999_999)
    return fromCompact(String(value));
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

function fromText(value: string, options: SheetDateOptions): SheetDateResult {
  const text = toHalfWidth(value)
    .replace(/[\s\u200b\ufeff]+/g, ' ')
    .trim();
  if (emptyWordSet.has(text.replace(/ /g, ''))) return nothing;
  if (/^\d{8}$/.test(text)) return fromCompact(text);
  if (/^\d{4}$/.test(text)) return fail('not_a_date'); // a year alone
  const day = dayPattern.exec(text);
  if (day) return fromParts(Number(day[1]), Number(day[3]), Number(day[4]));
  const chineseDay = chineseDayPattern.exec(text);
  if (chineseDay) return fromParts(Number(chineseDay[1]), Number(chineseDay[2]), Number(chineseDay[3]));
  const month = monthPattern.exec(text);
  if (month) return fromParts(Number(month[1]), Number(month[2] ?? month[3]), null);
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
 *   → the 1st with precision 'month'; full-width digits.
 * - Blank and 待定, 未定, 暂无, 无, 待签, 未开工, -, —, / → date null.
 * - 2017-02-30, 2017年13月, years outside 1950–2100 → impossible_date; '下月', '2017年底' → not_a_date.
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
