import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveRegion, fundingSourceLabels, fundingSources, regionLabels, regions } from './regions.ts';
import { divisionCodeArbitrary } from './testing/arbitraries.ts';

const wanzhou = '500101'; // 重庆市万州区
const kunshan = '320583'; // 江苏省昆山市

describe('deriveRegion', () => {
  it.each([
    ['310115', 'yrd'], // 上海浦东
    ['320500', 'yrd'], // 苏州
    ['330100', 'yrd'], // 杭州
    ['340100', 'yrd'], // 合肥
    ['440100', 'prd'], // 广州
    ['440300', 'prd'], // 深圳
    ['440305', 'prd'], // 深圳南山区
    ['440400', 'prd'],
    ['440600', 'prd'],
    ['440700', 'prd'],
    ['441200', 'prd'],
    ['441300', 'prd'],
    ['441900', 'prd'], // 东莞
    ['442000', 'prd'], // 中山
    ['440500', 'other'], // 汕头: Guangdong but not the Pearl River Delta
    ['440000', 'other'], // Guangdong province as a whole
    ['110105', 'bohai'],
    ['120000', 'bohai'],
    ['130100', 'bohai'],
    ['210200', 'bohai'],
    ['370200', 'bohai'],
    ['510100', 'other'], // 成都
    ['810000', 'other'], // 香港
    ['500103', 'local'], // 渝中区, same province-level division as Wanzhou
  ])('from %s to Wanzhou is %s', (origin, region) => {
    expect(deriveRegion(origin, wanzhou)).toBe(region);
  });

  it('checks the home province first', () => {
    expect(deriveRegion('320500', kunshan)).toBe('local');
    expect(deriveRegion('310115', kunshan)).toBe('yrd');
    expect(deriveRegion('440300', '440300')).toBe('local');
    expect(deriveRegion('110105', '130100')).toBe('bohai');
  });

  it('gives null for no code', () => {
    expect(deriveRegion(null, wanzhou)).toBeNull();
    expect(deriveRegion(undefined, wanzhou)).toBeNull();
    expect(deriveRegion('', wanzhou)).toBeNull();
    expect(deriveRegion('4403', wanzhou)).toBeNull();
    expect(deriveRegion(' 440300 ', wanzhou)).toBe('prd');
  });

  it('requires a tenant division code', () => {
    expect(() => deriveRegion('440300', '')).toThrow(RangeError);
  });

  it('always answers a known region for a six-digit code', () => {
    fc.assert(
      fc.property(divisionCodeArbitrary, divisionCodeArbitrary, (origin, tenant) => {
        const region = deriveRegion(origin, tenant);
        return (
          region !== null &&
          regions.includes(region) &&
          (region === 'local') === (origin.slice(0, 2) === tenant.slice(0, 2))
        );
      }),
    );
  });

  it('labels regions and funding sources', () => {
    for (const region of regions) expect(regionLabels[region]['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    expect(fundingSources.map((source) => fundingSourceLabels[source]['zh-CN'])).toEqual([
      '市外省内',
      '省外',
      '境外',
      '市内',
    ]);
  });
});
