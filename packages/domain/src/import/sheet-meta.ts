/**
 * The lines above a ledger's table: the title, 填报单位, 截止时间 and the amount unit
 * (单位：万元), in one cell or spread over several; and the note rows below it (注：…).
 */
import { monthEnd } from '../dates.ts';
import type { AmountUnit } from '../money.ts';
import { toHalfWidth } from '../text.ts';
import { detectAmountUnit } from './amounts.ts';
import { cellText, isEmptyCell, type Cell } from './cells.ts';
import { parseSheetDate, type SheetDateOptions } from './sheet-dates.ts';

export interface SheetMeta {
  title: string | null;
  /** 填报单位. */
  reportingUnit: string | null;
  /** 截止时间 as 'YYYY-MM-DD' (a month-only cut-off is the month's last day). */
  cutOff: string | null;
  amountUnit: AmountUnit | null;
  /** The non-empty lines above the header, cells joined by a space. */
  lines: string[];
}

const reportingKeys = ['填报单位', '报送单位', '填表单位', '上报单位', '单位名称'];
const cutOffKeys = ['截止时间', '截止日期', '截至时间', '截至日期', '统计截止时间', '截止到', '截至', '截止'];
const cutOffKeysLate = ['统计时间', '统计日期', '报送时间', '报送日期'];
const reportDateKeys = ['填报时间', '填报日期', '填表时间', '填表日期'];
const unitKeys = ['金额单位', '单位'];
const allKeys = [...reportingKeys, ...cutOffKeys, ...cutOffKeysLate, ...reportDateKeys, '金额单位']
  .sort((a, b) => b.length - a.length)
  .join('|');
/** A key, then an optional colon; a bare 单位 only as a label ('单位：万元', not '责任单位'). */
const metaKeyPattern = new RegExp(`(${allKeys}|(?<![\\u4e00-\\u9fff])单位(?=\\s*:))\\s*:?`, 'g');
const leadingDate =
  /^(?:\d{8}|\d{4}\s*(?:年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号]?)?|[-./]\s*\d{1,2}(?:\s*[-./]\s*\d{1,2})?))/;

function dateValue(value: string): string | null {
  const token = leadingDate.exec(value)?.[0];
  if (!token) return null;
  const result = parseSheetDate(token);
  if (!result.ok || result.date === null) return null;
  return result.precision === 'month' ? monthEnd(result.date.slice(0, 7)) : result.date;
}

/**
 * What one line above a table says: 填报单位/报送单位/单位名称：X → reportingUnit;
 * 截止时间/截至/统计时间/报送时间 (else 填报时间) + a date → cutOff (also inside a title:
 * '…台账（截至2017年9月30日）'); 单位：万元, 金额单位：亿元, （万元） → amountUnit.
 */
export function parseMetaLine(text: string): Partial<SheetMeta> {
  const line = toHalfWidth(text);
  const found: Partial<SheetMeta> = {};
  // by priority: 截止时间/截至, then 统计时间/报送时间, then 填报时间
  const cutOffs: Array<string | null> = [null, null, null];
  const keys = [...line.matchAll(metaKeyPattern)];
  keys.forEach((match, index) => {
    const key = match[1] ?? '';
    const end = (match.index ?? 0) + match[0].length;
    const value = line.slice(end, keys[index + 1]?.index ?? line.length).trim();
    const firstWord = value.split(/\s/)[0] ?? '';
    if (reportingKeys.includes(key)) {
      const unit = firstWord.replace(/\(盖章\)|[,;。、)]+$/g, '');
      if (unit !== '') found.reportingUnit ??= unit;
    } else if (unitKeys.includes(key)) {
      const unit = detectAmountUnit(`单位:${value}`);
      if (unit) found.amountUnit ??= unit;
      else if (key === '单位' && /^[^个项家亩%]{4,}/.test(firstWord)) found.reportingUnit ??= firstWord;
    } else {
      const rank = cutOffKeys.includes(key) ? 0 : cutOffKeysLate.includes(key) ? 1 : 2;
      cutOffs[rank] ??= dateValue(value);
    }
  });
  const cutOff = cutOffs.find((date) => date !== null);
  if (cutOff) found.cutOff = cutOff;
  const unit = found.amountUnit ?? detectAmountUnit(line);
  if (unit) found.amountUnit = unit;
  return found;
}

const metaLineStart = /^(?:填报|报送|填表|上报|单位|金额单位|截止|截至|统计|制表|审核|附件|表\s*\d)/;
const notePattern = /^(?:注\s*\d*\s*:|注\d|备注\s*:|说明\s*:|填报说明|填表说明|附注|注释\s*:)/;
const dateLabelAtEnd = /(?:截止|截至|统计|报送|填报|填表)(?:时间|日期)?\s*:?$/;

function rowLine(row: readonly (Cell | undefined)[], options: SheetDateOptions): string {
  const parts: string[] = [];
  for (const cell of row) {
    if (isEmptyCell(cell ?? null)) continue;
    const previous = parts.at(-1) ?? '';
    if (typeof cell === 'number' && dateLabelAtEnd.test(toHalfWidth(previous))) {
      const date = parseSheetDate(cell, options);
      parts.push(date.ok && date.date ? date.date : String(cell));
    } else parts.push(cellText(cell ?? null));
  }
  return parts.join(' ');
}

/** Whether a text opens a note: 注：, 注1, 备注：, 说明：, 填报说明, 填表说明, 附注. */
export function isNoteText(text: string): boolean {
  return notePattern.test(toHalfWidth(text).replace(/\s+/g, ''));
}

/** The meta of a sheet from the rows above its header and (for the unit) the note rows below. */
export function readMeta(
  above: readonly (readonly Cell[])[],
  below: readonly (readonly Cell[])[],
  options: SheetDateOptions,
): SheetMeta {
  const lines = above.map((row) => rowLine(row, options)).filter((line) => line !== '');
  const title =
    lines.find((line) => !metaLineStart.test(toHalfWidth(line).replace(/^[\s(（[【]+/, ''))) ?? null;
  const meta: SheetMeta = { title, reportingUnit: null, cutOff: null, amountUnit: null, lines };
  for (const line of lines) {
    const found = parseMetaLine(line);
    meta.reportingUnit ??= found.reportingUnit ?? null;
    meta.cutOff ??= found.cutOff ?? null;
    meta.amountUnit ??= found.amountUnit ?? null;
  }
  for (const row of below) {
    if (meta.amountUnit) break;
    const line = rowLine(row, options);
    if (isNoteText(line)) meta.amountUnit = detectAmountUnit(line);
  }
  return meta;
}
