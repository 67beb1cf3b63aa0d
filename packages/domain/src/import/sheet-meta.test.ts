import { describe, expect, it } from 'vitest';
import type { Cell } from './cells.ts';
import {
  describeCutOff,
  isMetaRow,
  isNoteText,
  parseMetaLine,
  readMeta,
  type SheetMeta,
} from './sheet-meta.ts';

const key = (text: string) => ({ kind: 'cut_off_key', text, inTitle: false });

describe('parseMetaLine', () => {
  it.each([
    [
      '填报单位：万州区投资促进局   截止时间：2017年9月30日   单位：万元',
      {
        reportingUnit: '万州区投资促进局',
        cutOff: '2017-09-30',
        cutOffSource: key('截止时间：2017年9月30日'),
        amountUnit: 'wan',
      },
    ],
    [
      '填报单位：万州区投资促进局截止时间：2017年9月30日单位：万元',
      {
        reportingUnit: '万州区投资促进局',
        cutOff: '2017-09-30',
        cutOffSource: key('截止时间：2017年9月30日'),
        amountUnit: 'wan',
      },
    ],
    ['截至2017年9月30日', { cutOff: '2017-09-30', cutOffSource: key('截至2017年9月30日') }],
    ['截止2017年9月30日止', { cutOff: '2017-09-30', cutOffSource: key('截止2017年9月30日止') }],
    ['统计时间：2017.9.30', { cutOff: '2017-09-30', cutOffSource: key('统计时间：2017.9.30') }],
    ['截至2017年9月', { cutOff: '2017-09-30', cutOffSource: key('截至2017年9月') }],
    ['截至2016年2月', { cutOff: '2016-02-29', cutOffSource: key('截至2016年2月') }],
    [
      '截止时间：二〇一七年九月三十日',
      { cutOff: '2017-09-30', cutOffSource: key('截止时间：二〇一七年九月三十日') },
    ],
    [
      '填报时间：2017年10月8日   截止时间：2017年9月30日',
      { cutOff: '2017-09-30', cutOffSource: key('截止时间：2017年9月30日'), reportDate: '2017-10-08' },
    ],
    [
      '统计时间：2017.10.8   截至2017年9月30日',
      { cutOff: '2017-09-30', cutOffSource: key('截至2017年9月30日') },
    ],
    ['金额单位：亿元', { amountUnit: 'yi' }],
    ['（单位：万元）', { amountUnit: 'wan' }],
    ['单位:万', { amountUnit: 'wan' }],
    ['报送单位：万州区投资促进局（盖章）', { reportingUnit: '万州区投资促进局' }],
    ['单位名称：XX区招商局 单位：万元', { reportingUnit: 'XX区招商局', amountUnit: 'wan' }],
    ['单位：万州区投资促进局', { reportingUnit: '万州区投资促进局' }],
    ['万州区2017年招商引资项目推进台账', {}],
    ['2017年度招商引资项目台账', {}],
    ['十三五规划重点项目', {}],
    ['截至目前', {}],
    ['截止时间：2017年2月30日', {}],
    ['单位：个', {}],
    ['', {}],
  ])('%j', (line, expected) => {
    expect(parseMetaLine(line)).toEqual(expected);
  });

  it('takes a lone 填报日期 as the cut-off and says so', () => {
    const report = (text: string) => ({ kind: 'report_date', text, inTitle: false });
    expect(parseMetaLine('填报时间：2017年10月8日')).toEqual({
      cutOff: '2017-10-08',
      cutOffSource: report('填报时间：2017年10月8日'),
      reportDate: '2017-10-08',
    });
    expect(parseMetaLine('报送时间：2017/10/8')).toEqual({
      cutOff: '2017-10-08',
      cutOffSource: report('报送时间：2017/10/8'),
      reportDate: '2017-10-08',
    });
  });

  const period = (text: string, yearFrom?: string) => ({
    kind: 'period',
    text,
    inTitle: false,
    ...(yearFrom ? { yearFrom } : {}),
  });

  it.each([
    ['2017年1-9月', '2017-09-30', period('2017年1-9月')],
    ['2017年1—9月', '2017-09-30', period('2017年1—9月')],
    ['2017年1至9月', '2017-09-30', period('2017年1至9月')],
    ['2017年1月至9月', '2017-09-30', period('2017年1月至9月')],
    ['二〇一七年一至九月招商引资项目台账', '2017-09-30', period('二〇一七年一至九月')],
    ['万州区2017年招商引资项目推进台账（1-9月）', '2017-09-30', period('1-9月', 'line')],
    ['2017年第三季度', '2017-09-30', period('2017年第三季度')],
    ['2017年三季度项目台账', '2017-09-30', period('2017年三季度')],
    ['2017年一季度', '2017-03-31', period('2017年一季度')],
    ['2017年前三季度', '2017-09-30', period('2017年前三季度')],
    ['2017Q3', '2017-09-30', period('2017Q3')],
    ['2017年 Q2 招商台账', '2017-06-30', period('2017年 Q2')],
    ['2017年上半年', '2017-06-30', period('2017年上半年')],
    ['2016年下半年', '2016-12-31', period('2016年下半年')],
    ['2017年全年', '2017-12-31', period('2017年全年')],
    ['2017年9月招商引资项目台账', '2017-09-30', period('2017年9月')],
    ['2016年2月份', '2016-02-29', period('2016年2月份')],
    ['截至2017年9月底', '2017-09-30', key('截至2017年9月底')],
    ['截至2017年底', '2017-12-31', period('2017年底')],
    ['统计期间：2017年1-9月', '2017-09-30', period('2017年1-9月')],
  ])('reads the period in %j', (line, cutOff, source) => {
    expect(parseMetaLine(line)).toEqual({ cutOff, cutOffSource: source });
  });

  it('prefers a period to the 填报日期, which stays the report date', () => {
    expect(parseMetaLine('2017年1-9月  填报日期：2017年10月8日')).toEqual({
      cutOff: '2017-09-30',
      cutOffSource: period('2017年1-9月'),
      reportDate: '2017-10-08',
    });
  });

  it('takes the year of a period without one from the 填报日期 (the year before if it would end later)', () => {
    expect(parseMetaLine('截至9月底  填报日期：2017年10月8日')).toMatchObject({
      cutOff: '2017-09-30',
      cutOffSource: period('9月底', 'report_date'),
    });
    expect(parseMetaLine('9月末 填表日期：2017.10.8')).toMatchObject({ cutOff: '2017-09-30' });
    expect(parseMetaLine('10-12月  填报日期：2018年1月5日')).toMatchObject({
      cutOff: '2017-12-31',
      cutOffSource: period('10-12月', 'report_date'),
    });
    expect(parseMetaLine('截至9月30日 填报日期：2017年10月8日')).toMatchObject({
      cutOff: '2017-09-30',
      cutOffSource: { kind: 'cut_off_key', text: '截至9月30日', yearFrom: 'report_date' },
    });
  });

  it('uses the reference date for the year only when nothing in the sheet gives one', () => {
    expect(parseMetaLine('1-9月')).toEqual({});
    expect(parseMetaLine('三季度', { referenceDate: '2017-10-20' })).toEqual({
      cutOff: '2017-09-30',
      cutOffSource: period('三季度', 'reference_date'),
    });
    expect(parseMetaLine('前三季度', { referenceDate: '2018-02-01' })).toMatchObject({
      cutOff: '2017-09-30',
    });
  });

  it.each(['2017年13-14月', '2017年9-1月', '2017年第五季度', 'Q5', 'SQ3项目', '1-9号楼'])(
    'finds no period in %j',
    (line) => {
      expect(parseMetaLine(line, { referenceDate: '2017-10-20' }).cutOff).toBeUndefined();
    },
  );
});

