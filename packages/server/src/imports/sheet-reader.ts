/**
 * Reads the sheets of an upload and each sheet's rows one at a time, whatever the
 * format: .xlsx through our streaming reader (xlsx-stream.ts; bounded memory for 100k rows),
 * legacy .xls through SheetJS CE (BIFF files are small by nature: 65,536 rows at
 * most), CSV through csv-parse after decoding UTF-8 (with or without BOM) or
 * GB18030/GBK, which is what Chinese Excel writes by default.
 *
 * Each row comes with its row number as Excel shows it (1-based). Merged cells
 * arrive as their value in the top-left cell and nothing in the others; each sheet
 * also gives its merged ranges (.xlsx, .xls; a CSV has none), so the layout can read
 * merged header groups and cells merged down a group column.
 */
import { Readable, Transform } from 'node:stream';
import { createRequire } from 'node:module';
import iconv from 'iconv-lite';
import { parse as parseCsv } from 'csv-parse';
import { withoutControls, type Cell } from '@landfall/domain/import/index';
import { FormatError, importLimits, type SheetFormat } from './file-format.ts';
import { maxMerges, openXlsxWorkbook, type MergeRange } from './xlsx-stream.ts';

export type { MergeRange } from './xlsx-stream.ts';

const require = createRequire(import.meta.url);

export interface SheetRow {
  row: number;
  cells: Cell[];
}

export interface SheetInfo {
  date1904: boolean;
  sheetName: string | null;
  encoding: 'utf-8' | 'gb18030' | null;
}

export interface OpenedSheet {
  info: SheetInfo;
  rows: AsyncGenerator<SheetRow>;
}

/** One sheet of a workbook; `rows()` streams it (once per call), `merges()` its merged ranges. */
export interface WorkbookSheet {
  /** 0-based position in the workbook. */
  index: number;
  name: string | null;
  hidden: boolean;
  /** The sheet's share of the file, for progress over several sheets. */
  size: number;
  merges(): Promise<MergeRange[]>;
  rows(onProgress?: (fraction: number) => void): AsyncGenerator<SheetRow>;
}

export interface OpenedWorkbook {
  date1904: boolean;
  encoding: SheetInfo['encoding'];
  sheets: WorkbookSheet[];
}

/** At most this many sheets of a workbook are read. */
export const maxSheets = 60;

/** The workbook's sheets (a CSV is one sheet without a name). */
export async function openWorkbook(bytes: Buffer, format: SheetFormat): Promise<OpenedWorkbook> {
  if (format === 'xlsx') return openXlsx(bytes);
  if (format === 'xls') return openXls(bytes);
  return openCsvBook(bytes);
}

/** The rows of the first sheet (tools and benchmarks that read one sheet). */
export async function openSheet(
  bytes: Buffer,
  format: SheetFormat,
  onProgress?: (fraction: number) => void,
): Promise<OpenedSheet> {
  const book = await openWorkbook(bytes, format);
  const first = book.sheets[0];
  if (!first) throw new FormatError('not_a_sheet', 'no worksheet');
  return {
    info: { date1904: book.date1904, sheetName: first.name, encoding: book.encoding },
    rows: first.rows(onProgress),
  };
}

function counting(bytes: Buffer, onProgress?: (fraction: number) => void) {
  let seen = 0;
  let last = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      const fraction = seen / bytes.length;
      if (onProgress && fraction - last >= 0.005) {
        last = fraction;
        onProgress(fraction);
      }
      done(null, chunk);
    },
  });
  // Chunks of 64 KB so progress moves smoothly.
  const source = Readable.from(
    (function* chunks() {
      for (let i = 0; i < bytes.length; i += 65536) yield bytes.subarray(i, i + 65536);
    })(),
  );
  return source.pipe(meter);
}

function checkWidth(cells: Cell[]) {
  if (cells.length > importLimits.columns) throw new FormatError('not_a_sheet', 'too many columns');
  return cells;
}

/** A cell's text as it may be stored: without control characters (a NUL), cut at the limit. */
function limitText(text: string): string {
  const clean = withoutControls(text);
  return clean.length > importLimits.cellChars ? clean.slice(0, importLimits.cellChars) : clean;
}

