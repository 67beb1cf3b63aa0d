import { describe, expect, it } from 'vitest';
import { needsUsdRate, readUsdRate, usdRateMissingMessage } from './usdRate.ts';

describe('readUsdRate', () => {
  it('takes blank as no rate and a positive decimal as its trimmed text', () => {
    expect(readUsdRate(undefined)).toEqual({ ok: true, rate: undefined });
    expect(readUsdRate('   ')).toEqual({ ok: true, rate: undefined });
    expect(readUsdRate(' 7.1 ')).toEqual({ ok: true, rate: '7.1' });
    expect(readUsdRate('7.18840000')).toEqual({ ok: true, rate: '7.18840000' });
  });

  it('refuses what the server refuses, with its Chinese message', () => {
    for (const bad of ['0', '0.000', '-7.1', '7,1', '1e1', '7.123456789', 'abc', '７.１x']) {
      const result = readUsdRate(bad);
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.message).toContain('美元汇率应为正数');
    }
  });
});

describe('needsUsdRate', () => {
  const issue = (message: string) => ({
    row: 5,
    column: '协议投资额（万美元）',
    cell: 'F5',
    value: '500',
    message,
  });

  it('is true when a row error asks for the rate, false otherwise', () => {
    expect(needsUsdRate({ errors: [issue('项目名称不能为空'), issue(usdRateMissingMessage)] })).toBe(true);
    expect(needsUsdRate({ errors: [issue('项目名称不能为空')] })).toBe(false);
    expect(needsUsdRate({ errors: [] })).toBe(false);
  });
});
