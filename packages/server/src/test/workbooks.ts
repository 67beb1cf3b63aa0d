import ExcelJS from 'exceljs';
import type { Cell } from '@landfall/domain/import/index';

export interface TestSheet {
  name: string;
  rows: Cell[][];
  /** Merged ranges, 1-based and inclusive: [top row, left column, bottom row, right column]. */
  merges?: [number, number, number, number][];
  hidden?: boolean;
}

/**
 * A workbook of several sheets as Excel writes it (.xlsx, real merged ranges). A string cell
 * starting with '=' is a formula whose cached result is given after a '|': '=SUM(D5:D9)|1200'.
 */
export async function workbook(sheets: TestSheet[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const s of sheets) {
    const sheet = book.addWorksheet(s.name, { state: s.hidden ? 'hidden' : 'visible' });
    s.rows.forEach((cells, i) => {
      const row = sheet.getRow(i + 1);
      cells.forEach((value, j) => {
        if (value === null || value === undefined) return;
        const cell = row.getCell(j + 1);
        if (typeof value === 'string' && value.startsWith('=')) {
          const [formula, result] = value.slice(1).split('|');
          cell.value = { formula: formula!, result: Number(result ?? 0) };
        } else {
          cell.value = value;
          if (value instanceof Date) cell.numFmt = 'yyyy-mm-dd';
        }
      });
      row.commit();
    });
    for (const [r1, c1, r2, c2] of s.merges ?? []) sheet.mergeCells(r1, c1, r2, c2);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
