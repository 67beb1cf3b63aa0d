import { addWorkingDays, shanghaiToday, toShanghaiDate } from '@landfall/domain/dates';
import {
  LEAD_ACK_WORKING_DAYS,
  LEAD_ASSESS_WORKING_DAYS,
  leadInputSchema,
  leadUpdateSchema,
  type LeadInput,
  type LeadQuery,
  type LeadUpdateInput,
} from '@landfall/domain/schemas/lead';
import type { Ctx, Tx } from '../context.ts';
import type { Updateable } from 'kysely';
import type { LeadRow, LeadTable, ProjectRow } from '../db/schema.ts';
import { authorize } from '../auth/authorize.ts';
import { listScope, type Action } from '../auth/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError, invalidField } from '../http/app-error.ts';
import { targetTenant } from '../tenants/scope.ts';
import { findUnit } from '../units/unit.repo.ts';
import { findLead, insertLead, listLeadRows, updateLeadRow } from './lead.repo.ts';
import { unitSubmissionsReviewed } from '../settings/review-setting.service.ts';

/** The response clock: acknowledge within 1 working day of the report, assess within 3. */
export function leadClock(
  row: Pick<LeadRow, 'status' | 'reported_on' | 'acknowledged_at' | 'assessed_at'>,
  today: string,
) {
  const acknowledgeBy = addWorkingDays(row.reported_on, LEAD_ACK_WORKING_DAYS);
  const assessBy = addWorkingDays(row.reported_on, LEAD_ASSESS_WORKING_DAYS);
  const open = row.status === 'reported' || row.status === 'acknowledged';
  const acknowledgeOverdue = row.status === 'reported' && today > acknowledgeBy;
  const assessOverdue = open && today > assessBy;
  return {
    acknowledgeBy,
    assessBy,
    acknowledgedLate: !!row.acknowledged_at && toShanghaiDate(new Date(row.acknowledged_at)) > acknowledgeBy,
    assessedLate: !!row.assessed_at && toShanghaiDate(new Date(row.assessed_at)) > assessBy,
    overdue: acknowledgeOverdue || assessOverdue,
  };
}

export function toLead(row: LeadRow, today: string) {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    unitId: row.unit_id,
    title: row.title,
    source: row.source,
    referrer: row.referrer,
    referrerEnterpriseId: row.referrer_enterprise_id,
    investorEnterpriseId: row.investor_enterprise_id,
    investorName: row.investor_name,
    intention: row.intention,
    estimatedAmountFen: row.estimated_amount_fen === null ? null : Number(row.estimated_amount_fen),
    needs: row.needs,
    status: row.status,
    reportedOn: row.reported_on,
    acknowledgedAt: row.acknowledged_at ? new Date(row.acknowledged_at).toISOString() : null,
    assessedAt: row.assessed_at ? new Date(row.assessed_at).toISOString() : null,
    assessment: row.assessment,
    projectId: row.project_id,
    /** 报送审核: pending and refused leads do not count in the information library. */
    reviewStatus: row.review_status,
    reviewReason: row.review_reason,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    clock: leadClock(row, today),
  };
}

const todayOf = (ctx: Ctx) => shanghaiToday(ctx.clock.now());

async function loadLead(ctx: Ctx, db: Tx, id: string, action: Action) {
  const row = await findLead(db, id);
  if (!row) throw new AppError('not_found');
  await authorize(ctx, action, { type: 'lead', id, tenantId: row.tenant_id, unitId: row.unit_id });
  return row;
}

export async function listLeads(ctx: Ctx, query: LeadQuery) {
  const actor = await authorize(ctx, 'lead.read');
  const today = todayOf(ctx);
  let items = (await listLeadRows(ctx.db, listScope(actor, 'lead.read'), query)).map((r) => toLead(r, today));
  if (query.overdue !== undefined) items = items.filter((l) => l.clock.overdue === query.overdue);
  const start = (query.page - 1) * query.pageSize;
  return { total: items.length, items: items.slice(start, start + query.pageSize) };
}

