import { describe, expect, it } from 'vitest';
import { proposeMapping, rankHeader } from './fields.ts';
import { breakdownPeriod, resolveBreakdown } from './funds-breakdown.ts';

const WAN = 1_000_000;
const fieldsOf = (headers: Array<{ text: string; parent: string | null }>) =>
  proposeMapping(headers).map((m) => m.field);

describe('funds-by-source headers', () => {
  it('reads 其中 columns alone, and under a group or a path of groups', () => {
    expect(rankHeader('其中：省外')?.field).toBe('fundsOutsideProvince');
    expect(rankHeader('其中:境外')?.field).toBe('fundsAbroad');
    expect(rankHeader('其中：外资')?.field).toBe('fundsAbroad');
    expect(rankHeader('其中：国内市外')?.field).toBe('fundsOutsideCity');
    expect(rankHeader('其中：市外')?.field).toBe('fundsOutsideCity');
    expect(rankHeader('其中：市外省内')?.field).toBe('fundsOutsideCityInProvince');
    expect(rankHeader('其中：我方')?.field).toBe('fundsOurSide');
    expect(rankHeader('其中：合作方')?.field).toBe('fundsPartner');
    expect(rankHeader('我方', '到位资金')).toEqual({ field: 'fundsOurSide', strength: 4 });
    expect(rankHeader('合作方', '实际到位资金')).toEqual({ field: 'fundsPartner', strength: 4 });
    expect(rankHeader('其中：省外', '累计到位')).toEqual({ field: 'fundsOutsideProvince', strength: 4 });
    expect(rankHeader('其中：境外', '实际到位资金/本月')).toEqual({ field: 'fundsAbroad', strength: 4 });
    expect(rankHeader('省外', '实际到位资金/累计')).toEqual({ field: 'fundsOutsideProvince', strength: 4 });
  });

  it('does not take a breakdown of the agreed investment for funds', () => {
    expect(rankHeader('其中：省外', '协议投资额')).toBeNull();
    expect(rankHeader('我方', '协议投资额')).toBeNull();
    expect(rankHeader('其中：我方', '总投资')).toBeNull();
    // a bare 我方 names nothing on its own
    expect(rankHeader('我方')).toBeNull();
  });

  it('maps a whole funds block: the total and its breakdown', () => {
    expect(
      fieldsOf([
        { text: '项目名称', parent: null },
        { text: '累计到位', parent: null },
        { text: '其中：省外', parent: null },
        { text: '其中：境外', parent: null },
      ]),
    ).toEqual(['name', 'fundsCumulative', 'fundsOutsideProvince', 'fundsAbroad']);
    expect(
      fieldsOf([
        { text: '项目名称', parent: null },
        { text: '合计', parent: '实际到位资金/本月' },
        { text: '其中：国内市外', parent: '实际到位资金/本月' },
        { text: '其中：境外', parent: '实际到位资金/本月' },
        { text: '合计', parent: '实际到位资金/累计' },
      ]),
    ).toEqual(['name', 'fundsMonth', 'fundsOutsideCity', 'fundsAbroad', 'fundsCumulative']);
  });
});

describe('breakdownPeriod', () => {
  const map = (headers: Array<{ text: string; parent: string | null }>) => proposeMapping(headers);

  it('is the period the header path names, else the period column on its left, else on its right', () => {
    expect(
      breakdownPeriod(
        map([
          { text: '项目名称', parent: null },
          { text: '本年到位', parent: null },
          { text: '累计到位', parent: null },
          { text: '其中：省外', parent: null },
        ]),
      ),
    ).toBe('fundsCumulative');
    expect(
      breakdownPeriod(
        map([
          { text: '项目名称', parent: null },
          { text: '本月到位', parent: null },
          { text: '其中：省外', parent: null },
          { text: '累计到位', parent: null },
        ]),
      ),
    ).toBe('fundsMonth');
    expect(
      breakdownPeriod(
        map([
          { text: '项目名称', parent: null },
          { text: '其中：省外', parent: '本月到位' },
          { text: '累计到位', parent: null },
        ]),
      ),
    ).toBe('fundsMonth');
    expect(
      breakdownPeriod(
        map([
          { text: '项目名称', parent: null },
          { text: '其中：境外', parent: null },
          { text: '本年到位', parent: null },
        ]),
      ),
    ).toBe('fundsYear');
    expect(
      breakdownPeriod(
        map([
          { text: '项目名称', parent: null },
          { text: '省外', parent: '到位资金' },
        ]),
      ),
    ).toBe('fundsCumulative');
    expect(
      breakdownPeriod(
        map([
          { text: '项目名称', parent: null },
          { text: '累计到位', parent: null },
        ]),
      ),
    ).toBeNull();
  });
});

