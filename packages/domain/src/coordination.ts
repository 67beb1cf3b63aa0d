/**
 * The coordination loop (协调推进机制) as pure rules: matters (协调事项) and their escalation
 * levels, meetings (每周业务通气 / 半月信息沟通 / 每月情况会商 / 联席会议) and the period their
 * brief covers, follow-up of decisions (督办: 交办单, 催办单), and the punctuality of a unit's
 * weekly ledger (台账按周更新). Dates are Asia/Shanghai calendar dates 'YYYY-MM-DD'; "today"
 * is always passed in, never read from a clock.
 */
import { addDays, daysBetween, dayOfWeek, type CalendarDate } from './dates.ts';
import type { Locale } from './errors.ts';

// ── Matters ────────────────────────────────────────────────────────────────────

/**
 * Who holds a matter: the responsible unit, the comprehensive coordination group (综合协调组),
 * or the joint meeting (联席会议) for decision (重大问题报送联席会议决策研究).
 */
export const matterLevels = ['unit', 'coordination', 'joint'] as const;
export type MatterLevel = (typeof matterLevels)[number];

export const matterLevelLabels: Record<MatterLevel, Record<Locale, string>> = {
  unit: { 'zh-CN': '责任单位', 'en-US': 'Unit' },
  coordination: { 'zh-CN': '综合协调组', 'en-US': 'Coordination group' },
  joint: { 'zh-CN': '联席会议', 'en-US': 'Joint meeting' },
};

export const matterStatuses = ['open', 'resolved', 'closed'] as const;
export type MatterStatus = (typeof matterStatuses)[number];

export const matterStatusLabels: Record<MatterStatus, Record<Locale, string>> = {
  open: { 'zh-CN': '办理中', 'en-US': 'Open' },
  resolved: { 'zh-CN': '已解决', 'en-US': 'Resolved' },
  closed: { 'zh-CN': '已撤销', 'en-US': 'Withdrawn' },
};

/** What blocks a project (用地、环评、用电、道路…). */
export const blockerKinds = [
  'land',
  'environment',
  'power',
  'road',
  'water',
  'approval',
  'policy',
  'funding',
  'other',
] as const;
export type BlockerKind = (typeof blockerKinds)[number];

export const blockerKindLabels: Record<BlockerKind, Record<Locale, string>> = {
  land: { 'zh-CN': '用地', 'en-US': 'Land' },
  environment: { 'zh-CN': '环评', 'en-US': 'Environmental approval' },
  power: { 'zh-CN': '用电', 'en-US': 'Power' },
  road: { 'zh-CN': '道路', 'en-US': 'Roads' },
  water: { 'zh-CN': '供水', 'en-US': 'Water' },
  approval: { 'zh-CN': '审批手续', 'en-US': 'Permits' },
  policy: { 'zh-CN': '政策兑现', 'en-US': 'Policy' },
  funding: { 'zh-CN': '资金', 'en-US': 'Funding' },
  other: { 'zh-CN': '其他', 'en-US': 'Other' },
};

/** The stages a matter can block: 签约、落地（入驻）、开工 and 投产 (the seed: 签约入驻建设过程中的事项协调). */
export const blockableStages = ['negotiating', 'signed', 'settled', 'construction', 'production'] as const;
export type BlockableStage = (typeof blockableStages)[number];

/** The level above; null at the joint meeting, the top. Escalation moves one level at a time. */
export function nextMatterLevel(level: MatterLevel): MatterLevel | null {
  const i = matterLevels.indexOf(level);
  return matterLevels[i + 1] ?? null;
}

/**
 * The policy action that escalating to `to` needs: a unit reports to the coordination group
 * (`matter.escalate`, unit staff on their own unit's matters and the coordinator); only the
 * coordination group takes a matter to the joint meeting (`matter.escalateToJoint`).
 * The server's policy decides who holds each action; the web uses this to show the button.
 */
export function escalationAction(to: MatterLevel): 'matter.escalate' | 'matter.escalateToJoint' {
  return to === 'joint' ? 'matter.escalateToJoint' : 'matter.escalate';
}

/** One dated fact in a matter's history; a column left null leaves that part of the state as it was. */
export interface MatterFact {
  levelTo: MatterLevel | null;
  statusTo: MatterStatus | null;
  ownerUnitTo: string | null;
  deadlineTo: CalendarDate | null;
}

export interface MatterState {
  level: MatterLevel;
  status: MatterStatus;
  ownerUnitId: string;
  deadline: CalendarDate;
}

