import { describe, expect, it } from 'vitest';
import type { Cell } from './cells.ts';
import { isNoteText, parseMetaLine, readMeta } from './sheet-meta.ts';

describe('parseMetaLine', () => {
  it.each([
    [
      '填报单位：万州区投资促进局   截止时间：2017年9月30日   单位：万元',
      { reportingUnit: '万州区投资促进局', cutOff: '2017-09-30', amountUnit: 'wan' },
    ],
    [
      '填报单位：万州区投资促进局截止时间：2017年9月30日单位：万元',
      { reportingUnit: '万州区投资促进局', cutOff: '2017-09-30', amountUnit: 'wan' },
    ],
    ['截至2017年9月30日', { cutOff: '2017-09-30' }],
    ['截止2017年9月30日止', { cutOff: '2017-09-30' }],
    ['统计时间：2017.9.30', { cutOff: '2017-09-30' }],
    ['报送时间：2017/10/8', { cutOff: '2017-10-08' }],
    ['截至2017年9月', { cutOff: '2017-09-30' }],
    ['截至2016年2月', { cutOff: '2016-02-29' }],
    ['填报时间：2017年10月8日', { cutOff: '2017-10-08' }],
    ['填报时间：2017年10月8日   截止时间：2017年9月30日', { cutOff: '2017-09-30' }],
    ['统计时间：2017.10.8   截至2017年9月30日', { cutOff: '2017-09-30' }],
    ['金额单位：亿元', { amountUnit: 'yi' }],
    ['（单位：万元）', { amountUnit: 'wan' }],
    ['单位:万', { amountUnit: 'wan' }],
    ['报送单位：万州区投资促进局（盖章）', { reportingUnit: '万州区投资促进局' }],
    ['单位名称：XX区招商局 单位：万元', { reportingUnit: 'XX区招商局', amountUnit: 'wan' }],
    ['单位：万州区投资促进局', { reportingUnit: '万州区投资促进局' }],
    ['万州区2017年招商引资项目推进台账', {}],
    ['截至目前', {}],
    ['截止时间：2017年2月30日', {}],
    ['单位：个', {}],
    ['', {}],
  ])('%j', (line, expected) => {
    expect(parseMetaLine(line)).toEqual(expected);
  });
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
