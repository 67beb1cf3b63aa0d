/**
 * A streaming reader for the first worksheet of an .xlsx: the zip's central directory
 * is read from the buffer (unzipper), the sheet XML is inflated and parsed as it streams
 * (saxes), one row at a time, so 100k rows take bounded memory.
 *
 * Why not exceljs' streaming reader: it decodes each inflated chunk to text on its own,
 * so a Chinese character split across two chunks turns into two replacement characters
 * (a long 台账 came back with 龙都街道 as ��都街道). Here a TextDecoder in stream mode
 * carries the partial character over to the next chunk.
 */
import { createRequire } from 'node:module';
import { SaxesParser } from 'saxes';
import type { Cell } from '@landfall/domain/import/index';

const require = createRequire(import.meta.url);

/** What we read of a tag (namespaces are not processed: names keep their prefix). */
interface Tag {
  name: string;
  attributes: Record<string, unknown>;
}

interface ZipEntry {
  path: string;
  uncompressedSize: number;
  stream(): NodeJS.ReadableStream;
  buffer(): Promise<Buffer>;
}
interface ZipDirectory {
  files: ZipEntry[];
}
const unzipper = require('unzipper') as { Open: { buffer(b: Buffer): Promise<ZipDirectory> } };

/** Built-in number formats that are dates (incl. the CJK ones Chinese Excel uses: 27–36, 50–58). */
const builtinDateFormats = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** A custom number format shows a date when it has y/m/d/h/s outside quotes, brackets and escapes. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '')
    .replace(/_./g, '')
    .replace(/\*./g, '');
  if (/^(General|@|0|#)/i.test(bare) && !/[ymdhs]/i.test(bare.replace(/General/i, ''))) return false;
  return /[ymdhs年月日]/i.test(bare);
}

async function readXml(
  entry: ZipEntry | undefined,
  maxInflated: number,
  onTag: (tag: Tag) => void,
  onText?: (text: string) => void,
  onClose?: (tag: Tag) => void,
) {
  if (!entry) return;
  const parser = new SaxesParser({ position: false });
  parser.on('opentag', onTag);
  if (onText) parser.on('text', onText);
  if (onClose) parser.on('closetag', onClose);
  let failure: Error | undefined;
  parser.on('error', (e) => {
    failure = e;
  });
  const decoder = new TextDecoder('utf-8');
  let seen = 0;
  for await (const chunk of entry.stream() as AsyncIterable<Buffer>) {
    // A zip can lie about its sizes: stop at the limit whatever the directory declared.
    seen += chunk.length;
    if (seen > maxInflated) throw new Error('entry inflates beyond the limit');
    parser.write(decoder.decode(chunk, { stream: true }));
    if (failure) throw failure;
  }
  parser.write(decoder.decode());
  parser.close();
  if (failure) throw failure;
}

function attr(tag: Tag, name: string): string | undefined {
  const v = tag.attributes[name];
  return typeof v === 'string' ? v : undefined;
}

function local(name: string) {
  const i = name.indexOf(':');
  return i === -1 ? name : name.slice(i + 1);
}

/** "AB12" → 27 (0-based column). */
function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return n - 1;
}

function serialToDate(serial: number, date1904: boolean): Date | null {
  let days = Math.floor(serial);
  if (!date1904) {
    if (days === 60) return null;
    if (days > 60) days -= 1;
    return new Date(Date.UTC(1899, 11, 31) + days * 86_400_000);
  }
  return new Date(Date.UTC(1904, 0, 1) + days * 86_400_000);
}

export interface XlsxSheet {
  sheetName: string | null;
  date1904: boolean;
  /** Uncompressed size of the sheet XML, for progress. */
  sheetBytes: number;
  rows(onBytes?: (bytes: number) => void): AsyncGenerator<{ row: number; cells: Cell[] }>;
}