/**
 * A matter's state from its facts in recording order (the first one, 'raised', sets every part).
 * Used to read a matter as it stood on a past date: pass only the facts recorded by then.
 * Undefined when there are no facts yet, or the first one is incomplete.
 */
export function foldMatterFacts(facts: readonly MatterFact[]): MatterState | undefined {
  let level: MatterLevel | null = null;
  let status: MatterStatus | null = null;
  let owner: string | null = null;
  let deadline: CalendarDate | null = null;
  for (const f of facts) {
    level = f.levelTo ?? level;
    status = f.statusTo ?? status;
    owner = f.ownerUnitTo ?? owner;
    deadline = f.deadlineTo ?? deadline;
  }
  if (!level || !status || !owner || !deadline) return undefined;
  return { level, status, ownerUnitId: owner, deadline };
}

// ── Deadlines ──────────────────────────────────────────────────────────────────

/**
 * Overdue (逾期): still open after its deadline day. The deadline day itself is on time;
 * the day after it is the first overdue day. Calendar days, Asia/Shanghai dates.
 */
export function isOverdue(item: { open: boolean; deadline: CalendarDate }, today: CalendarDate): boolean {
  return item.open && daysBetween(item.deadline, today) > 0;
}

/** Whole days past the deadline (0 when not overdue). */
export function daysOverdue(item: { open: boolean; deadline: CalendarDate }, today: CalendarDate): number {
  return isOverdue(item, today) ? daysBetween(item.deadline, today) : 0;
}

/** Due within `days` days from today (today included) and not yet overdue: what the bell warns about. */
export function isDueSoon(
  item: { open: boolean; deadline: CalendarDate },
  today: CalendarDate,
  days = DUE_SOON_DAYS,
): boolean {
  const left = daysBetween(today, item.deadline);
  return item.open && left >= 0 && left <= days;
}

export const DUE_SOON_DAYS = 3;

// ── Decisions and tasks (督办) ─────────────────────────────────────────────────

