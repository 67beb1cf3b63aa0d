/**
 * The files of the `landfall import` option tests (cli/import-options-cli.test.ts), written as
 * real .xlsx: a workbook of unit sheets (经信委, 商务局, a hidden 旧表, a 说明 sheet) and plain
 * tables that need one choice each (no stage column, the office's own stage words, a stage
 * column under a header no synonym reads, no unit column), and units.xlsx that creates the units.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Cell } from '@landfall/domain/import/index';
import { creditCode, toXlsx } from './ledger-files.ts';

interface Row {
  name: string;
  n: number;
  agreed: number;
  stage?: string;
  unit?: string;
}

/** A plain office table: title, meta line, one header row; columns as asked. */
export function table(opts: {
  title: string;
  meta?: string;
  stageHeader?: string;
  stage?: boolean;
  unit?: boolean;
  rows: Row[];
}): Cell[][] {
  const header: Cell[] = ['序号', '项目名称', '投资方', '统一社会信用代码', '协议投资额（万元）'];
  if (opts.stage) header.push(opts.stageHeader ?? '项目阶段');
  if (opts.unit) header.push('责任单位');
  const rows: Cell[][] = [[opts.title], [opts.meta ?? '截止时间：2017年9月30日    单位：万元'], header];
  opts.rows.forEach((r, i) => {
    const cells: Cell[] = [i + 1, r.name, `${r.name}有限公司`, creditCode(r.n), r.agreed];
    if (opts.stage) cells.push(r.stage ?? null);
    if (opts.unit) cells.push(r.unit ?? null);
    rows.push(cells);
  });
  return rows;
}

/** 经信委 and 商务局 (sheets named by unit), a hidden old sheet, a 说明 sheet. */
export async function workbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheets: { name: string; rows: Cell[][]; hidden?: boolean }[] = [
    {
      name: '经信委',
      rows: table({
        title: '2017年招商引资项目推进台账',
        stage: true,
        rows: [
          { name: '多表项目甲', n: 301, agreed: 1000, stage: '签约' },
          { name: '多表项目乙', n: 302, agreed: 2000, stage: '签约' },
        ],
      }),
    },
    {
      name: '商务局',
      rows: table({
        title: '2017年1-9月招商引资项目推进台账',
        meta: '单位：万元',
        stage: true,
        rows: [{ name: '多表项目丙', n: 303, agreed: 3000, stage: '在谈' }],
      }),
    },
    {
      name: '旧表',
      hidden: true,
      rows: table({
        title: '招商引资项目推进台账',
        meta: '单位：万元',
        stage: true,
        rows: [{ name: '多表项目丁', n: 304, agreed: 4000, stage: '在谈' }],
      }),
    },
    { name: '说明', rows: [['填表说明'], ['1. 金额单位为万元。'], ['2. 每月5日前报送。']] },
  ];
  for (const s of sheets) {
    const sheet = book.addWorksheet(s.name, s.hidden ? { state: 'hidden' } : {});
    s.rows.forEach((cells) => sheet.addRow(cells));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function writeImportFiles(dir: string) {
  const file = (name: string) => join(dir, name);
  // Agreed investment in 万美元: needs --usd-rate.
  await writeFile(
    file('usd.xlsx'),
    await toXlsx({
      rows: [
        ['2017年外资招商项目台账'],
        ['截止时间：2017年9月30日'],
        ['序号', '项目名称', '责任单位', '项目阶段', '协议投资额（万美元）'],
        [1, '外资项目甲', '经信委', '签约', 1000],
        [2, '外资项目乙', '商务局', '签约', '250.5'],
      ],
      merges: [],
    }),
  );
  await writeFile(file('book.xlsx'), await workbook());
  const xlsx = (rows: Cell[][]) => toXlsx({ rows, merges: [] });
  // No stage column, a title that names none: rows need --stage.
  await writeFile(
    file('no-stage.xlsx'),
    await xlsx(
      table({
        title: '招商引资项目情况表',
        unit: true,
        rows: [
          { name: '无阶段项目甲', n: 311, agreed: 500, unit: '经信委' },
          { name: '无阶段项目乙', n: 312, agreed: 600, unit: '商务局' },
        ],
      }),
    ),
  );
  // The office's own stage words.
  await writeFile(
    file('own-labels.xlsx'),
    await xlsx(
      table({
        title: '招商引资项目情况表',
        stage: true,
        unit: true,
        rows: [
          { name: '自有写法项目甲', n: 321, agreed: 700, stage: '推进中', unit: '经信委' },
          { name: '自有写法项目乙', n: 322, agreed: 800, stage: '已签约', unit: '经信委' },
        ],
      }),
    ),
  );
  // The stages stand under 推进状态, which no synonym reads as 项目阶段.
  await writeFile(
    file('odd-header.xlsx'),
    await xlsx(
      table({
        title: '招商引资项目情况表',
        stageHeader: '推进状态',
        stage: true,
        unit: true,
        rows: [{ name: '标的项目甲', n: 331, agreed: 900, stage: '签约', unit: '经信委' }],
      }),
    ),
  );
  // No 责任单位 column: rows need --unit.
  await writeFile(
    file('no-unit.xlsx'),
    await xlsx(
      table({
        title: '招商引资项目情况表',
        stage: true,
        rows: [{ name: '无单位项目甲', n: 341, agreed: 1100, stage: '签约' }],
      }),
    ),
  );
  // The tenant's units (经信委, 商务局) come from importing this one first.
  await writeFile(
    file('units.xlsx'),
    await xlsx(
      table({
        title: '招商引资项目情况表',
        stage: true,
        unit: true,
        rows: [
          { name: '已投产项目甲', n: 351, agreed: 100, stage: '投产', unit: '经信委' },
          { name: '已投产项目乙', n: 352, agreed: 100, stage: '投产', unit: '商务局' },
        ],
      }),
    ),
  );
}
