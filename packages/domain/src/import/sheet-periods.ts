/**
 * Statistical periods (统计期间) and dates as offices write them in a sheet's title or the lines
 * above its table: 2017年1-9月, 1—9月, 1至9月, 2017年第三季度, 三季度, Q3, 前三季度, 上半年, 下半年,
 * 全年, 2017年9月, 9月底, 9月末, 2017年底. A period ends on its last day, which is the sheet's
 * cut-off when nothing more explicit is given (1-9月 → 09-30, 第三季度 → 09-30, 上半年 → 06-30).
 * Numbers may be Chinese numerals (一至九月, 二〇一七年). Texts are read half-width.
 */
import { daysInMonth } from '../dates.ts';
import { toHalfWidth } from '../text.ts';
import { numeralValue, smallNumeralClass, yearNumeralClass } from './chinese-numerals.ts';
import { maxSheetYear, minSheetYear } from './sheet-dates.ts';

/** The end of a period or a date found in a text; year null when the text gives none. */
export interface SheetMoment {
  /** The words as written in the text: '1-9月', '2017年第三季度', '2017年9月30日'. */
  text: string;
  /** Where the words start in the text. */
  index: number;
  year: number | null;
  month: number;
  /** The day when the words name one; null for the month's last day. */
  day: number | null;
}

const year = `(${yearNumeralClass}{4})`;
const optionalYear = `(?:${year}\\s*年度?\\s*)?`;
const small = `(${smallNumeralClass}{1,3})`;
const dash = '[-—–~～〜至到]+';
const notTarget = '(?!目标|任务|计划)';

type Reader = (groups: readonly (string | undefined)[]) => Omit<SheetMoment, 'text' | 'index'> | null;

function yearOf(text: string | undefined): number | null | undefined {
  if (text === undefined) return null;
  const value = numeralValue(text);
  return value !== null && value >= minSheetYear && value <= maxSheetYear ? value : undefined;
}

function smallOf(text: string | undefined, max: number): number | null {
  const value = text === undefined ? null : numeralValue(text);
  return value !== null && value >= 1 && value <= max ? value : null;
}

/** A reader for a period that ends in month `end(n)` of its (optional) year, n read from group 2. */
function ending(max: number, end: (n: number) => number): Reader {
  return ([yearText, numberText]) => {
    const y = yearOf(yearText);
    const n = smallOf(numberText, max);
    return y === undefined || n === null ? null : { year: y, month: end(n), day: null };
  };
}

const fixedEnd =
  (month: number): Reader =>
  ([yearText]) => {
    const y = yearOf(yearText);
    return y === undefined ? null : { year: y, month, day: null };
  };

/** Period patterns, most specific first; the first that matches anywhere in the text wins. */
const periodPatterns: Array<[RegExp, Reader]> = [
  [
    // 2017年1-9月, 1—9月, 1月至9月, 一至九月, 2017年1月-2017年9月
    new RegExp(
      `(?<![0-9])${optionalYear}${small}\\s*(?:月份?)?\\s*${dash}\\s*(?:${year}\\s*年\\s*)?${small}\\s*月份?(?:末|底)?`,
      'g',
    ),
    ([firstYear, from, secondYear, to]) => {
      const y = yearOf(secondYear ?? firstYear);
      const start = smallOf(from, 12);
      const end = smallOf(to, 12);
      if (y === undefined || start === null || end === null || start > end) return null;
      return { year: y, month: end, day: null };
    },
  ],
  [new RegExp(`(?<![0-9])${optionalYear}前\\s*${small}\\s*个?季度`, 'g'), ending(4, (n) => n * 3)],
  [
    new RegExp(`(?<![0-9])${optionalYear}(?:第\\s*)?${small}\\s*季度(?:末|底)?`, 'g'),
    ending(4, (n) => n * 3),
  ],
  [/(?<![A-Za-z0-9])(?:(\d{4})\s*年?\s*[-_]?\s*)?[Qq]([1-4])(?![0-9])/g, ending(4, (n) => n * 3)],
  [new RegExp(`(?<![0-9])${optionalYear}上半年`, 'g'), fixedEnd(6)],
  [new RegExp(`(?<![0-9])${optionalYear}下半年`, 'g'), fixedEnd(12)],
  [new RegExp(`(?<![0-9])${optionalYear}全年${notTarget}`, 'g'), fixedEnd(12)],
  [new RegExp(`(?<![0-9])${year}\\s*年\\s*(?:底|末)`, 'g'), fixedEnd(12)],
  // 9月底, 9月末, 2017年9月底
  [new RegExp(`(?<![0-9])${optionalYear}${small}\\s*月份?\\s*(?:底|末)`, 'g'), ending(12, (n) => n)],
  // 2017年9月, 2017年9月份: a month, not followed by a day
  [
    new RegExp(`(?<![0-9])${year}\\s*年\\s*${small}\\s*月份?(?!\\s*${smallNumeralClass})${notTarget}`, 'g'),
    ([yearText, monthText]) => {
      const y = yearOf(yearText);
      const m = smallOf(monthText, 12);
      return y === undefined || y === null || m === null ? null : { year: y, month: m, day: null };
    },
  ],
];

