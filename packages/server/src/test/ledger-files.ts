/**
 * Ledger files as offices make them, built by the tests: a grid of cells with merge
 * ranges, written as .xlsx (exceljs), legacy .xls (SheetJS CE, BIFF8) or CSV in UTF-8
 * (with or without BOM) or GBK.
 */
import { createRequire } from 'node:module';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { buildCreditCode } from '@landfall/domain/credit-code';
import type { Cell } from '@landfall/domain/import/index';

const require = createRequire(import.meta.url);

export interface Grid {
  rows: Cell[][];
  /** [firstRow, firstCol, lastRow, lastCol], 1-based as Excel counts. */
  merges: [number, number, number, number][];
}

export function creditCode(n: number, division = '440606'): string {
  const body = String(10_000_000 + n).slice(-8);
  return buildCreditCode({ authority: '9', entityType: '1', divisionCode: division, organisationBody: body });
}

export interface OfficeRow {
  name: Cell;
  investor?: Cell;
  code?: Cell;
  place?: Cell;
  unit?: Cell;
  agreed?: Cell;
  fixed?: Cell;
  plan?: Cell;
  month?: Cell;
  cumulative?: Cell;
  signed?: Cell;
  started?: Cell;
  leader?: Cell;
  contact?: Cell;
  progress?: Cell;
  problems?: Cell;
}

/**
 * The 推进台账 layout: a merged title, the 填报单位/截止时间/单位 line, a two-row header with
 * 投资方 and 到位资金 groups, sections by stage (一、在谈项目（N个）) with blank rows between,
 * a 合计 row and a 注 row. No stage column: the section says the stage.
 */
export function officeLedger(opts: {
  title?: string;
  metaLine?: string;
  sections: { title: string; rows: OfficeRow[] }[];
  total?: boolean;
  notes?: string[];
}): Grid {
  const rows: Cell[][] = [];
  const merges: Grid['merges'] = [];
  const width = 17;
  rows.push([opts.title ?? '万州区2017年招商引资项目推进台账']);
  merges.push([1, 1, 1, width]);
  rows.push([opts.metaLine ?? '填报单位：万州区投资促进局        截止时间：2017年9月30日        单位：万元']);
  merges.push([2, 1, 2, width]);
  rows.push([
    '序号',
    '项目名称',
    '投资方',
    null,
    null,
    '责任单位',
    '协议投资额\n（万元）',
    '其中：固定资产投资',
    '到位资金',
    null,
    null,
    '签约时间',
    '开工时间',
    '联系领导',
    '联系人',
    '目前进展',
    '存在问题',
  ]);
  rows.push([
    null,
    null,
    '名称',
    '统一社会信用代码',
    '所在地',
    null,
    null,
    null,
    '本年计划',
    '本月到位',
    '累计到位',
    null,
    null,
    null,
    null,
    null,
    null,
  ]);
  for (const c of [1, 2, 6, 7, 8, 12, 13, 14, 15, 16, 17]) merges.push([3, c, 4, c]);
  merges.push([3, 3, 3, 5], [3, 9, 3, 11]);
  let seq = 0;
  for (const section of opts.sections) {
    rows.push([`${section.title}（${section.rows.length}个）`]);
    merges.push([rows.length, 1, rows.length, width]);
    for (const r of section.rows) {
      seq += 1;
      rows.push([
        seq,
        r.name,
        r.investor ?? null,
        r.code ?? null,
        r.place ?? null,
        r.unit ?? null,
        r.agreed ?? null,
        r.fixed ?? null,
        r.plan ?? null,
        r.month ?? null,
        r.cumulative ?? null,
        r.signed ?? null,
        r.started ?? null,
        r.leader ?? null,
        r.contact ?? null,
        r.progress ?? null,
        r.problems ?? null,
      ]);
    }
    rows.push([]);
  }
  if (opts.total !== false) rows.push(['合计', null, null, null, null, null, '=SUM(G6:G20)']);
  for (const note of opts.notes ?? ['注：1.本表金额单位为万元；2.到位资金按实际到账统计。'])
    rows.push([note]);
  return { rows, merges };
}

/** What Excel would have cached for a formula of the grid (SUM over one column's range), as a real file has it. */
function cachedResult(grid: Grid, formula: string): number {
  const m = /^=SUM\(([A-Z])(\d+):([A-Z])(\d+)\)$/.exec(formula);
  if (!m) return 0;
  const column = m[1]!.charCodeAt(0) - 65;
  let sum = 0;
  for (let r = Number(m[2]); r <= Number(m[4]); r++) {
    const value = grid.rows[r - 1]?.[column];
    if (typeof value === 'number') sum += value;
  }
  return Math.round(sum * 1e6) / 1e6;
}

export async function toXlsx(grid: Grid): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('台账');
  grid.rows.forEach((cells, i) => {
    const row = sheet.getRow(i + 1);
    cells.forEach((value, j) => {
      if (value === null || value === undefined) return;
      if (typeof value === 'string' && value.startsWith('=')) {
        row.getCell(j + 1).value = { formula: value.slice(1), result: cachedResult(grid, value) };
      } else {
        row.getCell(j + 1).value = value;
        if (value instanceof Date) row.getCell(j + 1).numFmt = 'yyyy-mm-dd';
      }
    });
    row.commit();
  });
  for (const [r1, c1, r2, c2] of grid.merges) sheet.mergeCells(r1, c1, r2, c2);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

interface SheetJsWriter {
  utils: {
    aoa_to_sheet(rows: unknown[][], opts?: Record<string, unknown>): Record<string, unknown>;
    book_new(): unknown;
    book_append_sheet(wb: unknown, ws: unknown, name: string): void;
  };
  write(wb: unknown, opts: Record<string, unknown>): Buffer;
}

/** Legacy Excel 97-2003 (.xls, BIFF8), as SheetJS CE writes it. */
export function toXls(grid: Grid): Buffer {
  const XLSX = require('@e965/xlsx') as SheetJsWriter;
  const rows = grid.rows.map((r) =>
    r.map((c) => (typeof c === 'string' && c.startsWith('=') ? cachedResult(grid, c) : c)),
  );
  const sheet = XLSX.utils.aoa_to_sheet(rows, { cellDates: true });
  sheet['!merges'] = grid.merges.map(([r1, c1, r2, c2]) => ({
    s: { r: r1 - 1, c: c1 - 1 },
    e: { r: r2 - 1, c: c2 - 1 },
  }));
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, '台账');
  return XLSX.write(book, { type: 'buffer', bookType: 'xls' });
}

/** CSV as Excel saves it: UTF-8 with BOM ("CSV UTF-8"), plain UTF-8, or GBK (the Chinese default). */
export function toCsv(grid: Grid, encoding: 'utf8' | 'utf8-bom' | 'gbk'): Buffer {
  const text = grid.rows
    .map((r) =>
      r
        .map((c) => {
          const s =
            c === null || c === undefined ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c);
          return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
        })
        .join(','),
    )
    .join('\r\n');
  if (encoding === 'gbk') return iconv.encode(text, 'gbk');
  const body = Buffer.from(text, 'utf8');
  return encoding === 'utf8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}
