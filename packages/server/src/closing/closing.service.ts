/**
 * 封账: the coordinator closes a tenant's month after the check, a leader signs it off when the
 * tenant requires it, and the report is issued (closing.issue.ts) in the same transaction. Reopening
 * is its own action, with a reason; closing again issues a new report beside the earlier one.
 */
import { shanghaiToday } from '@landfall/domain/dates';
import {
  monthCloseSchema,
  monthReopenSchema,
  type MonthCloseInput,
  type MonthReopenInput,
  type MonthStatus,
} from '@landfall/domain/schemas/closing';
import type { Selectable } from 'kysely';
import type { Ctx } from '../context.ts';
import type { MonthCloseTable } from '../db/schema.ts';
import { authorize } from '../auth/authorize.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError } from '../http/app-error.ts';
import { getTenant } from '../tenants/tenant.repo.ts';
import { targetTenant, tenantsToList } from '../tenants/scope.ts';
import {
  findMonth,
  findReport,
  insertMonth,
  listMonthRows,
  listMonthStatuses,
  listReports,
  lockMonthsForClose,
  updateMonth,
} from './closing.repo.ts';
import { checkFigures } from './closing.check.ts';
import { issueReport } from './closing.issue.ts';
import { readClosingSetting } from './closing.settings.ts';

type MonthRow = Selectable<MonthCloseTable>;
type ReportRow = Awaited<ReturnType<typeof listReports>>[number];

const today = (ctx: Ctx) => shanghaiToday(ctx.clock.now());

function toReport(r: ReportRow) {
  return {
    id: r.id,
    month: r.month,
    issue: r.issue,
    kind: r.kind,
    filename: r.filename,
    mediaType: r.media_type,
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
    issuedAt: new Date(r.issued_at).toISOString(),
    issuedBy: r.issued_by_name,
    superseded: r.superseded_at !== null,
  };
}

function toMonthView(month: string, row: MonthRow | undefined, reports: ReportRow[]) {
  const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
  return {
    month,
    status: (row?.status ?? 'open') as MonthStatus,
    version: row?.version ?? 0,
    issue: row?.issue ?? 0,
    closedAt: iso(row?.closed_at),
    closedBy: row?.closed_by_name ?? null,
    signedOffAt: iso(row?.signed_off_at),
    signedOffBy: row?.signed_off_by_name ?? null,
    reopenedAt: iso(row?.reopened_at),
    reopenReason: row?.reopen_reason ?? null,
    reports: reports.filter((r) => r.month === month).map(toReport),
  };
}

export type MonthView = ReturnType<typeof toMonthView>;