async function openXlsx(bytes: Buffer): Promise<OpenedWorkbook> {
  let book: Awaited<ReturnType<typeof openXlsxWorkbook>>;
  try {
    book = await openXlsxWorkbook(bytes, importLimits);
  } catch (err) {
    if (err instanceof FormatError) throw err;
    throw new FormatError('corrupt', (err as Error).message);
  }
  const sheets = book.sheets.slice(0, maxSheets).map((sheet, index): WorkbookSheet => ({
    index,
    name: sheet.sheetName,
    hidden: sheet.hidden,
    size: sheet.sheetBytes,
    async merges() {
      try {
        return await sheet.merges();
      } catch (err) {
        if (err instanceof FormatError) throw err;
        throw new FormatError('corrupt', (err as Error).message);
      }
    },
    async *rows(onProgress?: (fraction: number) => void) {
      let count = 0;
      let last = 0;
      try {
        for await (const r of sheet.rows((seen) => {
          const fraction = seen / Math.max(1, sheet.sheetBytes);
          if (fraction - last >= 0.005) {
            last = fraction;
            onProgress?.(Math.min(1, fraction));
          }
        })) {
          count += 1;
          if (count > importLimits.rows + 100) throw new FormatError('too_large', 'too many rows');
          yield { row: r.row, cells: checkWidth(r.cells) };
        }
      } catch (err) {
        if (err instanceof FormatError) throw err;
        throw new FormatError('corrupt', (err as Error).message);
      }
    },
  }));
  return { date1904: book.date1904, encoding: null, sheets };
}

interface SheetJsCell {
  t: string;
  v?: unknown;
  z?: string;
  w?: string;
}
interface SheetJs {
  read(
    data: Buffer,
    opts: Record<string, unknown>,
  ): {
    SheetNames: string[];
    Sheets: Record<string, Record<string, unknown>>;
    Workbook?: { WBProps?: { date1904?: boolean }; Sheets?: Array<{ Hidden?: number }> };
  };
  utils: { decode_range(ref: string): { s: { r: number; c: number }; e: { r: number; c: number } } };
  SSF: { is_date(fmt: string): boolean };
}

async function openXls(bytes: Buffer): Promise<OpenedWorkbook> {
  const XLSX = require('@e965/xlsx') as SheetJs;
  let workbook: ReturnType<SheetJs['read']>;
  try {
    workbook = XLSX.read(bytes, { type: 'buffer', dense: true, cellFormula: false, cellHTML: false });
  } catch (err) {
    const message = (err as Error).message ?? '';
    if (/password|encrypt/i.test(message)) throw new FormatError('encrypted');
    throw new FormatError('corrupt', message);
  }
  const date1904 = Boolean(workbook.Workbook?.WBProps?.date1904);
  const hidden = workbook.Workbook?.Sheets ?? [];
  const sheets = workbook.SheetNames.slice(0, maxSheets).flatMap((name, index): WorkbookSheet[] => {
    const sheet = workbook.Sheets[name];
    if (!sheet) return [];
    const ref = sheet['!ref'] as string | undefined;
    const data = (sheet['!data'] as (SheetJsCell | undefined)[][] | undefined) ?? [];
    const merges = (
      (sheet['!merges'] as Array<{ s: { r: number; c: number }; e: { r: number; c: number } }>) ?? []
    )
      .slice(0, maxMerges)
      .map((m) => ({ r1: m.s.r, c1: m.s.c, r2: m.e.r, c2: m.e.c }));
    return [
      {
        index,
        name: withoutControls(name),
        hidden: Boolean(hidden[index]?.Hidden),
        size: ref ? XLSX.utils.decode_range(ref).e.r + 1 : 1,
        merges: async () => merges,
        async *rows(onProgress?: (fraction: number) => void) {
          if (!ref) return;
          const range = XLSX.utils.decode_range(ref);
          if (range.e.r - range.s.r > importLimits.rows + 100)
            throw new FormatError('too_large', 'too many rows');
          for (let r = range.s.r; r <= range.e.r; r += 1) {
            const line = data[r];
            if (!line) continue;
            const cells: Cell[] = [];
            for (let c = 0; c <= Math.min(range.e.c, importLimits.columns); c += 1) {
              const cell = line[c];
              cells.push(cell ? fromSheetJs(cell, XLSX, date1904) : null);
            }
            while (cells.length && cells[cells.length - 1] === null) cells.pop();
            if (!cells.length) continue;
            if (r % 1000 === 0) onProgress?.((r - range.s.r) / Math.max(1, range.e.r - range.s.r));
            yield { row: r + 1, cells: checkWidth(cells) };
          }
          onProgress?.(1);
        },
      },
    ];
  });
  if (!sheets.length) throw new FormatError('not_a_sheet', 'no worksheet');
  return { date1904, encoding: null, sheets };
}

