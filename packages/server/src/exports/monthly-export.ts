/** The monthly statistics of funds in place by unit (月度统计表), for any month. */
import { monthEnd, monthStart, shanghaiToday } from '@landfall/domain/dates';
import { timeProgress, yearOnYearGrowth } from '@landfall/domain/metrics';
import { formatWan } from '@landfall/domain/money';
import type { Ctx } from '../context.ts';
import { authorize } from '../auth/authorize.ts';
import { AppError } from '../http/app-error.ts';
import { getTenant } from '../tenants/tenant.repo.ts';
import { readDashboard } from '../dashboard/dashboard.service.ts';
import { knownBeforeOf } from '../ledger/ledger.reads.ts';
import { lateFundsByUnit } from './monthly-late.ts';
import { allBorders, cellValue, chineseDate, streamingWorkbook, wanNumber } from './xlsx-writer.ts';

/**
 * 月度统计表: funds in place (市外口径) by unit for a month — target, this month, cumulative, the same
 * period last year and 同比, completion, pace, rank — every figure of one dashboard read (one knownOn).
 */
export async function exportMonthly(ctx: Ctx, input: { month: string; tenantId?: string; knownOn?: string }) {
  await authorize(ctx, 'export.monthly');
  const today = shanghaiToday(ctx.clock.now());
  const from = monthStart(input.month);
  if (from > today) {
    throw new AppError(
      'validation_failed',
      ctx.locale === 'zh-CN' ? '该月份尚未开始' : 'That month has not begun',
    );
  }
  const end = monthEnd(input.month) < today ? monthEnd(input.month) : today;
  const year = Number(input.month.slice(0, 4));
  const now = await readDashboard(ctx, { year, asOf: end, tenantId: input.tenantId, knownOn: input.knownOn });
  const tenant = await getTenant(ctx.db, now.tenant.id);
  const progress = timeProgress(end, year, 'month');

  const { workbook, finish } = streamingWorkbook();
  const sheet = workbook.addWorksheet('月度统计', {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const headers = [
    '排名',
    '责任单位',
    '全年目标',
    '本月到位',
    '本年累计到位',
    '上年同期',
    '同比',
    '完成率',
    '时间进度',
    '超欠进度',
    '状态',
  ];
  sheet.columns = [8, 22, 14, 14, 16, 14, 10, 10, 10, 10, 10].map((width) => ({ width }));
  const [y, m] = input.month.split('-');
  const titleRow = sheet.addRow([`${tenant.name}${Number(y)}年${Number(m)}月招商引资到位资金统计表`]);
  titleRow.getCell(1).font = { size: 16, bold: true };
  titleRow.getCell(1).alignment = { horizontal: 'center' };
  sheet.mergeCells(1, 1, 1, headers.length);
  titleRow.commit();
  const meta = sheet.addRow([`填报单位：${tenant.name}    统计截止：${chineseDate(end)}    单位：万元`]);
  sheet.mergeCells(2, 1, 2, headers.length);
  meta.commit();
  const head = sheet.addRow(headers);
  head.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = allBorders;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  head.commit();
  const first = 4;
  let rowNumber = 3;
  let totalTarget = 0;
  let totalMonth = 0;
  let totalActual = 0;
  let totalLastYear = 0;
  for (const u of now.units) {
    totalTarget += u.target ?? 0;
    totalMonth += u.month;
    totalActual += u.actual;
    totalLastYear += u.lastYear;
    const row = sheet.addRow([
      u.rank,
      cellValue(u.name),
      wanNumber(u.target),
      wanNumber(u.month),
      wanNumber(u.actual),
      wanNumber(u.lastYear),
      u.yoy,
      u.completion,
      progress,
      u.gap,
      u.gap === null ? '无目标' : u.gap >= 0 ? '超进度' : '欠进度',
    ]);
    rowNumber += 1;
    styleStatsRow(row);
    row.commit();
  }
  const lastData = rowNumber;
  const completion = totalTarget > 0 ? totalActual / totalTarget : null;
  const total = sheet.addRow(['合计', '']);
  rowNumber += 1;
  const sumCell = (col: string, value: number) =>
    lastData >= first ? { formula: `SUM(${col}${first}:${col}${lastData})`, result: wanNumber(value)! } : 0;
  total.getCell(3).value = sumCell('C', totalTarget);
  total.getCell(4).value = sumCell('D', totalMonth);
  total.getCell(5).value = sumCell('E', totalActual);
  total.getCell(6).value = sumCell('F', totalLastYear);
  const yoy = totalLastYear > 0 ? yearOnYearGrowth(Math.max(0, totalActual), totalLastYear) : null;
  total.getCell(7).value =
    yoy === null
      ? null
      : { formula: `IF(F${rowNumber}=0,"",(E${rowNumber}-F${rowNumber})/F${rowNumber})`, result: yoy };
  total.getCell(8).value =
    completion === null
      ? null
      : { formula: `IF(C${rowNumber}=0,"",E${rowNumber}/C${rowNumber})`, result: completion };
  total.getCell(9).value = progress;
  total.getCell(10).value =
    completion === null
      ? null
      : { formula: `IF(C${rowNumber}=0,"",H${rowNumber}-I${rowNumber})`, result: completion - progress };
  styleStatsRow(total);
  total.eachCell({ includeEmpty: true }, (cell) => {
    cell.font = { bold: true };
  });
  total.commit();
  const note = sheet.addRow([
    '注：口径为市外到位资金（市外省内＋省外＋境外，不含市内）；上年同期为上年1月1日至上年同日；同比＝（本年累计－上年同期）÷上年同期；完成率＝本年累计到位÷全年目标；时间进度按已过月份计；超欠进度＝完成率－时间进度；排名按完成率。',
  ]);
  rowNumber += 1;
  sheet.mergeCells(rowNumber, 1, rowNumber, headers.length);
  note.commit();
  // 补录: what this month's 本月到位 holds for an earlier, closed month (封账), unit by unit.
  const late = await lateFundsByUnit(
    ctx.db,
    { asOf: end, knownBefore: knownBeforeOf(input.knownOn) },
    { from, basis: now.basis, unitIds: now.units.map((u) => u.unitId) },
  );
  if (late.length) {
    const names = new Map(now.units.map((u) => [u.unitId, u.name]));
    const text = late
      .map(
        (l) =>
          `${names.get(l.unitId) ?? ''} ${formatWan(Number(l.fen), { digits: 2 })} 万元（属 ${l.dates.join('、')}）`,
      )
      .join('；');
    const lateRow = sheet.addRow([`其中补录（已封账月份的到位资金，于本月登记）：${text}。`]);
    rowNumber += 1;
    sheet.mergeCells(rowNumber, 1, rowNumber, headers.length);
    lateRow.commit();
  }
  sheet.commit();
  return {
    bytes: await finish(),
    filename: `${tenant.name}${input.month}到位资金统计表.xlsx`,
    units: now.units.length,
  };
}

function styleStatsRow(row: import('exceljs').Row) {
  row.eachCell({ includeEmpty: true }, (cell, col) => {
    cell.border = allBorders;
    if (col >= 3 && col <= 6) cell.numFmt = '#,##0.00####';
    if (col >= 7 && col <= 10) cell.numFmt = '0.00%';
  });
}
