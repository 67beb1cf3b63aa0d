import { addDays, daysBetween, startOfShanghaiDay } from '@landfall/domain/dates';
import {
  briefIssueNumber,
  briefPeriod,
  chineseDate,
  chineseNumeral,
  daysOverdue,
  meetingKindLabels,
  type MeetingKind,
} from '@landfall/domain/coordination';
import { formatAmount } from '@landfall/domain/money';
import { formatPercent } from '@landfall/domain/metrics';
import { stageLabels, type Stage } from '@landfall/domain/stages';
import type { Ctx } from '../context.ts';
import { recordsAsOf } from '../audit/audit.service.ts';
import { authorize } from '../auth/authorize.ts';
import { visibleTenantIds } from '../auth/policy.ts';
import { AppError, invalidField } from '../http/app-error.ts';
import { STALE_AFTER_DAYS } from '../projects/project.repo.ts';
import { readDashboard } from '../dashboard/dashboard.service.ts';
import { meetingForBrief, meetingsForBrief } from '../meetings/meeting.service.ts';
import {
  listNewEntries,
  listNewLeads,
  listOverdueTasksAsOf,
  listStaleProjects,
  readCurrentNames,
  readMattersAsOf,
  readProjectsAsOf,
  readTenantSubtree,
  type BriefWindow,
} from './brief.repo.ts';
import { matterSections, mattersAsOf } from './brief.matters.ts';
import { sectionTitles, type Brief, type BriefLine, type BriefSection } from './brief.types.ts';

export type { Brief, BriefLine, BriefSection, BriefSectionKey } from './brief.types.ts';

const stageLabel = (s: string | null | undefined) => (s ? (stageLabels[s as Stage]?.['zh-CN'] ?? s) : '—');
const money = (fen: number) => formatAmount(fen, 'zh-CN');

/** GET /api/briefs: the brief of a kind of meeting dated `date`, for the caller's tenant or one they may read. */
export async function readBrief(ctx: Ctx, query: { kind: MeetingKind; date: string; tenantId?: string }) {
  const actor = await authorize(ctx, 'brief.read');
  const visible = visibleTenantIds(actor, 'brief.read');
  const tenantId = query.tenantId ?? actor.tenantId;
  if (!tenantId) throw invalidField(ctx, 'tenantId', { zh: '请选择区域', en: 'Choose a tenant' });
  if (visible && !visible.includes(tenantId)) throw new AppError('not_found');
  return buildBrief(ctx, tenantId, query.kind, query.date);
}

/** GET /api/meetings/:id/brief: the brief of a meeting, as of its date. */
export async function readMeetingBrief(ctx: Ctx, meetingId: string) {
  const meeting = await meetingForBrief(ctx, meetingId);
  return buildBrief(ctx, meeting.tenantId, meeting.kind, meeting.heldOn);
}

/**
 * The brief (简报) of a meeting of `kind` on `date`: what happened since the previous meeting of
 * that kind, computed only from facts dated and recorded by the end of `date` (see brief.repo.ts),
 * so the brief of an old date regenerates identically. The caller has authorised `brief.read`.
 *
 * A city's (province's) brief covers its subtree: every line names its 区县 (`tenantName`), its
 * figures are read through the same ledger view over all the tenants, so its lines are the union of
 * its districts' own briefs' lines for the same period and its totals their sum. A district's
 * sensitive project stays the district's: in the city's brief it is 敏感项目 (no name, no unit), its
 * amounts counted.
 */