export async function openXlsxSheet(
  bytes: Buffer,
  limits: { columns: number; cellChars: number; unzippedBytes: number },
): Promise<XlsxSheet> {
  const maxInflated = limits.unzippedBytes;
  const dir = await unzipper.Open.buffer(bytes);
  const byPath = new Map(dir.files.map((f) => [f.path.replace(/^\//, ''), f]));

  // Workbook: the first sheet, the 1904 date system.
  let date1904 = false;
  const sheets: { name: string; rid: string }[] = [];
  await readXml(byPath.get('xl/workbook.xml'), maxInflated, (tag) => {
    const name = local(tag.name);
    if (name === 'workbookPr') date1904 = ['1', 'true'].includes(attr(tag, 'date1904') ?? '');
    if (name === 'sheet') sheets.push({ name: attr(tag, 'name') ?? '', rid: attr(tag, 'r:id') ?? '' });
  });
  const targets = new Map<string, string>();
  await readXml(byPath.get('xl/_rels/workbook.xml.rels'), maxInflated, (tag) => {
    if (local(tag.name) === 'Relationship') targets.set(attr(tag, 'Id') ?? '', attr(tag, 'Target') ?? '');
  });
  const first = sheets[0];
  let sheetPath = first ? targets.get(first.rid) : undefined;
  if (sheetPath)
    sheetPath = sheetPath.startsWith('/') ? sheetPath.slice(1) : `xl/${sheetPath.replace(/^\.\//, '')}`;
  const sheetEntry =
    (sheetPath && byPath.get(sheetPath)) ||
    [...byPath.values()]
      .filter((f) => /^xl\/worksheets\/[^/]+\.xml$/.test(f.path))
      .sort((a, b) => a.path.localeCompare(b.path))[0];
  if (!sheetEntry) throw new Error('no worksheet');

  // Shared strings: the text of each <si>, phonetic runs (<rPh>) left out.
  const shared: string[] = [];
  let current: string[] | null = null;
  let inText = false;
  let phonetic = 0;
  await readXml(
    byPath.get('xl/sharedStrings.xml'),
    maxInflated,
    (tag) => {
      const name = local(tag.name);
      if (name === 'si') current = [];
      else if (name === 'rPh') phonetic += 1;
      else if (name === 't' && phonetic === 0) inText = true;
    },
    (text) => {
      if (inText && current && current.length < 1000) current.push(text);
    },
    (tag) => {
      const name = local(tag.name);
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic -= 1;
      else if (name === 'si' && current) {
        shared.push(current.join(''));
        current = null;
      }
    },
  );

  // Styles: which cell formats show dates.
  const customFormats = new Map<number, string>();
  const xfDates: boolean[] = [];
  let inCellXfs = false;
  await readXml(
    byPath.get('xl/styles.xml'),
    maxInflated,
    (tag) => {
      const name = local(tag.name);
      if (name === 'numFmt') customFormats.set(Number(attr(tag, 'numFmtId')), attr(tag, 'formatCode') ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(attr(tag, 'numFmtId') ?? 0);
        const custom = customFormats.get(id);
        xfDates.push(custom !== undefined ? isDateFormat(custom) : builtinDateFormats.has(id));
      }
    },
    undefined,
    (tag) => {
      if (local(tag.name) === 'cellXfs') inCellXfs = false;
    },
  );

  const limitText = (t: string) => (t.length > limits.cellChars ? t.slice(0, limits.cellChars) : t);

  async function* rows(onBytes?: (bytes: number) => void): AsyncGenerator<{ row: number; cells: Cell[] }> {
    const parser = new SaxesParser({ position: false });
    const ready: { row: number; cells: Cell[] }[] = [];
    let failure: Error | undefined;
    let rowNumber = 0;
    let cells: Cell[] = [];
    let cell: { col: number; type: string; style: number; value: string; inline: string[] } | null = null;
    let textTarget: 'v' | 't' | null = null;
    let inInline = false;
    let inInlinePhonetic = 0;
    parser.on('error', (e) => {
      failure = e;
    });
    parser.on('opentag', (tag) => {
      switch (local(tag.name)) {
        case 'row': {
          const r = Number(attr(tag, 'r'));
          rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
          cells = [];
          break;
        }
        case 'c': {
          const ref = attr(tag, 'r');
          const col = ref ? columnIndex(ref) : cells.length;
          cell = {
            col,
            type: attr(tag, 't') ?? 'n',
            style: Number(attr(tag, 's') ?? 0),
            value: '',
            inline: [],
          };
          break;
        }
        case 'v':
          textTarget = 'v';
          break;
        case 'is':
          inInline = true;
          break;
        case 'rPh':
          if (inInline) inInlinePhonetic += 1;
          break;
        case 't':
          if (inInline && inInlinePhonetic === 0) textTarget = 't';
          break;
      }
    });
    parser.on('text', (text) => {
      if (!cell) return;
      // A cell's text is cut at the limit while it streams (a crafted cell may be endless).
      if (textTarget === 'v' && cell.value.length <= limits.cellChars) cell.value += text;
      else if (textTarget === 't' && cell.inline.length < 1000) cell.inline.push(text);
    });
    parser.on('closetag', (tag) => {
      switch (local(tag.name)) {
        case 'v':
        case 't':
          textTarget = null;
          break;
        case 'is':
          inInline = false;
          break;
        case 'rPh':
          if (inInline) inInlinePhonetic -= 1;
          break;
        case 'c': {
          if (!cell) break;
          if (cell.col >= limits.columns) {
            failure = new Error('too many columns');
            break;
          }
          let value: Cell = null;
          const raw = cell.value;
          switch (cell.type) {
            case 's':
              value = shared[Number(raw)] ?? null;
              break;
            case 'inlineStr':
              value = cell.inline.join('');
              break;
            case 'str':
              value = raw;
              break;
            case 'b':
              value = raw === '1';
              break;
            case 'e':
              value = null;
              break;
            case 'd':
              value = raw ? new Date(`${raw.slice(0, 10)}T00:00:00Z`) : null;
              break;
            default:
              if (raw !== '') {
                const n = Number(raw);
                value = Number.isFinite(n) ? (xfDates[cell.style] ? serialToDate(n, date1904) : n) : null;
              }
          }
          if (typeof value === 'string') value = value === '' ? null : limitText(value);
          while (cells.length < cell.col) cells.push(null);
          cells[cell.col] = value;
          cell = null;
          break;
        }
        case 'row':
          while (cells.length && cells[cells.length - 1] === null) cells.pop();
          if (cells.length) ready.push({ row: rowNumber, cells });
          break;
      }
    });
    const decoder = new TextDecoder('utf-8');
    let seen = 0;
    for await (const chunk of sheetEntry!.stream() as AsyncIterable<Buffer>) {
      seen += chunk.length;
      if (seen > maxInflated) throw new Error('worksheet inflates beyond the limit');
      parser.write(decoder.decode(chunk, { stream: true }));
      if (failure) throw failure;
      onBytes?.(seen);
      const batch = ready.splice(0, ready.length);
      for (const r of batch) yield r;
    }
    parser.write(decoder.decode());
    parser.close();
    if (failure) throw failure;
    for (const r of ready) yield r;
  }

  return { sheetName: first?.name ?? null, date1904, sheetBytes: sheetEntry.uncompressedSize, rows };
}