/** The months of a year (up to the current one) with their status and issued reports. */
export async function listMonths(ctx: Ctx, query: { year?: number; tenantId?: string }) {
  await authorize(ctx, 'month.read');
  tenantsToList(ctx, 'month.read', query.tenantId);
  const tenantId = targetTenant(ctx, query.tenantId);
  const now = today(ctx);
  const year = query.year ?? Number(now.slice(0, 4));
  const last = `${year}` === now.slice(0, 4) ? Number(now.slice(5, 7)) : 12;
  const months = Array.from({ length: last }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  if (`${year}` > now.slice(0, 4)) return { year, tenantId, months: [] };
  const rows = new Map(
    (await listMonthRows(ctx.db, tenantId, `${year}-01`, `${year}-12`)).map((r) => [r.month, r]),
  );
  const reports = await listReports(ctx.db, tenantId, `${year}-01`, `${year}-12`);
  return { year, tenantId, months: months.map((m) => toMonthView(m, rows.get(m), reports)) };
}

async function monthState(ctx: Ctx, db: Ctx['db'], tenantId: string, month: string) {
  const row = await findMonth(db, tenantId, month);
  const reports = await listReports(db, tenantId, month, month);
  return toMonthView(month, row, reports);
}

/** The check screen: the month's status and each unit's figures, with what stops or warns. */
export async function checkMonth(ctx: Ctx, month: string, tenantIdAsked?: string) {
  await authorize(ctx, 'month.read');
  tenantsToList(ctx, 'month.read', tenantIdAsked);
  const tenant = await getTenant(ctx.db, targetTenant(ctx, tenantIdAsked));
  const state = await monthState(ctx, ctx.db, tenant.id, month);
  const check = await checkFigures(ctx, ctx.db, tenant, month, today(ctx));
  return { ...state, tenant: { id: tenant.id, name: tenant.name, level: tenant.level }, ...check };
}

const stateMessages: Record<string, { zh: string; en: string }> = {
  closed: { zh: '该月已封账', en: 'The month is already closed' },
  awaiting_signoff: { zh: '该月已提交，待领导签发', en: 'The month awaits sign-off' },
  open: { zh: '该月未封账', en: 'The month is not closed' },
  notAwaiting: { zh: '该月不在待签发状态', en: 'The month does not await sign-off' },
};
function stateConflict(ctx: Ctx, key: keyof typeof stateMessages) {
  const m = stateMessages[key]!;
  return new AppError('conflict', ctx.locale === 'zh-CN' ? m.zh : m.en);
}

/** 封账: after the check, the month closes (or waits for sign-off) and the report is issued. */
export async function closeMonth(ctx: Ctx, month: string, raw: MonthCloseInput) {
  const input = monthCloseSchema.parse(raw);
  const tenantId = targetTenant(ctx, input.tenantId);
  await authorize(ctx, 'month.close', { type: 'month', id: month, tenantId });
  const tenant = await getTenant(ctx.db, tenantId);
  return ctx.db.transaction().execute(async (trx) => {
    await lockMonthsForClose(trx, tenantId);
    const row = await findMonth(trx, tenantId, month);
    if (row && row.status !== 'open') throw stateConflict(ctx, row.status);
    if ((row?.version ?? 0) !== input.version)
      throw new AppError('stale_version', undefined, {
        current: await monthState(ctx, trx, tenantId, month),
      });
    const check = await checkFigures(ctx, trx, tenant, month, today(ctx));
    const blocks = check.issues.filter((i) => i.level === 'block');
    if (blocks.length) {
      throw new AppError('conflict', blocks.map((b) => b.message).join('；'), { issues: blocks });
    }
    const signOff = (await readClosingSetting(trx, tenantId)).signOffRequired;
    const now = ctx.clock.now();
    const status: MonthStatus = signOff ? 'awaiting_signoff' : 'closed';
    const issue = (row?.issue ?? 0) + (signOff ? 0 : 1);
    const patch = {
      status,
      closed_at: now,
      closed_by: ctx.actor?.id ?? null,
      closed_by_name: ctx.actor?.username ?? 'system',
      signed_off_at: null,
      signed_off_by: null,
      signed_off_by_name: null,
      issue,
    };
    const saved = row
      ? await updateMonth(trx, tenantId, month, row.version, patch)
      : await insertMonth(trx, { tenant_id: tenantId, month, ...patch });
    if (!saved)
      throw new AppError('stale_version', undefined, {
        current: await monthState(ctx, trx, tenantId, month),
      });
    const reports = signOff ? [] : await issueReport(ctx, trx, tenant, month, issue);
    await recordAudit(trx, ctx, {
      action: 'month.close',
      recordType: 'month',
      recordId: `${tenantId}:${month}`,
      tenantId,
      before: row ? { status: row.status, issue: row.issue } : { status: 'open' },
      after: { status, issue, reports: reports.map((r) => ({ kind: r.kind, sha256: r.sha256 })) },
    });
    return monthState(ctx, trx, tenantId, month);
  });
}

/** 签发: a leader signs off a month awaiting it; the report is issued in their name. */
export async function signOffMonth(ctx: Ctx, month: string, raw: MonthCloseInput) {
  const input = monthCloseSchema.parse(raw);
  const tenantId = targetTenant(ctx, input.tenantId);
  await authorize(ctx, 'month.signOff', { type: 'month', id: month, tenantId });
  const tenant = await getTenant(ctx.db, tenantId);
  return ctx.db.transaction().execute(async (trx) => {
    await lockMonthsForClose(trx, tenantId);
    const row = await findMonth(trx, tenantId, month);
    if (!row || row.status !== 'awaiting_signoff') throw stateConflict(ctx, 'notAwaiting');
    if (row.version !== input.version)
      throw new AppError('stale_version', undefined, {
        current: await monthState(ctx, trx, tenantId, month),
      });
    const now = ctx.clock.now();
    const issue = row.issue + 1;
    const saved = await updateMonth(trx, tenantId, month, row.version, {
      status: 'closed',
      signed_off_at: now,
      signed_off_by: ctx.actor?.id ?? null,
      signed_off_by_name: ctx.actor?.username ?? 'system',
      issue,
    });
    if (!saved)
      throw new AppError('stale_version', undefined, {
        current: await monthState(ctx, trx, tenantId, month),
      });
    const reports = await issueReport(ctx, trx, tenant, month, issue);
    await recordAudit(trx, ctx, {
      action: 'month.signOff',
      recordType: 'month',
      recordId: `${tenantId}:${month}`,
      tenantId,
      before: { status: row.status, issue: row.issue },
      after: { status: 'closed', issue, reports: reports.map((r) => ({ kind: r.kind, sha256: r.sha256 })) },
    });
    return monthState(ctx, trx, tenantId, month);
  });
}

/** 重新开账: with a reason, audited; the issued reports stay (a later close supersedes them). */
export async function reopenMonth(ctx: Ctx, month: string, raw: MonthReopenInput) {
  const input = monthReopenSchema.parse(raw);
  const tenantId = targetTenant(ctx, input.tenantId);
  await authorize(ctx, 'month.reopen', { type: 'month', id: month, tenantId });
  const tenant = await getTenant(ctx.db, tenantId);
  return ctx.db.transaction().execute(async (trx) => {
    await lockMonthsForClose(trx, tenantId);
    const row = await findMonth(trx, tenantId, month);
    if (!row || row.status === 'open') throw stateConflict(ctx, 'open');
    // 纵向联动: the city's (province's) report holds this district's month; it reopens first.
    const above = tenant.path.split('/').filter((id) => id && id !== tenantId);
    const closedAbove = (await listMonthStatuses(trx, above, month)).filter((m) => m.status !== 'open');
    if (closedAbove.length) {
      throw new AppError(
        'conflict',
        ctx.locale === 'zh-CN'
          ? '上级区域已封账该月，请先由上级重新开账'
          : 'The month is closed above this tenant; it must be reopened there first',
      );
    }
    if (row.version !== input.version)
      throw new AppError('stale_version', undefined, {
        current: await monthState(ctx, trx, tenantId, month),
      });
    const saved = await updateMonth(trx, tenantId, month, row.version, {
      status: 'open',
      reopened_at: ctx.clock.now(),
      reopen_reason: input.reason,
    });
    if (!saved)
      throw new AppError('stale_version', undefined, {
        current: await monthState(ctx, trx, tenantId, month),
      });
    await recordAudit(trx, ctx, {
      action: 'month.reopen',
      recordType: 'month',
      recordId: `${tenantId}:${month}`,
      tenantId,
      before: { status: row.status, issue: row.issue },
      after: { status: 'open', issue: row.issue, reason: input.reason },
    });
    return monthState(ctx, trx, tenantId, month);
  });
}

/** An issued report's exact stored bytes. */
export async function readIssuedReport(ctx: Ctx, id: string) {
  await authorize(ctx, 'month.read');
  const row = await findReport(ctx.db, id);
  if (!row) throw new AppError('not_found');
  await authorize(ctx, 'month.read', { type: 'issued_report', id, tenantId: row.tenant_id });
  return row;
}