export const taskStatuses = ['open', 'done'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

/**
 * A decision is done when every task it assigned (交办单) is done; a decision that assigned
 * no task (a matter noted or settled at the table) is done when recorded.
 */
export function decisionStatus(tasks: readonly { status: TaskStatus }[]): 'open' | 'done' {
  return tasks.every((t) => t.status === 'done') ? 'done' : 'open';
}

/** The outcome a matter records when the decision taken on it is done: the decision and each unit's result. */
export function decisionOutcome(
  decision: string,
  tasks: readonly { unitName: string; result: string }[],
): string {
  if (!tasks.length) return decision;
  return `${decision}\n落实情况：${tasks.map((t) => `${t.unitName}：${t.result}`).join('；')}`;
}

// ── Meetings and briefs ────────────────────────────────────────────────────────

/**
 * 每周业务通气, 半月信息沟通, 每月情况会商, 联席会议; and, above a district (a city or province working
 * across its districts, 纵向联动), 联合策划 and 联合招商.
 */
export const meetingKinds = [
  'weekly',
  'semimonthly',
  'monthly',
  'joint',
  'joint_planning',
  'joint_promotion',
] as const;
export type MeetingKind = (typeof meetingKinds)[number];

export const meetingKindLabels: Record<MeetingKind, Record<Locale, string>> = {
  weekly: { 'zh-CN': '每周业务通气', 'en-US': 'Weekly check-in' },
  semimonthly: { 'zh-CN': '半月信息沟通', 'en-US': 'Semi-monthly information exchange' },
  monthly: { 'zh-CN': '每月情况会商', 'en-US': 'Monthly consultation' },
  joint: { 'zh-CN': '联席会议', 'en-US': 'Joint meeting' },
  joint_planning: { 'zh-CN': '联合策划', 'en-US': 'Joint planning' },
  joint_promotion: { 'zh-CN': '联合招商', 'en-US': 'Joint promotion' },
};

/** Meetings a city or province holds with its districts (联合策划、联合招商): not a district's own. */
export const crossDistrictMeetingKinds = [
  'joint_planning',
  'joint_promotion',
] as const satisfies readonly MeetingKind[];

export function isCrossDistrictMeeting(kind: MeetingKind): boolean {
  return (crossDistrictMeetingKinds as readonly MeetingKind[]).includes(kind);
}

/** Whether a tenant of this level may hold a meeting of this kind: the cross-district kinds only above a district. */
export function meetingKindAllowed(kind: MeetingKind, level: 'province' | 'city' | 'district'): boolean {
  return !isCrossDistrictMeeting(kind) || level !== 'district';
}

/** Days a brief looks back when there was no earlier meeting of its kind. */
export const briefDefaultDays: Record<MeetingKind, number> = {
  weekly: 7,
  semimonthly: 15,
  monthly: 30,
  joint: 30,
  joint_planning: 30,
  joint_promotion: 30,
};

/**
 * The period a brief dated `date` covers: (after, date] — from the day after the previous
 * meeting of the same kind (or `briefDefaultDays` back when there was none) through `date`.
 */
export function briefPeriod(
  kind: MeetingKind,
  date: CalendarDate,
  previousMeetingOn: CalendarDate | null,
): { after: CalendarDate; through: CalendarDate } {
  return { after: previousMeetingOn ?? addDays(date, -briefDefaultDays[kind]), through: date };
}

const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九: numbers of official section headings (1–99). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`1–99 only: ${n}`);
  if (n < 10) return digits[n] as string;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : digits[tens]}十${ones ? digits[ones] : ''}`;
}

/** The 文号-style issue line of a brief: 〔2026〕第3期. */
export function briefIssueNumber(year: number, n: number): string {
  return `〔${year}〕第${n}期`;
}

/** 2026年3月6日 */
export function chineseDate(date: CalendarDate): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

// ── Punctuality of the weekly ledger ───────────────────────────────────────────

/** A Monday–Sunday week. */
export interface Week {
  start: CalendarDate;
  end: CalendarDate;
}

/** The Monday–Sunday weeks whose Sunday falls within [from, to], in order. */
export function weeksEndingWithin(from: CalendarDate, to: CalendarDate): Week[] {
  const weeks: Week[] = [];
  if (daysBetween(from, to) < 0) return weeks;
  let end = addDays(from, (7 - dayOfWeek(from)) % 7);
  while (daysBetween(end, to) >= 0) {
    weeks.push({ start: addDays(end, -6), end });
    end = addDays(end, 7);
  }
  return weeks;
}

/** What punctuality needs to know of one project: its dated ledger. */
export interface PunctualityProject {
  /** The date the project entered the library (its first entry). */
  enteredOn: CalendarDate;
  /** Its stage changes, in date order (the entry into the library included). */
  stages: readonly { on: CalendarDate; stage: string }[];
  /** The dates of every ledger entry (any kind). */
  entryDates: readonly CalendarDate[];
}

/**
 * Ledger punctuality (台账按时更新率) of one unit over [from, to]:
 *
 * - The weeks counted are the Monday–Sunday weeks whose Sunday falls within [from, to]
 *   (the week still running on `to` is not counted: it has not ended).
 * - A project is active in a week when it entered the library on or before the week's
 *   Sunday and, as of that Sunday, is neither paused (暂停) nor dropped (终止) — the same
 *   projects that would turn stale without entries.
 * - The unit is on time in a week when each of its active projects has at least one ledger
 *   entry (progress, stage move, funds, edit, correction or the entry into the library)
 *   dated within that week.
 * - Weeks in which the unit had no active project are not counted.
 *
 * Punctuality = weeks on time ÷ weeks counted; null when no week counts.
 */
export function ledgerPunctuality(
  projects: readonly PunctualityProject[],
  from: CalendarDate,
  to: CalendarDate,
): { weeksCounted: number; weeksOnTime: number; punctuality: number | null } {
  let weeksCounted = 0;
  let weeksOnTime = 0;
  for (const week of weeksEndingWithin(from, to)) {
    const active = projects.filter((p) => {
      if (p.enteredOn > week.end) return false;
      let stage: string | undefined;
      for (const s of p.stages) if (s.on <= week.end) stage = s.stage;
      return stage !== 'paused' && stage !== 'dropped';
    });
    if (!active.length) continue;
    weeksCounted++;
    if (active.every((p) => p.entryDates.some((d) => d >= week.start && d <= week.end))) weeksOnTime++;
  }
  return { weeksCounted, weeksOnTime, punctuality: weeksCounted ? weeksOnTime / weeksCounted : null };
}

// ── Inspections (督促检查) ─────────────────────────────────────────────────────

export const inspectionStatuses = ['scheduled', 'done'] as const;
export type InspectionStatus = (typeof inspectionStatuses)[number];

export const rectificationStatuses = ['none', 'pending', 'done'] as const;
export type RectificationStatus = (typeof rectificationStatuses)[number];

/** The inspection score of a unit in the ranking: the mean of the period's scores, to one decimal; null without any. */
export function inspectionScore(scores: readonly number[]): number | null {
  if (!scores.length) return null;
  const sum = scores.reduce((s, x) => s + x, 0);
  return Math.round((sum * 10) / scores.length) / 10;
}