describe('isNoteText', () => {
  it.each([
    '注：1.本表金额单位为万元',
    '注:',
    '注 1：',
    '注1.签约时间以协议为准',
    '备注：无',
    '说明：…',
    '填报说明',
    '填表说明：',
    '附注',
    '注释：',
  ])('%j opens a note', (text) => {
    expect(isNoteText(text)).toBe(true);
  });

  it.each(['注册时间', '注册', '说明书项目', '备注', 'XX项目', ''])('%j does not', (text) => {
    expect(isNoteText(text)).toBe(false);
  });
});

describe('readMeta', () => {
  it('takes the first of each item, the title from the first non-meta line, the unit from a note last', () => {
    const above: Cell[][] = [
      ['附件2'],
      [null, '  '],
      ['统计时间：2017.10.8', null, '单位：亿元'],
      ['XX区重点项目台账'],
      ['截至2017年9月30日', '金额单位：万元'],
    ];
    expect(readMeta(above, [['注：金额单位为元']], {})).toEqual({
      title: 'XX区重点项目台账',
      reportingUnit: null,
      cutOff: '2017-10-08',
      cutOffSource: key('统计时间：2017.10.8'),
      reportDate: null,
      amountUnit: 'yi',
      lines: [
        '附件2',
        '统计时间：2017.10.8 单位：亿元',
        'XX区重点项目台账',
        '截至2017年9月30日 金额单位：万元',
      ],
    });
    expect(readMeta([], [['XX项目', 5], ['注：金额单位为元']], {}).amountUnit).toBe('yuan');
    expect(readMeta([], [['说明：金额以亿元计']], {}).amountUnit).toBe('yi');
    expect(readMeta([], [['XX项目（万元）']], {}).amountUnit).toBeNull();
  });
});