function fromSheetJs(cell: SheetJsCell, XLSX: SheetJs, date1904: boolean): Cell {
  if (cell.t === 'z' || cell.t === 'e' || cell.v === undefined || cell.v === null) return null;
  if (cell.t === 'n' && typeof cell.v === 'number') {
    if (cell.z && XLSX.SSF.is_date(cell.z)) return excelSerialToDate(cell.v, date1904);
    return cell.v;
  }
  if (cell.t === 'd' && cell.v instanceof Date) return cell.v;
  if (cell.t === 'b') return Boolean(cell.v);
  return limitText(String(cell.v));
}

/** A date-formatted serial as the UTC-midnight instant of its calendar day (time of day dropped). */
function excelSerialToDate(serial: number, date1904: boolean): Cell {
  let days = Math.floor(serial);
  if (!date1904) {
    if (days === 60) return null; // the fictitious 1900-02-29
    if (days < 60) days += 1;
  }
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 31);
  const date = new Date(epoch + (days - (date1904 ? 0 : 1)) * 86_400_000);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), otherwise GB18030 (a superset of GBK). */
export function detectTextEncoding(bytes: Buffer): 'utf-8' | 'gb18030' {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  // Check a prefix; cut at a character boundary so a split multi-byte sequence is not blamed.
  let end = Math.min(bytes.length, 256 * 1024);
  if (end < bytes.length) {
    while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end -= 1;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

function openCsvBook(bytes: Buffer): OpenedWorkbook {
  const encoding = detectTextEncoding(bytes);
  return {
    date1904: false,
    encoding,
    sheets: [
      {
        index: 0,
        name: null,
        hidden: false,
        size: bytes.length,
        merges: async () => [],
        rows: (onProgress?: (fraction: number) => void) => csvRows(bytes, encoding, onProgress),
      },
    ],
  };
}

function csvRows(
  bytes: Buffer,
  encoding: 'utf-8' | 'gb18030',
  onProgress?: (f: number) => void,
): AsyncGenerator<SheetRow> {
  const input = counting(bytes, onProgress);
  const decoded = input.pipe(
    iconv.decodeStream(encoding === 'utf-8' ? 'utf8' : 'gb18030', { stripBOM: true }),
  );
  const sample = bytes.subarray(0, 4096).toString(encoding === 'utf-8' ? 'utf8' : 'latin1');
  const delimiter = guessDelimiter(sample);
  const parser = decoded.pipe(
    parseCsv({
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: importLimits.cellChars * 4,
      info: true,
    }),
  );
  async function* rows(): AsyncGenerator<SheetRow> {
    let count = 0;
    try {
      for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        count += 1;
        if (count > importLimits.rows + 100) throw new FormatError('too_large', 'too many rows');
        const cells: Cell[] = record.record.map((v) => (v.trim() === '' ? null : limitText(v)));
        while (cells.length && cells[cells.length - 1] === null) cells.pop();
        if (!cells.length) continue;
        yield { row: count, cells: checkWidth(cells) };
      }
    } catch (err) {
      if (err instanceof FormatError) throw err;
      throw new FormatError('corrupt', (err as Error).message);
    } finally {
      input.destroy();
    }
  }
  return rows();
}

/** Comma, tab or semicolon: whichever the first lines use most. */
function guessDelimiter(sample: string): string {
  const lines = sample.split(/\r?\n/).slice(0, 10).join('\n');
  const counts = [',', '\t', ';'].map((d) => ({ d, n: lines.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]!.n > 0 ? counts[0]!.d : ',';
}