const dayPatterns: Array<[RegExp, Reader]> = [
  [
    new RegExp(`(?<![0-9])${year}\\s*年\\s*${small}\\s*月\\s*${small}\\s*[日号]?`, 'g'),
    ([yearText, monthText, dayText]) => {
      const y = yearOf(yearText);
      const m = smallOf(monthText, 12);
      const d = smallOf(dayText, 31);
      if (y === undefined || y === null || m === null || d === null || d > daysInMonth(y, m)) return null;
      return { year: y, month: m, day: d };
    },
  ],
  [
    /(?<![0-9.])(\d{4})\s*([-./])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?![0-9])/g,
    ([yearText, , monthText, dayText]) => {
      const y = yearOf(yearText);
      const m = smallOf(monthText, 12);
      const d = smallOf(dayText, 31);
      if (y === undefined || y === null || m === null || d === null || d > daysInMonth(y, m)) return null;
      return { year: y, month: m, day: d };
    },
  ],
];

/** A day without a year after 截至/截止: 9月30日. */
const yearlessDay: Array<[RegExp, Reader]> = [
  [
    new RegExp(`(?<![0-9年])${small}\\s*月\\s*${small}\\s*[日号]?`, 'g'),
    ([monthText, dayText]) => {
      const m = smallOf(monthText, 12);
      const d = smallOf(dayText, 31);
      return m === null || d === null || d > daysInMonth(2000, m) ? null : { year: null, month: m, day: d };
    },
  ],
];

function findFirst(text: string, patterns: Array<[RegExp, Reader]>): SheetMoment | null {
  const line = toHalfWidth(text);
  for (const [pattern, read] of patterns) {
    for (const match of line.matchAll(pattern)) {
      const moment = read(match.slice(1));
      if (!moment) continue;
      const index = match.index;
      return { ...moment, text: text.slice(index, index + match[0].length).trim(), index };
    }
  }
  return null;
}

/**
 * The first statistical period in a text ('…台账（2017年1-9月）' → 1-9月 of 2017), or null.
 * A year alone ('2017年招商引资项目') and 年度 are not periods: they name a plan year, not a cut-off.
 */
export function findPeriod(text: string): SheetMoment | null {
  return findFirst(text, periodPatterns);
}

/** The first full date in a text: 2017年9月30日, 二〇一七年九月三十日, 2017.9.30, 2017-09-30. */
export function findDayDate(text: string): SheetMoment | null {
  return findFirst(text, dayPatterns);
}

/** A month and day without a year (9月30日), as written after 截至. */
export function findYearlessDay(text: string): SheetMoment | null {
  return findFirst(text, yearlessDay);
}

/** The first year named in a text (2017年, 二〇一七年, 2017年度), or null. */
export function findYear(text: string): number | null {
  for (const match of toHalfWidth(text).matchAll(new RegExp(`(?<![0-9])${year}\\s*年`, 'g'))) {
    const value = yearOf(match[1]);
    if (typeof value === 'number') return value;
  }
  return null;
}

/** The date a moment ends on in a year: its day, or the month's last day; null if the day does not exist. */
export function momentEnd(moment: Pick<SheetMoment, 'month' | 'day'>, inYear: number): string | null {
  const last = daysInMonth(inYear, moment.month);
  const day = moment.day ?? last;
  if (day > last) return null;
  return `${String(inYear).padStart(4, '0')}-${String(moment.month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
