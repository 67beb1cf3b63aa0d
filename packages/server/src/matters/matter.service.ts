import { escalationAction, matterLevelLabels, nextMatterLevel } from '@landfall/domain/coordination';
import {
  matterAssignSchema,
  matterCloseSchema,
  matterEscalateSchema,
  matterInputSchema,
  matterRaiseDownSchema,
  matterResolveSchema,
  matterUpdateSchema,
  reminderInputSchema,
  type MatterAssignInput,
  type MatterEscalateInput,
  type MatterInput,
  type MatterQuery,
  type MatterRaiseDownInput,
  type MatterUpdateInput,
  type ReminderInput,
} from '@landfall/domain/schemas/coordination';
import type { z } from 'zod';
import type { Ctx } from '../context.ts';
import type { MatterTable } from '../db/schema.ts';
import { authorize } from '../auth/authorize.ts';
import { listScope } from '../auth/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError, invalidField } from '../http/app-error.ts';
import { targetTenant } from '../tenants/scope.ts';
import { loadProject, today } from '../projects/project.service.ts';
import { issueReminder, listReminders } from '../meetings/reminder.service.ts';
import {
  findMatter,
  insertMatter,
  insertMatterEvent,
  listMatterEvents,
  listMatterRows,
  touchMatter,
} from './matter.repo.ts';
import { toMatter, toMatterEvent } from './matter.mapper.ts';
import {
  assertUnitOf,
  changeMatter,
  eventBase,
  loadMatter,
  notOpen,
  reload,
  scopeOf,
} from './matter.change.ts';

export { toMatter, toMatterEvent, type Matter } from './matter.mapper.ts';
export { loadMatter } from './matter.change.ts';

export async function listMatters(ctx: Ctx, query: MatterQuery) {
  const actor = await authorize(ctx, 'matter.read');
  const day = today(ctx);
  const { rows, total } = await listMatterRows(ctx.db, listScope(actor, 'matter.read'), query, day);
  return { total, items: rows.map((r) => toMatter(r, day)) };
}

/** A matter with its thread (updates, escalations, re-assignments, decisions, outcome) and reminders. */
export async function getMatter(ctx: Ctx, id: string) {
  const row = await loadMatter(ctx, ctx.db, id, 'matter.read');
  return {
    ...toMatter(row, today(ctx)),
    events: (await listMatterEvents(ctx.db, id)).map(toMatterEvent),
    reminders: await listReminders(ctx.db, { matterId: id }),
  };
}

/** 提出协调事项: on a project (by its unit) or on a unit; starts with the unit, open, with a deadline. */
export async function raiseMatter(ctx: Ctx, raw: MatterInput) {
  const input = matterInputSchema.parse(raw);
  const tenantId = targetTenant(ctx, input.tenantId);
  const project = input.projectId
    ? await loadProject(ctx, ctx.db, input.projectId, 'project.read')
    : undefined;
  if (project && project.tenant_id !== tenantId)
    throw invalidField(ctx, 'projectId', { zh: '项目不存在', en: 'No such project' });
  if (project && input.unitId && input.unitId !== project.unit_id)
    throw invalidField(ctx, 'unitId', {
      zh: '项目的协调事项由项目责任单位提出',
      en: 'A matter on a project is raised by the project’s unit',
    });
  const unitId = project?.unit_id ?? input.unitId ?? ctx.actor?.unitId;
  if (!unitId) throw invalidField(ctx, 'unitId', { zh: '请选择责任单位', en: 'Choose the unit' });
  await authorize(ctx, 'matter.create', { type: 'matter', tenantId, unitId });
  return recordRaisedMatter(ctx, 'matter.create', input, {
    tenantId,
    projectId: project?.id ?? null,
    unitId,
    ownerUnitId: input.ownerUnitId ?? unitId,
    level: 'unit',
    raisedByTenantId: null,
  });
}

/**
 * 下达协调事项: a city's (province's) coordinator raises a matter to a district strictly below its tenant,
 * optionally on a project of that district. It belongs to the district and starts with the district's
 * 综合协调组 (level coordination), naming the district's unit that must act (the project's unit unless
 * another is named); it records the tenant it came from. A tenant outside the caller's subtree is 404 (the
 * policy); the caller's own tenant is a 400 (raise it there as any matter).
 */
