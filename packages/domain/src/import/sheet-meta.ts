/**
 * The lines above a ledger's table: the title, 填报单位, 截止时间 and the amount unit
 * (单位：万元), in one cell or spread over several; and the note rows below it (注：…).
 */
import { isValidDate } from '../dates.ts';
import type { AmountUnit } from '../money.ts';
import { toHalfWidth } from '../text.ts';
import { detectAmountUnit } from './amounts.ts';
import { cellText, isEmptyCell, type Cell } from './cells.ts';
import { rankHeader } from './fields.ts';
import {
  bareKeys,
  readLine,
  startsWithKey,
  type Candidate,
  type LineFacts,
  type Moment,
} from './meta-line.ts';
import { parseSheetDate, type SheetDateOptions } from './sheet-dates.ts';
import { momentEnd } from './sheet-periods.ts';

/** What the cut-off was read from. */
export type CutOffSourceKind =
  /** 截止时间：…, 截至…, 统计时间：… with a date. */
  | 'cut_off_key'
  /** A statistical period (1-9月, 第三季度, 上半年, 截至9月底) in the title or a line above the table. */
  | 'period'
  /** A full date in the title with no key: …台账（2017年9月30日）. */
  | 'title'
  /** Only a 填报日期/填表日期/报送日期 was given: the day the sheet was filled in stands in. */
  | 'report_date';
/** Where the year came from when the words had none (1-9月, 截至9月底). */
export type CutOffYearSource = 'line' | 'title' | 'report_date' | 'reference_date';

export interface CutOffSource {
  kind: CutOffSourceKind;
  /** The words as written: '截止时间：2017年9月30日', '1-9月', '2017年9月30日'. */
  text: string;
  /** The words stand in the title (else in a line above the table). */
  inTitle: boolean;
  yearFrom?: CutOffYearSource;
}

export interface SheetMeta {
  title: string | null;
  /** 填报单位. */
  reportingUnit: string | null;
  /** 截止时间 as 'YYYY-MM-DD' (a month-only cut-off is the month's last day). */
  cutOff: string | null;
  /** What cutOff was read from; null when there is no cut-off. */
  cutOffSource: CutOffSource | null;
  /** 填报日期/填表日期/报送日期: the day the sheet was filled in, which is not its cut-off. */
  reportDate: string | null;
  amountUnit: AmountUnit | null;
  /** The non-empty lines above the header, cells joined by a space. */
  lines: string[];
}

interface YearContext {
  line: number | null;
  title: number | null;
  reportDate: string | null;
  referenceDate: string | null;
}

/** The cut-off a candidate gives, its year taken from the line, the title, the 填报日期 or the reference date. */
function resolve(moment: Moment, context: YearContext): { date: string; yearFrom?: CutOffYearSource } | null {
  if (moment.year !== null) {
    const date = momentEnd(moment, moment.year);
    return date ? { date } : null;
  }
  if (context.line !== null) {
    const date = momentEnd(moment, context.line);
    return date ? { date, yearFrom: 'line' } : null;
  }
  if (context.title !== null) {
    const date = momentEnd(moment, context.title);
    return date ? { date, yearFrom: 'title' } : null;
  }
  const anchors: Array<[CutOffYearSource, string | null]> = [
    ['report_date', context.reportDate],
    ['reference_date', context.referenceDate],
  ];
  for (const [yearFrom, anchor] of anchors) {
    if (anchor === null || !isValidDate(anchor)) continue;
    const year = Number(anchor.slice(0, 4));
    const date = momentEnd(moment, year);
    // a period that would end after the day it was reported on is last year's (10-12月, filled in January)
    const inPast = date !== null && date > anchor ? momentEnd(moment, year - 1) : date;
    if (inPast) return { date: inPast, yearFrom };
  }
  return null;
}

/**
 * The cut-off of a sheet from its lines, by rule: a 截止/截至/统计 key with a date or period (the
 * first line that has one; in a line 截止 before 统计), else a period anywhere (1-9月, 第三季度),
 * else a full date in the title; a 填报日期 is the day the sheet was filled in, used as the cut-off
 * only when nothing else gives one. A period without a year takes the year of its line, the title,
 * the 填报日期 or the reference date (the year before, when it would end after that date).
 */
