import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectAmountUnit, detectCurrency, parseSheetMoney, parseUsdRate, usdCentsToFen } from './amounts.ts';

describe('USD amounts', () => {
  it('reads the currency and scale a header declares; 万元 is not USD', () => {
    expect(detectCurrency('协议投资额（万美元）')).toEqual({ currency: 'USD', unit: 'wan' });
    expect(detectCurrency('到位资金(亿美元)')).toEqual({ currency: 'USD', unit: 'yi' });
    expect(detectCurrency('金额（美元）')).toEqual({ currency: 'USD', unit: 'yuan' });
    expect(detectCurrency('合同外资 USD')).toEqual({ currency: 'USD', unit: 'yuan' });
    expect(detectCurrency('协议投资额（万元）')).toBeNull();
    expect(detectCurrency('万州区')).toBeNull();
    // and the 人民币 unit detector never reads 万美元 as 万元
    expect(detectAmountUnit('协议投资额（万美元）')).toBeNull();
  });

  it('accepts a positive decimal rate only', () => {
    expect(parseUsdRate('7.1')).toEqual({ units: 71n, scale: 1 });
    expect(parseUsdRate(' 7.18840 ')).toEqual({ units: 718840n, scale: 5 });
    for (const bad of ['0', '0.00', '-7.1', '7,1', '1e1', '', '七', '7.123456789', 'NaN']) {
      expect(parseUsdRate(bad), bad).toBeNull();
    }
  });

  it('converts exactly in BigInt, rounding half up to the fen only when the rate is finer', () => {
    // 500万美元 × 7.1 = 3550万元, to the fen
    expect(usdCentsToFen(500_000_000n, '7.1')).toBe(3_550_000_000n);
    // 0.01 美元 × 7.1 = 0.071 元 = 7.1 fen → 7 fen; 0.05 × 7.1 = 35.5 fen → 36 fen (half up)
    expect(usdCentsToFen(1n, '7.1')).toBe(7n);
    expect(usdCentsToFen(5n, '7.1')).toBe(36n);
    // 123456789.01 美元 × 7.1884 = 887,456,782.119484 元 → 88,745,678,212 fen (…11.9484 fen, half up)
    expect(usdCentsToFen(12_345_678_901n, '7.1884')).toBe(88_745_678_212n);
    expect(usdCentsToFen(500_000_000n, '7.10000000')).toBe(3_550_000_000n);
  });

  it('is cents × rate rounded half up to the fen, for any amount and two-decimal rate', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 13n }),
        fc.integer({ min: 1, max: 99_999 }),
        (cents, r) => {
          const rate = `${Math.floor(r / 100)}.${String(r % 100).padStart(2, '0')}`;
          expect(usdCentsToFen(cents, rate)).toBe((cents * BigInt(r) + 50n) / 100n);
        },
      ),
    );
  });

  it('reads a 万美元 column and a USD cell, and keeps the dollars and the rate', () => {
    expect(parseSheetMoney(500, 'wan', 'USD', '7.1')).toEqual({
      ok: true,
      fen: 3_550_000_000,
      original: { currency: 'USD', amount: '5000000', rate: '7.1' },
    });
    // a cell naming USD in a 万元 column: its own scale
    expect(parseSheetMoney('500万美元', 'wan', 'CNY', '7.1')).toEqual({
      ok: true,
      fen: 3_550_000_000,
      original: { currency: 'USD', amount: '5000000', rate: '7.1' },
    });
    expect(parseSheetMoney('120美元', 'wan', 'CNY', '7')).toMatchObject({ fen: 84_000 });
    expect(parseSheetMoney('1.5亿美元', 'wan', 'CNY', '7.1')).toMatchObject({ fen: 106_500_000_000 });
    expect(parseSheetMoney('USD 80', 'wan', 'CNY', '7.1')).toMatchObject({ fen: 568_000_000 });
    // 人民币 written as such in a USD column stays 人民币
    expect(parseSheetMoney('3550万元', 'wan', 'USD', '7.1')).toEqual({
      ok: true,
      fen: 3_550_000_000,
      original: null,
    });
    // nothing there is nothing, with or without a rate
    expect(parseSheetMoney('无', 'wan', 'USD', null)).toEqual({ ok: true, fen: null, original: null });
    // 人民币 is untouched
    expect(parseSheetMoney('1,234.56', 'wan', 'CNY', null)).toEqual({
      ok: true,
      fen: 1_234_560_000,
      original: null,
    });
  });

  it('never reads USD as 万元 without a rate', () => {
    expect(parseSheetMoney(500, 'wan', 'USD', null)).toEqual({ ok: false, problem: 'usd_rate_missing' });
    expect(parseSheetMoney('500万美元', 'wan', 'CNY', null)).toEqual({
      ok: false,
      problem: 'usd_rate_missing',
    });
    expect(parseSheetMoney('500万美元', 'wan', 'CNY', 'abc')).toEqual({
      ok: false,
      problem: 'usd_rate_missing',
    });
    expect(parseSheetMoney('五百万美元', 'wan', 'CNY', '7.1')).toEqual({
      ok: false,
      problem: 'not_a_number',
    });
    expect(parseSheetMoney('-5万美元', 'wan', 'CNY', '7.1')).toEqual({ ok: false, problem: 'negative' });
  });
});