describe('readMeta: meta lines split across cells', () => {
  const expected = { reportingUnit: '区经信委', cutOff: '2017-09-30', amountUnit: 'wan' };

  it('reads key：value cells with gaps left by merged cells', () => {
    const meta = readMeta(
      [
        ['XX区重点项目台账'],
        ['填报单位：区经信委', null, '截止时间：2017年9月30日', null, null, '单位：万元'],
      ],
      [],
      {},
    );
    expect(meta).toMatchObject({ ...expected, title: 'XX区重点项目台账' });
  });

  it('reads keys and values in separate cells', () => {
    const meta = readMeta([['填报单位', '区经信委', '截止时间', '2017.9.30', '单位', '万元']], [], {});
    expect(meta).toMatchObject(expected);
    expect(meta.cutOffSource).toEqual({ kind: 'cut_off_key', text: '截止时间:2017.9.30', inTitle: false });
    expect(meta.title).toBeNull();
    const dated = readMeta(
      [['填报单位：', '区经信委', '截止时间', new Date(Date.UTC(2017, 8, 30)), '单位', '万元']],
      [],
      {},
    );
    expect(dated).toMatchObject(expected);
  });

  it('reads 单位：万元 in the last cell of the title row, and keeps it out of the title', () => {
    const meta = readMeta([['XX区招商引资项目台账（2017年1-9月）', null, null, null, '单位：万元']], [], {});
    expect(meta).toMatchObject({
      title: 'XX区招商引资项目台账（2017年1-9月）',
      amountUnit: 'wan',
      cutOff: '2017-09-30',
      cutOffSource: { kind: 'period', text: '2017年1-9月', inTitle: true },
    });
  });
});

describe('readMeta: where the cut-off comes from', () => {
  it('takes a period in the title over the 填报日期, which stays the report date', () => {
    const meta = readMeta(
      [['万州区招商引资项目推进台账（1-9月）'], ['填报单位：区投促局', '填报日期：2017年10月8日']],
      [],
      {},
    );
    expect(meta).toMatchObject({
      cutOff: '2017-09-30',
      cutOffSource: { kind: 'period', text: '1-9月', inTitle: true, yearFrom: 'report_date' },
      reportDate: '2017-10-08',
    });
  });

  it('takes the year of a period from the title when its own line has none', () => {
    const meta = readMeta([['2017年招商引资项目台账'], ['统计期间：1-9月']], [], {});
    expect(meta.cutOff).toBe('2017-09-30');
    expect(meta.cutOffSource).toEqual({ kind: 'period', text: '1-9月', inTitle: false, yearFrom: 'title' });
  });

  it('takes an explicit 截止时间 over a period', () => {
    const meta = readMeta([['2017年1-9月招商项目台账'], ['截止时间：2017年9月28日']], [], {});
    expect(meta.cutOff).toBe('2017-09-28');
    expect(meta.cutOffSource?.kind).toBe('cut_off_key');
  });

  it('takes a full date in the title when no key or period gives one', () => {
    const meta = readMeta(
      [['万州区招商引资项目推进台账（2017年9月30日）'], ['填报日期：2017年10月8日']],
      [],
      {},
    );
    expect(meta).toMatchObject({
      cutOff: '2017-09-30',
      cutOffSource: { kind: 'title', text: '2017年9月30日', inTitle: true },
      reportDate: '2017-10-08',
    });
  });

  it('uses a lone 填报日期 as the cut-off and says so', () => {
    const meta = readMeta([['XX区招商项目台账'], ['填表日期：2017年10月8日']], [], {});
    expect(meta).toMatchObject({
      cutOff: '2017-10-08',
      cutOffSource: { kind: 'report_date', text: '填表日期：2017年10月8日', inTitle: false },
      reportDate: '2017-10-08',
    });
  });

  it('has no cut-off and no source when nothing gives one', () => {
    const meta = readMeta([['XX区招商项目台账（1-9月）']], [], {});
    expect(meta).toMatchObject({ cutOff: null, cutOffSource: null, reportDate: null });
    expect(readMeta([['XX区招商项目台账（1-9月）']], [], { referenceDate: '2017-10-20' }).cutOff).toBe(
      '2017-09-30',
    );
  });
});

