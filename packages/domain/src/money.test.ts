import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  amountProblemMessages,
  amountProblems,
  amountTextSchema,
  chooseAmountUnit,
  fenFromWan,
  fenFromYi,
  fenFromYuan,
  fenSchema,
  MAX_AMOUNT_FEN,
  fenToWanNumber,
  fenToYiNumber,
  formatAmount,
  formatIn,
  formatWan,
  formatYi,
  formatYuan,
  parseAmount,
  positiveFenSchema,
  sumFen,
  type AmountUnit,
} from './money.ts';
import { fenArbitrary } from './testing/arbitraries.ts';

const yi = 10_000_000_000;
const wan = 1_000_000;

describe('parseAmount', () => {
  it.each([
    ['120亿', 'wan', 120 * yi],
    ['120 亿元', 'wan', 120 * yi],
    ['1,234.56万元', 'yuan', 1_234_560_000],
    ['1，234.5', 'wan', 1_234_500_000],
    ['3000000元', 'wan', 300_000_000],
    ['¥3,000', 'yuan', 300_000],
    ['￥3,000.5', 'yuan', 300_050],
    ['人民币 5 万元', 'yuan', 5 * wan],
    ['0.5亿', 'yuan', 50 * 100 * wan],
    ['１２０亿', 'wan', 120 * yi],
    ['１，２３４．５６', 'yuan', 123_456],
    ['120', 'yi', 120 * yi],
    ['120', 'wan', 120 * wan],
    ['120', 'yuan', 12_000],
    ['  42.10 ', 'yuan', 4_210],
    ['.5', 'wan', 500_000],
    ['5.', 'yuan', 500],
    ['0', 'yi', 0],
    ['0.00万元', 'yi', 0],
    ['-0', 'yuan', 0],
    ['1.2E+08', 'yuan', 12_000_000_000],
    ['1.23456e2', 'wan', 123_456_000],
    ['12e-2', 'yuan', 12],
    ['0.000001', 'wan', 1],
    ['0.0000000001', 'yi', 1],
    ['90071992547409.91', 'yuan', Number.MAX_SAFE_INTEGER],
    ['000123', 'yuan', 12_300],
  ] as [string, AmountUnit, number][])('parses %j (default %s) as %d fen', (text, unit, fen) => {
    expect(parseAmount(text, unit)).toEqual({ ok: true, fen });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['-', 'empty'],
    ['万元', 'empty'],
    ['¥', 'empty'],
    ['abc', 'not_a_number'],
    ['1,2345', 'not_a_number'],
    ['12,34.5', 'not_a_number'],
    ['1.2.3', 'not_a_number'],
    ['.', 'not_a_number'],
    ['1万2千', 'not_a_number'],
    ['3 000', 'ok'],
    ['+5', 'not_a_number'],
    ['--5', 'not_a_number'],
    ['5亿万', 'not_a_number'],
    ['E5', 'not_a_number'],
    ['-5', 'negative'],
    ['-¥3,000', 'negative'],
    ['¥-3,000', 'negative'],
    ['－５万元', 'negative'],
    ['0.001', 'too_precise'],
    ['0.0000001', 'too_precise'],
    ['1e-7', 'too_precise'],
    ['90071992547409.92', 'too_large'],
    ['1000000亿', 'too_large'],
    ['1e999999', 'too_large'],
    ['9'.repeat(400), 'too_large'],
  ])('classifies %j as %s', (text, problem) => {
    const result = parseAmount(text, 'yuan');
    if (problem === 'ok') expect(result.ok).toBe(true);
    else expect(result).toEqual({ ok: false, problem });
  });

  it('the unit suffix overrides the default unit', () => {
    for (const unit of ['yuan', 'wan', 'yi'] as const) {
      expect(parseAmount('2万', unit)).toEqual({ ok: true, fen: 2 * wan });
      expect(parseAmount('2亿元', unit)).toEqual({ ok: true, fen: 2 * yi });
      expect(parseAmount('2元', unit)).toEqual({ ok: true, fen: 200 });
    }
  });

  it('rounds half up to the fen when asked', () => {
    expect(parseAmount('1358.0160000000001', 'yuan', { roundToFen: true })).toEqual({
      ok: true,
      fen: 135_802,
    });
    expect(parseAmount('0.005', 'yuan', { roundToFen: true })).toEqual({ ok: true, fen: 1 });
    expect(parseAmount('0.0049', 'yuan', { roundToFen: true })).toEqual({ ok: true, fen: 0 });
    expect(parseAmount('1e-9999', 'yuan', { roundToFen: true })).toEqual({ ok: true, fen: 0 });
    expect(parseAmount('-0.004', 'yuan', { roundToFen: true })).toEqual({ ok: true, fen: 0 });
    expect(parseAmount('-0.005', 'yuan', { roundToFen: true })).toEqual({ ok: false, problem: 'negative' });
  });

  it('has a message in both languages for every problem', () => {
    for (const problem of amountProblems) {
      expect(amountProblemMessages[problem]['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(amountProblemMessages[problem]['en-US']).toMatch(/^[A-Z]/);
    }
  });
});

describe('fenFrom*', () => {
  it('converts exactly, avoiding float error', () => {
    expect(fenFromWan('1234.56')).toBe(1_234_560_000);
    expect(fenFromWan(0.1)).toBe(100_000);
    expect(fenFromYuan(0.29)).toBe(29); // 0.29 * 100 is 28.999999999999996 in floats
    expect(fenFromYi(120)).toBe(120 * yi);
    expect(fenFromYi('0.35')).toBe(35 * 100 * wan);
    expect(fenFromYi(1e-10)).toBe(1);
    expect(fenFromWan('3亿')).toBe(3 * yi);
  });

  it('throws on what cannot be stored exactly', () => {
    expect(() => fenFromYuan(1.005)).toThrow(/too_precise/);
    expect(() => fenFromYuan(-1)).toThrow(/negative/);
    expect(() => fenFromYuan(Number.NaN)).toThrow(RangeError);
    expect(() => fenFromYuan(Infinity)).toThrow(RangeError);
    expect(() => fenFromYi(1e8)).toThrow(/too_large/);
    expect(() => fenFromWan('')).toThrow(/empty/);
  });
});

describe('sumFen', () => {
  it('adds exactly and refuses to overflow', () => {
    expect(sumFen([])).toBe(0);
    expect(sumFen([1, 2, 3])).toBe(6);
    expect(sumFen([Number.MAX_SAFE_INTEGER, -1])).toBe(Number.MAX_SAFE_INTEGER - 1);
    expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
    expect(() => sumFen([0.5])).toThrow(RangeError);
  });
});

describe('formatting', () => {
  it('formats 万元 and 亿元 value strings', () => {
    expect(formatWan(1_234_560_000)).toBe('1,234.56');
    expect(formatWan(1_234_565_000)).toBe('1,234.57'); // half up
    expect(formatWan(1_234_564_999)).toBe('1,234.56');
    expect(formatWan(1_234_560_000, { digits: 0 })).toBe('1,235');
    expect(formatWan(1_234_560_000, { digits: 4, grouping: false })).toBe('1234.5600');
    expect(formatWan(1, { digits: 6 })).toBe('0.000001');
    expect(formatWan(0)).toBe('0.00');
    expect(formatYi(120 * yi)).toBe('120.00');
    expect(formatYi(Number.MAX_SAFE_INTEGER, { digits: 10 })).toBe('900,719.9254740991');
    expect(formatYuan(300_000)).toBe('3,000.00');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatIn(123_456_789_012, 'yuan', { digits: 0 })).toBe('1,234,567,890');
  });

  it('keeps the sign of negative figures (differences, shortfalls)', () => {
    expect(formatWan(-1_234_565_000)).toBe('-1,234.57');
    expect(formatWan(-4_000)).toBe('0.00');
    expect(formatAmount(-120 * yi)).toBe('-120.00 亿元');
  });

  it('chooses 亿元 from 1 亿 (after rounding) and 万元 below', () => {
    expect(formatAmount(120 * yi)).toBe('120.00 亿元');
    expect(formatAmount(3_456_780_000)).toBe('3,456.78 万元');
    expect(formatAmount(yi)).toBe('1.00 亿元');
    expect(formatAmount(yi - 1)).toBe('1.00 亿元'); // 9,999.999999 万元 rounds to 10,000.00
    expect(formatAmount(yi - 5_000)).toBe('1.00 亿元');
    expect(formatAmount(yi - 5_001)).toBe('9,999.99 万元');
    expect(chooseAmountUnit(yi - 5_001)).toBe('wan');
    expect(formatAmount(0)).toBe('0.00 万元');
    expect(formatAmount(120 * yi, 'en-US')).toBe('120.00 × 100M yuan');
    expect(formatAmount(3_456_780_000, 'en-US')).toBe('3,456.78 × 10k yuan');
    expect(formatAmount(123_456_780_000, 'zh-CN', { digits: 4 })).toBe('12.3457 亿元');
  });

  it('rejects bad input', () => {
    expect(() => formatWan(0.5)).toThrow(RangeError);
    expect(() => formatWan(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    // A sum past 2^53 (older data) is formatted as the double it is, never a failed page.
    expect(formatWan(2 ** 53)).toBe('9,007,199,254.74');
    expect(() => formatWan(1, { digits: 11 })).toThrow(RangeError);
    expect(() => formatWan(1, { digits: 1.5 })).toThrow(RangeError);
  });

  it('gives floats for charts', () => {
    expect(fenToWanNumber(1_234_560_000)).toBe(1234.56);
    expect(fenToYiNumber(120 * yi)).toBe(120);
  });
});

describe('properties', () => {
  it('parse(format(x)) round-trips exactly at full precision', () => {
    fc.assert(
      fc.property(fenArbitrary, (fen) => {
        const viaWan = parseAmount(formatWan(fen, { digits: 6 }), 'wan');
        const viaYi = parseAmount(formatYi(fen, { digits: 10 }), 'yi');
        const viaYuan = parseAmount(formatYuan(fen, { grouping: false }), 'yuan');
        const viaUnit = parseAmount(`${formatYi(fen, { digits: 10 })}亿元`, 'yuan');
        return [viaWan, viaYi, viaYuan, viaUnit].every((r) => r.ok && r.fen === fen);
      }),
    );
  });

  it('formatAmount parses back to the value rounded to its display unit', () => {
    fc.assert(
      fc.property(fenArbitrary, (fen) => {
        fc.pre(fen <= 9e15); // rounding up near MAX_SAFE_INTEGER would leave the storable range
        const result = parseAmount(formatAmount(fen), 'yuan');
        const step = chooseAmountUnit(fen) === 'yi' ? 100 * wan : 10_000;
        return result.ok && Math.abs(result.fen - fen) <= step / 2;
      }),
    );
  });

  it('sums of parsed values are exact', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 40 }), { maxLength: 200 }), (amounts) => {
        const parsed = amounts.map((fen) => {
          const result = parseAmount(`${formatWan(fen, { digits: 6 })}万元`, 'yuan');
          if (!result.ok) throw new Error(result.problem);
          return result.fen;
        });
        const expected = amounts.reduce((total, fen) => total + BigInt(fen), 0n);
        return BigInt(sumFen(parsed)) === expected && BigInt(parsed.reduce((a, b) => a + b, 0)) === expected;
      }),
    );
  });

  it('decimal text in any unit parses to the exact BigInt value', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.integer({ min: 0, max: 12 }),
        fc.constantFrom<AmountUnit>('yuan', 'wan', 'yi'),
        (digits, scale, unit) => {
          const text = digits.toString().padStart(scale + 1, '0');
          const decimal = scale === 0 ? text : `${text.slice(0, -scale)}.${text.slice(-scale)}`;
          const exponent = { yuan: 2, wan: 6, yi: 10 }[unit];
          const result = parseAmount(decimal, unit);
          const numerator = digits * 10n ** BigInt(exponent);
          const denominator = 10n ** BigInt(scale);
          if (numerator % denominator !== 0n) return !result.ok && result.problem === 'too_precise';
          const fen = numerator / denominator;
          if (fen > BigInt(Number.MAX_SAFE_INTEGER)) return !result.ok && result.problem === 'too_large';
          return result.ok && BigInt(result.fen) === fen;
        },
      ),
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom<AmountUnit>('yuan', 'wan', 'yi'), (text, unit) => {
        const result = parseAmount(text, unit);
        return result.ok ? Number.isSafeInteger(result.fen) && result.fen >= 0 : true;
      }),
    );
  });
});

