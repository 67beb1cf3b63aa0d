import { describe, expect, it } from 'vitest';
import { defaultTiers, inTier, isIndustrial, tierSettingSchema } from './tiers.ts';

const tier = (id: string) => defaultTiers.find((t) => t.id === id)!;

describe('tiers', () => {
  it('reads GB/T 4754 sections B–D as industrial, whatever the code level', () => {
    for (const code of ['B', 'C', 'D', '06', '0610', 'C3062', '3062', '46', '4620']) {
      expect(isIndustrial(code), code).toBe(true);
    }
    for (const code of ['A', 'E', '05', '0511', '47', '6510', 'I6510', '', null, undefined]) {
      expect(isIndustrial(code), String(code)).toBe(false);
    }
  });

  it('puts a project in a tier by agreed investment, the industrial tier by industry too', () => {
    const yi = 10_000_000_000;
    expect(inTier(tier('over100m'), { agreedFen: yi, industryCode: null })).toBe(true);
    expect(inTier(tier('over100m'), { agreedFen: yi - 1, industryCode: null })).toBe(false);
    expect(inTier(tier('over500m'), { agreedFen: 5 * yi, industryCode: '6510' })).toBe(true);
    expect(inTier(tier('over1b'), { agreedFen: 9 * yi, industryCode: null })).toBe(false);
    expect(inTier(tier('industrial30m'), { agreedFen: 3_000_000_000, industryCode: '3062' })).toBe(true);
    expect(inTier(tier('industrial30m'), { agreedFen: 3_000_000_000, industryCode: '6510' })).toBe(false);
    expect(inTier(tier('industrial30m'), { agreedFen: 2_999_999_999, industryCode: '3062' })).toBe(false);
    expect(inTier(tier('over100m'), { agreedFen: null, industryCode: null })).toBe(false);
  });

  it('refuses a tier list with repeats, none, or a zero threshold, in Chinese', () => {
    const ok = tierSettingSchema.safeParse({ tiers: [...defaultTiers], version: 0 });
    expect(ok.success).toBe(true);
    const repeated = tierSettingSchema.safeParse({ tiers: [tier('over100m'), tier('over100m')], version: 0 });
    expect(repeated.error?.issues[0]).toMatchObject({
      path: ['tiers', 1, 'id'],
      message: '档次代码不能重复',
    });
    expect(tierSettingSchema.safeParse({ tiers: [], version: 0 }).error?.issues[0]?.message).toBe(
      '至少保留一个档次',
    );
    const zero = tierSettingSchema.safeParse({ tiers: [{ ...tier('over1b'), minFen: 0 }], version: 0 });
    expect(zero.error?.issues[0]?.message).toBe('起点金额应大于 0');
  });
});