function chooseCutOff(
  facts: readonly LineFacts[],
  titleIndex: number,
  referenceDate: string | null,
): Pick<SheetMeta, 'cutOff' | 'cutOffSource' | 'reportDate'> {
  const reportFacts = facts.find((line) => line.reportDate !== null);
  const reportDate = reportFacts?.reportDate ?? null;
  const title = facts[titleIndex];
  const ordered: Array<{ candidate: Candidate | null; index: number }> = [
    ...facts.map((line, index) => ({ candidate: line.keyed, index })),
    ...facts.map((line, index) => ({ candidate: line.period, index })),
    { candidate: title?.dayDate ?? null, index: titleIndex },
  ];
  for (const { candidate, index } of ordered) {
    if (!candidate) continue;
    const context = {
      line: facts[index]?.year ?? null,
      title: title?.year ?? null,
      reportDate,
      referenceDate,
    };
    const resolved = resolve(candidate.moment, context);
    if (!resolved) continue;
    const source: CutOffSource = {
      kind: candidate.kind,
      text: candidate.text,
      inTitle: index === titleIndex,
    };
    if (resolved.yearFrom) source.yearFrom = resolved.yearFrom;
    return { cutOff: resolved.date, cutOffSource: source, reportDate };
  }
  if (reportDate === null) return { cutOff: null, cutOffSource: null, reportDate };
  const source: CutOffSource = {
    kind: 'report_date',
    text: reportFacts?.reportText ?? '',
    inTitle: reportFacts === title,
  };
  return { cutOff: reportDate, cutOffSource: source, reportDate };
}

/**
 * What one line above a table says: 填报单位/报送单位/单位名称：X → reportingUnit;
 * 截止时间/截至/统计时间 + a date or period → cutOff (also inside a title: '…台账（截至2017年9月30日）');
 * a period (2017年1-9月, 第三季度, 上半年) → cutOff; 填报日期/报送日期 → reportDate (and the cut-off
 * when nothing else gives one); 单位：万元, 金额单位：亿元, （万元） → amountUnit.
 */
export function parseMetaLine(
  text: string,
  options: Pick<SheetDateOptions, 'referenceDate'> = {},
): Partial<SheetMeta> {
  const facts = readLine(text);
  const found: Partial<SheetMeta> = {};
  if (facts.reportingUnit) found.reportingUnit = facts.reportingUnit;
  const chosen = chooseCutOff([{ ...facts, dayDate: null }], -1, options.referenceDate ?? null);
  if (chosen.cutOff) {
    found.cutOff = chosen.cutOff;
    found.cutOffSource = chosen.cutOffSource;
  }
  if (chosen.reportDate) found.reportDate = chosen.reportDate;
  if (facts.amountUnit) found.amountUnit = facts.amountUnit;
  return found;
}

const metaLineStart = /^(?:填报|报送|填表|上报|单位|金额单位|截止|截至|统计|制表|审核|附件|表\s*\d)/;
const notePattern = /^(?:注\s*\d*\s*:|注\d|备注\s*:|说明\s*:|填报说明|填表说明|附注|注释\s*:)/;
const dateLabelAtEnd = /(?:截止|截至|统计|报送|填报|填表)(?:时间|日期)?\s*:?$/;

/**
 * A row's cells as one line: `shown` as written (cells joined by a space), `read` with a colon
 * after a key that stands alone in its cell (填报单位 | 区经信委 → 填报单位: 区经信委), and a date
 * number after a date key as its date.
 */
function rowLine(
  row: readonly (Cell | undefined)[],
  options: SheetDateOptions,
): { shown: string; read: string; lead: string } {
  const shown: string[] = [];
  const read: string[] = [];
  let lead: string | null = null;
  for (const cell of row) {
    if (isEmptyCell(cell ?? null)) continue;
    const previous = shown.at(-1) ?? '';
    let text = cellText(cell ?? null);
    if (typeof cell === 'number' && dateLabelAtEnd.test(toHalfWidth(previous))) {
      const date = parseSheetDate(cell, options);
      text = date.ok && date.date ? date.date : String(cell);
    }
    const bare = bareKeys.has(toHalfWidth(text).replace(/\s+/g, ''));
    if (lead === null && (bare || startsWithKey(text))) lead = shown.join(' ');
    shown.push(text);
    read.push(bare ? `${text}:` : text);
  }
  return { shown: shown.join(' '), read: read.join(' '), lead: lead ?? shown.join(' ') };
}

