import { describe, expect, it } from 'vitest';
import type { Cell } from './cells.ts';
import type { ImportField } from './fields.ts';
import { classifyRow, detectLayout, MergedDownFiller, type DetectedLayout, type RowKind } from './layout.ts';
import { proposeMapping } from './fields.ts';

/** The worked example: a district ledger with a title, a meta line and a two-row header. */
const ledger: Cell[][] = [
  ['万州区2017年招商引资项目推进台账', null, null, null, null, null, null, null],
  ['填报单位：万州区投资促进局   截止时间：2017年9月30日   单位：万元'],
  [
    '序号',
    '项目名称',
    '投资方',
    null,
    null,
    '责任单位',
    '项目阶段',
    '协议投资额（万元）',
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
    '备注',
  ],
  [
    null,
    null,
    '名称',
    '统一社会信用代码',
    '所在地',
    null,
    null,
    null,
    null,
    '本年计划',
    '本月到位',
    '累计到位',
  ],
  ['一、在谈项目（22个）'],
  [
    1,
    'XX新能源电池项目',
    '广东XX科技有限公司',
    '91440300MA5DXXXX0X',
    '广东省深圳市',
    '经信委',
    '在谈',
    50000,
    40000,
    1000,
    null,
    null,
    null,
    null,
    '张三',
    '李四',
    '已开展第三轮洽谈',
    '无',
    null,
  ],
  [null, null, null, null],
  ['（二）已签约项目（3个）'],
  [
    2,
    'XX智能制造产业园',
    '重庆XX集团有限公司',
    null,
    '重庆市渝北区',
    '开发区',
    '签约',
    120000,
    100000,
    20000,
    500,
    3000,
    new Date(Date.UTC(2017, 2, 15)),
    null,
  ],
  ['合计', null, null, null, null, null, null, 170000, 140000, 21000, 500, 3000],
  ['注：1.本表金额单位为万元；2.到位资金为实际到位数。'],
];

function fieldsOf(layout: DetectedLayout | null): Array<ImportField | null> {
  return layout?.mapping.map((column) => column.field) ?? [];
}

