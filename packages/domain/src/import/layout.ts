/**
 * The shape of an office ledger sheet: title and 填报单位/截止时间/单位 lines above the table,
 * one or two header rows (merged group cells over children), then rows that are projects,
 * section headings (一、在谈项目（22个）), totals (合计), notes (注：…), blanks and headers
 * pasted again. detectLayout reads the top of a sheet; classifyRow sorts each row below it.
 */
import type { Stage } from '../stages.ts';
import { toHalfWidth } from '../text.ts';
import { detectAmountUnit } from './amounts.ts';
import { cellText, isEmptyCell, type Cell, type MergeRange } from './cells.ts';
import { headerBlock, maxHeaderRows, trimmedWidth, type SheetHeader } from './header-block.ts';
import {
  normaliseHeader,
  proposeMapping,
  rankHeader,
  type ColumnMapping,
  type ImportField,
} from './fields.ts';
import { matchStageLabel } from './stage-labels.ts';

import { isMetaRow, isNoteText, readMeta, type SheetMeta } from './sheet-meta.ts';

export type { Cell } from './cells.ts';
export { parseMetaLine, readMeta, type SheetMeta } from './sheet-meta.ts';

export type { SheetHeader } from './header-block.ts';
export { MergedDownFiller, headerBlock, maxHeaderRows, neverFilledColumns } from './header-block.ts';

export interface DetectedLayout {
  /** 0-based row indexes of the header rows (one to four, and a row of units beneath). */
  headerRows: number[];
  /** The first row after the header. */
  dataStart: number;
  headers: SheetHeader[];
  meta: SheetMeta;
  mapping: ColumnMapping[];
}

export interface DetectLayoutOptions {
  saved?: Record<string, ImportField | null>;
  date1904?: boolean;
  /** The sheet's merged ranges (0-based), when the format has them. */
  merges?: readonly MergeRange[];
}

/** How far down a sheet the header is looked for. */
export const maxHeaderScanRows = 40;

// ── Header rows ────────────────────────────────────────────────────────────────

function countMapped(mapping: ColumnMapping[]): number {
  return mapping.filter((column) => column.field !== null).length;
}

/**
 * Finds the header in the first rows of a sheet: the block of one to four rows (groups over
 * their children) whose headers map the most fields, at least two of them and the project name
 * among them; ties go to the upper block, then the shallower one. Then the meta lines above it,
 * and the mapping with the sheet's unit. Null when no block qualifies.
 */
export function detectLayout(
  rows: readonly (readonly Cell[])[],
  options: DetectLayoutOptions = {},
): DetectedLayout | null {
  const limit = Math.min(rows.length, maxHeaderScanRows);
  const merges = options.merges ?? [];
  let best: { headerRows: number[]; headers: SheetHeader[]; score: number } | null = null;
  for (let index = 0; index < limit; index++) {
    const top = rows[index] ?? [];
    const textCells = top.filter((cell) => typeof cell === 'string' && cell.trim() !== '').length;
    // A 填报单位 | 截止时间 | 单位 line split across cells is meta, never a header (group).
    if (textCells < 2 || isMetaRow(top)) continue;
    for (let depth = 1; depth <= maxHeaderRows && index + depth <= limit; depth++) {
      const headers = headerBlock(rows, index, depth, merges);
      if (!headers) {
        if (depth === 1) break;
        continue;
      }
      const mapping = proposeMapping(headers, { saved: options.saved });
      const score = countMapped(mapping);
      if (score < 2 || !mapping.some((column) => column.field === 'name')) continue;
      // A deeper block wins a tie only when merged cells tie its rows together (序号 merged down
      // over them, a group merged across): then the rows below are header, not data or a heading.
      const tied =
        best !== null &&
        score === best.score &&
        best.headerRows[0] === index &&
        spansDown(merges, index, depth);
      if (!best || score > best.score || tied) {
        best = { headerRows: Array.from({ length: depth }, (_, i) => index + i), headers, score };
      }
    }
  }
  if (!best) return null;
  const headerRows = [...best.headerRows];
  let headers = best.headers;
  const next = (headerRows.at(-1) ?? 0) + 1;
  const unitRow = rows[next];
  if (unitRow && isUnitRow(unitRow)) {
    headers = withUnits(headers, unitRow);
    headerRows.push(next);
  }
  const dataStart = next + (headerRows.length > best.headerRows.length ? 1 : 0);
  const meta = readMeta(rows.slice(0, headerRows[0]), rows.slice(dataStart), options);
  const mapping = proposeMapping(headers, { saved: options.saved, defaultUnit: meta.amountUnit });
  return { headerRows, dataStart, headers, meta, mapping };
}

