import {
  daysOverdue,
  escalationAction,
  isOverdue,
  matterLevelLabels,
  nextMatterLevel,
} from '@landfall/domain/coordination';
import {
  matterAssignSchema,
  matterCloseSchema,
  matterEscalateSchema,
  matterInputSchema,
  matterResolveSchema,
  matterUpdateSchema,
  reminderInputSchema,
  type MatterAssignInput,
  type MatterEscalateInput,
  type MatterInput,
  type MatterQuery,
  type MatterUpdateInput,
  type ReminderInput,
} from '@landfall/domain/schemas/coordination';
import type { Updateable } from 'kysely';
import type { z } from 'zod';
import type { Ctx, Tx } from '../context.ts';
import type { MatterEventKind, MatterEventRow, MatterTable } from '../db/schema.ts';
import { authorize } from '../auth/authorize.ts';
import { listScope, type Action } from '../auth/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError, invalidField } from '../http/app-error.ts';
import { targetTenant } from '../tenants/scope.ts';
import { findUnit } from '../units/unit.repo.ts';
import { loadProject, today } from '../projects/project.service.ts';
import { issueReminder, listReminders } from '../meetings/reminder.service.ts';
import {
  findMatter,
  insertMatter,
  insertMatterEvent,
  listMatterEvents,
  listMatterRows,
  listOpenMatters,
  touchMatter,
  updateMatterRow,
  type MatterListRow,
} from './matter.repo.ts';

export function toMatter(row: MatterListRow, day: string) {
  const open = row.status === 'open';
  return {
    id: row.id,
    tenantId: row.tenant_id,
    projectId: row.project_id,
    projectName: row.project_name,
    unitId: row.unit_id,
    unitName: row.unit_name,
    ownerUnitId: row.owner_unit_id,
    ownerUnitName: row.owner_unit_name,
    title: row.title,
    description: row.description,
    blockerKind: row.blocker_kind,
    blocksStage: row.blocks_stage,
    level: row.level,
    status: row.status,
    deadline: row.deadline,
    raisedOn: row.raised_on,
    raisedByName: row.raised_by_name,
    outcome: row.outcome,
    overdue: isOverdue({ open, deadline: row.deadline }, day),
    daysOverdue: daysOverdue({ open, deadline: row.deadline }, day),
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
export type Matter = ReturnType<typeof toMatter>;

export function toMatterEvent(row: MatterEventRow) {
  return {
    id: Number(row.id),
    kind: row.kind,
    effectiveOn: row.effective_on,
    recordedAt: new Date(row.recorded_at).toISOString(),
    actorName: row.actor_name,
    body: row.body,
    levelTo: row.level_to,
    statusTo: row.status_to,
    ownerUnitTo: row.owner_unit_to,
    deadlineTo: row.deadline_to,
    payload: row.payload as Record<string, unknown>,
  };
}

/** The policy's view of a matter: unit staff reach it through the unit that raised it or the one that must act. */
function scopeOf(row: MatterListRow) {
  return {
    type: 'matter',
    id: row.id,
    tenantId: row.tenant_id,
    unitIds: [row.unit_id, row.owner_unit_id],
  };
}

/** Loads a matter the actor may perform `action` on: 404 outside their scope, 403 for a role without it. */
export async function loadMatter(ctx: Ctx, db: Tx, id: string, action: Action) {
  const row = await findMatter(db, id);
  if (!row) throw new AppError('not_found');
  await authorize(ctx, action, scopeOf(row));
  return row;
}

async function reload(db: Tx, id: string) {
  const row = await findMatter(db, id);
  if (!row) throw new AppError('not_found');
  return row;
}

function eventBase(ctx: Ctx, row: { id: string; tenant_id: string }) {
  return {
    tenant_id: row.tenant_id,
    matter_id: row.id,
    effective_on: today(ctx),
    recorded_at: ctx.clock.now(),
    actor_id: ctx.actor?.id ?? null,
    actor_name: ctx.actor?.username ?? 'system',
  };
}

async function assertUnitOf(ctx: Ctx, db: Tx, tenantId: string, unitId: string, field: string) {
  const unit = await findUnit(db, unitId);
  if (!unit || unit.tenant_id !== tenantId)
    throw invalidField(ctx, field, { zh: '责任单位不存在', en: 'No such unit' });
}

const notOpen = (ctx: Ctx) =>
  new AppError(
    'conflict',
    ctx.locale === 'zh-CN' ? '该事项已办结或已撤销' : 'This matter is already resolved or withdrawn',
  );

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
  const ownerUnitId = input.ownerUnitId ?? unitId;
  return ctx.db.transaction().execute(async (trx) => {
    await assertUnitOf(ctx, trx, tenantId, unitId, 'unitId');
    await assertUnitOf(ctx, trx, tenantId, ownerUnitId, 'ownerUnitId');
    const now = ctx.clock.now();
    const { id } = await insertMatter(trx, {
      tenant_id: tenantId,
      project_id: project?.id ?? null,
      unit_id: unitId,
      owner_unit_id: ownerUnitId,
      title: input.title,
      description: input.description,
      blocker_kind: input.blockerKind,
      blocks_stage: input.blocksStage ?? null,
      level: 'unit',
      status: 'open',
      deadline: input.deadline,
      raised_on: raisedOn,
      raised_by: ctx.actor?.id ?? null,
      raised_by_name: ctx.actor?.username ?? 'system',
      created_at: now,
      updated_at: now,
    });
    // The first fact sets every part of the state; it holds from the day the matter was raised.
    await insertMatterEvent(trx, {
      ...eventBase(ctx, { id, tenant_id: tenantId }),
      kind: 'raised',
      effective_on: raisedOn,
      body: input.description,
      level_to: 'unit',
      status_to: 'open',
      owner_unit_to: ownerUnitId,
      deadline_to: input.deadline,
    });
    const matter = toMatter(await reload(trx, id), day);
    await recordAudit(trx, ctx, {
      action: 'matter.create',
      recordType: 'matter',
      recordId: id,
      tenantId,
      after: matter,
    });
    return matter;
  });
}

/** A reply in the matter's thread (进展情况); open matters only. */
export async function addMatterUpdate(ctx: Ctx, id: string, raw: MatterUpdateInput) {
  const input = matterUpdateSchema.parse(raw);
  const row = await loadMatter(ctx, ctx.db, id, 'matter.update');
  if (row.status !== 'open') throw notOpen(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const event = await insertMatterEvent(trx, { ...eventBase(ctx, row), kind: 'update', body: input.body });
    await touchMatter(trx, id, ctx.clock.now());
    await recordAudit(trx, ctx, {
      action: 'matter.update',
      recordType: 'matter_event',
      recordId: String(event.id),
      tenantId: row.tenant_id,
      after: toMatterEvent(event),
    });
    return toMatterEvent(event);
  });
}