describe('detectLayout', () => {
  it('reads the worked example: meta, a two-row header with forward-filled groups, units', () => {
    const layout = detectLayout(ledger);
    expect(layout?.headerRows).toEqual([2, 3]);
    expect(layout?.dataStart).toBe(4);
    expect(layout?.meta).toEqual({
      title: '万州区2017年招商引资项目推进台账',
      reportingUnit: '万州区投资促进局',
      cutOff: '2017-09-30',
      cutOffSource: { kind: 'cut_off_key', text: '截止时间：2017年9月30日', inTitle: false },
      reportDate: null,
      amountUnit: 'wan',
      lines: [
        '万州区2017年招商引资项目推进台账',
        '填报单位：万州区投资促进局   截止时间：2017年9月30日   单位：万元',
      ],
    });
    expect(layout?.headers.slice(0, 5)).toEqual([
      { text: '序号', parent: null },
      { text: '项目名称', parent: null },
      { text: '名称', parent: '投资方' },
      { text: '统一社会信用代码', parent: '投资方' },
      { text: '所在地', parent: '投资方' },
    ]);
    expect(layout?.headers.slice(9, 12)).toEqual([
      { text: '本年计划', parent: '到位资金' },
      { text: '本月到位', parent: '到位资金' },
      { text: '累计到位', parent: '到位资金' },
    ]);
    expect(layout?.headers[12]).toEqual({ text: '签约时间', parent: null });
    expect(fieldsOf(layout)).toEqual([
      'seq',
      'name',
      'investorName',
      'investorCreditCode',
      'investorPlace',
      'unit',
      'stage',
      'agreedInvestment',
      'fixedAsset',
      'fundsYearPlan',
      'fundsMonth',
      'fundsCumulative',
      'signedOn',
      'actualStartOn',
      'leaderInCharge',
      'contactName',
      'progress',
      'problems',
      'remarks',
    ]);
    expect(layout?.mapping[2]).toEqual({
      column: 2,
      header: '投资方/名称',
      field: 'investorName',
      unit: null,
    });
    expect(layout?.mapping[9]).toEqual({
      column: 9,
      header: '到位资金/本年计划',
      field: 'fundsYearPlan',
      unit: 'wan',
    });
    expect(layout?.mapping.filter((column) => column.unit === 'wan').map((column) => column.column)).toEqual([
      7, 8, 9, 10, 11,
    ]);
  });

  it('classifies the rows of the worked example', () => {
    const layout = detectLayout(ledger);
    if (!layout) throw new Error('no layout');
    const kinds = ledger.slice(layout.dataStart).map((row) => classifyRow(row, layout.mapping));
    expect(kinds).toEqual([
      { kind: 'section', title: '一、在谈项目（22个）', stage: 'negotiating' },
      { kind: 'project' },
      { kind: 'blank' },
      { kind: 'section', title: '（二）已签约项目（3个）', stage: 'signed' },
      { kind: 'project' },
      { kind: 'total', label: '合计', scope: 'all', column: 0 },
      { kind: 'note', text: '注：1.本表金额单位为万元；2.到位资金为实际到位数。' },
    ]);
  });

  it('reads a one-row header with units in the header text and no sheet unit', () => {
    const layout = detectLayout([
      ['2017年重大招商项目统计表'],
      [],
      [
        '序号',
        '项目名称',
        '投资方',
        '协议投资额(亿元)',
        '累计到位资金（万元）',
        '签约时间',
        '用地（亩）',
        '备注',
      ],
      [1, 'XX项目', 'XX公司', 12, 3000, '2017.3.15', 200, null],
    ]);
    expect(layout?.headerRows).toEqual([2]);
    expect(layout?.dataStart).toBe(3);
    expect(layout?.meta).toEqual({
      title: '2017年重大招商项目统计表',
      reportingUnit: null,
      cutOff: null,
      cutOffSource: null,
      reportDate: null,
      amountUnit: null,
      lines: ['2017年重大招商项目统计表'],
    });
    expect(layout?.mapping).toEqual([
      { column: 0, header: '序号', field: 'seq', unit: null },
      { column: 1, header: '项目名称', field: 'name', unit: null },
      { column: 2, header: '投资方', field: 'investorName', unit: null },
      { column: 3, header: '协议投资额(亿元)', field: 'agreedInvestment', unit: 'yi' },
      { column: 4, header: '累计到位资金（万元）', field: 'fundsCumulative', unit: 'wan' },
      { column: 5, header: '签约时间', field: 'signedOn', unit: null },
      { column: 6, header: '用地（亩）', field: 'landMu', unit: null },
      { column: 7, header: '备注', field: 'remarks', unit: null },
    ]);
  });

  it('reads a header in row 0 with no title', () => {
    const layout = detectLayout([
      ['项目名称', '责任单位', '协议投资额'],
      ['XX项目', '商务局', '5000'],
    ]);
    expect(layout).toEqual({
      headerRows: [0],
      dataStart: 1,
      headers: [
        { text: '项目名称', parent: null },
        { text: '责任单位', parent: null },
        { text: '协议投资额', parent: null },
      ],
      meta: {
        title: null,
        reportingUnit: null,
        cutOff: null,
        cutOffSource: null,
        reportDate: null,
        amountUnit: null,
        lines: [],
      },
      mapping: [
        { column: 0, header: '项目名称', field: 'name', unit: null },
        { column: 1, header: '责任单位', field: 'unit', unit: null },
        { column: 2, header: '协议投资额', field: 'agreedInvestment', unit: null },
      ],
    });
  });

  it('reads headers with line breaks, spaces, marks and full-width brackets', () => {
    const layout = detectLayout([
      [
        '序  号',
        '*项目\n名称',
        '投资方\r\n（全称）',
        '协议投资额\n（万元）',
        '签约\n时间',
        '计划开工\n时间',
        ' 备 注 ',
      ],
    ]);
    expect(fieldsOf(layout)).toEqual([
      'seq',
      'name',
      'investorName',
      'agreedInvestment',
      'signedOn',
      'plannedStartOn',
      'remarks',
    ]);
    expect(layout?.mapping.map((column) => column.header)).toEqual([
      '序 号',
      '*项目名称',
      '投资方（全称）',
      '协议投资额（万元）',
      '签约时间',
      '计划开工时间',
      '备 注',
    ]);
    expect(layout?.mapping[3]?.unit).toBe('wan');
  });

  it('finds no header in garbage, in an empty sheet, or without a project name', () => {
    expect(detectLayout([])).toBeNull();
    expect(detectLayout([[], [null, null], ['   ']])).toBeNull();
    expect(
      detectLayout([
        ['abc', 'def', 1, 2],
        [3.5, true, new Date(Date.UTC(2017, 0, 1)), 'xyz'],
        ['一、在谈项目', null],
        ['合计', 100],
      ]),
    ).toBeNull();
    expect(detectLayout([['序号', '协议投资额', '签约时间', '责任单位']])).toBeNull();
    expect(detectLayout([['项目名称', '法人代表']])).toBeNull();
  });

  it('looks for the header in the first 40 rows only', () => {
    const filler: Cell[][] = Array.from({ length: 40 }, () => ['说明文字']);
    expect(detectLayout([...filler.slice(1), ['项目名称', '责任单位']])?.headerRows).toEqual([39]);
    expect(detectLayout([...filler, ['项目名称', '责任单位']])).toBeNull();
  });

  it('prefers the top row with its children over the child row alone', () => {
    const layout = detectLayout([
      ['序号', '项目名称', '投资方', null, null, '到位资金', null, null],
      [null, null, '名称', '信用代码', '所在地', '本年计划', '本月到位', '累计到位'],
      [1, 'XX项目', 'XX公司', null, '上海市', 100, 10, 50],
    ]);
    expect(layout?.headerRows).toEqual([0, 1]);
    expect(fieldsOf(layout)).toEqual([
      'seq',
      'name',
      'investorName',
      'investorCreditCode',
      'investorPlace',
      'fundsYearPlan',
      'fundsMonth',
      'fundsCumulative',
    ]);
  });

  it('carries a group only to the columns with children, and stops at an empty column', () => {
    const layout = detectLayout([
      ['项目名称', '到位资金', null, null, null, '备注'],
      [null, '本年', '累计', null, '联系人', null],
    ]);
    expect(layout?.headers).toEqual([
      { text: '项目名称', parent: null },
      { text: '本年', parent: '到位资金' },
      { text: '累计', parent: '到位资金' },
      { text: '', parent: null },
      { text: '联系人', parent: null },
      { text: '备注', parent: null },
    ]);
    expect(fieldsOf(layout)).toEqual([
      'name',
      'fundsYear',
      'fundsCumulative',
      null,
      'contactName',
      'remarks',
    ]);
  });

  it('accepts merged cells filled in every cell (vertical and horizontal)', () => {
    const layout = detectLayout([
      ['项目名称', '投资方', '投资方', '时间节点', '时间节点'],
      ['项目名称', '名称', '所在地', '签约', '开工'],
    ]);
    expect(layout?.headers).toEqual([
      { text: '项目名称', parent: null },
      { text: '名称', parent: '投资方' },
      { text: '所在地', parent: '投资方' },
      { text: '签约', parent: '时间节点' },
      { text: '开工', parent: '时间节点' },
    ]);
    expect(fieldsOf(layout)).toEqual(['name', 'investorName', 'investorPlace', 'signedOn', 'actualStartOn']);
  });

  it('does not take a data row of text (CSV) for a child header row', () => {
    const layout = detectLayout([
      ['序号', '项目名称', '投资方', '协议投资额'],
      ['1', 'XX项目', 'XX公司', '5000'],
    ]);
    expect(layout?.headerRows).toEqual([0]);
    expect(layout?.dataStart).toBe(1);
  });

  it('uses saved mappings to recognise a header it would not know', () => {
    expect(detectLayout([['工程', '业主单位', '金额']])).toBeNull();
    const layout = detectLayout([['工程', '业主单位', '金额']], {
      saved: { 工程: 'name', 业主单位: 'investorName', 金额: 'agreedInvestment' },
    });
    expect(fieldsOf(layout)).toEqual(['name', 'investorName', 'agreedInvestment']);
  });

  it('takes the unit from a note below the table when the top says none', () => {
    const layout = detectLayout([
      ['项目名称', '协议投资额', '到位资金（万元）'],
      ['XX项目', 5, 100],
      ['注：协议投资额单位为亿元'],
    ]);
    expect(layout?.meta.amountUnit).toBe('yi');
    expect(layout?.mapping.map((column) => column.unit)).toEqual([null, 'yi', 'wan']);
  });

  it('reads meta split over cells, a Date or serial cut-off, and skips 附件 for the title', () => {
    const layout = detectLayout([
      ['附件1'],
      ['XX县招商引资项目台账'],
      ['填报单位：', 'XX县招商局', null, '截止时间：', new Date(Date.UTC(2017, 8, 30)), '金额单位：亿元'],
      ['项目名称', '协议投资额'],
    ]);
    expect(layout?.meta).toEqual({
      title: 'XX县招商引资项目台账',
      reportingUnit: 'XX县招商局',
      cutOff: '2017-09-30',
      cutOffSource: { kind: 'cut_off_key', text: '截止时间：2017-09-30', inTitle: false },
      reportDate: null,
      amountUnit: 'yi',
      lines: ['附件1', 'XX县招商引资项目台账', '填报单位： XX县招商局 截止时间： 2017-09-30 金额单位：亿元'],
    });
    expect(layout?.mapping[1]?.unit).toBe('yi');
    const serial = detectLayout([
      ['截止日期', 43008],
      ['项目名称', '责任单位'],
    ]);
    expect(serial?.meta.cutOff).toBe('2017-09-30');
    const serial1904 = detectLayout(
      [
        ['截止日期', 41646],
        ['项目名称', '责任单位'],
      ],
      { date1904: true },
    );
    expect(serial1904?.meta.cutOff).toBe('2018-01-08');
  });

  it('folds a units row under the header into the headers', () => {
    const layout = detectLayout([
      ['项目名称', '协议投资额', '其中：固定资产投资', '累计到位', '用地面积'],
      [null, '万元', '（万元）', '(亿元)', '亩'],
      ['XX项目', 5000, 4000, 0.5, 100],
    ]);
    expect(layout?.headerRows).toEqual([0, 1]);
    expect(layout?.dataStart).toBe(2);
    expect(layout?.headers.map((header) => header.text)).toEqual([
      '项目名称',
      '协议投资额（万元）',
      '其中：固定资产投资（万元）',
      '累计到位(亿元)',
      '用地面积（亩）',
    ]);
    expect(layout?.mapping.map((column) => [column.field, column.unit])).toEqual([
      ['name', null],
      ['agreedInvestment', 'wan'],
      ['fixedAsset', 'wan'],
      ['fundsCumulative', 'yi'],
      ['landMu', null],
    ]);
  });

  it('does not take a first data row for a units row', () => {
    const layout = detectLayout([
      ['项目名称', '协议投资额'],
      [null, '万元以上'],
    ]);
    expect(layout?.dataStart).toBe(1);
  });

  it('finds the cut-off inside the title', () => {
    const layout = detectLayout([
      ['万州区招商引资项目推进台账（截至2017年9月30日）'],
      ['项目名称', '责任单位'],
    ]);
    expect(layout?.meta.title).toBe('万州区招商引资项目推进台账（截至2017年9月30日）');
    expect(layout?.meta.cutOff).toBe('2017-09-30');
  });
});

