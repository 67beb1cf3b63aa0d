/**
 * An .xlsx/.docx/.pptx attachment is a zip: its first bytes say only "zip". Before one is stored its
 * content is checked to really be the Office package its name says (issue 12, item 17): a sane zip (the
 * import's central-directory check against bombs and encryption), a `[Content_Types].xml` naming the
 * right main part (workbook / document / presentation, not macro-enabled) and that part present — and
 * nothing inside that runs: no executable or script by name or by its first bytes (MZ, ELF, Mach-O), no
 * nested archive, no VBA project.
 */
import { createRequire } from 'node:module';
import { FormatError, inspectZip } from '../imports/file-format.ts';

const require = createRequire(import.meta.url);

interface ZipEntry {
  path: string;
  type: 'File' | 'Directory';
  uncompressedSize: number;
  stream(): NodeJS.ReadableStream;
  buffer(): Promise<Buffer>;
}
const unzipper = require('unzipper') as { Open: { buffer(b: Buffer): Promise<{ files: ZipEntry[] }> } };

export type OfficeKind = 'xlsx' | 'docx' | 'pptx';
export type PackageProblem = 'not_package' | 'wrong_kind' | 'macros' | 'executable' | 'unsafe_zip';

const mainTypes: Record<OfficeKind, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml',
};

const runnableName =
  /\.(exe|dll|scr|com|pif|bat|cmd|msi|msp|ps1|psm1|vbs|vbe|js|jse|wsf|wsh|hta|jar|lnk|cpl|sys|sh|bin|app|apk|zip|rar|7z|cab|gz|tar|iso)$/i;
/** First bytes of programs: PE (MZ), ELF, Mach-O (both orders, fat), a shell script. */
const runnableMagic = [
  [0x4d, 0x5a],
  [0x7f, 0x45, 0x4c, 0x46],
  [0xcf, 0xfa, 0xed, 0xfe],
  [0xfe, 0xed, 0xfa, 0xcf],
  [0xca, 0xfe, 0xba, 0xbe],
  [0x23, 0x21],
];

export const packageProblemMessages: Record<PackageProblem, { zh: string; en: string }> = {
  not_package: {
    zh: '文件不是有效的 Office 文档（缺少 [Content_Types].xml 或主体部分）',
    en: 'The file is not a valid Office document (no [Content_Types].xml or main part)',
  },
  wrong_kind: {
    zh: '文件内容与扩展名不符（例如把 Word 文档命名为 .xlsx）',
    en: 'The content does not match the extension (a Word document named .xlsx, say)',
  },
  macros: {
    zh: '文件含宏（VBA），不予接收：请另存为不含宏的 .xlsx/.docx',
    en: 'The file contains macros (VBA) and is refused: save it as a macro-free .xlsx/.docx',
  },
  executable: {
    zh: '文件内含可执行程序、脚本或嵌套压缩包，不予接收',
    en: 'The file contains a program, a script or a nested archive and is refused',
  },
  unsafe_zip: {
    zh: '文件已损坏、已加密或解压后过大，不予接收',
    en: 'The file is damaged, encrypted or unzips to an excessive size, and is refused',
  },
};

/** The problem with an Office package, or undefined when it is what its extension says and holds nothing that runs. */
export async function checkOfficePackage(
  bytes: Buffer,
  kind: OfficeKind,
): Promise<PackageProblem | undefined> {
  try {
    inspectZip(bytes);
  } catch (err) {
    if (err instanceof FormatError) return 'unsafe_zip';
    throw err;
  }
  let files: ZipEntry[];
  try {
    files = (await unzipper.Open.buffer(bytes)).files.filter((f) => f.type !== 'Directory');
  } catch {
    return 'unsafe_zip';
  }
  const names = new Set(files.map((f) => f.path.replace(/^\/+/, '')));
  for (const f of files) {
    const base = f.path.split('/').pop() ?? '';
    if (/vbaProject|vbaData/i.test(base)) return 'macros';
    if (
      runnableName.test(base) &&
      !/^(xl|word|ppt)\/(printerSettings|embeddings)\/[^/]+\.bin$/i.test(f.path)
    ) {
      return /\.bin$/i.test(base) ? 'macros' : 'executable';
    }
  }
  const types = files.find((f) => f.path === '[Content_Types].xml');
  if (!types || types.uncompressedSize > 1024 * 1024) return 'not_package';
  const xml = (await types.buffer()).toString('utf8');
  if (/macroEnabled/i.test(xml)) return 'macros';
  const mains = [...xml.matchAll(/<Override\b[^>]*>/g)]
    .map((m) => m[0])
    .map((tag) => ({
      part: /PartName="\/?([^"]+)"/.exec(tag)?.[1],
      type: /ContentType="([^"]+)"/.exec(tag)?.[1],
    }));
  const main = mains.find((m) => m.type === mainTypes[kind]);
  if (!main) {
    const other = mains.some((m) => Object.values(mainTypes).includes(m.type ?? ''));
    return other ? 'wrong_kind' : 'not_package';
  }
  if (!main.part || !names.has(main.part)) return 'not_package';
  for (const f of files) {
    if (await startsRunnable(f)) return 'executable';
  }
  return undefined;
}

/** Whether an entry's first inflated bytes are a program's (only the first chunk is inflated). */
async function startsRunnable(entry: ZipEntry): Promise<boolean> {
  if (entry.uncompressedSize < 2) return false;
  const head = await new Promise<Buffer>((resolve, reject) => {
    const stream = entry.stream() as NodeJS.ReadableStream & { destroy?: () => void };
    let done = false;
    stream.on('data', (chunk: Buffer) => {
      if (done) return;
      done = true;
      resolve(chunk);
      stream.destroy?.();
    });
    stream.on('end', () => !done && resolve(Buffer.alloc(0)));
    stream.on('error', (err) => !done && reject(err));
  });
  return runnableMagic.some((magic) => magic.every((b, i) => head[i] === b));
}
