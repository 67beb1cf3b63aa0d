/**
 * Calendar dates in Asia/Shanghai (北京时间, UTC+8, no daylight saving) as 'YYYY-MM-DD'
 * strings, and months as 'YYYY-MM'. Nothing here reads the process time zone or the
 * clock: callers pass `now`, and instants are converted with the fixed UTC+8 offset.
 * Dates are handled as day numbers (days since 1970-01-01) with integer arithmetic.
 */
import { z } from 'zod';

/** A 'YYYY-MM-DD' calendar date. */
export type CalendarDate = string;
/** A 'YYYY-MM' month. */
export type CalendarMonth = string;

const msPerDay = 86_400_000;
const shanghaiOffsetMs = 8 * 3_600_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's algorithm). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function civilFromDays(dayNumber: number): [number, number, number] {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const monthPattern = /^(\d{4})-(\d{2})$/;

function splitDate(date: string): [number, number, number] | null {
  const match = datePattern.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return [year, month, day];
}

function splitMonth(month: string): [number, number] {
  const match = monthPattern.exec(month);
  const [y, m] = [Number(match?.[1]), Number(match?.[2])];
  if (!match || y < 1 || m < 1 || m > 12) throw new RangeError(`not a YYYY-MM month: ${month}`);
  return [y, m];
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

export function isValidDate(value: string): boolean {
  return splitDate(value) !== null;
}

export function isValidMonth(value: string): boolean {
  const match = monthPattern.exec(value);
  return match !== null && Number(match[1]) >= 1 && Number(match[2]) >= 1 && Number(match[2]) <= 12;
}

/** Days since 1970-01-01. Throws RangeError on an invalid date. */
export function toDayNumber(date: CalendarDate): number {
  const parts = splitDate(date);
  if (!parts) throw new RangeError(`not a valid YYYY-MM-DD date: ${date}`);
  return daysFromCivil(...parts);
}

/** The date of a day number (days since 1970-01-01); years 1–9999. */
export function fromDayNumber(dayNumber: number): CalendarDate {
  if (!Number.isSafeInteger(dayNumber)) throw new RangeError('day number must be an integer');
  const [year, month, day] = civilFromDays(dayNumber);
  if (year < 1 || year > 9999) throw new RangeError('date outside years 1–9999');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The Shanghai calendar date of an instant. */
export function toShanghaiDate(instant: Date): CalendarDate {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('invalid Date');
  return fromDayNumber(Math.floor((ms + shanghaiOffsetMs) / msPerDay));
}

/** Today in Shanghai; pass the clock's `now` (a fixed one in tests). */
export function shanghaiToday(now: Date): CalendarDate {
  return toShanghaiDate(now);
}

/** The instant 00:00 Shanghai time starts a date (16:00 UTC the day before). */
export function startOfShanghaiDay(date: CalendarDate): Date {
  return new Date(toDayNumber(date) * msPerDay - shanghaiOffsetMs);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  if (!Number.isSafeInteger(days)) throw new RangeError('days must be an integer');
  return fromDayNumber(toDayNumber(date) + days);
}

/** Signed number of days from a to b: daysBetween('2026-01-31', '2026-02-01') = 1. */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** Orders valid dates (usable as a sort comparator). */
export function compareDates(a: CalendarDate, b: CalendarDate): -1 | 0 | 1 {
  const diff = daysBetween(b, a);
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

/** ISO day of the week: 1 = Monday … 7 = Sunday. */
export function dayOfWeek(date: CalendarDate): number {
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** 1 for 1 January. */
export function dayOfYear(date: CalendarDate): number {
  return daysBetween(`${date.slice(0, 4)}-01-01`, date) + 1;
}

export function toMonth(date: CalendarDate): CalendarMonth {
  toDayNumber(date);
  return date.slice(0, 7);
}

export function monthStart(month: CalendarMonth): CalendarDate {
  const [year, m] = splitMonth(month);
  return `${pad(year, 4)}-${pad(m, 2)}-01`;
}

/** monthEnd('2017-10') = '2017-10-31'; monthEnd('2024-02') = '2024-02-29'. */
export function monthEnd(month: CalendarMonth): CalendarDate {
  const [year, m] = splitMonth(month);
  return `${pad(year, 4)}-${pad(m, 2)}-${pad(daysInMonth(year, m), 2)}`;
}

export function addMonths(month: CalendarMonth, months: number): CalendarMonth {
  if (!Number.isSafeInteger(months)) throw new RangeError('months must be an integer');
  const [year, m] = splitMonth(month);
  const index = year * 12 + (m - 1) + months;
  const newYear = Math.floor(index / 12);
  if (newYear < 1 || newYear > 9999) throw new RangeError('month outside years 1–9999');
  return `${pad(newYear, 4)}-${pad(index - newYear * 12 + 1, 2)}`;
}

/**
 * A working-day calendar. China moves working days around public holidays (调休): some
 * weekdays are holidays (节假日) and some weekends are working days (调休上班).
 * A date listed in both counts as a working day.
 */
export interface WorkCalendar {
  holidays: readonly CalendarDate[];
  extraWorkdays: readonly CalendarDate[];
}

function isWeekday(dayNumber: number): boolean {
  const weekday = (((dayNumber + 3) % 7) + 7) % 7; // 0 = Monday
  return weekday < 5;
}

function workingDayTest(calendar?: WorkCalendar): (dayNumber: number) => boolean {
  const holidays = new Set((calendar?.holidays ?? []).map(toDayNumber));
  const extra = new Set((calendar?.extraWorkdays ?? []).map(toDayNumber));
  return (dayNumber) => extra.has(dayNumber) || (!holidays.has(dayNumber) && isWeekday(dayNumber));
}

/** Monday–Friday, unless the calendar says otherwise. */
export function isWorkingDay(date: CalendarDate, calendar?: WorkCalendar): boolean {
  return workingDayTest(calendar)(toDayNumber(date));
}

/**
 * The date n working days after (n < 0: before) a date, not counting the date itself.
 * addWorkingDays(d, 0) is d.
 */
export function addWorkingDays(date: CalendarDate, n: number, calendar?: WorkCalendar): CalendarDate {
  if (!Number.isSafeInteger(n)) throw new RangeError('n must be an integer');
  const isWorking = workingDayTest(calendar);
  const step = n < 0 ? -1 : 1;
  let day = toDayNumber(date);
  for (let remaining = Math.abs(n); remaining > 0;) {
    day += step;
    if (isWorking(day)) remaining--;
  }
  return fromDayNumber(day);
}

/** Weekdays among day numbers [4, n): day 4 (1970-01-05) is a Monday. */
function weekdaysBefore(dayNumber: number): number {
  const offset = dayNumber - 4;
  const weeks = Math.floor(offset / 7);
  return weeks * 5 + Math.min(offset - weeks * 7, 5);
}

/** Working days among day numbers [from, to). */
function countWorkingDays(from: number, to: number, calendar?: WorkCalendar): number {
  let count = weekdaysBefore(to) - weekdaysBefore(from);
  const isWorking = workingDayTest(calendar);
  const listed = new Set(
    [...(calendar?.holidays ?? []), ...(calendar?.extraWorkdays ?? [])].map(toDayNumber),
  );
  for (const day of listed) {
    if (day >= from && day < to) count += Number(isWorking(day)) - Number(isWeekday(day));
  }
  return count;
}

/**
 * Working days from a to b, the inverse of addWorkingDays:
 * workingDaysBetween(d, addWorkingDays(d, n)) === n. Forwards (b ≥ a) it counts the
 * working days after a up to and including b; backwards it counts those from b up to
 * but excluding a, negated.
 */
export function workingDaysBetween(a: CalendarDate, b: CalendarDate, calendar?: WorkCalendar): number {
  const [start, end] = [toDayNumber(a), toDayNumber(b)];
  return end >= start
    ? countWorkingDays(start + 1, end + 1, calendar)
    : -countWorkingDays(end, start, calendar);
}

/**
 * The dates the system records and reports on: from the founding of the PRC (no investment
 * ledger predates it) to the end of 2099. Outside it a date is a typing error or a probe, and the
 * calendar arithmetic of a report (a year back, weeks ahead) would leave the supported years.
 */
export const businessDateRange = { from: '1949-10-01', to: '2099-12-31' } as const;
const dateRangeMessage = `日期应在 ${businessDateRange.from} 至 ${businessDateRange.to} 之间`;

/** A valid 'YYYY-MM-DD' date within the business date range. */
export const calendarDateSchema = z
  .string({ error: '请填写日期' })
  .refine(isValidDate, { message: '日期应为有效的 YYYY-MM-DD 格式', abort: true })
  .refine((v) => v >= businessDateRange.from && v <= businessDateRange.to, dateRangeMessage);

/**
 * 统计时点 (knownOn): as known at the end of a calendar day (Asia/Shanghai), or at an instant given
 * in ISO 8601 with its offset (2026-07-05T18:00:00+08:00) — what a report printed then could know.
 */
export const knownOnSchema = z
  .string({ error: '请填写统计时点' })
  .refine(
    (v) =>
      isValidDate(v) ||
      (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(v) &&
        isValidDate(v.slice(0, 10)) &&
        !Number.isNaN(new Date(v).getTime())),
    { message: '统计时点应为 YYYY-MM-DD 日期或带时区的时刻', abort: true },
  )
  .refine(
    (v) => v.slice(0, 10) >= businessDateRange.from && v.slice(0, 10) <= businessDateRange.to,
    dateRangeMessage,
  );

/** A valid 'YYYY-MM' month. */
export const calendarMonthSchema = z
  .string({ error: '请填写月份' })
  .refine(isValidMonth, { message: '月份应为有效的 YYYY-MM 格式', abort: true })
  .refine(
    (v) => v >= businessDateRange.from.slice(0, 7) && v <= businessDateRange.to.slice(0, 7),
    `月份应在 ${businessDateRange.from.slice(0, 7)} 至 ${businessDateRange.to.slice(0, 7)} 之间`,
  );

export const workCalendarSchema = z
  .object({ holidays: z.array(calendarDateSchema), extraWorkdays: z.array(calendarDateSchema) })
  .refine(
    (calendar) => !calendar.holidays.some((date) => calendar.extraWorkdays.includes(date)),
    '同一日期不能既是节假日又是调休上班日',
  );
