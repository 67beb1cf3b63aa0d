import { z } from 'zod';
import { calendarDateSchema } from '../dates.ts';
import {
  blockableStages,
  blockerKinds,
  inspectionStatuses,
  matterLevels,
  matterStatuses,
  meetingKinds,
  taskStatuses,
} from '../coordination.ts';
import { idSchema, settingVersionSchema, versionSchema } from './common.ts';

/** Input schemas of the coordination loop: matters, meetings, decisions and tasks, inspections, briefs. */

/** A calendar date within the years an office plans for (2000–2100). */
const dateSchema = calendarDateSchema.refine(
  (d) => d >= '2000-01-01' && d <= '2100-12-31',
  '日期应在 2000 年至 2100 年之间',
);

const text = (max: number) => z.string().trim().max(max).default('');
const required = (max: number, message: string) => z.string().trim().min(1, message).max(max);
const boolText = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();
const page = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

// ── Matters (协调事项) ──────────────────────────────────────────────────────────

export const matterInputSchema = z.object({
  tenantId: idSchema.optional(),
  /** The project it blocks; a matter may also be raised on a unit without a project. */
  projectId: idSchema.nullish(),
  /** The unit raising it (default: the project's unit, else the caller's own unit). */
  unitId: idSchema.optional(),
  /** The unit that must act (责任单位, may be another department); default: the raising unit. */
  ownerUnitId: idSchema.optional(),
  title: required(200, '请填写事项名称'),
  description: text(4000),
  blockerKind: z.enum(blockerKinds),
  blocksStage: z.enum(blockableStages).nullish(),
  deadline: dateSchema,
  /** 提出日期 (default today; not in the future). */
  raisedOn: dateSchema.optional(),
});
export type MatterInput = z.input<typeof matterInputSchema>;

/**
 * 下达协调事项: a city's (or province's) coordinator raises a matter to a district below it. It goes
 * to the district's 综合协调组; the district's unit that must act is named, unless a project of the
 * district gives it (its responsible unit).
 */
export const matterRaiseDownSchema = matterInputSchema.omit({ unitId: true }).extend({ tenantId: idSchema });
export type MatterRaiseDownInput = z.input<typeof matterRaiseDownSchema>;

export const matterUpdateSchema = z.object({ body: required(2000, '请填写进展情况') });
export type MatterUpdateInput = z.input<typeof matterUpdateSchema>;

export const matterEscalateSchema = z.object({
  reason: required(1000, '请说明上报理由'),
  version: versionSchema,
});
export type MatterEscalateInput = z.input<typeof matterEscalateSchema>;

export const matterAssignSchema = z.object({
  ownerUnitId: idSchema,
  deadline: dateSchema,
  reason: text(1000),
  version: versionSchema,
});
export type MatterAssignInput = z.input<typeof matterAssignSchema>;

export const matterResolveSchema = z.object({
  result: required(2000, '请填写办理结果'),
  version: versionSchema,
});
export const matterCloseSchema = z.object({
  reason: required(1000, '请说明撤销原因'),
  version: versionSchema,
});

export const matterQuerySchema = z.object({
  /** One tenant of the caller's scope (a city's 区县 filter). */
  tenantId: idSchema.optional(),
  status: z.enum(matterStatuses).optional(),
  level: z.enum(matterLevels).optional(),
  unitId: idSchema.optional(),
  projectId: idSchema.optional(),
  overdue: boolText,
  q: z.string().trim().max(50).optional(),
  ...page,
});
export type MatterQuery = z.infer<typeof matterQuerySchema>;

/** 催办单: a reminder to the unit holding an overdue task or matter. */
export const reminderInputSchema = z.object({ note: text(500) });
export type ReminderInput = z.input<typeof reminderInputSchema>;

// ── Meetings ───────────────────────────────────────────────────────────────────

export const agendaItemSchema = z.object({
  title: required(200, '请填写议题'),
  note: text(1000),
  link: z
    .object({ type: z.enum(['matter', 'task', 'project']), id: idSchema })
    .nullable()
    .default(null),
});
export type AgendaItem = z.output<typeof agendaItemSchema>;

const meetingFields = {
  title: text(200),
  location: text(200),
  /** 召集人: required for a joint meeting. */
  convenerId: idSchema.nullish(),
  attendeeUnitIds: z.array(idSchema).max(100).default([]),
  /** Leaders attending, by name (区领导、包联领导). */
  attendeeLeaders: z.array(z.string().trim().min(1).max(50)).max(50).default([]),
};

const convenerForJoint = (v: { kind?: string; convenerId?: string | null }) =>
  v.kind !== 'joint' || !!v.convenerId;
const convenerIssue = { message: '联席会议须指定召集人', path: ['convenerId'] };

export const meetingInputSchema = z
  .object({
    tenantId: idSchema.optional(),
    kind: z.enum(meetingKinds),
    /** The meeting date (fixed once created: cancel and create another to move it). */
    heldOn: dateSchema,
    ...meetingFields,
  })
  .refine(convenerForJoint, convenerIssue);