/** Whether a text opens a note: 注：, 注1, 备注：, 说明：, 填报说明, 填表说明, 附注. */
export function isNoteText(text: string): boolean {
  return notePattern.test(toHalfWidth(text).replace(/\s+/g, ''));
}

/**
 * The meta of a sheet from the rows above its header and (for the unit) the note rows below.
 * `referenceDate` (e.g. today) gives the year of a period written without one when no line does.
 */
export function readMeta(
  above: readonly (readonly Cell[])[],
  below: readonly (readonly Cell[])[],
  options: SheetDateOptions,
): SheetMeta {
  const rows = above.map((row) => rowLine(row, options)).filter((line) => line.shown !== '');
  const lines = rows.map((line) => line.shown);
  const titleIndex = lines.findIndex(
    (line) => !metaLineStart.test(toHalfWidth(line).replace(/^[\s(（[【]+/, '')),
  );
  const facts = rows.map((line) => readLine(line.read));
  const meta: SheetMeta = {
    // the title row may end in meta cells: 'XX台账 | | 单位：万元' → 'XX台账'
    title: rows[titleIndex]?.lead || (lines[titleIndex] ?? null),
    reportingUnit: facts.find((line) => line.reportingUnit)?.reportingUnit ?? null,
    ...chooseCutOff(facts, titleIndex, options.referenceDate ?? null),
    amountUnit: facts.find((line) => line.amountUnit)?.amountUnit ?? null,
    lines,
  };
  for (const row of below) {
    if (meta.amountUnit) break;
    const line = rowLine(row, options).shown;
    if (isNoteText(line)) meta.amountUnit = detectAmountUnit(line);
  }
  return meta;
}

/** A word a header row holds (项目名称, 序号, 责任单位): a synonym of a field, not a meta value. */
function isHeaderWord(text: string): boolean {
  return (rankHeader(text)?.strength ?? 0) >= 2;
}

const orgEnding = /(?:局|委|办|室|厅|处|科|政府|公司|中心|园区|管委会|街道|镇|乡|部|会|院|所|集团|区|县|市)$/;

/** Whether the value beside a bare key fits it: a date after 截止时间, 万元 or an office after 单位. */
function fitsKey(key: string, value: Cell): boolean {
  const text = cellText(value);
  if (typeof value === 'number' || value instanceof Date) return !key.includes('单位');
  const found = parseMetaLine(`${key}:${text}`);
  if (key === '单位') return found.amountUnit !== undefined || (orgEnding.test(text) && !isHeaderWord(text));
  if (found.cutOff || found.reportDate || found.amountUnit) return true;
  return key.endsWith('单位') && !isHeaderWord(text) && !startsWithKey(text);
}

/**
 * Whether a row above the table is a meta line rather than a header: every filled cell is a key
 * with its value ('填报单位：区经信委', '截止时间：2017年9月30日', '单位：万元'), a bare key with its
 * value in the next filled cell (填报单位 | 区经信委 | 截止时间 | 2017.9.30 | 单位 | 万元), or — the
 * first cell only — a title that is not a header word ('XX台账 | | | 单位：万元'). A header row with a
 * 单位 or 填报单位 column is not: its other cells (序号, 项目名称) are header words.
 */
export function isMetaRow(cells: readonly (Cell | undefined)[]): boolean {
  const present = cells.filter((cell): cell is Cell => !isEmptyCell(cell ?? null));
  let keyed = 0;
  for (let index = 0; index < present.length; index++) {
    const cell = present[index] ?? null;
    const text = toHalfWidth(cellText(cell)).replace(/\s+/g, '');
    const bare = text.replace(/:$/, '');
    if (bareKeys.has(bare)) {
      const value = present[index + 1];
      if (value !== undefined && !(typeof value === 'string' && startsWithKey(value))) {
        if (!fitsKey(bare, value)) return false;
        index++;
      }
      keyed++;
    } else if (typeof cell === 'string' && startsWithKey(text)) {
      const found = parseMetaLine(text);
      if (Object.keys(found).length === 0 && !/^[^:]+:/.test(text)) return false;
      keyed++;
    } else if (!(index === 0 && typeof cell === 'string' && !isHeaderWord(text))) return false;
  }
  return keyed > 0;
}

export { describeCutOff } from './cut-off-text.ts';
