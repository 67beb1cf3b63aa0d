/**
 * What kind of file an upload is, judged by its bytes (never by its name alone),
 * and whether a zip container (.xlsx) is safe to open: declared sizes and
 * compression ratios are checked from the central directory before any
 * decompression, so a zip bomb is refused before it can cost memory.
 */

export type SheetFormat = 'xlsx' | 'xls' | 'csv';

export const importLimits = {
  /** The uploaded file itself. */
  fileBytes: 60 * 1024 * 1024,
  /** All entries of an .xlsx once unzipped, as declared in its central directory. */
  unzippedBytes: 600 * 1024 * 1024,
  /** One entry's unzipped size over its compressed size, for entries above 1 MB. */
  entryRatio: 200,
  entries: 10_000,
  /** Data rows read from one sheet. */
  rows: 200_000,
  columns: 256,
  /** Characters in one cell. */
  cellChars: 32_767,
} as const;

export type FormatProblem = 'empty' | 'too_large' | 'not_a_sheet' | 'corrupt' | 'zip_bomb' | 'encrypted';

export class FormatError extends Error {
  constructor(
    readonly problem: FormatProblem,
    detail?: string,
  ) {
    super(detail ?? problem);
    this.name = 'FormatError';
  }
}

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Sniffs the format; text that is neither zip nor OLE is read as CSV if it looks like text. */
export function sniffFormat(bytes: Buffer, filename: string): SheetFormat {
  if (!bytes.length) throw new FormatError('empty');
  if (bytes.length > importLimits.fileBytes) throw new FormatError('too_large');
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    inspectZip(bytes);
    return 'xlsx';
  }
  if (bytes.subarray(0, 8).equals(OLE_MAGIC)) {
    // An encrypted .xlsx is also an OLE container; SheetJS tells them apart when it reads.
    return 'xls';
  }
  if (/\.(xlsx|xlsm|xls|et|ett)$/i.test(filename)) throw new FormatError('corrupt');
  if (!looksLikeText(bytes.subarray(0, 64 * 1024))) throw new FormatError('not_a_sheet');
  return 'csv';
}

/** Text has no NUL bytes and few control characters besides tab/CR/LF. */
function looksLikeText(sample: Buffer): boolean {
  let control = 0;
  for (const b of sample) {
    if (b === 0) return false;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x1a) control += 1;
  }
  return control <= sample.length / 100;
}

/** Reads the central directory of a zip and refuses bombs, ZIP64 and broken archives. */
export function inspectZip(bytes: Buffer) {
  const eocd = findEndOfCentralDirectory(bytes);
  if (eocd < 0) throw new FormatError('corrupt', 'no end of central directory');
  const entries = bytes.readUInt16LE(eocd + 10);
  const cdSize = bytes.readUInt32LE(eocd + 12);
  const cdOffset = bytes.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff) throw new FormatError('zip_bomb', 'ZIP64 archive');
  if (entries > importLimits.entries) throw new FormatError('zip_bomb', 'too many entries');
  if (cdOffset + cdSize > bytes.length) throw new FormatError('corrupt', 'central directory out of range');
  let total = 0;
  let at = cdOffset;
  for (let i = 0; i < entries; i += 1) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) {
      throw new FormatError('corrupt', 'bad central directory entry');
    }
    const flags = bytes.readUInt16LE(at + 8);
    const compressed = bytes.readUInt32LE(at + 20);
    const size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    if (flags & 0x1) throw new FormatError('encrypted');
    if (size === 0xffffffff || compressed === 0xffffffff) throw new FormatError('zip_bomb', 'ZIP64 entry');
    if (size > 1024 * 1024 && size / Math.max(compressed, 1) > importLimits.entryRatio) {
      throw new FormatError('zip_bomb', 'compression ratio');
    }
    total += size;
    if (total > importLimits.unzippedBytes) throw new FormatError('zip_bomb', 'unzipped size');
    at += 46 + nameLength + extraLength + commentLength;
  }
}

function findEndOfCentralDirectory(bytes: Buffer): number {
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= min; i -= 1) {
    if (bytes.readUInt32LE(i) === 0x06054b50) return i;
  }
  return -1;
}

/** The message a person sees for each problem. */
export const formatProblemMessages: Record<FormatProblem, { zh: string; en: string }> = {
  empty: { zh: '文件是空的', en: 'The file is empty' },
  too_large: {
    zh: `文件超过 ${importLimits.fileBytes / 1024 / 1024} MB，请拆分后分批导入`,
    en: `The file exceeds ${importLimits.fileBytes / 1024 / 1024} MB; split it and import the parts`,
  },
  not_a_sheet: {
    zh: '无法识别的文件：请上传 Excel（.xlsx、.xls）或 CSV 文件',
    en: 'Unrecognised file: upload an Excel (.xlsx, .xls) or CSV file',
  },
  corrupt: {
    zh: '文件已损坏或不是有效的 Excel 文件，请在 Excel/WPS 中打开后另存为 .xlsx 再试',
    en: 'The file is damaged or not a valid Excel file; open it in Excel/WPS, save as .xlsx and try again',
  },
  zip_bomb: {
    zh: '文件解压后过大或压缩比异常，已拒绝读取',
    en: 'The file unzips to an excessive size or has an abnormal compression ratio; it was refused',
  },
  encrypted: {
    zh: '文件已加密，请先在 Excel/WPS 中取消密码保护',
    en: 'The file is encrypted; remove its password in Excel/WPS first',
  },
};
