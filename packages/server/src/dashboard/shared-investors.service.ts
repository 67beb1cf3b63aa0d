/**
 * 多头报送 across units (domain/shared-investors.ts): the dashboard's card of investors whose projects
 * sit with two or more units, each project by name and unit; the coordinator marks a project as a
 * second report of the same investment (重复报送), keeping the report the tenant's rule proposes or
 * another. A marked project counts nowhere (ledger.reads.ts notDuplicate, inside projectCounted): the
 * kept report counts the investment, for its own unit, and the tenant's total counts it once.
 */
import {
  duplicateMarkSchema,
  duplicateUnmarkSchema,
  keptReport,
  type DuplicateMarkInput,
  type SharedInvestorRule,
  type SharedReport,
} from '@landfall/domain/shared-investors';
import type { Stage } from '@landfall/domain/stages';
import type { Ctx, Tx } from '../context.ts';
import type { DuplicateReportRow, ProjectRow } from '../db/schema.ts';
import { authorize } from '../auth/authorize.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError, invalidField } from '../http/app-error.ts';
import { findProject } from '../projects/project.repo.ts';
import { enteredOn } from '../ledger/ledger.service.ts';
import { sharedInvestorRuleOf } from '../settings/shared-investor-setting.service.ts';
import {
  closeDuplicateMark,
  findDuplicateMark,
  findSharedEnterprise,
  insertDuplicateMark,
  listOpenDuplicateMarks,
  listSharedReports,
} from './shared-investors.repo.ts';

export interface DuplicateMark {
  id: string;
  projectId: string;
  keptProjectId: string;
  rule: DuplicateReportRow['rule'];
  reason: string | null;
  markedAt: string;
  markedByName: string;
  unmarkedAt: string | null;
  unmarkReason: string | null;
}

const toMark = (r: DuplicateReportRow): DuplicateMark => ({
  id: r.id,
  projectId: r.project_id,
  keptProjectId: r.kept_project_id,
  rule: r.rule,
  reason: r.reason,
  markedAt: new Date(r.marked_at).toISOString(),
  markedByName: r.marked_by_name,
  unmarkedAt: r.unmarked_at ? new Date(r.unmarked_at).toISOString() : null,
  unmarkReason: r.unmark_reason,
});

/** The card: each shared investor with its projects (name, unit, stage, entered), the rule's proposal and the marks. */
export async function listSharedInvestors(
  db: Tx,
  tenantIds: string[],
  reader: { homeTenantId: string | null; seesSensitive: boolean },
) {
  const rows = await listSharedReports(db, tenantIds);
  const marks = (await listOpenDuplicateMarks(db, [...new Set(rows.map((r) => r.project_id))])).map(toMark);
  const rules = new Map<string, SharedInvestorRule>();
  for (const tenantId of new Set(rows.map((r) => r.tenant_id)))
    rules.set(tenantId, await sharedInvestorRuleOf(db, tenantId));
  const investors = new Map<string, typeof rows>();
  for (const row of rows)
    investors.set(row.enterprise_id, [...(investors.get(row.enterprise_id) ?? []), row]);
  return [...investors.values()].map((list) => {
    const first = list[0]!;
    const rule = rules.get(first.tenant_id) ?? 'first_reporter';
    const projects = list.map((r) => {
      // A sensitive project's details stay in its own tenant (it still counts in every figure).
      const hidden = r.sensitive && !(reader.seesSensitive && r.tenant_id === reader.homeTenantId);
      const mark = marks.find((m) => m.projectId === r.project_id);
      return {
        id: r.project_id,
        name: hidden ? null : r.project_name,
        sensitive: r.sensitive,
        unitId: r.unit_id,
        unitName: r.unit_name,
        stage: r.stage,
        enteredOn: r.entered_on,
        duplicateOf: mark?.keptProjectId ?? null,
      };
    });
    const ids = new Set(projects.map((p) => p.id));
    return {
      enterpriseId: first.enterprise_id,
      name: first.enterprise_name,
      creditCode: first.credit_code,
      tenantId: first.tenant_id,
      unitIds: [...new Set(list.map((r) => r.unit_id))],
      projectIds: projects.map((p) => p.id),
      projects,
      rule,
      /** The report the tenant's rule keeps if the reports are one investment. */
      proposedKeptProjectId: keptReport(list.map(toReport), rule)?.id ?? null,
      duplicates: marks.filter((m) => ids.has(m.projectId)),
    };
  });
}

function toReport(r: {
  project_id: string;
  entered_on: string;
  created_at: Date;
  stage: string;
  stage_before: string | null;
}): SharedReport & { id: string } {
  return {
    id: r.project_id,
    enteredOn: r.entered_on,
    createdAt: new Date(r.created_at).toISOString(),
    stage: r.stage as Stage,
    stageBefore: r.stage_before as Stage | null,
  };
}