describe('isMetaRow', () => {
  it.each([
    [['填报单位：区经信委', null, '截止时间：2017年9月30日', null, '单位：万元']],
    [['填报单位', '区经信委', '截止时间', '2017.9.30', '单位', '万元']],
    [['填报单位', '区经信委', '截止时间', 43008, '单位', '万元']],
    [['填报单位：', '区经信委', null, '截止时间：', new Date(Date.UTC(2017, 8, 30)), '金额单位：亿元']],
    [['万州区招商引资项目推进台账', null, null, null, '单位：万元']],
    [[null, null, '单位：万元']],
    [['截至2017年9月30日']],
    [['填报日期：2017年10月8日', '单位', '万元']],
    [['单位', '区经信委', '截止时间', '2017年9月30日']],
  ] as Cell[][][])('%j is a meta row', (cells) => {
    expect(isMetaRow(cells)).toBe(true);
  });

  it.each([
    [['项目名称', '责任单位', '协议投资额（万元）', '签约时间']],
    [['序号', '项目名称', '单位', '协议投资额', '备注']],
    [['单位', '项目名称', '投资额']],
    [['项目名称', '单位']],
    [['序号', '填报单位', '项目名称', '截止时间']],
    [['填报单位', '项目名称', '责任单位']],
    [['万州区招商引资项目推进台账']],
    [['XX项目', 'XX公司', 5000]],
    [[]],
  ] as Cell[][][])('%j is not', (cells) => {
    expect(isMetaRow(cells)).toBe(false);
  });
});

describe('describeCutOff', () => {
  const meta = (cutOff: string | null, cutOffSource: SheetMeta['cutOffSource']) => ({ cutOff, cutOffSource });

  it('says where the cut-off came from, in Chinese and English', () => {
    const period = meta('2017-09-30', { kind: 'period', text: '1-9月', inTitle: true });
    expect(describeCutOff(period)).toBe('截止时间 2017-09-30（来自标题中的统计期间“1-9月”）');
    expect(describeCutOff(period, 'en-US')).toBe(
      'Cut-off 2017-09-30 (from the reporting period “1-9月” in the title)',
    );
    expect(
      describeCutOff(
        meta('2017-09-30', { kind: 'period', text: '9月底', inTitle: false, yearFrom: 'report_date' }),
      ),
    ).toBe('截止时间 2017-09-30（来自表格上方的统计期间“9月底”，年份取自填报日期）');
    expect(
      describeCutOff(
        meta('2017-09-30', { kind: 'cut_off_key', text: '截止时间：2017年9月30日', inTitle: false }),
      ),
    ).toBe('截止时间 2017-09-30（来自表格上方的“截止时间：2017年9月30日”）');
    expect(
      describeCutOff(meta('2017-09-30', { kind: 'title', text: '2017年9月30日', inTitle: true }), 'en-US'),
    ).toBe('Cut-off 2017-09-30 (from the date “2017年9月30日” in the title)');
    expect(
      describeCutOff(
        meta('2017-10-08', { kind: 'report_date', text: '填报日期：2017年10月8日', inTitle: false }),
      ),
    ).toBe('截止时间 2017-10-08（文件只写了“填报日期：2017年10月8日”，按填报日期计）');
    expect(describeCutOff(meta(null, null))).toBe('文件未写明截止时间');
    expect(describeCutOff(meta(null, null), 'en-US')).toBe('The file states no cut-off');
  });

  it('renders what readMeta read', () => {
    const read = readMeta([['万州区2017年招商引资项目推进台账（1-9月）']], [], {});
    expect(describeCutOff(read)).toBe('截止时间 2017-09-30（来自标题中的统计期间“1-9月”）');
  });
});
