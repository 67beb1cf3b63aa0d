import {
  completionRate,
  countFulfilment,
  paceGap,
  reportedDoubleHalf,
  timeProgress,
  trafficLight,
} from '@landfall/domain/metrics';
import { forecastYearEnd, learnStageWeights } from '@landfall/domain/forecast';
import type { Allocation, FundsBasis } from '@landfall/domain/targets';
import type { Stage } from '@landfall/domain/stages';
import { ledgerPunctuality, type PunctualityProject } from '@landfall/domain/coordination';
import { addDays } from '@landfall/domain/dates';
import type { Ctx } from '../context.ts';
import type { TargetMetricColumn } from '../db/schema.ts';
import { listSharedInvestors } from './shared-investors.service.ts';
import { authorize } from '../auth/authorize.ts';
import { listScope, seesSensitive, type ListScope } from '../auth/policy.ts';
import { AppError } from '../http/app-error.ts';
import { today } from '../projects/project.service.ts';
import { summariseLibrary } from '../projects/project.repo.ts';
import { listTenants } from '../tenants/tenant.repo.ts';
import { findPlanByKey, findRevisionAsOf } from '../targets/target.repo.ts';
import { unitInspectionScores } from '../inspections/inspection.service.ts';
import {
  countFirstReached,
  listPunctualityLedger,
  listSignedProjects,
  readYearHistory,
  sumFundsBy,
  sumFundsByMonth,
  sumOpenRemainder,
  type Period,
} from './dashboard.repo.ts';
import { actualsByUnit } from './dashboard.actuals.ts';
import { listProjectFigures } from './indicators.repo.ts';
import { compareBases, comparePeriods, countTiers, ratesWithParts, splitBySigning } from './indicators.ts';
import { tenantTiers } from '../settings/tier-setting.service.ts';
import { knownBeforeOf } from '../ledger/ledger.reads.ts';
import { recordsAsOf } from '../audit/audit.service.ts';

export interface DashboardQuery {
  year?: number;
  asOf?: string;
  metric?: TargetMetricColumn;
  basis?: FundsBasis;
  tenantId?: string;
  timeMode?: 'month' | 'day';
  /** 统计时点 as the API takes it (a date: as known at its end; an instant). */
  knownOn?: string;
  /** Internal (briefs): only what was known before this instant (wins over knownOn). */
  knownBefore?: Date;
}

/**
 * Ledger punctuality (台账按时更新率) per unit over the period: see `ledgerPunctuality` in the domain
 * for the exact rule (weeks ending in the period in which every active project had an entry).
 */
async function punctualityByUnit(ctx: Ctx, period: Period) {
  const rows = await listPunctualityLedger(ctx.db, period, addDays(period.from, -6));
  const projects = new Map<
    string,
    { unitId: string; enteredOn: string; stages: { on: string; stage: string }[]; entryDates: string[] }
  >();
  for (const r of rows) {
    let p = projects.get(r.projectId);
    if (!p) {
      p = { unitId: r.unitId, enteredOn: r.effectiveOn, stages: [], entryDates: [] };
      projects.set(r.projectId, p);
    }
    if (r.stageTo) p.stages.push({ on: r.effectiveOn, stage: r.stageTo });
    p.entryDates.push(r.effectiveOn);
  }
  const byUnit = new Map<string, PunctualityProject[]>();
  for (const p of projects.values()) byUnit.set(p.unitId, [...(byUnit.get(p.unitId) ?? []), p]);
  return (unitId: string) => ledgerPunctuality(byUnit.get(unitId) ?? [], period.from, period.to);
}

function score(actual: number, target: number | null, progress: number) {
  const completion = target === null ? null : completionRate(actual, target);
  return {
    actual,
    target,
    completion,
    gap: completion === null ? null : paceGap(completion, progress),
    light: trafficLight(completion, progress),
  };
}

/**
 * The leaders' dashboard (领导驾驶舱) for one year, metric and 口径, as of a date:
 * the tenant's figures against the target allocation in force on that date,
 * the groups and the unit ranking (赛马榜) with traffic lights, the forecast,
 * funds month by month against the target line, by focus industry and region,
 * the pipeline by stage, and — for a city or province — the districts ranked.
 */