const text = (ctx: Ctx, zh: string, en: string) => (ctx.locale === 'zh-CN' ? zh : en);

async function loadApproved(ctx: Ctx, id: string, field: string): Promise<ProjectRow> {
  const row = await findProject(ctx.db, id);
  if (!row) throw new AppError('not_found');
  await authorize(ctx, 'dashboard.configure', { type: 'project', id, tenantId: row.tenant_id });
  if (row.review_status !== 'approved')
    throw invalidField(ctx, field, { zh: '项目尚未通过报送审核', en: 'The project is not approved' });
  return row;
}

/** 重复报送: `projectId` is a second report of `keptProjectId`'s investment; it stops counting. */
export async function markDuplicate(ctx: Ctx, raw: DuplicateMarkInput) {
  const input = duplicateMarkSchema.parse(raw);
  if (input.projectId === input.keptProjectId)
    throw invalidField(ctx, 'keptProjectId', {
      zh: '保留的项目不能是被标记的项目本身',
      en: 'The kept project cannot be the marked one',
    });
  const duplicate = await loadApproved(ctx, input.projectId, 'projectId');
  const kept = await loadApproved(ctx, input.keptProjectId, 'keptProjectId');
  if (kept.tenant_id !== duplicate.tenant_id)
    throw invalidField(ctx, 'keptProjectId', {
      zh: '两个项目不属于同一区域',
      en: 'The projects belong to different tenants',
    });
  const enterpriseId = await findSharedEnterprise(ctx.db, duplicate.id, kept.id);
  if (!enterpriseId)
    throw invalidField(ctx, 'keptProjectId', {
      zh: '两个项目的投资方不同，不是同一投资的重复报送',
      en: 'The projects have different investors: not one investment reported twice',
    });
  const reports = [
    { ...duplicate, entered_on: await enteredOn(ctx.db, duplicate.id), project_id: duplicate.id },
    { ...kept, entered_on: await enteredOn(ctx.db, kept.id), project_id: kept.id },
  ];
  return ctx.db.transaction().execute(async (trx) => {
    const open = await listOpenDuplicateMarks(trx, [duplicate.id, kept.id]);
    if (open.some((m) => m.project_id === duplicate.id))
      throw new AppError('conflict', text(ctx, '该项目已标记为重复报送', 'The project is already marked'));
    if (open.some((m) => m.project_id === kept.id))
      throw invalidField(ctx, 'keptProjectId', {
        zh: '保留的项目本身已标记为重复报送，请选择计数的那一条',
        en: 'The kept project is itself marked as a duplicate: keep the one that counts',
      });
    if (open.some((m) => m.kept_project_id === duplicate.id))
      throw invalidField(ctx, 'projectId', {
        zh: '该项目是另一条重复报送中保留计数的项目，请先撤销那条标记',
        en: 'The project is kept by another mark: undo that mark first',
      });
    const rule = await sharedInvestorRuleOf(trx, duplicate.tenant_id);
    const proposed = keptReport(reports.map(toReport), rule);
    const row = await insertDuplicateMark(trx, {
      tenant_id: duplicate.tenant_id,
      enterprise_id: enterpriseId,
      project_id: duplicate.id,
      kept_project_id: kept.id,
      rule: proposed?.id === kept.id ? rule : 'chosen',
      reason: input.reason || null,
      marked_at: ctx.clock.now(),
      marked_by: ctx.actor?.id ?? null,
      marked_by_name: ctx.actor?.username ?? 'system',
    });
    const mark = toMark(row);
    await recordAudit(trx, ctx, {
      action: 'dashboard.configure',
      recordType: 'duplicate_report',
      recordId: row.id,
      tenantId: row.tenant_id,
      after: mark,
    });
    return mark;
  });
}

/** Undoes a mark: the project counts again (from now; as known before the mark's undoing, it did not). */
export async function unmarkDuplicate(ctx: Ctx, id: string, raw: { reason: string }) {
  const input = duplicateUnmarkSchema.parse(raw);
  const before = await findDuplicateMark(ctx.db, id);
  if (!before) throw new AppError('not_found');
  await authorize(ctx, 'dashboard.configure', { type: 'duplicate_report', id, tenantId: before.tenant_id });
  return ctx.db.transaction().execute(async (trx) => {
    const row = await closeDuplicateMark(trx, id, {
      at: ctx.clock.now(),
      userId: ctx.actor?.id ?? null,
      reason: input.reason,
    });
    if (!row) throw new AppError('conflict', text(ctx, '该标记已撤销', 'The mark was already undone'));
    await recordAudit(trx, ctx, {
      action: 'dashboard.configure',
      recordType: 'duplicate_report',
      recordId: id,
      tenantId: row.tenant_id,
      before: toMark(before),
      after: toMark(row),
    });
    return toMark(row);
  });
}
