import { z } from 'zod';
import {
  checkAllocation,
  reallocationInputSchema,
  targetPlanInputSchema,
  type Allocation,
  type ReallocationInput,
} from '@landfall/domain/targets';
import { versionSchema } from '@landfall/domain';
import type { Ctx, Tx } from '../context.ts';
import type { TargetPlanRow, TargetRevisionRow } from '../db/schema.ts';
import { authorize } from '../auth/authorize.ts';
import { visibleTenantIds } from '../auth/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError, invalidField } from '../http/app-error.ts';
import { targetTenant } from '../tenants/scope.ts';
import { today } from '../projects/project.service.ts';
import {
  findPlan,
  findPlanByKey,
  insertPlan,
  insertRevision,
  listPlans as listPlanRows,
  listRevisions,
  updatePlanRow,
} from './target.repo.ts';

function toRevision(r: TargetRevisionRow) {
  return {
    id: Number(r.id),
    effectiveFrom: r.effective_from,
    recordedAt: new Date(r.recorded_at).toISOString(),
    actorName: r.actor_name,
    reason: r.reason,
    total: Number(r.total),
    allocation: r.allocation as Allocation,
  };
}

export function toPlan(row: TargetPlanRow, revisions: TargetRevisionRow[] = []) {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    year: row.year,
    metric: row.metric,
    basis: row.basis,
    status: row.status,
    total: Number(row.total),
    draft: row.draft as Allocation,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    finalizedAt: row.finalized_at ? new Date(row.finalized_at).toISOString() : null,
    revisions: revisions.map(toRevision),
  };
}
export type TargetPlan = ReturnType<typeof toPlan>;

async function loadPlan(ctx: Ctx, db: Tx, id: string, action: 'target.read' | 'target.write') {
  const row = await findPlan(db, id);
  if (!row) throw new AppError('not_found');
  await authorize(ctx, action, { type: 'target_plan', id, tenantId: row.tenant_id });
  return row;
}

export async function listTargetPlans(ctx: Ctx, query: { year?: number; tenantId?: string }) {
  const actor = await authorize(ctx, 'target.read');
  let ids = visibleTenantIds(actor, 'target.read');
  if (query.tenantId) {
    if (ids && !ids.includes(query.tenantId)) throw new AppError('not_found');
    ids = [query.tenantId];
  }
  const rows = await listPlanRows(ctx.db, ids, query.year);
  return Promise.all(rows.map(async (r) => toPlan(r, await listRevisions(ctx.db, r.id))));
}

export async function getTargetPlan(ctx: Ctx, id: string) {
  const row = await loadPlan(ctx, ctx.db, id, 'target.read');
  return toPlan(row, await listRevisions(ctx.db, id));
}

/** The units and groups named in an allocation must be the tenant's own. */
async function assertAllocationRefs(ctx: Ctx, db: Tx, tenantId: string, allocation: Allocation) {
  const groupIds = new Set(
    (await db.selectFrom('work_group').select('id').where('tenant_id', '=', tenantId).execute()).map(
      (g) => g.id,
    ),
  );
  const units = await db
    .selectFrom('unit')
    .select(['id', 'group_id'])
    .where('tenant_id', '=', tenantId)
    .execute();
  const unitGroup = new Map(units.map((u) => [u.id, u.group_id]));
  for (const [i, g] of allocation.groups.entries()) {
    if (!groupIds.has(g.groupId))
      throw invalidField(ctx, ['allocation', 'groups', i, 'groupId'], {
        zh: '工作组不存在',
        en: 'No such group',
      });
  }
  for (const [i, u] of allocation.units.entries()) {
    if (!unitGroup.has(u.unitId))
      throw invalidField(ctx, ['allocation', 'units', i, 'unitId'], {
        zh: '责任单位不存在',
        en: 'No such unit',
      });
    if ((unitGroup.get(u.unitId) ?? null) !== (u.groupId ?? null)) {
      throw invalidField(ctx, ['allocation', 'units', i, 'groupId'], {
        zh: '责任单位不属于该工作组',
        en: 'The unit is not in that group',
      });
    }
  }
}

