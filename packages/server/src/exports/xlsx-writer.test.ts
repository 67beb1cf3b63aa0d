import { describe, expect, it } from 'vitest';
import { cellValue, neutralise, wanNumber } from './xlsx-writer.ts';

describe('spreadsheet cells', () => {
  it('neutralises text beginning with = + - @, tab or carriage return (CWE-1236), and only that', () => {
    expect(['=1+1', '+86', '-5', '@SUM(A1)', '\tx', '\rx'].map(neutralise)).toEqual([
      "'=1+1",
      "'+86",
      "'-5",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
    ]);
    expect(['项目', ' =1', '1-2', 'a@b', ''].map(neutralise)).toEqual(['项目', ' =1', '1-2', 'a@b', '']);
  });

  it('keeps numbers numeric and empty cells empty', () => {
    expect(cellValue(-5)).toBe(-5);
    expect(cellValue('-5')).toBe("'-5");
    expect(cellValue('')).toBeNull();
    expect(cellValue(null)).toBeNull();
  });

  it('writes 万元 from fen as the nearest double, which prints as the exact decimal', () => {
    expect(wanNumber(12_345_600_000)).toBe(12_345.6);
    expect(wanNumber(1)).toBe(0.000001);
    expect(String(wanNumber(123_456_789_012_345))).toBe('123456789.012345');
  });
});