export async function buildBrief(
  ctx: Ctx,
  tenantId: string,
  kind: MeetingKind,
  date: string,
): Promise<Brief> {
  const meetings = await meetingsForBrief(ctx, tenantId, kind, date);
  const { after, through } = briefPeriod(kind, date, meetings.previousMeetingOn);
  const subtree = await readTenantSubtree(ctx.db, tenantId);
  const w: BriefWindow = {
    tenantIds: subtree.map((t) => t.id),
    after,
    through,
    knownAfter: startOfShanghaiDay(addDays(after, 1)),
    knownBefore: startOfShanghaiDay(addDays(through, 1)),
  };

  const leads = await listNewLeads(ctx.db, w);
  const created = await listNewEntries(ctx.db, w, 'created');
  const moves = await listNewEntries(ctx.db, w, 'stage_move');
  const funds = await listNewEntries(ctx.db, w, 'funds');
  const stale = await listStaleProjects(ctx.db, w, addDays(through, -STALE_AFTER_DAYS));
  const tasks = await listOverdueTasksAsOf(ctx.db, w);
  // Units behind pace: each tenant's own dashboard (a city's brief: its own units' and each district's).
  const dashboards = [];
  for (const t of subtree) {
    dashboards.push({
      tenantId: t.id,
      ...(await readDashboard(ctx, {
        year: Number(through.slice(0, 4)),
        asOf: through,
        tenantId: t.id,
        metric: 'funds_in_place',
        knownBefore: w.knownBefore,
      })),
    });
  }
  const dashboardUnits = dashboards.flatMap((d) => d.units.map((u) => ({ ...u, tenantId: d.tenantId })));
  const matterFacts = mattersAsOf(await readMattersAsOf(ctx.db, w), w);
  const { matters, states } = matterFacts;

  const projectIds = [
    ...new Set([
      ...created.map((e) => e.project_id),
      ...moves.map((e) => e.project_id),
      ...funds.map((e) => e.project_id),
      ...stale.map((p) => p.id),
      ...matters.flatMap((m) => (m.project_id ? [m.project_id] : [])),
    ]),
  ];
  // A district's sensitive project in a city's brief: 敏感项目, without its unit.
  const projects = new Map(
    (await readProjectsAsOf(ctx.db, w, projectIds)).map((p) => {
      const masked = p.sensitive && p.tenantId !== tenantId;
      return [p.id, masked ? { ...p, name: '敏感项目', unitId: '', masked } : { ...p, masked }];
    }),
  );
  const projectName = (id: string) => projects.get(id)?.name ?? '';
  const projectUnit = (id: string) => projects.get(id)?.unitId || null;
  const projectMasked = (id: string) => !!projects.get(id)?.masked;
  const projectTenant = (id: string) => projects.get(id)?.tenantId ?? tenantId;

  // Names as of the date: units, leads and the tenant from the audit log's snapshots.
  const unitIds = [
    ...new Set([
      ...leads.map((l) => l.unit_id),
      ...[...projects.values()].map((p) => p.unitId).filter(Boolean),
      ...matters.map((m) => m.unit_id),
      ...[...states.values()].map((s) => s.ownerUnitId),
      ...tasks.map((t) => t.unit_id),
      ...dashboardUnits.map((u) => u.unitId),
    ]),
  ];
  const unitNames = await namesAsOf(ctx, 'unit', unitIds, w.knownBefore);
  const leadNames = await namesAsOf(
    ctx,
    'lead',
    leads.map((l) => l.id),
    w.knownBefore,
  );
  const tenantNames = await namesAsOf(ctx, 'tenant', w.tenantIds as string[], w.knownBefore);
  const nameOfTenant = (id: string) => tenantNames.get(id)?.name ?? '';
  const tenantName = nameOfTenant(tenantId);
  const unitName = (id: string | null) => (id ? (unitNames.get(id)?.name ?? '') : '');
  /** Who has the project: its unit, or — a masked project — its district. */
  const projectHolder = (id: string) =>
    projectMasked(id) ? nameOfTenant(projectTenant(id)) : unitName(projectUnit(id));
  const projectLine = (id: string) => ({
    tenantId: projectTenant(id),
    tenantName: '',
    masked: projectMasked(id),
  });

  const bySection = matterSections(kind, w, matterFacts, { unitName, projectName, projectMasked });

  const sections: Omit<BriefSection, 'heading'>[] = [...bySection.forDecision];

  const leadLines: BriefLine[] = leads.map((l) => {
    const snap = leadNames.get(l.id);
    const amount = snap?.amountFen ?? null;
    return {
      type: 'lead',
      id: l.id,
      text: `【招商信息】${snap?.name ?? ''}（${unitName(l.unit_id)}报送，${l.reported_on}${
        amount ? `，预计投资 ${money(amount)}` : ''
      }）${l.late ? '（补录）' : ''}`,
      date: l.reported_on,
      unitId: l.unit_id,
      amountFen: amount,
      late: l.late,
      tenantId: l.tenant_id,
      tenantName: '',
      masked: false,
    };
  });
  const projectLines: BriefLine[] = created.map((e) => {
    const p = projects.get(e.project_id);
    return {
      type: 'project',
      id: e.project_id,
      text: `【项目】${p?.name ?? ''}（${projectHolder(e.project_id)}，${stageLabel(p?.stage)}${
        p?.agreedFen ? `，协议投资 ${money(p.agreedFen)}` : ''
      }，${e.effective_on}入库）${e.late ? '（补录）' : ''}`,
      date: e.effective_on,
      unitId: projectUnit(e.project_id),
      amountFen: p?.agreedFen ?? null,
      late: e.late,
      ...projectLine(e.project_id),
    };
  });
  sections.push({
    key: 'newLeadsAndProjects',
    summary:
      leadLines.length || projectLines.length
        ? `新增招商信息${leadLines.length}条、项目${projectLines.length}个。`
        : '本期无新增招商信息和项目。',
    lines: [...leadLines, ...projectLines],
  });

  sections.push({
    key: 'stageMoves',
    summary: moves.length ? `项目阶段变化${moves.length}次。` : '本期无项目阶段变化。',
    lines: moves.map((e) => ({
      type: 'project',
      id: e.project_id,
      text: `${projectName(e.project_id)}（${projectHolder(e.project_id)}）：${stageLabel(
        e.payload.from as string,
      )} → ${stageLabel(e.payload.to as string)}（${e.effective_on}）${e.late ? '（补录）' : ''}`,
      date: e.effective_on,
      unitId: projectUnit(e.project_id),
      amountFen: null,
      late: e.late,
      ...projectLine(e.project_id),
    })),
  });

  // Funds per project: the period's entries summed (a reversal counts with its negative amount).
  const fundsByProject = new Map<string, { fen: number; entries: number; late: boolean; last: string }>();
  for (const e of funds) {
    const f = fundsByProject.get(e.project_id) ?? { fen: 0, entries: 0, late: false, last: e.effective_on };
    fundsByProject.set(e.project_id, {
      fen: f.fen + (e.amountFen ?? 0),
      entries: f.entries + 1,
      late: f.late || e.late,
      last: e.effective_on > f.last ? e.effective_on : f.last,
    });
  }
  const fundLines = [...fundsByProject]
    .sort(([a], [b]) => projectName(a).localeCompare(projectName(b), 'zh-CN') || a.localeCompare(b))
    .map(([id, f]): BriefLine => ({
      type: 'project',
      id,
      text: `${projectName(id)}（${projectHolder(id)}）：到位资金 ${money(f.fen)}（${f.entries}笔）${
        f.late ? '（含补录）' : ''
      }`,
      date: f.last,
      unitId: projectUnit(id),
      amountFen: f.fen,
      late: f.late,
      ...projectLine(id),
    }));
  const fundsTotal = [...fundsByProject.values()].reduce((s, f) => s + f.fen, 0);
  sections.push({
    key: 'funds',
    summary: fundLines.length
      ? `本期到位资金 ${money(fundsTotal)}，涉及项目${fundLines.length}个。`
      : '本期无到位资金记录。',
    lines: fundLines,
  });

  sections.push({
    key: 'stale',
    summary: stale.length
      ? `截至${chineseDate(through)}，${stale.length}个项目超过${STALE_AFTER_DAYS}天未更新台账。`
      : `截至${chineseDate(through)}，所有项目台账均在${STALE_AFTER_DAYS}天内更新。`,
    lines: stale.map((p) => ({
      type: 'project',
      id: p.id,
      text: `${projectName(p.id)}（${projectHolder(p.id)}）：最近一次台账记录 ${p.last_on}，已${daysBetween(
        p.last_on,
        through,
      )}天未更新`,
      date: p.last_on,
      unitId: projectUnit(p.id),
      amountFen: null,
      late: false,
      ...projectLine(p.id),
    })),
  });

  const behind = dashboardUnits
    .filter((u) => u.gap !== null && u.gap < 0)
    .sort((a, b) => (a.gap ?? 0) - (b.gap ?? 0) || a.unitId.localeCompare(b.unitId));
  const timeProgress = dashboards[0]?.timeProgress ?? 0;
  sections.push({
    key: 'behindPace',
    summary: behind.length
      ? `按到位资金目标，${behind.length}个责任单位完成率低于序时进度（${formatPercent(timeProgress)}）。`
      : dashboardUnits.some((u) => u.target !== null)
        ? '各责任单位到位资金完成率均达到序时进度。'
        : '本年度尚未下达到位资金目标任务。',
    lines: behind.map((u) => ({
      type: 'unit',
      id: u.unitId,
      text: `${unitName(u.unitId)}：到位资金 ${money(u.actual)}，目标 ${money(u.target ?? 0)}，完成 ${formatPercent(
        u.completion,
      )}，落后序时进度 ${formatPercent(-(u.gap ?? 0))}${
        u.punctuality === null ? '' : `，台账按时更新率 ${formatPercent(u.punctuality, 0)}`
      }`,
      date: null,
      unitId: u.unitId,
      amountFen: u.actual,
      late: false,
      tenantId: u.tenantId,
      tenantName: '',
      masked: false,
    })),
  });
  sections.push(...bySection.matters);

  sections.push({
    key: 'tasksOverdue',
    summary: tasks.length ? `${tasks.length}项会议交办事项逾期未办结。` : '无逾期未办结的交办事项。',
    lines: tasks.map((t) => ({
      type: 'task',
      id: t.id,
      text: `${unitName(t.unit_id)}：${t.content}（${t.meeting_held_on}${
        meetingKindLabels[t.meeting_kind]['zh-CN']
      }交办，时限 ${t.deadline}，逾期${daysOverdue({ open: true, deadline: t.deadline }, through)}天）`,
      date: t.deadline,
      unitId: t.unit_id,
      amountFen: null,
      late: false,
      tenantId: t.tenant_id,
      tenantName: '',
      masked: false,
    })),
  });

  const year = Number(through.slice(0, 4));
  return {
    tenant: { id: tenantId, name: tenantName },
    tenants: subtree.map((t) => ({ id: t.id, name: nameOfTenant(t.id) })),
    kind,
    kindLabel: meetingKindLabels[kind]['zh-CN'],
    date: through,
    year,
    number: meetings.number,
    issueNumber: briefIssueNumber(year, meetings.number),
    title: `${tenantName}招商引资${kind === 'joint' ? '联席会议' : meetingKindLabels[kind]['zh-CN']}简报`,
    issuer: `${tenantName}工业招商引资联席会议综合协调组`,
    dateText: chineseDate(through),
    period: { from: addDays(after, 1), to: through, previousMeetingId: meetings.previousMeetingId },
    meetingId: meetings.meetingId,
    sections: sections.map((s, i) => ({
      ...s,
      heading: `${chineseNumeral(i + 1)}、${sectionTitles[s.key]}`,
      lines: s.lines.map((l) => ({ ...l, tenantName: nameOfTenant(l.tenantId) })),
    })),
  };
}

/** Names (and a lead's estimate) as of an instant, from audit snapshots, else the current ones. */
async function namesAsOf(ctx: Ctx, table: 'unit' | 'lead' | 'tenant', ids: string[], before: Date) {
  const snapshots = await recordsAsOf(ctx.db, table, ids, before);
  const current = await readCurrentNames(ctx.db, table, ids);
  const field = table === 'lead' ? 'title' : 'name';
  return new Map(
    ids.map((id) => {
      const snap = snapshots.get(id);
      const fallback = current.get(id);
      const name = typeof snap?.[field] === 'string' ? (snap[field] as string) : (fallback?.name ?? '');
      const amount =
        snap && 'estimatedAmountFen' in snap
          ? (snap.estimatedAmountFen as number | null)
          : (fallback?.amountFen ?? null);
      return [id, { name, amountFen: amount }];
    }),
  );
}
