import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_FEN, type AmountUnit } from '../money.ts';
import { detectAmountUnit, emptyAmountWords, parseSheetAmount } from './amounts.ts';
import type { Cell } from './cells.ts';

const wan = 1_000_000;
const yi = 10_000_000_000;
const decimalsOf: Record<AmountUnit, number> = { yuan: 2, wan: 6, yi: 10 };

describe('detectAmountUnit', () => {
  it.each([
    ['单位：万元', 'wan'],
    ['单位:万元', 'wan'],
    ['金额单位：亿元', 'yi'],
    ['单位：元', 'yuan'],
    ['单位: 万', 'wan'],
    ['单位：亿', 'yi'],
    ['单位：人民币万元', 'wan'],
    ['（单位：万元）', 'wan'],
    ['协议投资额（万元）', 'wan'],
    ['协议投资额(亿元)', 'yi'],
    ['到位资金（元）', 'yuan'],
    ['到位资金 (元)', 'yuan'],
    ['【万元】', 'wan'],
    ['注：1.本表金额单位为万元；2.……', 'wan'],
    ['填报单位：万州区投资促进局   截止时间：2017年9月30日   单位：万元', 'wan'],
    ['单位：个、万元', 'wan'],
    ['投资额万元', 'wan'],
    ['单位：万元，亩', 'wan'],
  ] as [string, AmountUnit][])('%j → %s', (text, unit) => {
    expect(detectAmountUnit(text)).toBe(unit);
  });

  it.each([
    '单位：万州区投资促进局',
    '填报单位：万盛经开区招商局',
    '单位：万美元',
    '用地面积（亩）',
    '项目名称',
    '单位：个',
    '',
    '元旦前签约',
    '投资额（亿元、万元混填）',
  ])('finds no unit in %j', (text) => {
    expect(detectAmountUnit(text)).toBeNull();
  });

  it('never reads 万元 or 亿元 as 元', () => {
    expect(detectAmountUnit('(万元)')).toBe('wan');
    expect(detectAmountUnit('单位：亿元')).toBe('yi');
    expect(detectAmountUnit('（亿元）')).toBe('yi');
  });
});