const planCreateSchema = targetPlanInputSchema;

export async function createTargetPlan(
  ctx: Ctx,
  raw: z.input<typeof planCreateSchema> & { tenantId?: string },
) {
  const input = planCreateSchema.parse(raw);
  const tenantId = targetTenant(ctx, raw.tenantId);
  await authorize(ctx, 'target.write', { type: 'target_plan', tenantId });
  return ctx.db.transaction().execute(async (trx) => {
    const basis = input.metric === 'funds_in_place' ? input.basis : 'all';
    if (await findPlanByKey(trx, { tenantId, year: input.year, metric: input.metric, basis })) {
      throw new AppError(
        'duplicate',
        ctx.locale === 'zh-CN' ? '该年度该指标已有目标计划' : 'This year already has a plan for that metric',
      );
    }
    const draft: Allocation = { total: input.total, groups: [], units: [] };
    const row = await insertPlan(trx, {
      tenant_id: tenantId,
      year: input.year,
      metric: input.metric,
      basis,
      total: input.total,
      draft: JSON.stringify(draft),
      created_at: ctx.clock.now(),
    });
    await recordAudit(trx, ctx, {
      action: 'target.write',
      recordType: 'target_plan',
      recordId: row.id,
      tenantId,
      after: toPlan(row),
    });
    return toPlan(row);
  });
}

export const draftUpdateSchema = z.object({
  total: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  groups: z
    .array(z.object({ groupId: z.uuid(), amount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }))
    .max(200),
  units: z
    .array(
      z.object({
        unitId: z.uuid(),
        groupId: z.uuid().nullable(),
        amount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      }),
    )
    .max(1000),
  version: versionSchema,
});

/** Edits the breakdown of a plan not yet finalised; it need not add up until it is finalised. */
export async function updateTargetDraft(ctx: Ctx, id: string, raw: z.input<typeof draftUpdateSchema>) {
  const input = draftUpdateSchema.parse(raw);
  const before = await loadPlan(ctx, ctx.db, id, 'target.write');
  if (before.status !== 'draft') {
    throw new AppError(
      'conflict',
      ctx.locale === 'zh-CN'
        ? '计划已下达，请通过“调整分解”修改'
        : 'The plan is final; re-allocate it instead',
    );
  }
  const allocation: Allocation = { total: input.total, groups: input.groups, units: input.units };
  return ctx.db.transaction().execute(async (trx) => {
    await assertAllocationRefs(ctx, trx, before.tenant_id, allocation);
    const after = await updatePlanRow(trx, id, input.version, {
      total: input.total,
      draft: JSON.stringify(allocation),
    });
    if (!after)
      throw new AppError('stale_version', undefined, {
        current: toPlan((await findPlan(trx, id)) ?? before),
      });
    await recordAudit(trx, ctx, {
      action: 'target.write',
      recordType: 'target_plan',
      recordId: id,
      tenantId: before.tenant_id,
      before: toPlan(before),
      after: toPlan(after),
    });
    return toPlan(after, await listRevisions(trx, id));
  });
}

/** Refuses an allocation that does not add up, listing each difference. */
function assertAddsUp(ctx: Ctx, allocation: Allocation) {
  const check = checkAllocation(allocation);
  if (!check.ok) {
    throw new AppError(
      'validation_failed',
      ctx.locale === 'zh-CN'
        ? '分解数之和与上级目标不一致，不能下达'
        : 'The breakdown does not add up to its parent',
      { differences: check.differences },
    );
  }
}

