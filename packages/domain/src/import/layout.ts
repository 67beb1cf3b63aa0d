/**
 * The shape of an office ledger sheet: title and 填报单位/截止时间/单位 lines above the table,
 * one or two header rows (merged group cells over children), then rows that are projects,
 * section headings (一、在谈项目（22个）), totals (合计), notes (注：…), blanks and headers
 * pasted again. detectLayout reads the top of a sheet; classifyRow sorts each row below it.
 */
import type { Stage } from '../stages.ts';
import { toHalfWidth } from '../text.ts';
import { detectAmountUnit } from './amounts.ts';
import { cellText, isEmptyCell, type Cell } from './cells.ts';
import {
  matchHeader,
  normaliseHeader,
  proposeMapping,
  rankHeader,
  type ColumnMapping,
  type ImportField,
} from './fields.ts';
import { matchStageLabel } from './stage-labels.ts';

import { isNoteText, readMeta, type SheetMeta } from './sheet-meta.ts';

export type { Cell } from './cells.ts';
export { parseMetaLine, type SheetMeta } from './sheet-meta.ts';

export interface SheetHeader {
  text: string;
  /** The group header above (forward-filled across a merged cell), when there are two header rows. */
  parent: string | null;
}

export interface DetectedLayout {
  /** 0-based row indexes of the header rows (one or two). */
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
}

/** How far down a sheet the header is looked for. */
export const maxHeaderScanRows = 40;

// ── Header rows ────────────────────────────────────────────────────────────────

function trimmedWidth(...rows: readonly (readonly (Cell | undefined)[])[]): number {
  let width = 0;
  for (const row of rows) {
    row.forEach((cell, column) => {
      if (!isEmptyCell(cell ?? null)) width = Math.max(width, column + 1);
    });
  }
  return width;
}

function singleRowHeaders(top: readonly Cell[]): SheetHeader[] {
  return Array.from({ length: trimmedWidth(top) }, (_, column) => ({
    text: cellText(top[column]),
    parent: null,
  }));
}

/**
 * Headers from a top row and the row beneath when that row holds children of merged group cells:
 * group texts are carried right across empty top cells, to the columns where the child row has
 * text. Null when the row beneath is not such a child row.
 */
function twoRowHeaders(top: readonly Cell[], below: readonly Cell[]): SheetHeader[] | null {
  const headers: SheetHeader[] = [];
  let carry: string | null = null;
  let previousTop = '';
  let children = 0;
  let underGroup = 0;
  let matched = 0;
  for (let column = 0; column < trimmedWidth(top, below); column++) {
    const topText = cellText(top[column]);
    const childText = cellText(below[column]);
    const continuing = topText === '' ? carry !== null : topText === previousTop;
    if (topText !== '') carry = topText;
    else if (childText === '') carry = null;
    previousTop = topText === '' ? previousTop : topText;
    if (childText === '' || childText === topText) {
      headers.push({ text: topText, parent: null });
      continue;
    }
    if (typeof below[column] !== 'string') return null;
    const parent = topText !== '' ? topText : carry;
    children++;
    if (continuing) underGroup++;
    if (matchHeader(childText, parent) !== null) matched++;
    headers.push({ text: childText, parent });
  }
  return underGroup > 0 && matched > 0 && matched * 2 >= children ? headers : null;
}

function countMapped(mapping: ColumnMapping[]): number {
  return mapping.filter((column) => column.field !== null).length;
}

/**
 * Finds the header in the first rows of a sheet: the row (with its child row, if any) whose
 * headers map the most fields, at least two of them and the project name among them; ties go
 * to the upper row. Then the meta lines above it, and the mapping with the sheet's unit.
 * Null when no row qualifies.
 */
export function detectLayout(
  rows: readonly (readonly Cell[])[],
  options: DetectLayoutOptions = {},
): DetectedLayout | null {
  const limit = Math.min(rows.length, maxHeaderScanRows);
  let best: { headerRows: number[]; headers: SheetHeader[]; score: number } | null = null;
  for (let index = 0; index < limit; index++) {
    const top = rows[index] ?? [];
    const textCells = top.filter((cell) => typeof cell === 'string' && cell.trim() !== '').length;
    if (textCells < 2) continue;
    const below = index + 1 < limit ? rows[index + 1] : undefined;
    const twoRows = below ? twoRowHeaders(top, below) : null;
    const headers = twoRows ?? singleRowHeaders(top);
    const mapping = proposeMapping(headers, { saved: options.saved });
    const score = countMapped(mapping);
    if (score < 2 || !mapping.some((column) => column.field === 'name')) continue;
    if (!best || score > best.score) {
      best = { headerRows: twoRows ? [index, index + 1] : [index], headers, score };
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
  | { kind: 'total'; label: string }
  | { kind: 'note'; text: string }
  | { kind: 'header' };

export interface ClassifyRowOptions {
  /** The tenant's own stage labels (normalised label → stage), over the defaults. */
  stageLabels?: Record<string, Stage>;
}

const totalPattern =
  /^(?:全[区县市]|本页|以上|总|项目)?(?:合计|总计|小计|共计)(?:\(.*\)|:?(?:共)?\d+个(?:项目)?)?:?$/;
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

  const total = present
    .slice(0, 3)
    .find((entry) => typeof entry.cell === 'string' && totalPattern.test(flat(entry.text)));
  if (total) return { kind: 'total', label: total.text };

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
