/**
 * A large office ledger (.xlsx) for the import's scale tests and benchmark: the office
 * layout (title, meta line, two-row merged header, sections by stage) with N project rows,
 * written with exceljs' streaming writer so generating it takes bounded memory too.
 */
import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { creditCode } from './ledger-files.ts';

const places = [
  '广东省佛山市',
  '上海市浦东新区',
  '浙江省宁波市',
  '江苏省苏州市',
  '北京市朝阳区',
  '四川省成都市',
];
/** The responsible units the big ledger names, in turn. */
export const bigLedgerUnits = [
  '经信委',
  '商务局',
  '发改委',
  '农委',
  '文旅委',
  '住建委',
  '高新区管委会',
  '工业园区',
  '龙都街道',
  '分水镇',
];

export const BIG_LEDGER_CUT_OFF = '2017-09-30';

/** Writes `rows` project rows to `path`; returns the sum of 累计到位 in fen (for checks). */
export async function writeBigLedger(
  path: string,
  rows: number,
): Promise<{ fundsFen: number; units: string[] }> {
  const stream = createWriteStream(path);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useSharedStrings: false,
    useStyles: false,
  });
  const sheet = workbook.addWorksheet('台账');
  sheet.addRow(['万州区招商引资项目推进台账']).commit();
  sheet.addRow(['填报单位：万州区投资促进局   截止时间：2017年9月30日   单位：万元']).commit();
  const top = [
    '序号',
    '项目名称',
    '投资方',
    null,
    null,
    '责任单位',
    '协议投资额',
    '其中：固定资产投资',
    '到位资金',
    null,
    null,
    '签约时间',
    '联系领导',
    '联系人',
    '目前进展',
  ];
  const sub = [
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
  ];
  const h1 = sheet.addRow(top);
  sheet.mergeCells(3, 3, 3, 5);
  sheet.mergeCells(3, 9, 3, 11);
  h1.commit();
  sheet.addRow(sub).commit();
  const sections = [
    { title: '一、在谈项目', share: 0.3, funded: false },
    { title: '二、已签约项目', share: 0.4, funded: true },
    { title: '三、开工建设项目', share: 0.3, funded: true },
  ];
  let seq = 0;
  let fundsFen = 0;
  for (const [si, section] of sections.entries()) {
    const count = si === sections.length - 1 ? rows - seq : Math.floor(rows * section.share);
    sheet.addRow([`${section.title}（${count}个）`]).commit();
    for (let i = 0; i < count; i += 1) {
      seq += 1;
      const agreed = 1000 + (seq % 97) * 100;
      const cumulative = section.funded ? (seq % 13) * 10.5 : null;
      if (cumulative) fundsFen += Math.round(cumulative * 1_000_000);
      sheet
        .addRow([
          seq,
          `规模测试项目${seq}号`,
          `规模测试投资有限公司${seq}`,
          creditCode(seq),
          places[seq % places.length],
          bigLedgerUnits[seq % bigLedgerUnits.length],
          agreed,
          agreed / 2,
          section.funded ? 500 : null,
          cumulative === null ? null : Math.min(cumulative, 10),
          cumulative,
          section.funded ? `2017.${(seq % 8) + 1}.${(seq % 27) + 1}` : null,
          '张副区长',
          '李明',
          `第${seq}号项目本周推进情况良好`,
        ])
        .commit();
    }
  }
  sheet.addRow(['合计']).commit();
  sheet.addRow(['注：金额单位为万元。']).commit();
  sheet.commit();
  await workbook.commit();
  return { fundsFen, units: bigLedgerUnits };
}