describe('schemas', () => {
  it('validates stored fen', () => {
    expect(fenSchema.parse(0)).toBe(0);
    expect(fenSchema.safeParse(-1).error?.issues[0]?.message).toBe('金额不能为负数');
    expect(fenSchema.safeParse(1.5).success).toBe(false);
    expect(fenSchema.safeParse(Number.MAX_SAFE_INTEGER + 2).success).toBe(false);
    // 1 万亿元 is the most one investment can state.
    expect(fenSchema.parse(MAX_AMOUNT_FEN)).toBe(100_000_000_000_000);
    expect(fenSchema.safeParse(MAX_AMOUNT_FEN + 1).error?.issues[0]?.message).toBe('金额不能超过 1 万亿元');
    expect(fenSchema.safeParse(Number.MAX_SAFE_INTEGER).success).toBe(false);
    expect(positiveFenSchema.safeParse(MAX_AMOUNT_FEN + 1).success).toBe(false);
    expect(fenSchema.safeParse('100').success).toBe(false);
    expect(positiveFenSchema.safeParse(0).error?.issues[0]?.message).toBe('金额应大于 0');
  });

  it('parses amount text from forms', () => {
    expect(amountTextSchema('wan').parse('1,234.56')).toBe(1_234_560_000);
    expect(amountTextSchema('wan').safeParse('0.0000001').error?.issues[0]?.message).toBe(
      '金额最多精确到分（0.01 元）',
    );
  });
});