export async function raiseMatterDown(ctx: Ctx, raw: MatterRaiseDownInput) {
  const input = matterRaiseDownSchema.parse(raw);
  const actor = await authorize(ctx, 'matter.raiseDown', { type: 'matter', tenantId: input.tenantId });
  if (!actor.tenantId || input.tenantId === actor.tenantId)
    throw invalidField(ctx, 'tenantId', {
      zh: '只能向下级区县下达协调事项；本级事项请直接提出',
      en: 'A matter is raised down to a district below; raise your own tenant’s matters directly',
    });
  const project = input.projectId
    ? await loadProject(ctx, ctx.db, input.projectId, 'project.read')
    : undefined;
  if (project && project.tenant_id !== input.tenantId)
    throw invalidField(ctx, 'projectId', { zh: '该区县没有此项目', en: 'No such project in that district' });
  const ownerUnitId = input.ownerUnitId ?? project?.unit_id;
  if (!ownerUnitId)
    throw invalidField(ctx, 'ownerUnitId', {
      zh: '请选择区县的责任单位',
      en: 'Choose the district’s unit that must act',
    });
  return recordRaisedMatter(ctx, 'matter.raiseDown', input, {
    tenantId: input.tenantId,
    projectId: project?.id ?? null,
    unitId: project?.unit_id ?? ownerUnitId,
    ownerUnitId,
    level: 'coordination',
    raisedByTenantId: actor.tenantId,
  });
}

/** The new matter, its first fact and its audit row, in one transaction, once the caller is authorised. */
async function recordRaisedMatter(
  ctx: Ctx,
  action: 'matter.create' | 'matter.raiseDown',
  input: {
    title: string;
    description: string;
    blockerKind: MatterTable['blocker_kind'];
    blocksStage?: string | null;
    deadline: string;
    raisedOn?: string;
  },
  where: {
    tenantId: string;
    projectId: string | null;
    unitId: string;
    ownerUnitId: string;
    level: MatterTable['level'];
    raisedByTenantId: string | null;
  },
) {
  const { tenantId, unitId, ownerUnitId, level } = where;
  const day = today(ctx);
  const raisedOn = input.raisedOn ?? day;
  if (raisedOn > day)
    throw invalidField(ctx, 'raisedOn', {
      zh: '提出日期不能晚于今天',
      en: 'The date cannot be in the future',
    });
  if (input.deadline < raisedOn)
    throw invalidField(ctx, 'deadline', {
      zh: '办理时限不能早于提出日期',
      en: 'The deadline cannot precede the date raised',
    });
  return ctx.db.transaction().execute(async (trx) => {
    // A matter raised down without a project names only the unit that must act (it is also the raiser).
    await assertUnitOf(ctx, trx, tenantId, unitId, action === 'matter.raiseDown' ? 'ownerUnitId' : 'unitId');
    await assertUnitOf(ctx, trx, tenantId, ownerUnitId, 'ownerUnitId');
    const now = ctx.clock.now();
    const { id } = await insertMatter(trx, {
      tenant_id: tenantId,
      project_id: where.projectId,
      unit_id: unitId,
      owner_unit_id: ownerUnitId,
      title: input.title,
      description: input.description,
      blocker_kind: input.blockerKind,
      blocks_stage: input.blocksStage ?? null,
      level,
      status: 'open',
      deadline: input.deadline,
      raised_on: raisedOn,
      raised_by: ctx.actor?.id ?? null,
      raised_by_name: ctx.actor?.username ?? 'system',
      raised_by_tenant_id: where.raisedByTenantId,
      created_at: now,
      updated_at: now,
    });
    // The first fact sets every part of the state; it holds from the day the matter was raised.
    await insertMatterEvent(trx, {
      ...eventBase(ctx, { id, tenant_id: tenantId }),
      kind: 'raised',
      effective_on: raisedOn,
      body: input.description,
      level_to: level,
      status_to: 'open',
      owner_unit_to: ownerUnitId,
      deadline_to: input.deadline,
      ...(where.raisedByTenantId
        ? { payload: JSON.stringify({ raisedByTenantId: where.raisedByTenantId }) }
        : {}),
    });
    const matter = toMatter(await reload(trx, id), day);
    await recordAudit(trx, ctx, {
      action,
      recordType: 'matter',
      recordId: id,
      tenantId,
      after: matter,
    });
    return matter;
  });
}

/**
 * A reply in the matter's thread (进展情况); open matters only. The tenant that raised a matter down may
 * reply too (督办, under `matter.raiseDown`); every other write on a district's matter stays the district's.
 */
