/**
 * The error report (错误报告): every error and warning of a preview with its row number
 * as Excel shows it, cell, column, value and message, so a person can fix the file.
 */
import type { ImportSummary } from './import-engine.ts';
import { allBorders, cellValue, streamingWorkbook } from '../exports/xlsx-writer.ts';

export async function writeErrorReport(filename: string, summary: ImportSummary): Promise<Buffer> {
  const { workbook, finish } = streamingWorkbook();
  const sheets = [
    { name: '错误', list: summary.errors, count: summary.errorCount },
    { name: '提示', list: summary.warnings, count: summary.warningCount },
  ];
  // A workbook of several sheets: each issue says which sheet its row is on.
  const bySheet = [...summary.errors, ...summary.warnings].some((issue) => issue.sheet);
  for (const { name, list, count } of sheets) {
    const sheet = workbook.addWorksheet(name);
    sheet.columns = [...(bySheet ? [16] : []), 8, 8, 22, 30, 50].map((width) => ({ width }));
    sheet
      .addRow([
        `${filename} 导入${name}（共 ${count} 处${count > list.length ? `，列出前 ${list.length} 处` : ''}）`,
      ])
      .commit();
    const head = sheet.addRow([
      ...(bySheet ? ['工作表'] : []),
      '行号',
      '单元格',
      '列',
      '值',
      name === '错误' ? '错误说明' : '提示说明',
    ]);
    head.eachCell((cell) => {
      cell.font = { bold: true };
      cell.border = allBorders;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    });
    head.commit();
    for (const issue of list) {
      const row = sheet.addRow([
        ...(bySheet ? [cellValue(issue.sheet ?? '')] : []),
        issue.row || null,
        cellValue(issue.cell),
        cellValue(issue.column),
        cellValue(issue.value),
        cellValue(issue.message),
      ]);
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.border = allBorders;
      });
      row.commit();
    }
    sheet.commit();
  }
  return finish();
}
