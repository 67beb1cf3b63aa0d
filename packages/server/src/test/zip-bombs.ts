/**
 * Crafted .xlsx files for the zip-bomb tests, built small: a worksheet of repeated XML deflates
 * about 1000:1, so a sheet inflating to 300 MB is a file of a few hundred KB, made by streaming
 * its parts through zlib (the test never holds the inflated sheet).
 */
import { Readable } from 'node:stream';
import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';

interface Entry {
  name: string;
  compressed: Buffer;
  crc: number;
  size: number;
  /** The size the central directory states (a lie when it differs from `size`). */
  declaredSize: number;
}

async function deflateParts(
  parts: () => Iterable<Buffer>,
): Promise<{ compressed: Buffer; crc: number; size: number }> {
  let crc = 0;
  let size = 0;
  const source = Readable.from(
    (function* counted() {
      for (const part of parts()) {
        crc = crc32(part, crc);
        size += part.length;
        yield part;
      }
    })(),
  );
  const chunks: Buffer[] = [];
  for await (const chunk of source.pipe(createDeflateRaw({ level: 9 }))) chunks.push(chunk as Buffer);
  return { compressed: Buffer.concat(chunks), crc, size };
}

function small(name: string, text: string): Entry {
  const data = Buffer.from(text);
  return {
    name,
    compressed: deflateRawSync(data),
    crc: crc32(data),
    size: data.length,
    declaredSize: data.length,
  };
}

/** A zip (deflate, no ZIP64) of the entries, each declaring `declaredSize`. */
function zip(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.compressed.length, 18);
    local.writeUInt32LE(e.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, e.compressed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.compressed.length, 20);
    central.writeUInt32LE(e.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + e.compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const workbook = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
const sheetHead = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c><c r="B1" t="inlineStr"><is><t>投资方</t></is></c></row>`;
const sheetTail = `</sheetData></worksheet>`;

/**
 * A workbook whose one sheet inflates to about `inflatedBytes` of `filler` (repeated), after a
 * header row. `declaredSize` is what the zip's directory claims for the sheet (default: the truth).
 */
export async function sheetBomb(opts: {
  inflatedBytes: number;
  /** What fills the sheet: a repeated XML fragment, or text inside one cell. */
  filler: 'rows' | 'one-cell' | 'comment';
  declaredSize?: number;
  /** Filler characters drawn at random from this alphabet (poorly compressible) instead of repeated. */
  randomAlphabet?: string;
}): Promise<Buffer> {
  const open = { rows: '', 'one-cell': '<row r="2"><c r="A2" t="inlineStr"><is><t>', comment: '<!--' }[
    opts.filler
  ];
  const close = { rows: '', 'one-cell': '</t></is></c></row>', comment: '-->' }[opts.filler];
  const unit =
    opts.filler === 'rows' ? '<row><c t="inlineStr"><is><t>扩建项目</t></is></c></row>' : 'AAAAAAAAAAAAAAAA';
  const block = Buffer.from(unit.repeat(Math.ceil(65_536 / unit.length)));
  const sheet = await deflateParts(function* parts() {
    yield Buffer.from(sheetHead + open);
    let left = opts.inflatedBytes;
    let seed = 7;
    while (left > 0) {
      let chunk = left >= block.length ? block : block.subarray(0, left);
      if (opts.randomAlphabet) {
        const alphabet = opts.randomAlphabet;
        chunk = Buffer.from(
          Array.from({ length: chunk.length }, () => {
            seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
            return alphabet[seed % alphabet.length];
          }).join(''),
        );
      }
      yield chunk;
      left -= chunk.length;
    }
    yield Buffer.from(close + sheetTail);
  });
  return zip([
    small('xl/workbook.xml', workbook),
    small('xl/_rels/workbook.xml.rels', rels),
    {
      name: 'xl/worksheets/sheet1.xml',
      ...sheet,
      declaredSize: opts.declaredSize ?? sheet.size,
    },
  ]);
}