describe('resolveBreakdown', () => {
  it('names the parts; the rest is the investor’s', () => {
    const r = resolveBreakdown('fundsCumulative', 1000 * WAN, true, {
      fundsOutsideProvince: 600 * WAN,
      fundsAbroad: 300 * WAN,
    });
    expect(r).toEqual({
      ok: true,
      breakdown: {
        period: 'fundsCumulative',
        total: 1000 * WAN,
        parts: [
          { source: 'outside_province', amount: 600 * WAN },
          { source: 'abroad', amount: 300 * WAN },
        ],
        partner: false,
      },
    });
  });

  it('reads 国内市外 as holding 省外: what it holds beyond is domestic, outside the city', () => {
    const r = resolveBreakdown('fundsCumulative', 1000 * WAN, true, {
      fundsOutsideCity: 700 * WAN,
      fundsOutsideProvince: 400 * WAN,
      fundsAbroad: 300 * WAN,
    });
    expect(r.ok && r.breakdown?.parts).toEqual([
      { source: 'outside_province', amount: 400 * WAN },
      { source: 'outside_city', amount: 300 * WAN },
      { source: 'abroad', amount: 300 * WAN },
    ]);
  });

  it('keeps 我方 inside the city and 合作方 as the investor’s', () => {
    const r = resolveBreakdown('fundsYear', 500 * WAN, true, {
      fundsOurSide: 100 * WAN,
      fundsPartner: 400 * WAN,
    });
    expect(r).toEqual({
      ok: true,
      breakdown: {
        period: 'fundsYear',
        total: 500 * WAN,
        parts: [{ source: 'inside_city', amount: 100 * WAN, party: 'ours' }],
        partner: true,
      },
    });
  });

  it('finds a breakdown larger than its total, and names the cell', () => {
    expect(
      resolveBreakdown('fundsCumulative', 800 * WAN, true, {
        fundsOutsideProvince: 600 * WAN,
        fundsAbroad: 300 * WAN,
      }),
    ).toEqual({
      ok: false,
      problem: { kind: 'parts_exceed_total', field: 'fundsAbroad', parts: 900 * WAN, total: 800 * WAN },
    });
    expect(
      resolveBreakdown('fundsCumulative', 800 * WAN, true, {
        fundsOurSide: 300 * WAN,
        fundsPartner: 600 * WAN,
      }),
    ).toMatchObject({ ok: false, problem: { kind: 'parts_exceed_total', field: 'fundsPartner' } });
    expect(
      resolveBreakdown('fundsCumulative', 800 * WAN, true, {
        fundsOutsideCity: 300 * WAN,
        fundsOutsideProvince: 400 * WAN,
      }),
    ).toMatchObject({ ok: false, problem: { kind: 'nested_exceeds', field: 'fundsOutsideProvince' } });
    expect(resolveBreakdown('fundsCumulative', null, true, { fundsAbroad: 10 * WAN })).toEqual({
      ok: false,
      problem: { kind: 'no_total', field: 'fundsAbroad' },
    });
  });

  it('without a total column the breakdown is the figure; empty or zero parts are no breakdown', () => {
    expect(
      resolveBreakdown('fundsCumulative', null, false, {
        fundsOutsideProvince: 60 * WAN,
        fundsAbroad: 40 * WAN,
      }),
    ).toMatchObject({ ok: true, breakdown: { total: 100 * WAN } });
    expect(
      resolveBreakdown('fundsCumulative', 100, true, { fundsAbroad: 0, fundsOutsideProvince: null }),
    ).toEqual({
      ok: true,
      breakdown: null,
    });
  });
});
