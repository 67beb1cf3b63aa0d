import { projectQuerySchema } from '@landfall/domain/schemas/project';
import { matterQuerySchema, taskQuerySchema } from '@landfall/domain/schemas/coordination';
import type { Ctx } from '../context.ts';
import { authorize } from '../auth/authorize.ts';
import { decide, seesSensitive } from '../auth/policy.ts';
import { invalidField } from '../http/app-error.ts';
import { loadUnit } from '../units/unit.service.ts';
import { listProjects } from '../projects/project.service.ts';
import { listMatters } from '../matters/matter.service.ts';
import { listTasks } from '../meetings/decision.service.ts';
import { unitsSeeRanking } from '../settings/unit-ranking-setting.service.ts';
import { computeDashboard, type DashboardQuery } from './dashboard.service.ts';

export type UnitHomeQuery = Omit<DashboardQuery, 'tenantId' | 'knownBefore'> & { unitId?: string };

/** How many of each list the home page shows; `total` says how many there are. */
const LIST_SIZE = 20;

/**
 * 单位工作台: how one unit stands — its row of the dashboard's ranking (target, completion,
 * 序时进度, light, rank, forecast, inspection score, punctuality), the full ranking when the tenant
 * lets units see it (or the caller may read the dashboard anyway), and what waits on the unit: its
 * stale projects (the library's stale filter), open matters and open tasks (their services).
 * Unit staff read their own unit; the coordination group and leaders any unit of their tenant.
 */
export async function readUnitHome(ctx: Ctx, query: UnitHomeQuery) {
  const actor = await authorize(ctx, 'dashboard.readUnit');
  const unitId = query.unitId ?? actor.unitId;
  if (!unitId) throw invalidField(ctx, 'unitId', { zh: '请选择责任单位', en: 'Choose a unit' });
  const unit = await loadUnit(ctx, unitId, 'dashboard.readUnit');

  const { unitId: _unitId, ...figures } = query;
  const dashboard = await computeDashboard(
    ctx,
    {
      scope: { tenantIds: [unit.tenant_id], unitId: undefined, sensitiveTenantIds: undefined },
      homeTenantId: unit.tenant_id,
      seesSensitive: seesSensitive(actor),
      seesSharedInvestors: false,
    },
    { ...figures, tenantId: unit.tenant_id },
  );
  const standing = dashboard.units.find((u) => u.unitId === unit.id) ?? null;
  const rankingShown =
    decide(actor, 'dashboard.read') === 'allow' || (await unitsSeeRanking(ctx.db, unit.tenant_id));

  const [staleProjects, openMatters, openTasks] = await Promise.all([
    listProjects(
      ctx,
      projectQuerySchema.parse({
        unitId: unit.id,
        stale: 'true',
        asOf: query.asOf,
        knownOn: query.knownOn,
        sort: 'lastEntryOn',
        order: 'asc',
        pageSize: LIST_SIZE,
      }),
    ),
    listMatters(ctx, matterQuerySchema.parse({ unitId: unit.id, status: 'open', pageSize: LIST_SIZE })),
    listTasks(ctx, taskQuerySchema.parse({ unitId: unit.id, status: 'open', pageSize: LIST_SIZE })),
  ]);

  return {
    unit: { id: unit.id, name: unit.name },
    tenant: dashboard.tenant,
    year: dashboard.year,
    asOf: dashboard.asOf,
    metric: dashboard.metric,
    basis: dashboard.basis,
    timeMode: dashboard.timeMode,
    timeProgress: dashboard.timeProgress,
    plan: dashboard.plan,
    standing,
    unitCount: dashboard.units.length,
    rankingShown,
    ranking: rankingShown ? dashboard.units : null,
    staleProjects: {
      total: staleProjects.total,
      items: staleProjects.items.map((p) => ({
        id: p.id,
        name: p.name,
        stage: p.stage,
        lastEntryOn: p.lastEntryOn,
      })),
    },
    openMatters: {
      total: openMatters.total,
      items: openMatters.items.map((m) => ({
        id: m.id,
        title: m.title,
        projectId: m.projectId,
        projectName: m.projectName,
        level: m.level,
        deadline: m.deadline,
        overdue: m.overdue,
        daysOverdue: m.daysOverdue,
      })),
    },
    openTasks: {
      total: openTasks.total,
      items: openTasks.items.map((t) => ({
        id: t.id,
        content: t.content,
        meetingId: t.meetingId,
        meetingHeldOn: t.meetingHeldOn,
        deadline: t.deadline,
        overdue: t.overdue,
        daysOverdue: t.daysOverdue,
      })),
    },
  };
}