export async function readDashboard(ctx: Ctx, rawQuery: DashboardQuery) {
  const actor = await authorize(ctx, 'dashboard.read');
  return computeDashboard(
    ctx,
    {
      scope: listScope(actor, 'dashboard.read'),
      homeTenantId: actor.tenantId,
      seesSensitive: seesSensitive(actor),
      seesSharedInvestors: actor.role === 'coordinator',
    },
    rawQuery,
  );
}

/** Who the dashboard is computed for, once a caller's policy check has decided it. */
export interface DashboardReader {
  scope: ListScope;
  homeTenantId: string | null;
  seesSensitive: boolean;
  seesSharedInvestors: boolean;
}

/**
 * The dashboard's figures for a reader the caller has already authorised (readDashboard for the
 * dashboard itself; the unit home for one unit's row, under its own policy action).
 */
export async function computeDashboard(ctx: Ctx, reader: DashboardReader, rawQuery: DashboardQuery) {
  const query = { ...rawQuery, knownBefore: rawQuery.knownBefore ?? knownBeforeOf(rawQuery.knownOn) };
  const scope = reader.scope;
  const allTenants = await listTenants(ctx.db, scope.tenantIds);
  const home = query.tenantId
    ? allTenants.find((t) => t.id === query.tenantId)
    : (allTenants.find((t) => t.id === reader.homeTenantId) ?? allTenants[0]);
  if (!home) throw new AppError('not_found');
  const tenantIds = allTenants.filter((t) => t.path.startsWith(home.path)).map((t) => t.id);

  const asOf = query.asOf ?? today(ctx);
  const year = query.year ?? Number(asOf.slice(0, 4));
  const to = asOf < `${year}-12-31` ? asOf : `${year}-12-31`;
  const metric = query.metric ?? 'funds_in_place';
  const basis = metric === 'funds_in_place' ? (query.basis ?? 'all') : 'all';
  const period: Period = {
    tenantIds,
    from: `${year}-01-01`,
    to,
    basis,
    includeSensitive: reader.seesSensitive,
    knownBefore: query.knownBefore,
  };
  const progress = timeProgress(to, year, query.timeMode ?? 'month');

  const plan = await findPlanByKey(ctx.db, { tenantId: home.id, year, metric, basis });
  const known = (p: typeof plan) =>
    !!p &&
    p.status === 'final' &&
    (!query.knownBefore || (!!p.finalized_at && new Date(p.finalized_at) < query.knownBefore));
  const revision =
    known(plan) && plan ? await findRevisionAsOf(ctx.db, plan.id, to, query.knownBefore) : undefined;
  const allocation = revision?.allocation as Allocation | undefined;

  const actuals = await actualsByUnit(ctx.db, period, metric);
  // 本月 / 上年同期 / 同比 over the same view; 新签约·续建 and the tenant's tiers from the same facts.
  const comparison = await comparePeriods(ctx.db, period, metric, actuals);
  const figures = await listProjectFigures(ctx.db, period);
  const tiers = await tenantTiers(ctx.db, home.id);
  const units = await unitsAsKnown(ctx, tenantIds, query.knownBefore);
  const groups = await ctx.db
    .selectFrom('work_group')
    .selectAll()
    .where('tenant_id', '=', home.id)
    .orderBy('sort_order')
    .execute();
  const unitActual = (id: string) => actuals.filter((a) => a.unitId === id).reduce((s, a) => s + a.value, 0);
  const total = actuals.reduce((s, a) => s + a.value, 0);

  // Forecast (funds only): actual + the stage-weighted open remainder. The weights are learned from
  // last year's history of this tenant where a stage had enough projects, else the defaults.
  const learned = learnStageWeights(
    metric === 'funds_in_place'
      ? (await readYearHistory(ctx.db, tenantIds, year - 1, query.knownBefore)).map((h) => ({
          stageAtYearStart: h.stage as Stage,
          remainingAtYearStart: h.remainingFen,
          receivedDuringYear: h.receivedFen,
        }))
      : [],
  );
  const remainder = metric === 'funds_in_place' ? await sumOpenRemainder(ctx.db, period) : [];
  const forecastFor = (unitId: string | null, actual: number) =>
    metric !== 'funds_in_place'
      ? null
      : forecastYearEnd({
          actual,
          openProjects: remainder
            .filter((r) => unitId === null || r.unitId === unitId)
            .map((r) => ({ stage: r.stage as Stage, agreedFen: r.remainingFen, fundsFen: 0 })),
          weights: learned.weights,
          asOf: to,
          year,
        });

  // Supervision feeds the ranking: the year's inspection scores and the weekly ledger's punctuality.
  const inspectionScores = await unitInspectionScores(ctx, [home.id], period.from, to);
  const punctualityOf = await punctualityByUnit(ctx, { ...period, tenantIds: [home.id] });
  const unitRows = units
    .filter((u) => u.tenant_id === home.id)
    .map((u) => {
      const target = allocation?.units.find((a) => a.unitId === u.id)?.amount ?? null;
      const actual = unitActual(u.id);
      const punctuality = punctualityOf(u.id);
      const scored = score(actual, target, progress);
      const compared = comparison.unit(u.id);
      return {
        unitId: u.id,
        name: u.name,
        groupId: u.group_id,
        ...scored,
        month: compared.month,
        lastYear: compared.lastYear,
        yoy: compared.yoy,
        doubleHalf: reportedDoubleHalf(to, scored.completion),
        tiers: Object.fromEntries(countTiers(figures, period, tiers, u.id).map((t) => [t.id, t.signed])),
        forecast: forecastFor(u.id, actual),
        inspectionScore: inspectionScores.get(u.id) ?? null,
        punctuality: punctuality.punctuality,
        punctualityWeeks: { onTime: punctuality.weeksOnTime, counted: punctuality.weeksCounted },
      };
    })
    .sort((a, b) => (b.completion ?? -1) - (a.completion ?? -1) || b.actual - a.actual)
    .map((u, i) => ({ ...u, rank: i + 1 }));

  const groupRows = groups.map((g) => {
    const actual = unitRows.filter((u) => u.groupId === g.id).reduce((s, u) => s + u.actual, 0);
    const target = allocation?.groups.find((a) => a.groupId === g.id)?.amount ?? null;
    return { groupId: g.id, name: g.name, ...score(actual, target, progress) };
  });

  const targetTotal = allocation?.total ?? null;
  const children = allTenants.filter((t) => t.parent_id === home.id);
  const districts = await Promise.all(
    children.map(async (t) => {
      const childIds = allTenants.filter((c) => c.path.startsWith(t.path)).map((c) => c.id);
      const actual = actuals.filter((a) => childIds.includes(a.tenantId)).reduce((s, a) => s + a.value, 0);
      const childPlan = await findPlanByKey(ctx.db, { tenantId: t.id, year, metric, basis });
      const childRevision =
        known(childPlan) && childPlan
          ? await findRevisionAsOf(ctx.db, childPlan.id, to, query.knownBefore)
          : undefined;
      const scored = score(actual, childRevision ? Number(childRevision.total) : null, progress);
      const compared = comparison.tenant(childIds);
      return {
        tenantId: t.id,
        name: t.name,
        ...scored,
        month: compared.month,
        lastYear: compared.lastYear,
        yoy: compared.yoy,
        doubleHalf: reportedDoubleHalf(to, scored.completion),
      };
    }),
  );
  districts.sort((a, b) => (b.completion ?? -1) - (a.completion ?? -1) || b.actual - a.actual);
  // A city without its own plan is measured against the sum of its districts' targets.
  const districtTargets = districts.filter((d) => d.target !== null);
  const homeTarget =
    targetTotal ?? (districtTargets.length ? districtTargets.reduce((s, d) => s + (d.target ?? 0), 0) : null);

  const monthly = await sumFundsByMonth(ctx.db, period);
  let cumulative = 0;
  const months = Array.from(
    { length: Number(to.slice(5, 7)) },
    (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`,
  ).map((month, i) => {
    const value = metric === 'funds_in_place' ? (monthly.find((m) => m.month === month)?.value ?? 0) : 0;
    cumulative += value;
    return {
      month,
      value,
      cumulative,
      targetLine: homeTarget === null ? null : Math.round((homeTarget * (i + 1)) / 12),
    };
  });

  const library = await summariseLibrary(ctx.db, { ...scope, tenantIds }, to);
  const focus = await ctx.db
    .selectFrom('focus_industry')
    .select(['id', 'name'])
    .where('tenant_id', 'in', tenantIds.length ? tenantIds : [''])
    .execute();
  const byFocus = metric === 'funds_in_place' ? await sumFundsBy(ctx.db, period, 'focus_industry_id') : [];
  const byRegion = metric === 'funds_in_place' ? await sumFundsBy(ctx.db, period, 'region') : [];

  // 资金到位率 (cumulative funds ÷ agreed investment of signed projects), 开工率 (started ÷ signed this
  // year), 履约率 (of the signed projects due to start by now, those that started on time).
  const signed = await listSignedProjects(ctx.db, period);
  const signedThisYear = (await countFirstReached(ctx.db, period, 'signed')).reduce((s, r) => s + r.count, 0);
  const startedThisYear = (await countFirstReached(ctx.db, period, 'construction')).reduce(
    (s, r) => s + r.count,
    0,
  );
  const fulfilment = countFulfilment(signed, to);
  const parts = ratesWithParts({
    fundsFen: signed.reduce((s, p) => s + p.fundsFen, 0),
    agreedFen: signed.reduce((s, p) => s + p.agreedFen, 0),
    started: startedThisYear,
    signed: signedThisYear,
    ...fulfilment,
  });
  const rates = {
    fundingRate: parts.funding.rate,
    startRate: parts.start.rate,
    fulfilmentRate: parts.fulfilment.rate,
    ...parts,
    signedThisYear,
    startedThisYear,
    dueToStart: fulfilment.dueToStart,
    startedOnTime: fulfilment.startedOnTime,
  };

  const kpiScore = score(total, homeTarget, progress);
  return {
    tenant: { id: home.id, name: home.name, level: home.level },
    rates,
    forecastWeights: { weights: learned.weights, learnedStages: learned.learned },
    year,
    asOf: to,
    metric,
    basis,
    timeMode: query.timeMode ?? 'month',
    timeProgress: progress,
    plan: plan
      ? { id: plan.id, status: plan.status, revisionEffectiveFrom: revision?.effective_from ?? null }
      : null,
    kpi: {
      ...kpiScore,
      forecast: forecastFor(null, total),
      month: comparison.total.month,
      lastYear: comparison.total.lastYear,
      yoy: comparison.total.yoy,
      doubleHalf: reportedDoubleHalf(to, kpiScore.completion),
    },
    /** Funds by every 口径 (funds in place only). */
    bases: metric === 'funds_in_place' ? await compareBases(ctx.db, period) : null,
    signing: splitBySigning(figures, period),
    tiers: countTiers(figures, period, tiers),
    groups: groupRows,
    units: unitRows,
    districts: districts.map((d, i) => ({ ...d, rank: i + 1 })),
    monthly: months,
    byFocusIndustry: byFocus.map((r) => ({
      focusIndustryId: r.key,
      name: focus.find((f) => f.id === r.key)?.name ?? null,
      value: r.value,
      projects: r.projects,
    })),
    byRegion: byRegion.map((r) => ({ region: r.key, value: r.value, projects: r.projects })),
    // 待补证据 counted apart: of a stage's projects, those standing there without all of its evidence.
    funnel: library.byStage.map((s) => ({
      stage: s.stage,
      projects: Number(s.n),
      evidencePending: s.evidencePending,
    })),
    over100mProjects: Number(library.sums?.over100m ?? 0),
    sharedInvestors: reader.seesSharedInvestors ? await listSharedInvestors(ctx.db, tenantIds, reader) : [],
  };
}

/**
 * The tenants' units as known before an instant (when given): those created by then, under the name
 * they had then (the audit log's snapshot) — a report re-run as known on its date lists what it listed.
 */
async function unitsAsKnown(ctx: Ctx, tenantIds: string[], knownBefore: Date | undefined) {
  let q = ctx.db
    .selectFrom('unit')
    .selectAll()
    .where('tenant_id', 'in', tenantIds.length ? tenantIds : ['']);
  if (!knownBefore) return q.execute();
  q = q.where('created_at', '<', knownBefore);
  const units = await q.execute();
  const then = await recordsAsOf(
    ctx.db,
    'unit',
    units.map((u) => u.id),
    knownBefore,
  );
  return units.map((u) => {
    const name = then.get(u.id)?.name;
    return typeof name === 'string' ? { ...u, name } : u;
  });
}
