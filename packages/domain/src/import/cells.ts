/**
 * Spreadsheet cells as the import reads them. Excel/WPS readers hand over strings, numbers,
 * booleans and Date objects (Excel date cells, UTC-midnight instants); a merged cell arrives as
 * its value in the top-left cell and null in the others.
 */

export type Cell = string | number | boolean | Date | null;

/** The text a person sees in a cell, trimmed: numbers as JS prints them, dates as 'YYYY-MM-DD'. */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.trim();
  if (cell instanceof Date) return Number.isFinite(cell.getTime()) ? cell.toISOString().slice(0, 10) : '';
  return String(cell);
}

/** Null, or text that is only whitespace (including the ideographic space and no-break space). */
export function isEmptyCell(cell: Cell | undefined): boolean {
  return cellText(cell).replace(/[\s\u3000\u00a0\u200b\ufeff]/g, '') === '';
}

/** A merged range of a sheet, 0-based and inclusive: rows r1…r2, columns c1…c2. */
export interface MergeRange {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** C0 control characters but tab, line feed and carriage return, and DEL: never meaningful in a cell. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * Text as it may be stored: control characters (a NUL, which PostgreSQL refuses in text and
 * jsonb) taken out. Every reader passes cell texts and sheet names through it.
 */
export function withoutControls(text: string): string {
  return text.replace(controlCharacters, '');
}
