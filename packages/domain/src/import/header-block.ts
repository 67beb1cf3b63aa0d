/**
 * A table's header of one to four rows, with merged groups over their children: 实际到位资金
 * over 本月 (itself merged across three columns) over 合计 / 其中：国内市外 / 其中：境外. Each
 * column's header is its leaf text with the groups above it as its parent ('实际到位资金/本月').
 *
 * With the sheet's merged ranges (.xlsx, .xls) a merged group is known exactly; without them
 * (CSV, or a sheet that centred a group across columns instead of merging) a group's text is
 * carried right over the empty cells above its children.
 */
import { cellText, isEmptyCell, type Cell, type MergeRange } from './cells.ts';
import { importFieldKinds, type ColumnMapping } from './fields.ts';

export interface SheetHeader {
  text: string;
  /** The groups above, top first, joined by '/' (a merged group forward-filled), or null. */
  parent: string | null;
}

/** At most this many rows form a header. */
export const maxHeaderRows = 4;

export function trimmedWidth(...rows: readonly (readonly (Cell | undefined)[])[]): number {
  let width = 0;
  for (const row of rows) {
    row.forEach((cell, column) => {
      if (!isEmptyCell(cell ?? null)) width = Math.max(width, column + 1);
    });
  }
  return width;
}

/**
 * The texts of rows start…start+depth-1 as a grid, merged ranges filled from their top-left
 * cell (ranges starting above the block, such as a merged title, are left out). Null when a
 * cell of the block is not text (a number or a date: a data row, not a header).
 */
function headerGrid(
  rows: readonly (readonly Cell[])[],
  start: number,
  depth: number,
  merges: readonly MergeRange[],
): string[][] | null {
  const block = rows.slice(start, start + depth);
  if (block.length < depth) return null;
  for (const row of block) {
    for (const cell of row) if (!isEmptyCell(cell ?? null) && typeof cell !== 'string') return null;
  }
  const width = trimmedWidth(...block);
  const grid = block.map((row) => Array.from({ length: width }, (_, c) => cellText(row[c] ?? null)));
  for (const m of merges) {
    if (m.r1 < start || m.r1 >= start + depth) continue;
    const value = grid[m.r1 - start]?.[m.c1] ?? '';
    if (value === '') continue;
    for (let r = m.r1; r <= Math.min(m.r2, start + depth - 1); r++) {
      for (let c = m.c1; c <= Math.min(m.c2, width - 1); c++) grid[r - start]![c] = value;
    }
  }
  if (!merges.length) carryGroups(grid);
  return grid;
}

/**
 * Without merged ranges: in every row but the last, an empty cell right of a group takes the
 * group's text while the row below has text there (the children under the group continue).
 */
function carryGroups(grid: string[][]) {
  for (let r = 0; r < grid.length - 1; r++) {
    const row = grid[r]!;
    const below = grid[r + 1]!;
    for (let c = 1; c < row.length; c++) {
      if (row[c] !== '' || below[c] === '' || row[c - 1] === '' || below[c - 1] === '') continue;
      // The group above carries on only over a cell whose own parent row (if any) is the same group.
      if (r > 0 && grid[r - 1]![c] !== grid[r - 1]![c - 1]) continue;
      row[c] = row[c - 1]!;
    }
  }
}

/**
 * The headers of a block of `depth` rows starting at `start`: per column, the distinct texts
 * top to bottom; the last is the header, the others its parent. Null when the block is not a
 * header (a cell holds a number or date) or when a lower row adds nothing.
 */
export function headerBlock(
  rows: readonly (readonly Cell[])[],
  start: number,
  depth: number,
  merges: readonly MergeRange[] = [],
): SheetHeader[] | null {
  const grid = headerGrid(rows, start, depth, merges);
  if (!grid) return null;
  const width = grid[0]?.length ?? 0;
  const headers: SheetHeader[] = [];
  const deepest = new Array<number>(grid.length).fill(0);
  for (let c = 0; c < width; c++) {
    const path: string[] = [];
    grid.forEach((row, r) => {
      const text = row[c] ?? '';
      if (text !== '' && text !== path.at(-1)) {
        path.push(text);
        deepest[r]! += 1;
      }
    });
    const text = path.at(-1) ?? '';
    headers.push({ text, parent: path.length > 1 ? path.slice(0, -1).join('/') : null });
  }
  // Every row of a deeper block must add texts of its own somewhere.
  if (depth > 1 && deepest.slice(1).some((n) => n === 0)) return null;
  return headers;
}

/** Values of cells merged down a column (区县, 类别, 单位 merged over their rows), for data rows. */
export class MergedDownFiller {
  private readonly byTopRow = new Map<number, MergeRange[]>();
  private readonly active = new Map<number, { until: number; value: Cell }>();

  /** `skipColumns`: columns never filled (see neverFilledColumns). */
  constructor(
    merges: readonly MergeRange[],
    private readonly skipColumns: ReadonlySet<number>,
  ) {
    for (const m of merges) {
      if (m.r2 <= m.r1) continue;
      const list = this.byTopRow.get(m.r1) ?? [];
      list.push(m);
      this.byTopRow.set(m.r1, list);
    }
  }

  /** No merge of the sheet spans rows (nothing to fill, ever). */
  get empty(): boolean {
    return this.byTopRow.size === 0 && this.active.size === 0;
  }

  /**
   * The row's cells with the values of the merges it lies in (`row` 1-based as Excel shows it);
   * rows must come in order. Only the merge's first column is filled.
   */
  fill(row: number, cells: readonly Cell[]): Cell[] {
    const index = row - 1;
    const out = [...cells];
    for (const [column, state] of this.active) {
      if (state.until < index) this.active.delete(column);
    }
    for (const m of this.byTopRow.get(index) ?? []) {
      if (this.skipColumns.has(m.c1)) continue;
      const value = cells[m.c1] ?? null;
      if (!isEmptyCell(value)) this.active.set(m.c1, { until: m.r2, value });
    }
    for (const [column, state] of this.active) {
      if (isEmptyCell(out[column] ?? null)) {
        while (out.length < column) out.push(null);
        out[column] = state.value;
      }
    }
    this.byTopRow.delete(index);
    return out;
  }
}

/**
 * The columns a merge down the rows never fills: the project name and 序号 (each row has its
 * own), and every figure, date and number — an amount merged over a project's phase rows is the
 * project's once, not each row's. What is filled are the group columns: 区县, 类别, 责任单位, 阶段 …
 */
export function neverFilledColumns(mapping: readonly ColumnMapping[]): Set<number> {
  return new Set(
    mapping
      .filter(
        (m) =>
          m.field === 'name' ||
          (m.field !== null && ['amount', 'date', 'number'].includes(importFieldKinds[m.field])),
      )
      .map((m) => m.column),
  );
}
