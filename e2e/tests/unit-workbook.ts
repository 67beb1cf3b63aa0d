import ExcelJS from 'exceljs';

/**
 * A district's quarterly workbook as the investment office assembles it from its units: a 汇总
 * sheet first (one row per unit and a 合计), then one sheet per unit named after it, each as
 * the unit filled it in — its own title, its own 填报单位/截止时间/单位 line, its own columns,
 * its own amount unit, and no 责任单位 column (the sheet is the unit's). Behind them a hidden
 * sheet left over from last quarter and a 填表说明 sheet, neither to be imported.
 */
export interface UnitProject {
  name: string;
  investor: string;
  /** 协议投资额 in 万元 (written in the sheet's own unit). */
  agreedWan: number;
  /** 累计到位 in 万元. */
  cumulativeWan: number;
  date: string;
  progress: string;
}

/** 经开区: a 新签约项目一览表 (every row 签约 by its title), amounts in 万元, cut-off on its line. */
export const zoneProjects: UnitProject[] = [
  {
    name: '瑞驰新能源电池包项目',
    investor: '重庆瑞驰新能源科技有限公司',
    agreedWan: 52000,
    cumulativeWan: 6500,
    date: '2025-03-18',
    progress: '已完成土地摘牌',
  },
  {
    name: '海川精密模具产业园',
    investor: '浙江海川模具有限公司',
    agreedWan: 18000,
    cumulativeWan: 1200,
    date: '2025-06-06',
    progress: '正在办理施工许可',
  },
];

/** 龙都街道: a 推进台账 (no stage in its title), amounts in 亿元, cut-off from the title's 1-9月. */
export const streetProjects: UnitProject[] = [
  {
    name: '龙都滨江文旅综合体',
    investor: '四川锦华文旅集团有限公司',
    agreedWan: 35000,
    cumulativeWan: 4000,
    date: '2025-05-12',
    progress: '主体工程施工',
  },
  {
    name: '万州烤鱼预制菜加工项目',
    investor: '重庆鱼乐食品有限公司',
    agreedWan: 8500,
    cumulativeWan: 1500,
    date: '2025-07-01',
    progress: '设备安装调试',
  },
  {
    name: '龙都智慧农贸市场改造项目',
    investor: '重庆万商市场管理有限公司',
    agreedWan: 2500,
    cumulativeWan: 500,
    date: '2025-08-20',
    progress: '招标完成',
  },
];

const sum = (rows: UnitProject[], key: 'agreedWan' | 'cumulativeWan') =>
  rows.reduce((total, r) => total + r[key], 0);

/** What the 汇总 says of 龙都街道's 协议投资额, on purpose not what its sheet adds up to. */
export const streetAgreedInSummary = sum(streetProjects, 'agreedWan') + 1000;
/** The 汇总 row of 龙都街道 (data starts on row 4: title, line, header). */
export const summaryStreetRow = 5;

/** The one project of the hidden sheet: never imported unless someone ticks the sheet. */
export const hiddenProject = '旧表测试冷库项目';

export async function buildUnitWorkbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();

  const summary = book.addWorksheet('汇总');
  summary.addRow(['万州区2025年1-9月招商引资项目汇总表']);
  summary.addRow(['填报单位：万州区投资促进局        单位：万元']);
  summary.addRow(['序号', '单位', '项目个数', '协议投资额（万元）', '累计到位（万元）']);
  summary.addRow([
    1,
    '经开区',
    zoneProjects.length,
    sum(zoneProjects, 'agreedWan'),
    sum(zoneProjects, 'cumulativeWan'),
  ]);
  summary.addRow([
    2,
    '龙都街道',
    streetProjects.length,
    streetAgreedInSummary,
    sum(streetProjects, 'cumulativeWan'),
  ]);
  const all = [...zoneProjects, ...streetProjects];
  summary.addRow([
    '合计',
    null,
    all.length,
    sum(zoneProjects, 'agreedWan') + streetAgreedInSummary,
    sum(all, 'cumulativeWan'),
  ]);
  summary.mergeCells(1, 1, 1, 5);
  summary.mergeCells(2, 1, 2, 5);

  const zone = book.addWorksheet('经开区');
  zone.addRow(['万州经开区2025年新签约项目一览表']);
  zone.addRow(['填报单位：经开区        截止时间：2025年9月30日        单位：万元']);
  zone.addRow(['序号', '项目名称', '投资方', '协议投资额', '签约时间', '累计到位', '目前进展']);
  zoneProjects.forEach((p, i) =>
    zone.addRow([i + 1, p.name, p.investor, p.agreedWan, p.date, p.cumulativeWan, p.progress]),
  );
  zone.mergeCells(1, 1, 1, 7);
  zone.mergeCells(2, 1, 2, 7);

  const street = book.addWorksheet('龙都街道');
  street.addRow(['龙都街道2025年1-9月招商引资项目推进台账']);
  street.addRow(['填报单位：龙都街道办事处        单位：亿元']);
  street.addRow(['序号', '项目名称', '企业名称', '总投资', '开工时间', '累计到位资金', '进展情况']);
  streetProjects.forEach((p, i) =>
    street.addRow([
      i + 1,
      p.name,
      p.investor,
      p.agreedWan / 10000,
      p.date,
      p.cumulativeWan / 10000,
      p.progress,
    ]),
  );
  street.addRow(['合计', null, null, sum(streetProjects, 'agreedWan') / 10000]);
  street.mergeCells(1, 1, 1, 7);
  street.mergeCells(2, 1, 2, 7);

  const old = book.addWorksheet('6月旧表', { state: 'hidden' });
  old.addRow(['龙都街道2025年1-6月招商引资项目推进台账']);
  old.addRow(['序号', '项目名称', '企业名称', '总投资', '进展情况']);
  old.addRow([1, hiddenProject, '重庆旧表测试有限公司', 0.2, '已停止洽谈']);

  const notes = book.addWorksheet('填表说明');
  notes.addRow(['填表说明']);
  notes.addRow(['1. 各单位按本单位工作表填报，金额单位以表头为准。']);
  notes.addRow(['2. 截止时间为统计期末。']);

  return Buffer.from(await book.xlsx.writeBuffer());
}
