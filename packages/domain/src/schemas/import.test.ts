import { describe, expect, it } from 'vitest';
import { importOptionsSchema } from './import.ts';

describe('importOptionsSchema: the USD rate', () => {
  it.each(['7.1', ' 6.8975 ', '0.01', '1000'])('takes %j', (rate) => {
    expect(importOptionsSchema.safeParse({ usdRate: rate }).success).toBe(true);
  });
  it.each([
    ['0', '美元汇率应为正数，如 7.1（最多 8 位小数）'],
    ['7,1', '美元汇率应为正数，如 7.1（最多 8 位小数）'],
    ['0.00000001', '美元汇率应在 0.01 至 1000 元人民币之间，如 7.1'],
    ['1000.5', '美元汇率应在 0.01 至 1000 元人民币之间，如 7.1'],
  ])('refuses %j: %s', (rate, message) => {
    const parsed = importOptionsSchema.safeParse({ usdRate: rate });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(message);
  });
});
