import type { MeetingKind } from '@landfall/domain/coordination';
import { STALE_AFTER_DAYS } from '../projects/project.repo.ts';

/** One line of a brief, naming the record it links to. */
export interface BriefLine {
  type: 'lead' | 'project' | 'matter' | 'unit' | 'task';
  id: string;
  text: string;
  /** The date the line is about (reported, effective, deadline…). */
  date: string | null;
  unitId: string | null;
  amountFen: number | null;
  /** Recorded after the previous brief for an earlier date (补录). */
  late: boolean;
  /** 区县: the tenant the record belongs to (a city's brief lists its districts' records). */
  tenantId: string;
  tenantName: string;
  /**
   * A sensitive project of a district in a city's brief: named 敏感项目, its unit hidden (its details are
   * the district's), its amounts counted.
   */
  masked: boolean;
}

export type BriefSectionKey =
  | 'forDecision'
  | 'newLeadsAndProjects'
  | 'stageMoves'
  | 'funds'
  | 'stale'
  | 'behindPace'
  | 'mattersOpened'
  | 'mattersEscalated'
  | 'mattersOverdue'
  | 'tasksOverdue';

export interface BriefSection {
  key: BriefSectionKey;
  /** '一、新增招商信息和项目' */
  heading: string;
  summary: string;
  lines: BriefLine[];
}

export interface Brief {
  tenant: { id: string; name: string };
  /** The tenants it covers: its own, then (a city's, a province's) every tenant below it. */
  tenants: { id: string; name: string }[];
  kind: MeetingKind;
  kindLabel: string;
  date: string;
  year: number;
  number: number;
  /** 〔2026〕第3期 */
  issueNumber: string;
  title: string;
  issuer: string;
  dateText: string;
  /** Inclusive: the day after the previous meeting (or the default span) through the date. */
  period: { from: string; to: string; previousMeetingId: string | null };
  meetingId: string | null;
  sections: BriefSection[];
}

export const sectionTitles: Record<BriefSectionKey, string> = {
  forDecision: '提请联席会议研究的重大问题',
  newLeadsAndProjects: '新增招商信息和项目',
  stageMoves: '项目推进阶段变化',
  funds: '到位资金情况',
  stale: `超过${STALE_AFTER_DAYS}天未更新台账的项目`,
  behindPace: '目标任务进度滞后的责任单位',
  mattersOpened: '新提出的协调事项',
  mattersEscalated: '上报的协调事项',
  mattersOverdue: '逾期未办结的协调事项',
  tasksOverdue: '逾期未办结的交办事项',
};
