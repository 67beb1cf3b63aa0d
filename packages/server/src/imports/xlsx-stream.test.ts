import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { isDateFormat, openXlsxSheet } from './xlsx-stream.ts';
import { bigLedgerUnits, writeBigLedger } from '../test/big-ledger.ts';
import { importLimits } from './file-format.ts';

describe('the streaming .xlsx reader', () => {
  it('keeps Chinese text whole across inflate chunks (exceljs split them into ��)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'landfall-xlsx-'));
    try {
      const file = join(dir, 'big.xlsx');
      await writeBigLedger(file, 3000);
      const sheet = await openXlsxSheet(await readFile(file), importLimits);
      const units = new Set<string>();
      let rows = 0;
      for await (const r of sheet.rows()) {
        rows += 1;
        const text = r.cells.filter((c) => typeof c === 'string').join('');
        expect(text, `row ${r.row}`).not.toContain('\ufffd');
        if (r.row > 5 && typeof r.cells[5] === 'string') units.add(r.cells[5]);
      }
      expect(rows).toBe(3000 + 9);
      expect([...units].sort()).toEqual([...bigLedgerUnits].sort());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads shared strings, numbers, booleans, dates by their format, formulas by their cached value', async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('台账');
    ws.getCell('A1').value = '项目名称';
    ws.getCell('B2').value = 1234.56;
    ws.getCell('C2').value = true;
    ws.getCell('D2').value = new Date(Date.UTC(2017, 2, 15));
    ws.getCell('E2').value = { formula: 'B2*2', result: 2469.12 };
    ws.getCell('F2').value = { richText: [{ text: '富' }, { text: '文本' }] };
    ws.getCell('G2').value = 42999;
    ws.getCell('G2').numFmt = 'yyyy"年"m"月"d"日"';
    const sheet = await openXlsxSheet(Buffer.from(await book.xlsx.writeBuffer()), importLimits);
    const rows = [];
    for await (const r of sheet.rows()) rows.push(r);
    expect(rows[0]).toEqual({ row: 1, cells: ['项目名称'] });
    expect(rows[1]!.row).toBe(2);
    const [a, b, c, d, e, f, g] = rows[1]!.cells;
    expect([a, b, c, e, f]).toEqual([null, 1234.56, true, 2469.12, '富文本']);
    expect((d as Date).toISOString().slice(0, 10)).toBe('2017-03-15');
    expect((g as Date).toISOString().slice(0, 10)).toBe('2017-09-21');
  });

  it('stops a sheet that inflates past the limit, whatever the zip declared, and cuts endless cells', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'landfall-xlsx-'));
    try {
      const file = join(dir, 'big.xlsx');
      await writeBigLedger(file, 2000);
      const sheet = await openXlsxSheet(await readFile(file), { ...importLimits, unzippedBytes: 50_000 });
      const read = async () => {
        for await (const _ of sheet.rows()) void _;
      };
      await expect(read()).rejects.toThrow(/beyond the limit/);

      const book = new ExcelJS.Workbook();
      book.addWorksheet('台账').getCell('A1').value = '长'.repeat(5000);
      const small = await openXlsxSheet(Buffer.from(await book.xlsx.writeBuffer()), {
        ...importLimits,
        cellChars: 100,
      });
      for await (const r of small.rows()) expect(String(r.cells[0]).length).toBe(100);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('knows date number formats', () => {
    expect(['yyyy-mm-dd', 'yyyy"年"m"月"d"日"', 'm/d/yy', '[$-804]yyyy年m月d日'].map(isDateFormat)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['0.00', '#,##0', '"万元"0.00', '@', 'General'].map(isDateFormat)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
