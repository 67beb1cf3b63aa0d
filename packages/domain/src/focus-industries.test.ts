import { describe, expect, it } from 'vitest';
import { defaultFocusIndustries, matchFocusIndustry } from './focus-industries.ts';

describe('focus industries', () => {
  it('match an industry code by its longest prefix', () => {
    expect(matchFocusIndustry('3612', defaultFocusIndustries)?.name).toBe('汽车及装备制造');
    expect(matchFocusIndustry('3871', defaultFocusIndustries)?.name).toBe('照明电气');
    expect(matchFocusIndustry('2710', defaultFocusIndustries)?.name).toBe('现代医药');
    expect(matchFocusIndustry('3581', defaultFocusIndustries)?.name).toBe('现代医药');
    expect(matchFocusIndustry('3511', defaultFocusIndustries)?.name).toBe('汽车及装备制造');
    expect(matchFocusIndustry('6510', defaultFocusIndustries)).toBeUndefined();
    expect(matchFocusIndustry(null, defaultFocusIndustries)).toBeUndefined();
  });
});