/** A fact to append: the parts of the state it changes, the text, and extra payload. */
interface MatterFactInput {
  kind: MatterEventKind;
  body?: string;
  level_to?: MatterTable['level'];
  status_to?: MatterTable['status'];
  owner_unit_to?: string;
  deadline_to?: string;
  payload?: Record<string, unknown>;
}

/**
 * One versioned change of a matter: the new state, the fact recording it and the audit row,
 * in one transaction; a stale version gets 409 with the current matter.
 */
async function changeMatter(
  ctx: Ctx,
  before: MatterListRow,
  version: number,
  action: Action,
  patch: Updateable<MatterTable>,
  fact: MatterFactInput,
  trx?: Tx,
) {
  const day = today(ctx);
  const run = async (db: Tx) => {
    const updated = await updateMatterRow(db, before.id, version, { ...patch, updated_at: ctx.clock.now() });
    if (!updated) {
      const current = await findMatter(db, before.id);
      throw new AppError('stale_version', undefined, { current: current && toMatter(current, day) });
    }
    await insertMatterEvent(db, {
      ...eventBase(ctx, before),
      ...fact,
      payload: JSON.stringify(fact.payload ?? {}),
    });
    const after = toMatter(await reload(db, before.id), day);
    await recordAudit(db, ctx, {
      action,
      recordType: 'matter',
      recordId: before.id,
      tenantId: before.tenant_id,
      before: toMatter(before, day),
      after,
    });
    return after;
  };
  return trx ? run(trx) : ctx.db.transaction().execute(run);
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

/**
 * A matter in the caller's tenant that a decision can be taken on (the decision's own
 * authorisation covers it): 400 on the field when there is none, 409 when it is no longer open.
 */
export async function matterForDecision(ctx: Ctx, trx: Tx, tenantId: string, id: string) {
  const row = await findMatter(trx, id);
  if (!row || row.tenant_id !== tenantId)
    throw invalidField(ctx, 'matterId', { zh: '协调事项不存在', en: 'No such matter' });
  if (row.status !== 'open') throw notOpen(ctx);
  return row;
}

/** Records in the matter's thread that a meeting took a decision on it (in the decision's transaction). */
export async function recordMatterDecision(
  ctx: Ctx,
  trx: Tx,
  matterId: string,
  decision: { id: string; meetingId: string; text: string },
) {
  const row = await reload(trx, matterId);
  await insertMatterEvent(trx, {
    ...eventBase(ctx, row),
    kind: 'decision',
    body: decision.text,
    payload: JSON.stringify({ decisionId: decision.id, meetingId: decision.meetingId }),
  });
  await touchMatter(trx, matterId, ctx.clock.now());
}

/**
 * The decision taken on a matter is done: the matter records the outcome and is resolved
 * (in the transaction of the task closing that completed the decision).
 */
export async function recordMatterOutcome(
  ctx: Ctx,
  trx: Tx,
  matterId: string,
  outcome: string,
  decisionId: string,
) {
  const row = await reload(trx, matterId);
  if (row.status !== 'open') return;
  await changeMatter(
    ctx,
    row,
    row.version,
    'matter.update',
    { status: 'resolved', outcome },
    { kind: 'resolved', body: outcome, status_to: 'resolved', payload: { decisionId } },
    trx,
  );
}

/** Suggestions for a meeting's agenda: open matters held at the given levels or overdue. */
export async function openMattersFor(
  ctx: Ctx,
  tenantId: string,
  opts: { levels: MatterTable['level'][]; overdue: boolean },
) {
  const day = today(ctx);
  const rows = await listOpenMatters(ctx.db, tenantId, {
    levels: opts.levels,
    deadlineBefore: opts.overdue ? day : undefined,
  });
  return rows.map((r) => toMatter(r, day));
}