export type MeetingInput = z.input<typeof meetingInputSchema>;

export const meetingUpdateSchema = z.object({
  ...meetingFields,
  agenda: z.array(agendaItemSchema).max(100).default([]),
  minutes: text(20000),
  version: versionSchema,
});
export type MeetingUpdateInput = z.input<typeof meetingUpdateSchema>;

export const meetingCancelSchema = z.object({
  reason: required(500, '请说明取消原因'),
  version: versionSchema,
});

export const meetingQuerySchema = z.object({
  kind: z.enum(meetingKinds).optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  ...page,
});
export type MeetingQuery = z.infer<typeof meetingQuerySchema>;

// ── Decisions and tasks (督办) ─────────────────────────────────────────────────

export const taskInputSchema = z.object({
  unitId: idSchema,
  content: required(1000, '请填写交办事项'),
  deadline: dateSchema,
});

export const decisionInputSchema = z.object({
  text: required(2000, '请填写会议决定'),
  /** The matter decided on (a joint meeting decides escalated matters). */
  matterId: idSchema.nullish(),
  /** 交办单: tasks assigned to units with deadlines. */
  tasks: z.array(taskInputSchema).max(50).default([]),
});
export type DecisionInput = z.input<typeof decisionInputSchema>;

export const taskCloseSchema = z.object({ result: required(2000, '请填写办理结果'), version: versionSchema });
export type TaskCloseInput = z.input<typeof taskCloseSchema>;

export const taskQuerySchema = z.object({
  status: z.enum(taskStatuses).optional(),
  unitId: idSchema.optional(),
  meetingId: idSchema.optional(),
  overdue: boolText,
  ...page,
});
export type TaskQuery = z.infer<typeof taskQuerySchema>;

export const decisionQuerySchema = z.object({
  status: z.enum(['open', 'done']).optional(),
  meetingId: idSchema.optional(),
  ...page,
});
export type DecisionQuery = z.infer<typeof decisionQuerySchema>;

// ── Inspections (督促检查) ─────────────────────────────────────────────────────

export const inspectionInputSchema = z.object({
  tenantId: idSchema.optional(),
  unitId: idSchema,
  scheduledOn: dateSchema,
  topic: required(200, '请填写检查内容'),
});
export type InspectionInput = z.input<typeof inspectionInputSchema>;

export const inspectionResultSchema = z.object({
  inspectedOn: dateSchema,
  findings: required(4000, '请填写检查发现'),
  score: z
    .number({ error: '请填写评分' })
    .int('评分应为整数')
    .min(0, '评分为 0–100')
    .max(100, '评分为 0–100'),
  /** 整改要求 with its deadline; null when nothing needs rectifying. */
  rectification: z
    .object({ requirement: required(2000, '请填写整改要求'), dueOn: dateSchema })
    .nullable()
    .default(null),
  version: versionSchema,
});
export type InspectionResultInput = z.input<typeof inspectionResultSchema>;

export const inspectionRectifySchema = z.object({
  report: required(2000, '请填写整改情况'),
  version: versionSchema,
});

export const inspectionQuerySchema = z.object({
  unitId: idSchema.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: z.enum(inspectionStatuses).optional(),
  ...page,
});
export type InspectionQuery = z.infer<typeof inspectionQuerySchema>;

// ── Briefs ─────────────────────────────────────────────────────────────────────

export const briefFormats = ['json', 'docx', 'xlsx'] as const;
export type BriefFormat = (typeof briefFormats)[number];

export const briefQuerySchema = z.object({
  kind: z.enum(meetingKinds),
  date: dateSchema,
  tenantId: idSchema.optional(),
  format: z.enum(briefFormats).default('json'),
});
export type BriefQuery = z.infer<typeof briefQuerySchema>;

export const meetingBriefQuerySchema = z.object({ format: z.enum(briefFormats).default('json') });

// ── Review of what units submit (报送审核) ─────────────────────────────────────

export const reviewStatuses = ['pending', 'approved', 'refused'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

/** The coordination group approves a submission, or returns it to the unit with the reason. */
export const reviewDecisionSchema = z
  .object({ decision: z.enum(['approve', 'refuse']), reason: text(500) })
  .refine((v) => v.decision === 'approve' || v.reason.length > 0, {
    message: '请说明退回原因',
    path: ['reason'],
  });
export type ReviewDecisionInput = z.input<typeof reviewDecisionSchema>;

/** Per tenant: whether leads and projects added by unit staff wait for the coordination group's review. */
export const reviewSettingSchema = z.object({
  unitSubmissions: z.boolean(),
  /** 0 while the tenant has never saved the setting. */
  version: settingVersionSchema,
});
export type ReviewSetting = z.infer<typeof reviewSettingSchema>;

export const reviewQueueQuerySchema = z.object({
  status: z.enum(['pending', 'refused']).default('pending'),
  tenantId: idSchema.optional(),
  /** A page of each list (projects, leads), oldest first: an import can put thousands in the queue. */
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