export async function addMatterUpdate(ctx: Ctx, id: string, raw: MatterUpdateInput) {
  const input = matterUpdateSchema.parse(raw);
  const found = await findMatter(ctx.db, id);
  if (!found) throw new AppError('not_found');
  const fromAbove = !!found.raised_by_tenant_id && found.raised_by_tenant_id === ctx.actor?.tenantId;
  const action = fromAbove ? 'matter.raiseDown' : 'matter.update';
  const row = await loadMatter(ctx, ctx.db, id, action);
  if (row.status !== 'open') throw notOpen(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const event = await insertMatterEvent(trx, {
      ...eventBase(ctx, row),
      kind: 'update',
      body: input.body,
      ...(fromAbove
        ? {
            payload: JSON.stringify({
              byTenantId: row.raised_by_tenant_id,
              byTenantName: row.raised_by_tenant_name,
            }),
          }
        : {}),
    });
    await touchMatter(trx, id, ctx.clock.now());
    await recordAudit(trx, ctx, {
      action,
      recordType: 'matter_event',
      recordId: String(event.id),
      tenantId: row.tenant_id,
      after: toMatterEvent(event),
    });
    return toMatterEvent(event);
  });
}

/**
 * 上报: one level up, with who and why. To the coordination group needs `matter.escalate`
 * (unit staff on their unit's matters, the coordinator); to the joint meeting
 * `matter.escalateToJoint` (the coordinator only) — unit staff get 403 past their level.
 */
export async function escalateMatter(ctx: Ctx, id: string, raw: MatterEscalateInput) {
  const input = matterEscalateSchema.parse(raw);
  const row = await findMatter(ctx.db, id);
  if (!row) throw new AppError('not_found');
  const to = nextMatterLevel(row.level);
  const action = escalationAction(to ?? 'joint');
  await authorize(ctx, action, scopeOf(row));
  if (!to) {
    throw new AppError(
      'conflict',
      ctx.locale === 'zh-CN' ? '该事项已报送联席会议' : 'This matter is already with the joint meeting',
    );
  }
  if (row.status !== 'open') throw notOpen(ctx);
  return changeMatter(
    ctx,
    row,
    input.version,
    action,
    { level: to },
    {
      kind: 'escalated',
      body: input.reason,
      level_to: to,
      payload: { from: row.level, fromLabel: matterLevelLabels[row.level]['zh-CN'] },
    },
  );
}

/** 交办: the coordination group names the unit that must act and the deadline. */
export async function assignMatter(ctx: Ctx, id: string, raw: MatterAssignInput) {
  const input = matterAssignSchema.parse(raw);
  const row = await loadMatter(ctx, ctx.db, id, 'matter.assign');
  if (row.status !== 'open') throw notOpen(ctx);
  await assertUnitOf(ctx, ctx.db, row.tenant_id, input.ownerUnitId, 'ownerUnitId');
  if (input.deadline < row.raised_on)
    throw invalidField(ctx, 'deadline', {
      zh: '办理时限不能早于提出日期',
      en: 'The deadline cannot precede the date raised',
    });
  return changeMatter(
    ctx,
    row,
    input.version,
    'matter.assign',
    { owner_unit_id: input.ownerUnitId, deadline: input.deadline },
    { kind: 'assigned', body: input.reason, owner_unit_to: input.ownerUnitId, deadline_to: input.deadline },
  );
}

export async function resolveMatter(ctx: Ctx, id: string, raw: z.input<typeof matterResolveSchema>) {
  const input = matterResolveSchema.parse(raw);
  const row = await loadMatter(ctx, ctx.db, id, 'matter.update');
  if (row.status !== 'open') throw notOpen(ctx);
  return changeMatter(
    ctx,
    row,
    input.version,
    'matter.update',
    { status: 'resolved', outcome: input.result },
    { kind: 'resolved', body: input.result, status_to: 'resolved' },
  );
}

/** 撤销: withdrawn without a resolution (no longer needed), with the reason. */
export async function closeMatter(ctx: Ctx, id: string, raw: z.input<typeof matterCloseSchema>) {
  const input = matterCloseSchema.parse(raw);
  const row = await loadMatter(ctx, ctx.db, id, 'matter.update');
  if (row.status !== 'open') throw notOpen(ctx);
  return changeMatter(
    ctx,
    row,
    input.version,
    'matter.update',
    { status: 'closed', outcome: input.reason },
    { kind: 'closed', body: input.reason, status_to: 'closed' },
  );
}

/** 催办单 on an overdue matter, to the unit that must act. */
export async function remindMatter(ctx: Ctx, id: string, raw: ReminderInput) {
  const input = reminderInputSchema.parse(raw);
  const row = await loadMatter(ctx, ctx.db, id, 'followup.remind');
  return ctx.db.transaction().execute((trx) =>
    issueReminder(
      ctx,
      trx,
      {
        tenantId: row.tenant_id,
        matterId: row.id,
        unitId: row.owner_unit_id,
        open: row.status === 'open',
        deadline: row.deadline,
      },
      input.note,
    ),
  );
}
