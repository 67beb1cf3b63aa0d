/**
 * A streaming reader for the worksheets of an .xlsx: the zip's central directory
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
import { withoutControls, type Cell } from '@landfall/domain/import/index';
import { FormatError } from './file-format.ts';

const require = createRequire(import.meta.url);

/** What we read of a tag (namespaces are not processed: names keep their prefix). */
interface Tag {
  name: string;
  attributes: Record<string, unknown>;
}

interface ZipEntry {
  path: string;
  /** As the central directory declares them: a crafted file may lie (see `inflate`). */
  uncompressedSize: number;
  compressedSize: number;
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

/**
 * What a well-formed sheet never needs, so a crafted one is refused before it costs memory:
 * saxes keeps a text, a comment, a CDATA section, a name or an attribute value whole until it
 * ends (a 32 767-character cell is under 250 000 characters even fully escaped), and keeps the
 * open tags and one tag's attributes.
 */
export const xmlLimits = { pendingChars: 1_000_000, depth: 64, attributes: 512 } as const;

/** The text of the shared strings kept in memory for one workbook: a count and characters. */
export const sharedStringLimits = { count: 2_000_000, chars: 64_000_000 } as const;

function bomb(detail: string): FormatError {
  return new FormatError('zip_bomb', detail);
}

/** Refuses a parser state no sheet reaches (saxes' own buffers, read after each chunk). */
function checkParser(parser: SaxesParser) {
  const state = parser as unknown as {
    text: string;
    name: string;
    piTarget: string;
    tags: unknown[];
    attribList: unknown[];
  };
  if (
    state.text.length > xmlLimits.pendingChars ||
    state.name.length > xmlLimits.pendingChars ||
    state.piTarget.length > xmlLimits.pendingChars
  ) {
    throw bomb('an XML text, name or attribute runs past the limit');
  }
  if (state.tags.length > xmlLimits.depth) throw bomb('XML nested too deeply');
  if (state.attribList.length > xmlLimits.attributes) throw bomb('too many XML attributes');
}

/**
 * An entry's inflated bytes, counted as they stream: never more than the central directory
 * declared for it (a zip's directory can lie — a sheet claiming 4 KiB may inflate to 1 GiB —
 * and the declared sizes are what `inspectZip` checked), nor more than `maxInflated`.
 */
async function* inflate(entry: ZipEntry, maxInflated: number): AsyncGenerator<Buffer> {
  const allowed = Math.min(maxInflated, entry.uncompressedSize);
  const stream = entry.stream() as NodeJS.ReadableStream & { destroy?: () => void };
  let seen = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      seen += chunk.length;
      if (seen > allowed) {
        throw bomb(
          seen > entry.uncompressedSize
            ? `${entry.path} inflates beyond the ${entry.uncompressedSize} bytes its directory declares`
            : `${entry.path} inflates beyond the limit`,
        );
      }
      yield chunk;
    }
  } finally {
    // Stop inflating at once when refused (or when the reader stops early).
    stream.destroy?.();
  }
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
  for await (const chunk of inflate(entry, maxInflated)) {
    parser.write(decoder.decode(chunk, { stream: true }));
    if (failure) throw failure;
    checkParser(parser);
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

/** A merged range, 0-based and inclusive: rows r1…r2, columns c1…c2. */
export interface MergeRange {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** At most this many merged ranges are kept per sheet (a crafted sheet may declare millions). */
export const maxMerges = 20_000;

export interface XlsxSheet {
  sheetName: string | null;
  /** hidden or veryHidden in the workbook. */
  hidden: boolean;
  date1904: boolean;
  /** Uncompressed size of the sheet XML, for progress. */
  sheetBytes: number;
  /** The sheet's merged ranges (<mergeCell ref="A5:A9"/>, which stand after the rows: one extra pass). */
  merges(): Promise<MergeRange[]>;
  rows(onBytes?: (bytes: number) => void): AsyncGenerator<{ row: number; cells: Cell[] }>;
}

export interface XlsxWorkbook {
  date1904: boolean;
  sheets: XlsxSheet[];
}

/** "B3:D7" → {r1: 2, c1: 1, r2: 6, c2: 3}; a single cell or a malformed ref → null. */
export function parseRange(ref: string): MergeRange | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7}):\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref.trim().toUpperCase());
  if (!m) return null;
  const r1 = Number(m[2]) - 1;
  const r2 = Number(m[4]) - 1;
  const c1 = columnIndex(m[1]!);
  const c2 = columnIndex(m[3]!);
  if (r1 < 0 || c1 < 0) return null;
  return { r1: Math.min(r1, r2), r2: Math.max(r1, r2), c1: Math.min(c1, c2), c2: Math.max(c1, c2) };
}

