import { describe, expect, it } from 'vitest';
import { FormatError, importLimits, inspectZip, sniffFormat } from './file-format.ts';
import { detectTextEncoding } from './sheet-reader.ts';
import iconv from 'iconv-lite';

function problemOf(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    return err instanceof FormatError ? err.problem : String(err);
  }
  return 'none';
}

describe('what an upload is, by its bytes', () => {
  it('tells xlsx, xls and csv apart and refuses the rest', () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    expect(sniffFormat(ole, 'old.xls')).toBe('xls');
    expect(sniffFormat(Buffer.from('项目名称,责任单位\n甲,乙\n'), 'a.csv')).toBe('csv');
    expect(sniffFormat(Buffer.from('项目名称\t责任单位\n'), 'a.txt')).toBe('csv');
    expect(problemOf(() => sniffFormat(Buffer.alloc(0), 'a.csv'))).toBe('empty');
    expect(problemOf(() => sniffFormat(Buffer.from([0, 1, 2, 0, 0]), 'a.bin'))).toBe('not_a_sheet');
    expect(problemOf(() => sniffFormat(Buffer.from('not really excel'), 'a.xlsx'))).toBe('corrupt');
    expect(problemOf(() => sniffFormat(Buffer.alloc(importLimits.fileBytes + 1, 0x41), 'big.csv'))).toBe(
      'too_large',
    );
  });

  it('reads the zip directory before inflating: bombs, encryption and broken archives are refused', () => {
    expect(
      problemOf(() => inspectZip(Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100)]))),
    ).toBe('corrupt');
    const entry = (opts: { size: number; compressed: number; flags?: number }) => {
      const name = Buffer.from('xl/worksheets/sheet1.xml');
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(opts.flags ?? 0, 8);
      central.writeUInt32LE(opts.compressed, 20);
      central.writeUInt32LE(opts.size, 24);
      central.writeUInt16LE(name.length, 28);
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      end.writeUInt16LE(1, 10);
      end.writeUInt32LE(central.length + name.length, 12);
      end.writeUInt32LE(4, 16);
      return Buffer.concat([Buffer.from('PK\u0003\u0004'), central, name, end]);
    };
    expect(problemOf(() => inspectZip(entry({ size: 100_000_000, compressed: 1000 })))).toBe('zip_bomb');
    expect(problemOf(() => inspectZip(entry({ size: 700_000_000, compressed: 650_000_000 })))).toBe(
      'zip_bomb',
    );
    expect(problemOf(() => inspectZip(entry({ size: 0xffffffff, compressed: 0xffffffff })))).toBe('zip_bomb');
    expect(problemOf(() => inspectZip(entry({ size: 1000, compressed: 500, flags: 1 })))).toBe('encrypted');
    expect(problemOf(() => inspectZip(entry({ size: 5_000_000, compressed: 1_000_000 })))).toBe('none');
  });

  it('takes CSV text as UTF-8 when it is valid UTF-8, else GB18030', () => {
    expect(detectTextEncoding(Buffer.from('项目名称,金额\n', 'utf8'))).toBe('utf-8');
    expect(detectTextEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('项目')]))).toBe(
      'utf-8',
    );
    expect(detectTextEncoding(iconv.encode('项目名称,责任单位,龙都街道\n', 'gbk'))).toBe('gb18030');
    expect(detectTextEncoding(Buffer.from('plain ascii,1,2\n'))).toBe('utf-8');
  });
});
