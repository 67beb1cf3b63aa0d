import { daysOverdue, inspectionScore, isOverdue } from '@landfall/domain/coordination';
import {
  inspectionInputSchema,
  inspectionRectifySchema,
  inspectionResultSchema,
  type InspectionInput,
  type InspectionQuery,
  type InspectionResultInput,
} from '@landfall/domain/schemas/coordination';
import type { Updateable } from 'kysely';
import type { z } from 'zod';
import type { Ctx } from '../context.ts';
import type { InspectionTable } from '../db/schema.ts';
import { authorize } from '../auth/authorize.ts';
import { listScope, type Action } from '../auth/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError, invalidField } from '../http/app-error.ts';
import { targetTenant } from '../tenants/scope.ts';
import { findUnit } from '../units/unit.repo.ts';
import { today } from '../projects/project.service.ts';
import {
  findInspection,
  insertInspection,
  listInspectionRows,
  listScores,
  updateInspectionRow,
  type InspectionListRow,
} from './inspection.repo.ts';

export function toInspection(row: InspectionListRow, day: string) {
  const rectificationOpen = row.rectification_status === 'pending';
  return {
    id: row.id,
    tenantId: row.tenant_id,
    unitId: row.unit_id,
    unitName: row.unit_name,
    scheduledOn: row.scheduled_on,
    topic: row.topic,
    status: row.status,
    inspectedOn: row.inspected_on,
    findings: row.findings,
    score: row.score,
    rectification: {
      status: row.rectification_status,
      requirement: row.rectification_requirement,
      dueOn: row.rectification_due,
      report: row.rectification_report,
      rectifiedOn: row.rectified_on,
      overdue:
        !!row.rectification_due &&
        isOverdue({ open: rectificationOpen, deadline: row.rectification_due }, day),
      daysOverdue: row.rectification_due
        ? daysOverdue({ open: rectificationOpen, deadline: row.rectification_due }, day)
        : 0,
    },
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
export type Inspection = ReturnType<typeof toInspection>;

async function loadInspection(ctx: Ctx, id: string, action: Action) {
  const row = await findInspection(ctx.db, id);
  if (!row) throw new AppError('not_found');
  await authorize(ctx, action, { type: 'inspection', id, tenantId: row.tenant_id, unitId: row.unit_id });
  return row;
}

export async function listInspections(ctx: Ctx, query: InspectionQuery) {
  const actor = await authorize(ctx, 'inspection.read');
  const day = today(ctx);
  const { rows, total } = await listInspectionRows(ctx.db, listScope(actor, 'inspection.read'), query);
  return { total, items: rows.map((r) => toInspection(r, day)) };
}

export async function getInspection(ctx: Ctx, id: string) {
  return toInspection(await loadInspection(ctx, id, 'inspection.read'), today(ctx));
}

/** 安排督促检查: the coordination group schedules an inspection of a unit. */
export async function scheduleInspection(ctx: Ctx, raw: InspectionInput) {
  const input = inspectionInputSchema.parse(raw);
  const tenantId = targetTenant(ctx, input.tenantId);
  await authorize(ctx, 'inspection.write', { type: 'inspection', tenantId, unitId: input.unitId });
  return ctx.db.transaction().execute(async (trx) => {
    const unit = await findUnit(trx, input.unitId);
    if (!unit || unit.tenant_id !== tenantId)
      throw invalidField(ctx, 'unitId', { zh: '责任单位不存在', en: 'No such unit' });
    const now = ctx.clock.now();
    const { id } = await insertInspection(trx, {
      tenant_id: tenantId,
      unit_id: input.unitId,
      scheduled_on: input.scheduledOn,
      topic: input.topic,
      status: 'scheduled',
      created_by: ctx.actor?.id ?? null,
      created_at: now,
      updated_at: now,
    });
    const after = toInspection((await findInspection(trx, id)) as InspectionListRow, today(ctx));
    await recordAudit(trx, ctx, {
      action: 'inspection.write',
      recordType: 'inspection',
      recordId: id,
      tenantId,
      after,
    });
    return after;
  });
}

/** One versioned change of an inspection with its audit row (409 stale_version with the current one). */
async function changeInspection(
  ctx: Ctx,
  before: InspectionListRow,
  version: number,
  action: Action,
  patch: Updateable<InspectionTable>,
) {
  const day = today(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const updated = await updateInspectionRow(trx, before.id, version, {
      ...patch,
      updated_at: ctx.clock.now(),
    });
    if (!updated) {
      const current = await findInspection(trx, before.id);
      throw new AppError('stale_version', undefined, { current: current && toInspection(current, day) });
    }
    const after = toInspection((await findInspection(trx, before.id)) as InspectionListRow, day);
    await recordAudit(trx, ctx, {
      action,
      recordType: 'inspection',
      recordId: before.id,
      tenantId: before.tenant_id,
      before: toInspection(before, day),
      after,
    });
    return after;
  });
}

/** The result: date, findings, a score of 0–100 and, when needed, a rectification with its deadline. */
export async function recordInspectionResult(ctx: Ctx, id: string, raw: InspectionResultInput) {
  const input = inspectionResultSchema.parse(raw);
  const row = await loadInspection(ctx, id, 'inspection.write');
  if (row.status === 'done') {
    throw new AppError(
      'conflict',
      ctx.locale === 'zh-CN' ? '该检查已记录结果' : 'This inspection already has its result',
    );
  }
  if (input.inspectedOn > today(ctx))
    throw invalidField(ctx, 'inspectedOn', {
      zh: '检查日期不能晚于今天',
      en: 'The date cannot be in the future',
    });
  if (input.rectification && input.rectification.dueOn < input.inspectedOn)
    throw invalidField(ctx, ['rectification', 'dueOn'], {
      zh: '整改时限不能早于检查日期',
      en: 'The deadline cannot precede the inspection',
    });
  return changeInspection(ctx, row, input.version, 'inspection.write', {
    status: 'done',
    inspected_on: input.inspectedOn,
    findings: input.findings,
    score: input.score,
    rectification_status: input.rectification ? 'pending' : 'none',
    rectification_requirement: input.rectification?.requirement ?? '',
    rectification_due: input.rectification?.dueOn ?? null,
  });
}

/** 整改情况: the inspected unit (or the coordinator) reports the rectification done. */
export async function reportRectification(
  ctx: Ctx,
  id: string,
  raw: z.input<typeof inspectionRectifySchema>,
) {
  const input = inspectionRectifySchema.parse(raw);
  const row = await loadInspection(ctx, id, 'inspection.rectify');
  if (row.rectification_status !== 'pending') {
    throw new AppError(
      'conflict',
      ctx.locale === 'zh-CN' ? '该检查没有待整改事项' : 'Nothing awaits rectification here',
    );
  }
  return changeInspection(ctx, row, input.version, 'inspection.rectify', {
    rectification_status: 'done',
    rectification_report: input.report,
    rectified_on: today(ctx),
  });
}

/**
 * Inspection scores per unit for the ranking: the mean of the scores of inspections done within
 * [from, to] (see `inspectionScore`). The caller (the dashboard) has authorised its own read.
 */
export async function unitInspectionScores(
  ctx: Ctx,
  tenantIds: string[],
  from: string,
  to: string,
): Promise<Map<string, number | null>> {
  const byUnit = new Map<string, number[]>();
  for (const r of await listScores(ctx.db, tenantIds, from, to)) {
    if (r.score === null) continue;
    byUnit.set(r.unit_id, [...(byUnit.get(r.unit_id) ?? []), r.score]);
  }
  return new Map([...byUnit].map(([unitId, scores]) => [unitId, inspectionScore(scores)]));
}
