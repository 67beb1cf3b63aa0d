/** The check screen before 封账: each unit's figures for the month and what stops or warns. */
import { addDays, monthEnd, monthStart } from '@landfall/domain/dates';
import type { Ctx, Tx } from '../context.ts';
import { STALE_AFTER_DAYS } from '../projects/project.repo.ts';
import { listDistrictsBelow } from '../tenants/tenant.service.ts';
import { listMonthStatuses, unitCheckFigures } from './closing.repo.ts';

export interface CheckIssue {
  level: 'block' | 'warn';
  kind: 'not_ended' | 'pending_review' | 'district_open' | 'stale' | 'evidence_pending';
  message: string;
}

export interface UnitCheck {
  unitId: string;
  unitName: string;
  fundsMonthFen: number;
  fundsYearFen: number;
  signed: number;
  started: number;
  pendingReview: number;
  stale: number;
  evidencePending: number;
  /** Entries recorded in this month for a closed one (补录, `lateFor`). */
  late: number;
}

/** What a month's check finds for a tenant, read through `db` (the closing transaction when closing). */
export async function checkFigures(
  ctx: Ctx,
  db: Tx,
  tenant: { id: string; path: string; level: string },
  month: string,
  today: string,
) {
  const from = monthStart(month);
  const to = monthEnd(month);
  const zh = ctx.locale === 'zh-CN';
  const rows = await unitCheckFigures(db, tenant.id, {
    yearFrom: `${month.slice(0, 4)}-01-01`,
    from,
    to,
    staleBefore: addDays(to, -STALE_AFTER_DAYS),
  });
  const units: UnitCheck[] = rows.map((r) => ({
    unitId: r.unit_id,
    unitName: r.unit_name,
    fundsMonthFen: Number(r.funds_month ?? 0),
    fundsYearFen: Number(r.funds_year ?? 0),
    signed: Number(r.signed),
    started: Number(r.started),
    pendingReview: Number(r.pending_review),
    stale: Number(r.stale),
    evidencePending: Number(r.evidence_pending),
    late: Number(r.late),
  }));
  const issues: CheckIssue[] = [];
  if (to >= today) {
    issues.push({
      level: 'block',
      kind: 'not_ended',
      message: zh
        ? `该月尚未结束（${to}），月末之后才能封账`
        : `The month ends on ${to}; close it afterwards`,
    });
  }
  for (const u of units) {
    if (u.pendingReview)
      issues.push({
        level: 'block',
        kind: 'pending_review',
        message: zh
          ? `${u.unitName}有 ${u.pendingReview} 个报送审核中的项目在本月有记录，请先审核`
          : `${u.unitName}: ${u.pendingReview} project(s) awaiting review have entries this month`,
      });
    if (u.stale)
      issues.push({
        level: 'warn',
        kind: 'stale',
        message: zh
          ? `${u.unitName}有 ${u.stale} 个项目月末前 ${STALE_AFTER_DAYS} 天未更新`
          : `${u.unitName}: ${u.stale} project(s) not updated in the month's last ${STALE_AFTER_DAYS} days`,
      });
    if (u.evidencePending)
      issues.push({
        level: 'warn',
        kind: 'evidence_pending',
        message: zh
          ? `${u.unitName}有 ${u.evidencePending} 个项目待补证据`
          : `${u.unitName}: ${u.evidencePending} project(s) lack evidence`,
      });
  }
  // 纵向联动: a city or province closes only after every district below it has closed the month.
  const districts =
    tenant.level === 'district'
      ? []
      : (await listDistrictsBelow(db, tenant)).filter((d) => d.id !== tenant.id);
  const statuses = new Map(
    (
      await listMonthStatuses(
        db,
        districts.map((d) => d.id),
        month,
      )
    ).map((s) => [s.tenant_id, s.status]),
  );
  const districtStates = districts.map((d) => ({
    tenantId: d.id,
    name: d.name,
    status: statuses.get(d.id) ?? 'open',
  }));
  const open = districtStates.filter((d) => d.status !== 'closed');
  if (open.length) {
    issues.push({
      level: 'block',
      kind: 'district_open',
      message: zh
        ? `下级区县尚未封账：${open.map((d) => d.name).join('、')}`
        : `Districts not closed yet: ${open.map((d) => d.name).join(', ')}`,
    });
  }
  let fundsMonth = 0n;
  let fundsYear = 0n;
  for (const r of rows) {
    fundsMonth += BigInt(r.funds_month ?? 0);
    fundsYear += BigInt(r.funds_year ?? 0);
  }
  return {
    units,
    totals: {
      fundsMonthFen: Number(fundsMonth),
      fundsYearFen: Number(fundsYear),
      signed: units.reduce((s, u) => s + u.signed, 0),
      started: units.reduce((s, u) => s + u.started, 0),
    },
    districts: districtStates,
    issues,
    canClose: !issues.some((i) => i.level === 'block'),
  };
}
