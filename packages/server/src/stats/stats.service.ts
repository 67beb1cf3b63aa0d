import { stages } from '@landfall/domain/stages';
import { fundingSources, regions, type FundingSource } from '@landfall/domain/regions';
import type { Ctx } from '../context.ts';
import { authorize } from '../auth/authorize.ts';
import { listScope } from '../auth/policy.ts';
import { AppError } from '../http/app-error.ts';
import { summariseFundsBySource, summariseLibrary } from '../projects/project.repo.ts';
import { today } from '../projects/project.service.ts';
import { readDashboard } from '../dashboard/dashboard.service.ts';
import { knownBeforeOf } from '../ledger/ledger.reads.ts';
import { statsIndicators } from './stats.indicators.ts';

/** 万元 from integer fen, exact in decimal (1 万元 = 1,000,000 fen), as a JSON number. */
export function wanFromFen(fen: bigint | number | string): number {
  const value = BigInt(fen);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / 1_000_000n;
  const fraction = (abs % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  return Number(`${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`);
}

/**
 * The library's figures as of a date (today by default): projects by stage and
 * region, agreed investment, fixed assets and funds in place in 万元, and the
 * number of projects of 1 亿元 or more (agreed investment ≥ 10,000 万元).
 * Projects without an origin count as 'other'.
 *
 * Funds in place are given whole (fundsInPlaceWan: every source) and by source (fundsBySource, 万元),
 * with the 市外口径 figure beside (fundsOutsideCityWan: all but inside the city, 本市/我方), which is
 * what the targets and the dashboard count.
 */
export async function readStats(
  ctx: Ctx,
  opts: { asOf?: string; knownOn?: string; tenantId?: string; year?: number },
) {
  const actor = await authorize(ctx, 'stats.read');
  // Figures count sensitive projects for every reader (纵向联动: the city's figure is the district's own).
  const scope = { ...listScope(actor, 'stats.read'), sensitiveTenantIds: undefined };
  const knownBefore = knownBeforeOf(opts.knownOn);
  if (opts.tenantId) {
    if (scope.tenantIds && !scope.tenantIds.includes(opts.tenantId)) throw new AppError('not_found');
    scope.tenantIds = [opts.tenantId];
  }
  const asOf = opts.asOf ?? today(ctx);
  const summary = await summariseLibrary(ctx.db, scope, asOf, knownBefore);
  const bySource = await summariseFundsBySource(ctx.db, scope, asOf, knownBefore);
  const sourceFen = Object.fromEntries(fundingSources.map((s) => [s, 0n])) as Record<FundingSource, bigint>;
  for (const row of bySource) {
    if (row.source && row.source in sourceFen)
      sourceFen[row.source as FundingSource] += BigInt(row.funds ?? 0);
  }
  const totalFunds = BigInt(summary.sums?.funds ?? 0);
  const byStage = Object.fromEntries(stages.map((s) => [s, 0])) as Record<(typeof stages)[number], number>;
  for (const row of summary.byStage) byStage[row.stage as keyof typeof byStage] = Number(row.n);
  const byRegion = Object.fromEntries(regions.map((r) => [r, 0])) as Record<(typeof regions)[number], number>;
  for (const row of summary.byRegion) {
    const key = (row.region ?? 'other') as keyof typeof byRegion;
    byRegion[key] = (byRegion[key] ?? 0) + Number(row.n);
  }
  // The year's funds-in-place target (口径: all sources), when the tenant has one.
  const year = opts.year ?? Number(asOf.slice(0, 4));
  const dashboard = await readDashboard(ctx, {
    year,
    asOf: asOf.startsWith(`${year}-`) ? asOf : `${year}-12-31`,
    tenantId: opts.tenantId,
    knownBefore,
  });
  const target =
    dashboard.kpi.target === null
      ? null
      : {
          metric: 'funds-in-place',
          year,
          amountWan: wanFromFen(dashboard.kpi.target),
          actualWan: wanFromFen(dashboard.kpi.actual),
          completionRate: dashboard.kpi.completion,
          timeProgress: dashboard.timeProgress,
          ahead: dashboard.kpi.gap,
          forecastWan: dashboard.kpi.forecast === null ? null : wanFromFen(dashboard.kpi.forecast),
        };
  return {
    asOf,
    knownOn: opts.knownOn ?? null,
    target,
    projects: Number(summary.sums?.projects ?? 0),
    byStage,
    agreedInvestmentWan: wanFromFen(summary.sums?.agreed ?? 0),
    fixedAssetWan: wanFromFen(summary.sums?.fixed ?? 0),
    fundsInPlaceWan: wanFromFen(totalFunds),
    fundsOutsideCityWan: wanFromFen(totalFunds - sourceFen.inside_city),
    fundsBySource: Object.fromEntries(fundingSources.map((s) => [s, wanFromFen(sourceFen[s])])) as Record<
      FundingSource,
      number
    >,
    over100mProjects: Number(summary.sums?.over100m ?? 0),
    byRegion,
    /** The year's assessed indicators (口径, 同比, 新签约/续建, tiers, 双过半, rates): stats.indicators.ts. */
    indicators: statsIndicators(dashboard, wanFromFen),
  };
}