describe('classifyRow', () => {
  const layout = detectLayout(ledger);
  if (!layout) throw new Error('no layout');
  const mapping = layout.mapping;
  const kind = (cells: Cell[]) => classifyRow(cells, mapping);

  it.each([
    [[]],
    [[null, null]],
    [['', '  ', '\u3000']],
    [[1]],
    [['2']],
    [[3, null, '']],
    [['12.']],
  ] as Cell[][][])('sees %j as blank', (cells) => {
    expect(kind(cells)).toEqual({ kind: 'blank' });
  });

  it.each([
    [['合计'], '合计'],
    [['合 计', null, 170000], '合 计'],
    [['总 计'], '总 计'],
    [[null, '总计', null, 1], '总计'],
    [['小计', null, 5], '小计'],
    [['合计（22个）', null, 5], '合计（22个）'],
    [[null, '', '全区合计', 12], '全区合计'],
    [['', '22', '合计'], '合计'],
  ] as [Cell[], string][])('sees %j as a total', (cells, label) => {
    expect(kind(cells)).toMatchObject({ kind: 'total', label });
  });

  it.each([
    [['注：1.本表金额单位为万元'], '注：1.本表金额单位为万元'],
    [['注:到位资金为实际到位数'], '注:到位资金为实际到位数'],
    [['备注：无'], '备注：无'],
    [['说明：本表由各责任单位填报'], '说明：本表由各责任单位填报'],
    [['填报说明', null, '1.金额以万元计'], '填报说明 1.金额以万元计'],
    [['填表说明：…'], '填表说明：…'],
    [['附注：…'], '附注：…'],
    [['注1：签约时间以协议为准'], '注1：签约时间以协议为准'],
    [[null, '注：数据截至9月底'], '注：数据截至9月底'],
  ] as [Cell[], string][])('sees %j as a note', (cells, text) => {
    expect(kind(cells)).toEqual({ kind: 'note', text });
  });

  it('keeps a row whose name column holds a project a project, whatever its first cell says', () => {
    expect(kind(['注：续建', 'XX项目', '广东XX公司'])).toEqual({ kind: 'project' });
  });

  it.each([
    [['一、在谈项目（22个）'], 'negotiating'],
    [['（二）已签约项目'], 'signed'],
    [['三、开工建设类'], 'construction'],
    [['(1)投产项目'], 'production'],
    [['1、暂停项目'], 'paused'],
    [['四、终止项目', null, '3个'], 'dropped'],
    [['第一部分 重点项目'], null],
    [['五、其他'], null],
    [['储备类'], 'planning'],
    [['在谈项目'], 'negotiating'],
    [['在谈项目（5个）'], 'negotiating'],
    [[null, '（一）已签约项目'], 'signed'],
    [['一、在谈项目（22个）', null, null, null, null, null, null, 50000, 40000, '1,000'], 'negotiating'],
    [['一、 在谈项目 （22个）'], 'negotiating'],
  ] as [Cell[], string | null][])('sees %j as a section (stage %s)', (cells, stage) => {
    expect(kind(cells)).toEqual({
      kind: 'section',
      title: String(cells.find((cell) => cell !== null)),
      stage,
    });
  });

  it.each([
    [['一', '在谈项目'], '一 在谈项目', 'negotiating'],
    [['（二）', '已签约项目（3个）', null, 5000, 3000], '（二） 已签约项目（3个）', 'signed'],
    [['Ⅲ', '重点项目'], 'Ⅲ 重点项目', null],
  ] as [Cell[], string, string | null][])(
    'sees %j, an ordinal beside its heading, as a section',
    (cells, title, stage) => {
      expect(kind(cells)).toEqual({ kind: 'section', title, stage });
    },
  );

  it('reads a lone stage word as a section only left of the name column', () => {
    expect(kind(['在谈'])).toEqual({ kind: 'section', title: '在谈', stage: 'negotiating' });
    expect(kind([null, null, null, null, null, null, '在谈'])).toEqual({ kind: 'project' });
  });

  it('reads a section stage through the tenant stage labels', () => {
    expect(classifyRow(['一、跟踪项目'], mapping)).toEqual({
      kind: 'section',
      title: '一、跟踪项目',
      stage: null,
    });
    expect(classifyRow(['一、跟踪项目'], mapping, { stageLabels: { 跟踪: 'planning' } })).toEqual({
      kind: 'section',
      title: '一、跟踪项目',
      stage: 'planning',
    });
  });

  it.each([
    [ledger[2] as Cell[]],
    [ledger[3] as Cell[]],
    [['序号', '项目名称', '投资方', null, null, '责任单位']],
    [[null, '项目 名称', null, null, null, '责任单位', '项目阶段']],
  ])('sees a pasted header %j as a header', (cells) => {
    expect(kind(cells)).toEqual({ kind: 'header' });
  });

  it.each([
    [ledger[5] as Cell[]],
    [[1, 'XX新能源电池项目']],
    [['1', 'XX新能源电池项目']],
    [[null, 'XX新能源电池项目']],
    [[null, '在谈']],
    [[1, 'XX新能源电池项目', null, null, null, null, '签约', 5000]],
    [[3, 'XX项目', '其他', null, null, '备注', '签约']],
    [[4, '一期工程项目（2个）', 'XX公司', null, null, '商务局', '在谈', 100, 50]],
    [['2', '合计大厦项目', 'XX公司', '91…', '上海市', '合计']],
  ])('sees %j as a project', (cells) => {
    expect(kind(cells)).toEqual({ kind: 'project' });
  });

  it('works without a seq column: a lone number in the first column is blank', () => {
    const single = detectLayout([['项目名称', '责任单位', '协议投资额']]);
    if (!single) throw new Error('no layout');
    expect(classifyRow([5], single.mapping)).toEqual({ kind: 'blank' });
    expect(classifyRow(['XX项目'], single.mapping)).toEqual({ kind: 'project' } satisfies RowKind);
  });
});

