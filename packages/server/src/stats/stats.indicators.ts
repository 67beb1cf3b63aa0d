/**
 * The assessed indicators in `/api/stats` and `landfall stats`, in 万元, from the dashboard's read of
 * the same date, tenant and knownOn (dashboard/indicators.ts): funds by 口径 with 本月 / 本年累计 /
 * 上年同期 / 同比, 新签约 vs 续建, the tenant's tiers, 双过半 and the three rates with their parts.
 */
import type { FundsBasis } from '@landfall/domain/targets';
import type { readDashboard } from '../dashboard/dashboard.service.ts';
import type { Comparison } from '../dashboard/indicators.ts';

type Dashboard = Awaited<ReturnType<typeof readDashboard>>;

const comparisonWan = (c: Comparison, wan: (fen: number) => number) => ({
  monthWan: wan(c.month),
  yearToDateWan: wan(c.yearToDate),
  lastYearWan: wan(c.lastYear),
  yoy: c.yoy,
});

export function statsIndicators(d: Dashboard, wan: (fen: number) => number) {
  const bases = d.bases
    ? (Object.fromEntries(
        Object.entries(d.bases).map(([basis, c]) => [basis, comparisonWan(c, wan)]),
      ) as Record<FundsBasis, ReturnType<typeof comparisonWan>>)
    : null;
  const split = (s: { projects: number; fundsFen: number }) => ({
    projects: s.projects,
    fundsWan: wan(s.fundsFen),
  });
  return {
    year: d.year,
    /** Funds in place by 口径: total = 全口径, all = 市外 (the targets' default), outside_province = 省外, foreign = 外资. */
    fundsByBasis: bases,
    signing: {
      new: split(d.signing.new),
      continuing: split(d.signing.continuing),
      unsigned: split(d.signing.unsigned),
    },
    tiers: d.tiers.map((t) => ({ id: t.id, label: t.label, signed: t.signed, inLibrary: t.inLibrary })),
    doubleHalf: d.kpi.doubleHalf,
    rates: {
      funding: {
        rate: d.rates.funding.rate,
        numeratorWan: wan(d.rates.funding.numerator),
        denominatorWan: wan(d.rates.funding.denominator),
      },
      start: d.rates.start,
      fulfilment: d.rates.fulfilment,
    },
  };
}
