/**
 * One line above a ledger's table, read for its parts: the meta keys (填报单位, 截止时间, 填报日期,
 * 单位 …), the value after each, a period or a date outside any key, and the year it names.
 * sheet-meta.ts chooses the sheet's cut-off from what its lines say.
 */
import type { AmountUnit } from '../money.ts';
import { toHalfWidth } from '../text.ts';
import { detectAmountUnit } from './amounts.ts';
import { chineseNumeralsToDigits } from './chinese-numerals.ts';
import { parseSheetDate } from './sheet-dates.ts';
import type { CutOffSourceKind } from './sheet-meta.ts';
import {
  findDayDate,
  findPeriod,
  findYear,
  findYearlessDay,
  momentEnd,
  type SheetMoment,
} from './sheet-periods.ts';

const reportingKeys = ['填报单位', '报送单位', '填表单位', '上报单位', '单位名称'];
export const cutOffKeys = [
  '截止时间',
  '截止日期',
  '截至时间',
  '截至日期',
  '统计截止时间',
  '截止到',
  '截至',
  '截止',
];
const cutOffKeysLate = ['统计时间', '统计日期', '统计期间', '统计时段', '报告期'];
export const reportDateKeys = [
  '填报时间',
  '填报日期',
  '填表时间',
  '填表日期',
  '报送时间',
  '报送日期',
  '制表时间',
  '制表日期',
];
const unitKeys = ['金额单位', '单位'];
/** Every key of a meta line, longest first. */
export const metaKeys: readonly string[] = [
  ...reportingKeys,
  ...cutOffKeys,
  ...cutOffKeysLate,
  ...reportDateKeys,
  ...unitKeys,
].sort((a, b) => b.length - a.length);
const allKeys = metaKeys.filter((key) => key !== '单位').join('|');
/** A key, then an optional colon; a bare 单位 only as a label ('单位：万元', not '责任单位'). */
const metaKeyPattern = new RegExp(`(${allKeys}|(?<![\\u4e00-\\u9fff])单位(?=\\s*:))\\s*:?`, 'g');
const leadingDate =
  /^(?:\d{8}|\d{4}\s*(?:年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号]?)?|[-./]\s*\d{1,2}(?:\s*[-./]\s*\d{1,2})?))/;

export type Moment = Pick<SheetMoment, 'year' | 'month' | 'day'>;
export interface Candidate {
  kind: CutOffSourceKind;
  text: string;
  moment: Moment;
}
/** What one line says, before years are filled in from elsewhere. */
export interface LineFacts {
  reportingUnit?: string;
  amountUnit?: AmountUnit;
  /** 截止时间/截至… (else 统计时间…) with a date or period. */
  keyed: Candidate | null;
  /** A period outside any key. */
  period: Candidate | null;
  /** A full date outside any key (read from the title only). */
  dayDate: Candidate | null;
  reportDate: string | null;
  reportText: string | null;
  year: number | null;
}

/** A date at the start of a value ('2017年9月30日止', '二〇一七年九月'), as a moment; month-only: day null. */
function leadingMoment(value: string): Moment | null {
  const token = leadingDate.exec(chineseNumeralsToDigits(value))?.[0];
  if (!token) return null;
  const result = parseSheetDate(token);
  if (!result.ok || result.date === null) return null;
  const [y, m, d] = result.date.split('-').map(Number) as [number, number, number];
  return { year: y, month: m, day: result.precision === 'month' ? null : d };
}

const shownDate = new RegExp(`^(?:${leadingDate.source.slice(1)})\\s*[底末止]?`);

function keyedCandidate(keyText: string, value: string): Candidate | null {
  const date = leadingMoment(value);
  if (date) {
    // the key and its date as written (a date in Chinese numerals: up to the first space)
    const shown = shownDate.exec(toHalfWidth(value))?.[0].length ?? value.split(/\s/)[0]?.length ?? 0;
    return { kind: 'cut_off_key', text: `${keyText}${value.slice(0, shown)}`.trim(), moment: date };
  }
  const period = findPeriod(value);
  if (period) return { kind: 'period', text: period.text, moment: period };
  const day = findYearlessDay(value);
  return day ? { kind: 'cut_off_key', text: `${keyText}${day.text}`.trim(), moment: day } : null;
}

export function readLine(text: string): LineFacts {
  const line = toHalfWidth(text);
  const facts: LineFacts = {
    keyed: null,
    period: null,
    dayDate: null,
    reportDate: null,
    reportText: null,
    year: null,
  };
  // by priority: 截止时间/截至, then 统计时间
  const keyed: Array<Candidate | null> = [null, null];
  let free = line;
  const keys = [...line.matchAll(metaKeyPattern)];
  keys.forEach((match, index) => {
    const key = match[1] ?? '';
    const start = match.index;
    const end = start + match[0].length;
    const valueEnd = keys[index + 1]?.index ?? line.length;
    const value = line.slice(end, valueEnd).trim();
    const firstWord = value.split(/\s/)[0] ?? '';
    if (reportingKeys.includes(key)) {
      const unit = firstWord.replace(/\(盖章\)|[,;。、)]+$/g, '');
      if (unit !== '') facts.reportingUnit ??= unit;
      return;
    }
    if (unitKeys.includes(key)) {
      const unit = detectAmountUnit(`单位:${value}`);
      if (unit) facts.amountUnit ??= unit;
      else if (key === '单位' && /^[^个项家亩%]{4,}/.test(firstWord)) facts.reportingUnit ??= firstWord;
      return;
    }
    free = free.slice(0, start) + ' '.repeat(valueEnd - start) + free.slice(valueEnd);
    const keyText = text.slice(start, end);
    if (reportDateKeys.includes(key)) {
      const date = leadingMoment(value);
      const end = date?.year ? momentEnd(date, date.year) : null;
      if (end && facts.reportDate === null) {
        facts.reportDate = end;
        facts.reportText = `${keyText}${value}`.trim();
      }
      return;
    }
    const rank = cutOffKeys.includes(key) ? 0 : 1;
    keyed[rank] ??= keyedCandidate(keyText, text.slice(end, valueEnd).trim());
  });
  facts.keyed = keyed[0] ?? keyed[1] ?? null;
  const period = findPeriod(free);
  if (period)
    facts.period = {
      kind: 'period',
      text: text.slice(period.index, period.index + period.text.length),
      moment: period,
    };
  const day = findDayDate(free);
  if (day)
    facts.dayDate = { kind: 'title', text: text.slice(day.index, day.index + day.text.length), moment: day };
  facts.year = findYear(free);
  const unit = facts.amountUnit ?? detectAmountUnit(line);
  if (unit) facts.amountUnit = unit;
  return facts;
}

/** Keys as they stand alone in a cell: 填报单位 | 区经信委. */
export const bareKeys: ReadonlySet<string> = new Set(metaKeys);
const keyStart = new RegExp(`^(?:${allKeys}|单位\\s*:)`);

/** Whether a cell's text opens with a meta key: '填报单位：…', '截至2017年…', '单位：万元'. */
export function startsWithKey(text: string): boolean {
  return keyStart.test(toHalfWidth(text).trim());
}