/** The first worksheet of an .xlsx (tests and tools that read one sheet). */
export async function openXlsxSheet(
  bytes: Buffer,
  limits: { columns: number; cellChars: number; unzippedBytes: number },
): Promise<XlsxSheet> {
  const book = await openXlsxWorkbook(bytes, limits);
  const first = book.sheets[0];
  if (!first) throw new Error('no worksheet');
  return first;
}

export async function openXlsxWorkbook(
  bytes: Buffer,
  limits: { columns: number; cellChars: number; unzippedBytes: number },
): Promise<XlsxWorkbook> {
  const maxInflated = limits.unzippedBytes;
  const dir = await unzipper.Open.buffer(bytes);
  const byPath = new Map(dir.files.map((f) => [f.path.replace(/^\//, ''), f]));

  // Workbook: its sheets in order, the 1904 date system.
  let date1904 = false;
  const declared: { name: string; rid: string; hidden: boolean }[] = [];
  await readXml(byPath.get('xl/workbook.xml'), maxInflated, (tag) => {
    const name = local(tag.name);
    if (name === 'workbookPr') date1904 = ['1', 'true'].includes(attr(tag, 'date1904') ?? '');
    if (name === 'sheet')
      declared.push({
        name: attr(tag, 'name') ?? '',
        rid: attr(tag, 'r:id') ?? '',
        hidden: ['hidden', 'veryHidden'].includes(attr(tag, 'state') ?? ''),
      });
  });
  const targets = new Map<string, string>();
  await readXml(byPath.get('xl/_rels/workbook.xml.rels'), maxInflated, (tag) => {
    if (local(tag.name) === 'Relationship') targets.set(attr(tag, 'Id') ?? '', attr(tag, 'Target') ?? '');
  });
  const entryOf = (rid: string) => {
    let path = targets.get(rid);
    if (!path) return undefined;
    path = path.startsWith('/') ? path.slice(1) : `xl/${path.replace(/^\.\//, '')}`;
    return byPath.get(path);
  };
  const sheetEntries: { name: string | null; hidden: boolean; entry: ZipEntry }[] = [];
  for (const d of declared) {
    const entry = entryOf(d.rid);
    // Chart sheets and dialog sheets have no rows: only worksheets are read.
    if (entry && /^xl\/worksheets\//.test(entry.path.replace(/^\//, '')))
      sheetEntries.push({ name: d.name, hidden: d.hidden, entry });
  }
  if (!sheetEntries.length) {
    const fallback = [...byPath.values()]
      .filter((f) => /^xl\/worksheets\/[^/]+\.xml$/.test(f.path))
      .sort((a, b) => a.path.localeCompare(b.path))[0];
    if (fallback) sheetEntries.push({ name: declared[0]?.name ?? null, hidden: false, entry: fallback });
  }
  if (!sheetEntries.length) throw new Error('no worksheet');

  // Shared strings: the text of each <si>, phonetic runs (<rPh>) left out.
  const shared: string[] = [];
  let sharedChars = 0;
  let current: string[] | null = null;
  let currentChars = 0;
  let inText = false;
  let phonetic = 0;
  await readXml(
    byPath.get('xl/sharedStrings.xml'),
    maxInflated,
    (tag) => {
      const name = local(tag.name);
      if (name === 'si') {
        current = [];
        currentChars = 0;
      } else if (name === 'rPh') phonetic += 1;
      else if (name === 't' && phonetic === 0) inText = true;
    },
    (text) => {
      // A string's text is cut at the cell limit while it streams (a crafted <si> may be endless).
      if (inText && current && currentChars < limits.cellChars) {
        current.push(text);
        currentChars += text.length;
      }
    },
    (tag) => {
      const name = local(tag.name);
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic -= 1;
      else if (name === 'si' && current) {
        const text = current.join('');
        sharedChars += text.length;
        if (shared.length >= sharedStringLimits.count || sharedChars > sharedStringLimits.chars) {
          throw new FormatError('too_large', 'too much shared text');
        }
        shared.push(text);
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

  const limitText = (text: string) => {
    const t = withoutControls(text);
    return t.length > limits.cellChars ? t.slice(0, limits.cellChars) : t;
  };

  async function* rows(
    sheetEntry: ZipEntry,
    onBytes?: (bytes: number) => void,
  ): AsyncGenerator<{ row: number; cells: Cell[] }> {
    const parser = new SaxesParser({ position: false });
    const ready: { row: number; cells: Cell[] }[] = [];
    let failure: Error | undefined;
    let rowNumber = 0;
    let cells: Cell[] = [];
    let cell: {
      col: number;
      type: string;
      style: number;
      value: string;
      inline: string[];
      inlineChars: number;
    } | null = null;
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
            inlineChars: 0,
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
      else if (textTarget === 't' && cell.inlineChars < limits.cellChars) {
        cell.inline.push(text);
        cell.inlineChars += text.length;
      }
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
    for await (const chunk of inflate(sheetEntry, maxInflated)) {
      seen += chunk.length;
      parser.write(decoder.decode(chunk, { stream: true }));
      if (failure) throw failure;
      checkParser(parser);
      onBytes?.(seen);
      const batch = ready.splice(0, ready.length);
      for (const r of batch) yield r;
    }
    parser.write(decoder.decode());
    parser.close();
    if (failure) throw failure;
    for (const r of ready) yield r;
  }

  return {
    date1904,
    sheets: sheetEntries.map(({ name, hidden, entry }) => ({
      sheetName: name === null ? null : withoutControls(name),
      hidden,
      date1904,
      sheetBytes: entry.uncompressedSize,
      merges: () => readMerges(entry, maxInflated),
      rows: (onBytes?: (bytes: number) => void) => rows(entry, onBytes),
    })),
  };
}

/**
 * The <mergeCell ref="…"/> elements of a sheet. They stand after all the rows, so the sheet is
 * inflated once more and only searched (no XML parse): text is cut at its last '<' so an element
 * never spans two chunks.
 */
async function readMerges(entry: ZipEntry, maxInflated: number): Promise<MergeRange[]> {
  const found: MergeRange[] = [];
  const decoder = new TextDecoder('utf-8');
  const pattern = /<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref\s*=\s*["']([^"']+)["']/g;
  let carry = '';
  const scan = (text: string) => {
    for (const m of text.matchAll(pattern)) {
      const range = parseRange(m[1] ?? '');
      if (range && found.length < maxMerges) found.push(range);
    }
  };
  for await (const chunk of inflate(entry, maxInflated)) {
    const text = carry + decoder.decode(chunk, { stream: true });
    const cut = text.lastIndexOf('<');
    scan(cut === -1 ? text : text.slice(0, cut));
    carry = cut === -1 ? '' : text.slice(cut);
    // An element cannot be this long: a crafted file without '<' is not kept in memory.
    if (carry.length > 65_536) carry = '';
  }
  scan(carry + decoder.decode());
  return found;
}