describe('subtotals and per-column units', () => {
  const mapping = proposeMapping([
    { text: '序号', parent: null },
    { text: '项目名称', parent: null },
    { text: '协议投资额[亿元]', parent: null },
    { text: '用地（亩）', parent: null },
  ]);
  it.each([
    [['万州区小计', null, 3], 'group'],
    [[null, '经开区（小计）', 1.2], 'group'],
    [['工业项目合计', null, 8], 'group'],
    [['合计', null, 9], 'all'],
    [['其中：亿元以上项目', null, 5], 'part'],
    [['其中', null, 5], 'part'],
  ] as [Cell[], string][])('sees %j as a total of scope %s', (cells, scope) => {
    expect(classifyRow(cells, mapping)).toMatchObject({ kind: 'total', scope });
  });
  it('keeps a project whose name merely contains 合计', () => {
    expect(classifyRow([1, '合计划生产线改造项目', 3], mapping)).toEqual({ kind: 'project' });
  });
  it('reads a unit written per column in square brackets', () => {
    expect(mapping[2]).toMatchObject({ field: 'agreedInvestment', unit: 'yi' });
  });
});

describe('headers of up to four rows', () => {
  it('reads groups over merged children over leaves, four rows deep, with the merges', () => {
    const rows: Cell[][] = [
      ['2017年招商引资项目到位资金情况表'],
      ['序号', '项目名称', '资金到位情况', null, null, null],
      [null, null, '实际到位资金', null, null, '本年计划'],
      [null, null, '本月', null, '累计', null],
      [null, null, '合计', '其中：境外', null, null],
      [1, '四层表头项目', 100, 20, 900, 1200],
    ];
    const merges = [
      { r1: 0, c1: 0, r2: 0, c2: 5 },
      { r1: 1, c1: 0, r2: 4, c2: 0 },
      { r1: 1, c1: 1, r2: 4, c2: 1 },
      { r1: 1, c1: 2, r2: 1, c2: 5 },
      { r1: 2, c1: 2, r2: 2, c2: 4 },
      { r1: 2, c1: 5, r2: 4, c2: 5 },
      { r1: 3, c1: 2, r2: 3, c2: 3 },
      { r1: 3, c1: 4, r2: 4, c2: 4 },
    ];
    const layout = detectLayout(rows, { merges });
    expect(layout?.headerRows).toEqual([1, 2, 3, 4]);
    expect(layout?.dataStart).toBe(5);
    expect(layout?.mapping.map((m) => [m.header, m.field])).toEqual([
      ['序号', 'seq'],
      ['项目名称', 'name'],
      ['资金到位情况/实际到位资金/本月/合计', 'fundsMonth'],
      ['资金到位情况/实际到位资金/本月/其中：境外', 'fundsAbroad'],
      ['资金到位情况/实际到位资金/累计', 'fundsCumulative'],
      ['资金到位情况/本年计划', 'fundsYearPlan'],
    ]);
  });
});

describe('MergedDownFiller', () => {
  it('fills every row of a merge down a column, once its first row is passed, and not the name column', () => {
    const filler = new MergedDownFiller(
      [
        { r1: 3, c1: 1, r2: 5, c2: 1 },
        { r1: 3, c1: 2, r2: 4, c2: 2 },
      ],
      new Set([2]),
    );
    const rows = [
      [1, '经信委', '甲'],
      [2, null, null],
      [3, null, '丙'],
      [4, null, '丁'],
    ].map((cells, i) => filler.fill(i + 4, cells));
    expect(rows.map((r) => r[1])).toEqual(['经信委', '经信委', '经信委', null]);
    expect(rows.map((r) => r[2])).toEqual(['甲', null, '丙', '丁']);
    expect(filler.empty).toBe(true);
  });
});