export async function getLead(ctx: Ctx, id: string) {
  return toLead(await loadLead(ctx, ctx.db, id, 'lead.read'), todayOf(ctx));
}

async function checkEnterprises(
  ctx: Ctx,
  db: Tx,
  tenantId: string,
  ids: (string | null | undefined)[],
  fields: string[],
) {
  for (const [i, id] of ids.entries()) {
    if (!id) continue;
    const e = await db
      .selectFrom('enterprise')
      .select('id')
      .where('id', '=', id)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    if (!e)
      throw invalidField(ctx, fields[i] ?? 'enterpriseId', { zh: '企业不存在', en: 'No such enterprise' });
  }
}

export async function createLead(ctx: Ctx, raw: LeadInput) {
  const input = leadInputSchema.parse(raw);
  const tenantId = targetTenant(ctx, input.tenantId);
  const unitId = input.unitId ?? ctx.actor?.unitId;
  if (!unitId) throw invalidField(ctx, 'unitId', { zh: '请选择报送单位', en: 'Choose the reporting unit' });
  await authorize(ctx, 'lead.create', { type: 'lead', tenantId, unitId });
  const today = todayOf(ctx);
  const reportedOn = input.reportedOn ?? today;
  if (reportedOn > today)
    throw invalidField(ctx, 'reportedOn', {
      zh: '报送日期不能晚于今天',
      en: 'The report date cannot be in the future',
    });
  // 报送审核: when the tenant asks for it, what unit staff report waits for the coordination group.
  const pending = ctx.actor?.role === 'unit_staff' && (await unitSubmissionsReviewed(ctx.db, tenantId));
  return ctx.db.transaction().execute(async (trx) => {
    const unit = await findUnit(trx, unitId);
    if (!unit || unit.tenant_id !== tenantId)
      throw invalidField(ctx, 'unitId', { zh: '责任单位不存在', en: 'No such unit' });
    await checkEnterprises(
      ctx,
      trx,
      tenantId,
      [input.referrerEnterpriseId, input.investorEnterpriseId],
      ['referrerEnterpriseId', 'investorEnterpriseId'],
    );
    const now = ctx.clock.now();
    const row = await insertLead(trx, {
      tenant_id: tenantId,
      unit_id: unitId,
      title: input.title,
      source: input.source,
      referrer: input.referrer,
      referrer_enterprise_id: input.referrerEnterpriseId ?? null,
      investor_enterprise_id: input.investorEnterpriseId ?? null,
      investor_name: input.investorName,
      intention: input.intention,
      estimated_amount_fen: input.estimatedAmountFen ?? null,
      needs: input.needs,
      status: 'reported',
      review_status: pending ? 'pending' : 'approved',
      reported_on: reportedOn,
      assessment: '',
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, ctx, {
      action: 'lead.create',
      recordType: 'lead',
      recordId: row.id,
      tenantId,
      after: toLead(row, today),
    });
    return toLead(row, today);
  });
}

/** One versioned change of a lead and its audit row. */
async function changeLead(
  ctx: Ctx,
  id: string,
  action: Action,
  version: number | undefined,
  patchOf: (row: LeadRow) => Updateable<LeadTable>,
  allowed: LeadRow['status'][],
) {
  const before = await loadLead(ctx, ctx.db, id, action);
  if (!allowed.includes(before.status)) {
    throw new AppError(
      'conflict',
      ctx.locale === 'zh-CN' ? '该线索当前状态不允许此操作' : 'Not possible in the lead’s current status',
    );
  }
  const today = todayOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const after = await updateLeadRow(trx, id, version ?? before.version, {
      ...patchOf(before),
      updated_at: ctx.clock.now(),
    });
    if (!after) {
      const current = await findLead(trx, id);
      throw new AppError('stale_version', undefined, { current: current && toLead(current, today) });
    }
    await recordAudit(trx, ctx, {
      action,
      recordType: 'lead',
      recordId: id,
      tenantId: before.tenant_id,
      before: toLead(before, today),
      after: toLead(after, today),
    });
    return toLead(after, today);
  });
}

