import ExcelJS from 'exceljs';
import { startOfShanghaiDay } from '@landfall/domain/dates';
import type { Brief } from './brief.service.ts';

const recordTypeLabels: Record<string, string> = {
  lead: '招商信息',
  project: '项目',
  matter: '协调事项',
  unit: '责任单位',
  task: '交办事项',
};

/**
 * The brief as a workbook: one sheet with the title, issue line and period above a table of
 * every line (section, number, text, date, amount in 万元, the record it links to).
 */
export async function writeBriefXlsx(brief: Brief): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = brief.issuer;
  workbook.created = startOfShanghaiDay(brief.date);
  workbook.modified = startOfShanghaiDay(brief.date);
  const sheet = workbook.addWorksheet('简报');
  sheet.columns = [
    { key: 'section', width: 30 },
    { key: 'no', width: 6 },
    { key: 'text', width: 90 },
    { key: 'date', width: 12 },
    { key: 'amount', width: 14 },
    { key: 'type', width: 12 },
    { key: 'id', width: 38 },
  ];
  sheet.mergeCells('A1:G1');
  sheet.getCell('A1').value = brief.title;
  sheet.getCell('A1').font = { size: 16, bold: true, color: { argb: 'FFC00000' } };
  sheet.getCell('A1').alignment = { horizontal: 'center' };
  sheet.mergeCells('A2:G2');
  sheet.getCell('A2').value = `${brief.issueNumber}\u3000${brief.issuer}\u3000${brief.dateText}`;
  sheet.getCell('A2').alignment = { horizontal: 'center' };
  sheet.mergeCells('A3:G3');
  sheet.getCell('A3').value = `统计期间：${brief.period.from}至${brief.period.to}`;
  const header = sheet.addRow(['部分', '序号', '内容', '日期', '金额（万元）', '记录类型', '记录编号']);
  header.font = { bold: true };
  for (const section of brief.sections) {
    sheet.addRow([section.heading, null, section.summary, null, null, null, null]).font = { bold: true };
    section.lines.forEach((line, i) => {
      const row = sheet.addRow([
        section.heading,
        i + 1,
        line.text,
        line.date,
        line.amountFen === null ? null : line.amountFen / 1_000_000,
        recordTypeLabels[line.type] ?? line.type,
        line.id,
      ]);
      row.getCell(5).numFmt = '#,##0.00';
      row.getCell(3).alignment = { wrapText: true, vertical: 'top' };
    });
  }
  sheet.views = [{ state: 'frozen', ySplit: 4 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
