import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FundsBreakdown } from '@landfall/domain/import/index';
import type { PlannedFunds } from './import-history.ts';
import { apportion, splitBySource } from './import-sources.ts';

const buckets: PlannedFunds[] = [
  { date: '2025-12-31', amount: 600, part: 'fundsCumulative', undated: { arrivedBefore: '2026-01-01' } },
  { date: '2026-02-28', amount: 300, part: 'fundsYear' },
  { date: '2026-03-31', amount: 100, part: 'fundsMonth' },
];
const of = (
  period: FundsBreakdown['period'],
  total: number,
  parts: FundsBreakdown['parts'],
): FundsBreakdown => ({
  period,
  total,
  parts,
  partner: false,
});
const bySource = (entries: ReturnType<typeof splitBySource>) =>
  entries.reduce<Record<string, number>>((s, e) => ({ ...s, [e.source]: (s[e.source] ?? 0) + e.amount }), {});

describe('splitBySource', () => {
  it('a breakdown of 累计 shares every bucket in proportion; each source gets exactly its figure', () => {
    const out = splitBySource(
      buckets,
      of('fundsCumulative', 1000, [
        { source: 'outside_province', amount: 600 },
        { source: 'abroad', amount: 300 },
      ]),
      'inside_city',
      'domestic',
      true,
    );
    expect(bySource(out)).toEqual({ outside_province: 600, abroad: 300, inside_city: 100 });
    expect(out.filter((e) => e.date === '2026-03-31').map((e) => [e.source, e.amount])).toEqual([
      ['outside_province', 60],
      ['abroad', 30],
      ['inside_city', 10],
    ]);
    expect(out.find((e) => e.source === 'abroad')!.capitalKind).toBe('foreign');
  });

  it('a breakdown of 本月 splits this month only; earlier buckets stay the investor’s', () => {
    const out = splitBySource(
      buckets,
      of('fundsMonth', 100, [{ source: 'outside_city', amount: 70 }]),
      'outside_city_in_province',
      'domestic',
      true,
    );
    expect(out.map((e) => [e.date, e.source, e.amount])).toEqual([
      ['2025-12-31', 'outside_city_in_province', 600],
      ['2026-02-28', 'outside_city_in_province', 300],
      ['2026-03-31', 'outside_city_in_province', 100],
    ]);
    // 国内市外 from an investor abroad: domestic, so counted as outside the province.
    const abroad = splitBySource(
      buckets,
      of('fundsMonth', 100, [{ source: 'outside_city', amount: 70 }]),
      'abroad',
      'foreign',
      true,
    );
    expect(abroad.filter((e) => e.date === '2026-03-31').map((e) => [e.source, e.amount])).toEqual([
      ['outside_province', 70],
      ['abroad', 30],
    ]);
  });

  it('an existing project’s increase takes the breakdown’s shares; a decrease too', () => {
    const up = splitBySource(
      [{ date: '2026-03-31', amount: 50, part: 'fundsCumulative' }],
      of('fundsMonth', 100, [{ source: 'abroad', amount: 30 }]),
      'outside_province',
      'domestic',
      false,
    );
    expect(bySource(up)).toEqual({ abroad: 15, outside_province: 35 });
    const down = splitBySource(
      [{ date: '2026-03-31', amount: -10, part: 'fundsCumulative' }],
      of('fundsCumulative', 100, [{ source: 'abroad', amount: 30 }]),
      'outside_province',
      'domestic',
      false,
    );
    expect(bySource(down)).toEqual({ abroad: -3, outside_province: -7 });
  });

  it('adds up to the fen for any buckets and breakdown', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10 ** 9 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 10 ** 9 }), { minLength: 3, maxLength: 3 }),
        (amounts, weights) => {
          const entries: PlannedFunds[] = amounts.map((amount, i) => ({
            date: `2026-0${i + 1}-01`,
            amount,
            part: (['fundsCumulative', 'fundsYear', 'fundsMonth'] as const)[i]!,
          }));
          const total = amounts.reduce((s, a) => s + a, 0);
          const sumW = weights.reduce((s, w) => s + w, 0) || 1;
          // parts of the total in the weights' proportion, floored so they never exceed it
          const [p, a, o] = weights.map((w) => Math.floor((total * w) / sumW / 2));
          const out = splitBySource(
            entries,
            of('fundsCumulative', total, [
              { source: 'outside_province', amount: p! },
              { source: 'abroad', amount: a! },
              { source: 'inside_city', amount: o!, party: 'ours' },
            ]),
            'outside_city_in_province',
            'domestic',
            true,
          );
          const got = bySource(out);
          expect(got.outside_province ?? 0).toBe(p);
          expect(got.abroad ?? 0).toBe(a);
          expect(got.inside_city ?? 0).toBe(o);
          for (const e of entries) {
            expect(out.filter((x) => x.date === e.date).reduce((s, x) => s + x.amount, 0)).toBe(e.amount);
          }
        },
      ),
    );
  });

  it('apportion keeps the sum', () => {
    expect(apportion(10n, [1n, 1n, 1n])).toEqual([4n, 3n, 3n]);
    expect(apportion(0n, [5n, 0n])).toEqual([0n, 0n]);
  });
});
