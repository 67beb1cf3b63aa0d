import ExcelJS from 'exceljs';
import { startOfShanghaiDay } from '@landfall/domain/dates';
import type { Brief } from './brief.service.ts';
import { cellValue } from '../exports/xlsx-writer.ts';

const recordTypeLabels: Record<string, string> = {
  lead: '招商信息',
  project: '项目',
  matter: '协调事项',
  unit: '责任单位',
  task: '交办事项',
};

/**
 * The brief as a workbook: one sheet with the title, issue line and period above a table of
 * every line (section, number, text, date, amount in 万元, the record it links to); a city's brief
 * has a 区县 column after the number.
 */
export async function writeBriefXlsx(brief: Brief): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = brief.issuer;
  workbook.created = startOfShanghaiDay(brief.date);
  workbook.modified = startOfShanghaiDay(brief.date);
  const sheet = workbook.addWorksheet('简报');
  const districts = brief.tenants.length > 1;
  const columns = [
    { key: 'section', width: 30, header: '部分' },
    { key: 'no', width: 6, header: '序号' },
    ...(districts ? [{ key: 'district', width: 14, header: '区县' }] : []),
    { key: 'text', width: 90, header: '内容' },
    { key: 'date', width: 12, header: '日期' },
    { key: 'amount', width: 14, header: '金额（万元）' },
    { key: 'type', width: 12, header: '记录类型' },
    { key: 'id', width: 38, header: '记录编号' },
  ];
  sheet.columns = columns.map(({ key, width }) => ({ key, width }));
  const last = String.fromCharCode(64 + columns.length);
  const col = (key: string) => columns.findIndex((c) => c.key === key) + 1;
  sheet.mergeCells(`A1:${last}1`);
  sheet.getCell('A1').value = cellValue(brief.title);
  sheet.getCell('A1').font = { size: 16, bold: true, color: { argb: 'FFC00000' } };
  sheet.getCell('A1').alignment = { horizontal: 'center' };
  sheet.mergeCells(`A2:${last}2`);
  sheet.getCell('A2').value = cellValue(`${brief.issueNumber}\u3000${brief.issuer}\u3000${brief.dateText}`);
  sheet.getCell('A2').alignment = { horizontal: 'center' };
  sheet.mergeCells(`A3:${last}3`);
  sheet.getCell('A3').value = cellValue(`统计期间：${brief.period.from}至${brief.period.to}`);
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  for (const section of brief.sections) {
    const summary: Record<string, string | number | null> = {
      section: section.heading,
      text: section.summary,
    };
    sheet.addRow(columns.map((c) => cellValue(summary[c.key]))).font = { bold: true };
    section.lines.forEach((line, i) => {
      // Every text is neutralised as in the other exports (exports/xlsx-writer.ts): a name typed as
      // =HYPERLINK(…) stays text (CWE-1236).
      const cells: Record<string, string | number | null> = {
        section: section.heading,
        no: i + 1,
        district: line.tenantName,
        text: line.text,
        date: line.date,
        amount: line.amountFen === null ? null : line.amountFen / 1_000_000,
        type: recordTypeLabels[line.type] ?? line.type,
        id: line.id,
      };
      const row = sheet.addRow(columns.map((c) => cellValue(cells[c.key])));
      row.getCell(col('amount')).numFmt = '#,##0.00';
      row.getCell(col('text')).alignment = { wrapText: true, vertical: 'top' };
    });
  }
  sheet.views = [{ state: 'frozen', ySplit: 4 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
