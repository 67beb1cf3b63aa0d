/**
 * Writing workbooks people hand in: exceljs' streaming writer into memory, text cells
 * neutralised against formula injection (CWE-1236), numbers as numeric cells.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * A text that a spreadsheet could take for a formula (= + - @, or a leading tab or
 * carriage return) gets an apostrophe in front, the OWASP recommendation; Landfall's
 * import takes it off again.
 */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A cell value for a sheet: numbers stay numbers, text is neutralised, empty stays empty. */
export function cellValue(value: string | number | null | undefined): string | number | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return value;
  return neutralise(value);
}

export const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };
export const allBorders = { top: thin, left: thin, bottom: thin, right: thin };

/** A streaming workbook whose bytes are collected; `finish()` returns the file. */
export function streamingWorkbook() {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: true,
  });
  workbook.creator = 'Landfall 招商引资项目台账管理系统';
  return {
    workbook,
    async finish(): Promise<Buffer> {
      await workbook.commit();
      await done;
      return Buffer.concat(chunks);
    },
  };
}

/**
 * 万元 from integer fen as a number cell. Division is correctly rounded, so the double is the
 * nearest to the exact decimal and prints as it (to the fen, for amounts below 90 亿元 万元).
 */
export function wanNumber(fen: number | null | undefined): number | null {
  if (fen === null || fen === undefined) return null;
  return Number(fen) / 1_000_000;
}

/** 2017年9月30日 */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${Number(y)}年${Number(m)}月${Number(d)}日`;
}