/** 下达: the draft adds up and becomes the plan in force from `effectiveFrom` (default 1 January). */
export async function finalizeTargetPlan(
  ctx: Ctx,
  id: string,
  input: { version: number; effectiveFrom?: string },
) {
  const before = await loadPlan(ctx, ctx.db, id, 'target.write');
  if (before.status !== 'draft')
    throw new AppError('conflict', ctx.locale === 'zh-CN' ? '计划已下达' : 'The plan is already final');
  const allocation = before.draft as Allocation;
  assertAddsUp(ctx, allocation);
  const effectiveFrom = input.effectiveFrom ?? `${before.year}-01-01`;
  assertInYear(ctx, effectiveFrom, before.year);
  return ctx.db.transaction().execute(async (trx) => {
    const after = await updatePlanRow(trx, id, input.version, {
      status: 'final',
      finalized_at: ctx.clock.now(),
    });
    if (!after)
      throw new AppError('stale_version', undefined, {
        current: toPlan((await findPlan(trx, id)) ?? before),
      });
    return writeRevision(ctx, trx, { before, after, allocation, effectiveFrom: effectiveFrom, reason: '' });
  });
}

/** A revision of the allocation in force from a date, with the plan's audit row, in the caller's transaction. */
async function writeRevision(
  ctx: Ctx,
  trx: Tx,
  change: {
    before: TargetPlanRow;
    after: TargetPlanRow;
    allocation: Allocation;
    effectiveFrom: string;
    reason: string;
  },
) {
  await insertRevision(trx, {
    plan_id: change.after.id,
    effective_from: change.effectiveFrom,
    recorded_at: ctx.clock.now(),
    actor_id: ctx.actor?.id ?? null,
    actor_name: ctx.actor?.username ?? 'system',
    reason: change.reason,
    total: change.allocation.total,
    allocation: JSON.stringify(change.allocation),
  });
  await recordAudit(trx, ctx, {
    action: 'target.write',
    recordType: 'target_plan',
    recordId: change.after.id,
    tenantId: change.after.tenant_id,
    before: toPlan(change.before),
    after: toPlan(change.after),
  });
  return toPlan(change.after, await listRevisions(trx, change.after.id));
}

function assertInYear(ctx: Ctx, date: string, year: number) {
  if (!date.startsWith(`${year}-`)) {
    throw invalidField(ctx, 'effectiveFrom', {
      zh: `生效日期应在 ${year} 年内`,
      en: `The effective date must fall in ${year}`,
    });
  }
}

/**
 * 年中调整: a new revision from a date; figures before that date keep the
 * allocation that held then. It must add up, and may not take effect before the
 * latest revision (history is not rewritten).
 */
export async function reallocateTargetPlan(ctx: Ctx, id: string, raw: ReallocationInput) {
  const input = reallocationInputSchema.parse(raw);
  const before = await loadPlan(ctx, ctx.db, id, 'target.write');
  if (before.status !== 'final')
    throw new AppError('conflict', ctx.locale === 'zh-CN' ? '计划尚未下达' : 'The plan is not final yet');
  assertInYear(ctx, input.effectiveFrom, before.year);
  if (input.effectiveFrom > today(ctx) && input.effectiveFrom.slice(0, 4) !== String(before.year)) {
    throw invalidField(ctx, 'effectiveFrom', { zh: '生效日期无效', en: 'Invalid effective date' });
  }
  const allocation: Allocation = {
    total: input.total,
    groups: input.groups,
    units: input.units,
    persons: input.persons,
  };
  assertAddsUp(ctx, allocation);
  return ctx.db.transaction().execute(async (trx) => {
    await assertAllocationRefs(ctx, trx, before.tenant_id, allocation);
    const revisions = await listRevisions(trx, id);
    const last = revisions.at(-1);
    if (last && input.effectiveFrom < last.effective_from) {
      throw invalidField(ctx, 'effectiveFrom', {
        zh: `生效日期不能早于上一次调整的生效日期 ${last.effective_from}`,
        en: `The effective date cannot precede the last revision's (${last.effective_from})`,
      });
    }
    const after = await updatePlanRow(trx, id, before.version, {
      total: input.total,
      draft: JSON.stringify(allocation),
    });
    if (!after) throw new AppError('stale_version', undefined, { current: toPlan(before) });
    return writeRevision(ctx, trx, {
      before,
      after,
      allocation,
      effectiveFrom: input.effectiveFrom,
      reason: input.reason,
    });
  });
}