/** Whether a merged range starting on row `start` reaches down to the block's last row. */
function spansDown(merges: readonly MergeRange[], start: number, depth: number): boolean {
  return depth > 1 && merges.some((m) => m.r1 === start && m.r2 >= start + depth - 1);
}

const unitCell = /^[([【]?(?:单位:?)?(亿元|万元|元|亩|个|家|项|%|平方米|㎡|人|年|月)[)\]】]?$/;

/** A row under the header giving units only: (万元) | (亩) | (万元) … */
function isUnitRow(row: readonly Cell[]): boolean {
  const texts = row.filter((cell) => !isEmptyCell(cell ?? null)).map((cell) => flat(cellText(cell ?? null)));
  return (
    texts.length > 0 &&
    texts.every((text) => unitCell.test(text)) &&
    texts.some((text) => detectAmountUnit(text))
  );
}

/** Header texts with the unit row's units appended in brackets: 协议投资额 + 万元 → 协议投资额（万元）. */
function withUnits(headers: readonly SheetHeader[], unitRow: readonly Cell[]): SheetHeader[] {
  const width = Math.max(headers.length, trimmedWidth(unitRow));
  return Array.from({ length: width }, (_, column) => {
    const header = headers[column] ?? { text: '', parent: null };
    const unit = cellText(unitRow[column] ?? null);
    if (unit === '') return header;
    return { ...header, text: `${header.text}${/^[([【]/.test(flat(unit)) ? unit : `（${unit}）`}` };
  });
}

// ── Rows ───────────────────────────────────────────────────────────────────────

export type RowKind =
  | { kind: 'project' }
  | { kind: 'blank' }
  | { kind: 'section'; title: string; stage: Stage | null }
  /**
   * 合计/总计 (scope all: every project row of the sheet), a 小计 of a group (万州区小计: the rows
   * since the last heading or subtotal, or those after it when it stands first), a 其中 line
   * (a part of the rows above, not checked).
   */
  | { kind: 'total'; label: string; scope: TotalScope; column: number }
  | { kind: 'note'; text: string }
  | { kind: 'header' };

export type TotalScope = 'all' | 'group' | 'part';

export interface ClassifyRowOptions {
  /** The tenant's own stage labels (normalised label → stage), over the defaults. */
  stageLabels?: Record<string, Stage>;
}

const totalPattern =
  /^(?:全[区县市]|本页|以上|总|项目)?(?:合计|总计|小计|共计)(?:\(.*\)|:?(?:共)?\d+个(?:项目)?)?:?$/;
/** A group's subtotal: 万州区小计, 工业项目合计, 经开区（小计）. */
const groupTotalPattern = /^[^\d:]{1,20}?\(?(?:小计|合计)\)?(?:\(.*\)|:?(?:共)?\d+个(?:项目)?)?:?$/;
/** A part of the rows above: 其中：工业项目, 其中:亿元以上. */
const partPattern = /^其中(?::|$)/;

/** Whether a label is a total, and of what: 合计 (all), 万州区小计 (group), 其中：… (part); null otherwise. */
export function totalScope(text: string): TotalScope | null {
  const t = flat(text);
  if (partPattern.test(t)) return 'part';
  if (totalPattern.test(t)) return /小计/.test(t) ? 'group' : 'all';
  if (groupTotalPattern.test(t)) return 'group';
  return null;
}
const ordinalPattern =
  /^(?:[一二三四五六七八九十百]+[、.]|\([一二三四五六七八九十]+\)[、.]?|\(\d{1,2}\)[、.]?|\d{1,2}、|\d{1,2}\.(?!\d)|第[一二三四五六七八九十\d]+(?:部分|类|批|篇|章|节)[、.:]?|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+[、.])/;
const countPattern = /:?\(?(?:共)?\d+(?:个|项|家)(?:项目)?\)?:?$/;

function flat(text: string): string {
  return toHalfWidth(text).replace(/[\s\u200b\ufeff]+/g, '');
}

/** '一、在谈项目（22个）' → '在谈项目'; '三、开工建设类' → '开工建设类'. */
function stripSectionMarks(text: string): string {
  return flat(text)
    .replace(ordinalPattern, '')
    .replace(countPattern, '')
    .replace(/[:、]+$/, '');
}