export async function updateLead(ctx: Ctx, id: string, raw: LeadUpdateInput) {
  const input = leadUpdateSchema.parse(raw);
  const current = await findLead(ctx.db, id);
  if (current) {
    await checkEnterprises(
      ctx,
      ctx.db,
      current.tenant_id,
      [input.referrerEnterpriseId, input.investorEnterpriseId],
      ['referrerEnterpriseId', 'investorEnterpriseId'],
    );
  }
  return changeLead(
    ctx,
    id,
    'lead.update',
    input.version,
    (row) => ({
      // A refused submission, once edited, goes back to the coordination group.
      ...(row.review_status === 'refused' ? { review_status: 'pending' as const } : {}),
      title: input.title,
      source: input.source,
      referrer: input.referrer,
      referrer_enterprise_id: input.referrerEnterpriseId ?? null,
      investor_enterprise_id: input.investorEnterpriseId ?? null,
      investor_name: input.investorName,
      intention: input.intention,
      estimated_amount_fen: input.estimatedAmountFen ?? null,
      needs: input.needs,
    }),
    ['reported', 'acknowledged', 'assessed'],
  );
}

/** 签收: the coordination group has seen the lead. */
export function acknowledgeLead(ctx: Ctx, id: string) {
  return changeLead(
    ctx,
    id,
    'lead.respond',
    undefined,
    () => ({ status: 'acknowledged', acknowledged_at: ctx.clock.now() }),
    ['reported'],
  );
}

/** 研判: the coordination group's assessment. */
export function assessLead(ctx: Ctx, id: string, assessment: string) {
  return changeLead(
    ctx,
    id,
    'lead.respond',
    undefined,
    (row) => ({
      status: 'assessed',
      assessed_at: ctx.clock.now(),
      acknowledged_at: row.acknowledged_at ?? ctx.clock.now(),
      assessment,
    }),
    ['reported', 'acknowledged'],
  );
}

export function closeLead(ctx: Ctx, id: string, reason: string) {
  return changeLead(
    ctx,
    id,
    'lead.update',
    undefined,
    (row) => ({ status: 'closed', assessment: row.assessment ? `${row.assessment}\n${reason}` : reason }),
    ['reported', 'acknowledged', 'assessed'],
  );
}

/** Called by createProject inside its transaction: the lead becomes the project, keeping its history. */
export async function markLeadConverted(ctx: Ctx, trx: Tx, leadId: string, project: ProjectRow) {
  const lead = await findLead(trx, leadId);
  if (!lead || lead.tenant_id !== project.tenant_id)
    throw invalidField(ctx, 'leadId', { zh: '招商信息不存在', en: 'No such lead' });
  await authorize(ctx, 'lead.convert', {
    type: 'lead',
    id: leadId,
    tenantId: lead.tenant_id,
    unitId: lead.unit_id,
  });
  if (lead.review_status !== 'approved') {
    throw new AppError(
      'conflict',
      ctx.locale === 'zh-CN' ? '该线索尚未通过审核' : 'This lead has not been approved yet',
    );
  }
  if (lead.status === 'converted' || lead.status === 'closed') {
    throw new AppError(
      'conflict',
      ctx.locale === 'zh-CN' ? '该线索已转为项目或已关闭' : 'This lead is already converted or closed',
    );
  }
  const today = todayOf(ctx);
  const after = await updateLeadRow(trx, leadId, lead.version, {
    status: 'converted',
    project_id: project.id,
    updated_at: ctx.clock.now(),
  });
  if (!after) throw new AppError('stale_version');
  await recordAudit(trx, ctx, {
    action: 'lead.convert',
    recordType: 'lead',
    recordId: leadId,
    tenantId: lead.tenant_id,
    before: toLead(lead, today),
    after: toLead(after, today),
  });
}
