import type {
  AgendaItem,
  BlockableStage,
  BlockerKind,
  InspectionStatus,
  MatterLevel,
  MatterStatus,
  MeetingKind,
  RectificationStatus,
  TaskStatus,
} from '@landfall/domain';

/**
 * Response shapes of the coordination loop (docs/API.md, "The coordination loop"), as the
 * server's mappers write them: matter.mapper, meeting.service, decision.service,
 * reminder.service, inspection.service, brief.types, notification.service.
 */

export interface Matter {
  id: string;
  tenantId: string;
  /** 区县: the matter's tenant (a city lists its districts'). */
  tenantName: string;
  /** 上级交办: the tenant above that raised it down (市级下达); null when raised in its own tenant. */
  raisedByTenantId: string | null;
  raisedByTenantName: string | null;
  projectId: string | null;
  projectName: string | null;
  /** The unit that raised it (the project's unit). */
  unitId: string;
  unitName: string;
  /** The unit that must act. */
  ownerUnitId: string;
  ownerUnitName: string;
  title: string;
  description: string;
  blockerKind: BlockerKind;
  blocksStage: BlockableStage | null;
  level: MatterLevel;
  status: MatterStatus;
  deadline: string;
  raisedOn: string;
  raisedByName: string;
  outcome: string;
  overdue: boolean;
  daysOverdue: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type MatterEventKind =
  'raised' | 'update' | 'escalated' | 'assigned' | 'decision' | 'resolved' | 'closed';

export interface MatterEvent {
  id: number;
  kind: MatterEventKind;
  effectiveOn: string;
  recordedAt: string;
  actorName: string;
  body: string;
  levelTo: MatterLevel | null;
  statusTo: MatterStatus | null;
  ownerUnitTo: string | null;
  deadlineTo: string | null;
  /** escalated: {from, fromLabel}; decision: {decisionId, meetingId}; resolved by a decision: {decisionId}. */
  payload: Record<string, unknown>;
}

/** 催办单 */
export interface Reminder {
  id: number;
  taskId: string | null;
  matterId: string | null;
  unitId: string;
  issuedOn: string;
  recordedAt: string;
  actorName: string;
  deadline: string;
  daysOverdue: number;
  note: string;
}

export interface MatterDetail extends Matter {
  events: MatterEvent[];
  reminders: Reminder[];
}

export type MeetingStatus = 'scheduled' | 'held' | 'cancelled';

export interface Meeting {
  id: string;
  tenantId: string;
  kind: MeetingKind;
  heldOn: string;
  title: string;
  location: string;
  convenerId: string | null;
  convenerName: string | null;
  attendeeUnitIds: string[];
  attendeeLeaders: string[];
  agenda: AgendaItem[];
  minutes: string;
  status: MeetingStatus;
  cancelReason: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** 交办单 */
export interface Task {
  id: string;
  decisionId: string;
  meetingId: string;
  meetingKind: MeetingKind;
  meetingHeldOn: string;
  decisionText: string;
  matterId: string | null;
  unitId: string;
  unitName: string;
  content: string;
  deadline: string;
  status: TaskStatus;
  result: string;
  closedOn: string | null;
  closedByName: string | null;
  overdue: boolean;
  daysOverdue: number;
  version: number;
  createdAt: string;
}

export interface TaskDetail extends Task {
  reminders: Reminder[];
}

export interface Decision {
  id: string;
  meetingId: string;
  matterId: string | null;
  text: string;
  decidedOn: string;
  status: 'open' | 'done';
  doneOn: string | null;
  recordedByName: string;
  createdAt: string;
  tasks: Task[];
}

export interface MeetingDetail extends Meeting {
  decisions: Decision[];
}

export type BriefLineType = 'lead' | 'project' | 'matter' | 'unit' | 'task';

export interface BriefLine {
  type: BriefLineType;
  id: string;
  text: string;
  date: string | null;
  unitId: string | null;
  amountFen: number | null;
  /** 补录: recorded after the previous brief for an earlier date. */
  late: boolean;
  /** 区县: the record's tenant (a city's brief lists its districts'). */
  tenantId: string;
  tenantName: string;
  /** A district's sensitive project in a city's brief: 敏感项目, not linked. */
  masked: boolean;
}

export interface BriefSection {
  key: string;
  /** '一、新增招商信息和项目' */
  heading: string;
  summary: string;
  lines: BriefLine[];
}

export interface Brief {
  tenant: { id: string; name: string };
  /** The tenants it covers: its own, then those below it (a city's districts). */
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
  period: { from: string; to: string; previousMeetingId: string | null };
  meetingId: string | null;
  sections: BriefSection[];
}

export interface Rectification {
  status: RectificationStatus;
  requirement: string;
  dueOn: string | null;
  report: string;
  rectifiedOn: string | null;
  overdue: boolean;
  daysOverdue: number;
}

export interface Inspection {
  id: string;
  tenantId: string;
  unitId: string;
  unitName: string;
  scheduledOn: string;
  topic: string;
  status: InspectionStatus;
  inspectedOn: string | null;
  findings: string;
  score: number | null;
  rectification: Rectification;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type NotificationKind =
  | 'matter'
  | 'matter_escalated'
  | 'matter_raised_down'
  | 'matter_overdue'
  | 'matter_for_decision'
  | 'task'
  | 'task_overdue'
  | 'reminder'
  | 'inspection'
  | 'rectification'
  | 'meeting'
  | 'lead'
  | 'review'
  | 'review_refused';

export type NotificationLinkType = 'matter' | 'task' | 'inspection' | 'meeting' | 'lead' | 'project';

export interface Notification {
  kind: NotificationKind;
  title: string;
  dueOn: string | null;
  overdue: boolean;
  link: { type: NotificationLinkType; id: string };
}

export interface Notifications {
  count: number;
  items: Notification[];
}