describe('parseSheetAmount', () => {
  it.each([
    [1234.56, 'wan', 1_234_560_000],
    [50000, 'wan', 50_000 * wan],
    [0, 'wan', 0],
    [-0, 'yuan', 0],
    [0.5, 'yi', yi / 2],
    [1e-7, 'yi', 1_000],
    [1e-6, 'wan', 1],
    [3000000, 'yuan', 300_000_000],
    [0.01, 'yuan', 1],
    [1.2e8, 'yuan', 12_000_000_000],
  ] as [number, AmountUnit, number][])('reads the number %d (%s) as %d fen', (value, unit, fen) => {
    expect(parseSheetAmount(value, unit)).toEqual({ ok: true, fen });
  });

  it.each([
    ['1,234.56', 'wan', 1_234_560_000],
    ['1，234.56', 'wan', 1_234_560_000],
    [' 1 234.56 ', 'wan', 1_234_560_000],
    ['１２３４．５６', 'wan', 1_234_560_000],
    ['120亿', 'wan', 120 * yi],
    ['120 亿元', 'yuan', 120 * yi],
    ['3000万元', 'yi', 3000 * wan],
    ['3000万', 'yuan', 3000 * wan],
    ['500元', 'wan', 50_000],
    ['约5000', 'wan', 5000 * wan],
    ['约 5000万元', 'yi', 5000 * wan],
    ['￥3,000', 'yuan', 300_000],
    ['¥3,000.5', 'yuan', 300_050],
    ['约￥5000', 'yuan', 500_000],
    ['0', 'wan', 0],
    ['0.00', 'yi', 0],
    ['(0)', 'wan', 0],
    ['1.2E+08', 'yuan', 12_000_000_000],
    ['0.0000000001', 'yi', 1],
    ['1000000000000', 'yuan', 100_000_000_000_000],
  ] as [string, AmountUnit, number][])('reads %j (%s) as %d fen', (value, unit, fen) => {
    expect(parseSheetAmount(value, unit)).toEqual({ ok: true, fen });
  });

  it.each([
    null,
    undefined,
    '',
    '   ',
    '\u3000',
    '-',
    '－',
    '--',
    '—',
    '——',
    '/',
    '／',
    '无',
    '暂无',
    '待定',
    ' 无 ',
  ])('reads %j as no figure', (value) => {
    expect(parseSheetAmount(value, 'wan')).toEqual({ ok: true, fen: null });
  });

  it('treats every listed empty word as no figure', () => {
    for (const word of emptyAmountWords)
      expect(parseSheetAmount(word, 'yi')).toEqual({ ok: true, fen: null });
  });

  it.each([
    [-5, 'negative'],
    ['-5', 'negative'],
    ['－5', 'negative'],
    ['−5', 'negative'],
    ['(5)', 'negative'],
    ['（5）', 'negative'],
    ['(1,234.5万元)', 'negative'],
    ['-0.5亿', 'negative'],
    ['abc', 'not_a_number'],
    ['5万左右', 'not_a_number'],
    ['1.2.3', 'not_a_number'],
    ['1,2345', 'not_a_number'],
    ['万元', 'not_a_number'],
    ['约', 'not_a_number'],
    ['()', 'not_a_number'],
    ['(-5)', 'not_a_number'],
    ['50%', 'not_a_number'],
    [true, 'not_a_number'],
    [false, 'not_a_number'],
    [new Date(Date.UTC(2017, 2, 15)), 'not_a_number'],
    [Number.NaN, 'not_a_number'],
    [Number.POSITIVE_INFINITY, 'not_a_number'],
    [0.001, 'too_precise'],
    ['0.001', 'too_precise'],
    [1e-7, 'too_precise'],
    [0.1 + 0.2, 'too_precise'],
    [1.5e21, 'too_large'],
    ['1000000000000.01', 'too_large'],
    ['90071992547409.91', 'too_large'],
    ['1e30', 'too_large'],
  ] as [Cell, string][])('rejects %j: %s', (value, problem) => {
    expect(parseSheetAmount(value, 'yuan')).toEqual({ ok: false, problem });
  });

  it('is exact on floats: a float past the fen is too precise unless rounding is asked for', () => {
    expect(0.1 + 0.2).toBe(0.30000000000000004);
    expect(parseSheetAmount(0.1 + 0.2, 'wan')).toEqual({ ok: false, problem: 'too_precise' });
    expect(parseSheetAmount(0.1 + 0.2, 'wan', { roundToFen: true })).toEqual({ ok: true, fen: 300_000 });
    expect(parseSheetAmount(0.1 + 0.2, 'yi')).toEqual({ ok: false, problem: 'too_precise' });
    expect(parseSheetAmount(0.3, 'wan')).toEqual({ ok: true, fen: 300_000 });
  });

  it('answers too_large past 1 万亿元 (MAX_AMOUNT_FEN) in any unit', () => {
    expect(parseSheetAmount(100_000_000, 'wan')).toEqual({ ok: true, fen: 100_000_000_000_000 });
    expect(parseSheetAmount(100_000_000.01, 'wan')).toEqual({ ok: false, problem: 'too_large' });
    expect(parseSheetAmount(10_001, 'yi')).toEqual({ ok: false, problem: 'too_large' });
    expect(parseSheetAmount('120亿', 'wan').ok).toBe(true);
  });

  const unitArbitrary = fc.constantFrom<AmountUnit>('yuan', 'wan', 'yi');

  /** Groups an integer's digits by three with the given separator. */
  function group(digits: string, separator: string): string {
    return digits.replace(/\B(?=(\d{3})+$)/g, separator);
  }

  it('round-trips integers and decimals written with separators to exact fen (property)', () => {
    fc.assert(
      fc.property(
        unitArbitrary,
        fc.bigInt({ min: 0n, max: 9_000_000_000_000n }),
        fc.nat({ max: 10 }),
        fc.integer({ min: 0, max: 9_999_999_999 }),
        fc.constantFrom('', ',', '，'),
        fc.boolean(),
        (unit, integer, fractionLength, fractionSeed, separator, fullWidth) => {
          const places = Math.min(fractionLength, decimalsOf[unit]);
          const fraction = String(fractionSeed).padStart(10, '0').slice(0, places);
          let text = group(integer.toString(), separator) + (places > 0 ? `.${fraction}` : '');
          if (fullWidth)
            text = text.replace(/[0-9.]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0));
          // independent: fen = integer × 10^decimals + fraction digits padded to the unit's decimals
          const expected =
            integer * 10n ** BigInt(decimalsOf[unit]) + BigInt(fraction.padEnd(decimalsOf[unit], '0') || '0');
          const result = parseSheetAmount(text, unit);
          if (expected > BigInt(MAX_AMOUNT_FEN)) expect(result).toEqual({ ok: false, problem: 'too_large' });
          else expect(result).toEqual({ ok: true, fen: Number(expected) });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads numeric cells holding up to 1 万亿元 (15 significant digits) exactly (property)', () => {
    fc.assert(
      fc.property(unitArbitrary, fc.integer({ min: 0, max: MAX_AMOUNT_FEN }), (unit, fen) => {
        const value = fen / 10 ** decimalsOf[unit];
        expect(parseSheetAmount(value, unit)).toEqual({ ok: true, fen });
      }),
      { numRuns: 500 },
    );
  });

  it('reads a trailing unit in the cell over the column unit (property)', () => {
    fc.assert(
      fc.property(unitArbitrary, fc.integer({ min: 0, max: 10_000 }), (columnUnit, amount) => {
        expect(parseSheetAmount(`${amount}万元`, columnUnit)).toEqual({ ok: true, fen: amount * wan });
        expect(parseSheetAmount(`${amount}亿`, columnUnit)).toEqual({ ok: true, fen: amount * yi });
      }),
    );
  });
});