/**
 * What a row below the header is:
 * - blank: nothing but whitespace, or only a sequence number;
 * - total: 合计/总计/小计 (also 合 计, 合计（22个）) among the first three filled cells;
 * - note: 注：/备注：/说明：/填报说明/附注/注1… first, with no project name beside it;
 * - header: the header pasted again (the name cell, if filled, is a header word);
 * - section: a heading with an ordinal (一、 （二） (3) 4、 第一部分) or a count/类 ending, alone or
 *   with one more cell or with subtotals, or a lone stage word outside the name column; its stage
 *   comes from the words without ordinal and count (null if they name none);
 * - project: anything else.
 */
export function classifyRow(
  cells: readonly Cell[],
  mapping: readonly ColumnMapping[],
  options: ClassifyRowOptions = {},
): RowKind {
  const present = cells
    .map((cell, column) => ({ cell: cell ?? null, column, text: cellText(cell ?? null) }))
    .filter((entry) => !isEmptyCell(entry.cell));
  const first = present[0];
  if (!first) return { kind: 'blank' };
  const nameColumn = mapping.find((column) => column.field === 'name')?.column;
  const seqColumn = mapping.find((column) => column.field === 'seq')?.column ?? 0;
  if (present.length === 1 && first.column === seqColumn && /^\d{1,5}\.?$/.test(flat(first.text))) {
    return { kind: 'blank' };
  }

  for (const entry of present.slice(0, 3)) {
    if (typeof entry.cell !== 'string') continue;
    const scope = totalScope(entry.text);
    if (scope) return { kind: 'total', label: entry.text, scope, column: entry.column };
  }

  const nameCell = nameColumn === undefined ? null : (cells[nameColumn] ?? null);
  if (
    typeof first.cell === 'string' &&
    isNoteText(first.text) &&
    (nameColumn === undefined || first.column === nameColumn || isEmptyCell(nameCell))
  ) {
    return { kind: 'note', text: present.map((entry) => entry.text).join(' ') };
  }

  if (isRepeatedHeader(present, mapping, nameColumn, nameCell)) return { kind: 'header' };

  const section = readSection(present, nameColumn, options);
  return section ?? { kind: 'project' };
}

/** An ordinal alone in its cell, the heading beside it: 一 | 在谈项目. */
const bareOrdinal = /^(?:[一二三四五六七八九十]+|\([一二三四五六七八九十]+\)|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+)$/;

function readSection(
  present: Array<{ cell: Cell; column: number; text: string }>,
  nameColumn: number | undefined,
  options: ClassifyRowOptions,
): RowKind | null {
  const [first, second] = present;
  if (!first || typeof first.cell !== 'string') return null;
  const split = bareOrdinal.test(flat(first.text)) && typeof second?.cell === 'string';
  const title = split ? `${first.text} ${second.text}` : first.text;
  const heading = split ? second.text : first.text;
  const stripped = stripSectionMarks(heading);
  const marked =
    split ||
    ordinalPattern.test(flat(heading)) ||
    countPattern.test(flat(heading)) ||
    /类(?:项目)?$/.test(stripped);
  const stage = matchStageLabel(stripped, options.stageLabels);
  const others = present.slice(split ? 2 : 1);
  const subtotalsOnly = others.every(
    (entry) => typeof entry.cell === 'number' || /^[\d,.]+$/.test(flat(entry.text)),
  );
  const loneStage =
    present.length === 1 &&
    first.column <= (nameColumn ?? 0) &&
    first.column !== nameColumn &&
    stage !== null;
  if ((marked && stripped !== '' && (others.length <= 1 || subtotalsOnly)) || loneStage) {
    return { kind: 'section', title, stage };
  }
  return null;
}

function isRepeatedHeader(
  present: Array<{ cell: Cell; column: number; text: string }>,
  mapping: readonly ColumnMapping[],
  nameColumn: number | undefined,
  nameCell: Cell,
): boolean {
  const headerTexts = new Set(mapping.flatMap((column) => column.header.split('/').map(normaliseHeader)));
  headerTexts.delete('');
  const isHeaderText = (text: string) =>
    headerTexts.has(normaliseHeader(text)) || (rankHeader(text)?.strength ?? 0) >= 3;
  if (nameColumn !== undefined && !isEmptyCell(nameCell) && !isHeaderText(cellText(nameCell))) return false;
  const hits = present.filter((entry) => typeof entry.cell === 'string' && isHeaderText(entry.text)).length;
  return hits >= 2 && hits * 5 >= present.length * 3;
}
