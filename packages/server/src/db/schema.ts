import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { FundsBasis, GroupKind, Role, TenantLevel, UnitKind } from '@landfall/domain';

/** Kysely's view of the tables. snake_case here; services map to camelCase. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface DivisionTable {
  code: string;
  level: 'province' | 'city' | 'county';
  name: string;
  parent_code: string | null;
}

export interface TenantTable {
  id: Generated<string>;
  parent_id: string | null;
  path: string;
  name: string;
  division_code: string;
  level: TenantLevel;
  version: Generated<number>;
  created_at: Timestamp;
}

export interface WorkGroupTable {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  kind: GroupKind;
  sort_order: Generated<number>;
  version: Generated<number>;
  created_at: Timestamp;
}

export interface UnitTable {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  kind: UnitKind;
  group_id: string | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
}

export interface AppUserTable {
  id: Generated<string>;
  tenant_id: string;
  username: string;
  display_name: string;
  role: Role;
  unit_id: string | null;
  password_hash: string;
  disabled: Generated<boolean>;
  disabled_reason: 'idle' | null;
  must_change_password: Generated<boolean>;
  enabled_at: Timestamp | null;
  password_changed_at: Timestamp;
  last_login_at: Timestamp | null;
  version: Generated<number>;
  created_at: Timestamp;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_enabled_at: Timestamp | null;
  totp_last_step: number | null;
}

export interface ConvenerTable {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  title: Generated<string>;
  user_id: string | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
}

export interface SessionTable {
  id: string;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  ip: string;
  user_agent: Generated<string>;
  second_factor: 'pending' | 'enrol' | null;
}

/** Single-use TOTP recovery codes, argon2id-hashed (migration 0020). */
export interface TotpRecoveryCodeTable {
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  created_at: Timestamp;
  used_at: Timestamp | null;
}

/** Secrets every instance shares (migration 0020). */
export interface ServerSecretTable {
  name: string;
  value: string;
  created_at: Generated<Timestamp>;
}

export interface SettingTable {
  key: string;
  value: Json;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface RateLimitTable {
  bucket: string;
  window_start: Timestamp;
  hits: number;
}

/** Failed-login counters (migration 0017): per account and address, per address, per account. */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  last_failure_at: Timestamp;
  blocked_until: Timestamp | null;
}

export type AccountRequestKind = 'create' | 'resetPassword' | 'disable' | 'changeRole' | 'resetTotp';

/** The two-person rule (migration 0017): a change to an administrator's or auditor's account, awaiting a second. */
export interface AccountRequestTable {
  id: Generated<string>;
  tenant_id: string;
  kind: AccountRequestKind;
  target_user_id: string | null;
  target_username: string;
  target_role: Role;
  payload: Json;
  status: Generated<'pending' | 'approved' | 'refused'>;
  requested_by: string;
  requested_by_name: string;
  requested_by_role: Role;
  requested_at: Timestamp;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Timestamp | null;
  reason: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string | null;
  role: string | null;
  unit_id: string | null;
  tenant_id: string | null;
  ip: string | null;
  request_id: string | null;
  action: string;
  outcome: 'ok' | 'denied' | 'failed';
  record_type: string | null;
  record_id: string | null;
  before: Json | null;
  after: Json | null;
  /** The client's User-Agent header (migration 0018). */
  user_agent: string | null;
  /** The tenant's audit chain (audit/chain.ts): the previous row's hash and this row's. */
  prev_hash: string | null;
  hash: string | null;
}

export interface IndustryTable {
  code: string;
  level: 'section' | 'division' | 'group' | 'class';
  name: string;
  parent_code: string | null;
  note: string | null;
}

export interface FocusIndustryTable {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  code_prefixes: string[];
  sort_order: Generated<number>;
  version: Generated<number>;
  created_at: Timestamp;
}

export interface EnterpriseTable {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  credit_code: string | null;
  division_code: string | null;
  capital_kind: 'domestic' | 'foreign';
  industry_code: string | null;
  tags: string[];
  is_local: boolean;
  unit_id: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type StageColumn =
  'planning' | 'negotiating' | 'signed' | 'settled' | 'construction' | 'production' | 'paused' | 'dropped';

/** A DATE column: read and written as a 'YYYY-MM-DD' string (an Asia/Shanghai calendar date). */
type DateColumn = string;
/** NUMERIC comes back from pg as a string, exact. */
type NumericColumn = ColumnType<string, string | number, string | number>;

export interface ProjectTable {
  id: Generated<string>;
  tenant_id: string;
  unit_id: string;
  group_id: string | null;
  name: string;
  stage: StageColumn;
  stage_before: Exclude<StageColumn, 'paused' | 'dropped'> | null;
  stage_on: DateColumn;
  origin_division_code: string | null;
  region: 'yrd' | 'prd' | 'bohai' | 'other' | 'local' | null;
  capital_kind: 'domestic' | 'foreign';
  industry_code: string | null;
  focus_industry_id: string | null;
  strategic_emerging: boolean;
  chain_node: string | null;
  construction_content: string;
  agreed_investment_fen: number;
  fixed_asset_fen: number;
  agreement_kind: 'framework' | 'formal' | null;
  signed_on: DateColumn | null;
  registered_on: DateColumn | null;
  local_credit_code: string | null;
  planned_start_on: DateColumn | null;
  actual_start_on: DateColumn | null;
  planned_production_on: DateColumn | null;
  production_on: DateColumn | null;
  land_mu: NumericColumn | null;
  referrer_enterprise_id: string | null;
  project_kind: 'new' | 'expansion';
  leader_in_charge: string;
  contact_name: string;
  contact_phone: string;
  sensitivity: 'normal' | 'sensitive';
  lead_id: string | null;
  funds_in_place_fen: number;
  last_entry_on: DateColumn;
  review_status: Generated<'pending' | 'approved' | 'refused'>;
  review_reason: Generated<string>;
  reviewed_at: Timestamp | null;
  reviewed_by: string | null;
  /** 待补证据: the evidence items (domain/evidence.ts) the project's stage still lacks, in pipeline order. */
  evidence_missing: Generated<string[]>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProjectEnterpriseTable {
  project_id: string;
  enterprise_id: string;
}

export interface LeadTable {
  id: Generated<string>;
  tenant_id: string;
  unit_id: string;
  title: string;
  source: string;
  referrer: string;
  referrer_enterprise_id: string | null;
  investor_enterprise_id: string | null;
  investor_name: string;
  intention: string;
  estimated_amount_fen: number | null;
  needs: string;
  status: 'reported' | 'acknowledged' | 'assessed' | 'converted' | 'closed';
  reported_on: DateColumn;
  acknowledged_at: Timestamp | null;
  assessed_at: Timestamp | null;
  assessment: string;
  project_id: string | null;
  review_status: Generated<'pending' | 'approved' | 'refused'>;
  review_reason: Generated<string>;
  reviewed_at: Timestamp | null;
  reviewed_by: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AttachmentTable {
  id: Generated<string>;
  tenant_id: string;
  project_id: string;
  filename: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string | null;
  created_at: Timestamp;
}

export type LedgerKind = 'created' | 'progress' | 'stage_move' | 'funding' | 'field_change' | 'correction';

export interface LedgerEntryTable {
  id: Generated<number>;
  tenant_id: string;
  project_id: string;
  kind: LedgerKind;
  effective_on: DateColumn;
  recorded_at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  corrects_id: number | null;
  stage_to: StageColumn | null;
  amount_fen: number | null;
  agreed_fen: number | null;
  fixed_fen: number | null;
  funding_source: 'outside_city_in_province' | 'outside_province' | 'abroad' | 'inside_city' | null;
  capital_kind: 'domestic' | 'foreign' | null;
  snapshot: Json | null;
  payload: Json;
  attachment_id: string | null;
  /** 基线: loaded at go-live; known on its effective date (ledger/ledger.reads.ts). */
  baseline: Generated<boolean>;
  /** The tenant's ledger chain (audit/chain.ts): the previous entry's hash and this entry's. */
  prev_hash: string | null;
  hash: string | null;
}

export type TargetMetricColumn =
  | 'funds_in_place'
  | 'agreed_investment'
  | 'projects_signed'
  | 'projects_started'
  | 'projects_over100m_signed';

export interface TargetPlanTable {
  id: Generated<string>;
  tenant_id: string;
  year: number;
  metric: TargetMetricColumn;
  basis: FundsBasis;
  status: Generated<'draft' | 'final'>;
  total: number;
  draft: Json;
  version: Generated<number>;
  created_at: Timestamp;
  finalized_at: Timestamp | null;
}

export interface TargetRevisionTable {
  id: Generated<number>;
  plan_id: string;
  effective_from: string;
  recorded_at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  reason: Generated<string>;
  total: number;
  allocation: Json;
}

export interface ImportBatchTable {
  id: Generated<string>;
  tenant_id: string;
  filename: string;
  format: 'xlsx' | 'xls' | 'csv';
  size_bytes: number;
  sha256: string;
  content: Buffer;
  status: Generated<'uploaded' | 'previewed' | 'committed'>;
  layout: Json | null;
  options: Json;
  summary: Json | null;
  errors: Json | null;
  created_by: string | null;
  created_by_name: string;
  created_at: Timestamp;
  committed_at: Timestamp | null;
  committed_by_name: string | null;
  version: Generated<number>;
}

export interface ImportMappingTable {
  tenant_id: string;
  signature: string;
  columns: Json;
  stage_labels: Json;
  updated_at: Timestamp;
}

/** A JSONB column with a default: optional on insert, written as JSON text. */
type JsonWithDefault = ColumnType<unknown, string | undefined, string>;

export type MatterLevelColumn = 'unit' | 'coordination' | 'joint';
export type MatterStatusColumn = 'open' | 'resolved' | 'closed';

export interface MatterTable {
  id: Generated<string>;
  tenant_id: string;
  project_id: string | null;
  unit_id: string;
  owner_unit_id: string;
  title: string;
  description: Generated<string>;
  blocker_kind: string;
  blocks_stage: string | null;
  level: MatterLevelColumn;
  status: MatterStatusColumn;
  deadline: DateColumn;
  raised_on: DateColumn;
  raised_by: string | null;
  raised_by_name: string;
  /** The tenant above that raised it down (下达); null = raised in its own tenant. */
  raised_by_tenant_id: string | null;
  outcome: Generated<string>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type MatterEventKind =
  'raised' | 'update' | 'escalated' | 'assigned' | 'decision' | 'resolved' | 'closed';

export interface MatterEventTable {
  id: Generated<number>;
  tenant_id: string;
  matter_id: string;
  kind: MatterEventKind;
  effective_on: DateColumn;
  recorded_at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  body: Generated<string>;
  level_to: MatterLevelColumn | null;
  status_to: MatterStatusColumn | null;
  owner_unit_to: string | null;
  deadline_to: DateColumn | null;
  payload: JsonWithDefault;
}

export type MeetingKindColumn =
  'weekly' | 'semimonthly' | 'monthly' | 'joint' | 'joint_planning' | 'joint_promotion';

export interface MeetingTable {
  id: Generated<string>;
  tenant_id: string;
  kind: MeetingKindColumn;
  held_on: DateColumn;
  title: Generated<string>;
  location: Generated<string>;
  convener_id: string | null;
  attendee_unit_ids: Generated<string[]>;
  attendee_leaders: Generated<string[]>;
  agenda: JsonWithDefault;
  minutes: Generated<string>;
  cancelled_at: Timestamp | null;
  cancel_reason: Generated<string>;
  created_by: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DecisionTable {
  id: Generated<string>;
  tenant_id: string;
  meeting_id: string;
  matter_id: string | null;
  text: string;
  decided_on: DateColumn;
  status: 'open' | 'done';
  done_on: DateColumn | null;
  recorded_by: string | null;
  recorded_by_name: string;
  created_at: Timestamp;
}

export interface TaskTable {
  id: Generated<string>;
  tenant_id: string;
  decision_id: string;
  meeting_id: string;
  unit_id: string;
  content: string;
  deadline: DateColumn;
  status: 'open' | 'done';
  result: Generated<string>;
  closed_on: DateColumn | null;
  closed_at: Timestamp | null;
  closed_by: string | null;
  closed_by_name: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ReminderTable {
  id: Generated<number>;
  tenant_id: string;
  task_id: string | null;
  matter_id: string | null;
  unit_id: string;
  issued_on: DateColumn;
  recorded_at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  deadline: DateColumn;
  days_overdue: number;
  note: Generated<string>;
}

export interface InspectionTable {
  id: Generated<string>;
  tenant_id: string;
  unit_id: string;
  scheduled_on: DateColumn;
  topic: string;
  status: 'scheduled' | 'done';
  inspected_on: DateColumn | null;
  findings: Generated<string>;
  score: number | null;
  rectification_status: Generated<'none' | 'pending' | 'done'>;
  rectification_requirement: Generated<string>;
  rectification_due: DateColumn | null;
  rectification_report: Generated<string>;
  rectified_on: DateColumn | null;
  created_by: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DB {
  division: DivisionTable;
  tenant: TenantTable;
  work_group: WorkGroupTable;
  unit: UnitTable;
  app_user: AppUserTable;
  totp_recovery_code: TotpRecoveryCodeTable;
  server_secret: ServerSecretTable;
  convener: ConvenerTable;
  session: SessionTable;
  setting: SettingTable;
  rate_limit: RateLimitTable;
  login_throttle: LoginThrottleTable;
  account_request: AccountRequestTable;
  audit_log: AuditLogTable;
  industry: IndustryTable;
  focus_industry: FocusIndustryTable;
  enterprise: EnterpriseTable;
  project: ProjectTable;
  project_enterprise: ProjectEnterpriseTable;
  lead: LeadTable;
  attachment: AttachmentTable;
  ledger_entry: LedgerEntryTable;
  target_plan: TargetPlanTable;
  target_revision: TargetRevisionTable;
  matter: MatterTable;
  matter_event: MatterEventTable;
  meeting: MeetingTable;
  decision: DecisionTable;
  task: TaskTable;
  reminder: ReminderTable;
  inspection: InspectionTable;
  import_batch: ImportBatchTable;
  import_mapping: ImportMappingTable;
  month_close: MonthCloseTable;
  duplicate_report: DuplicateReportTable;
  issued_report: IssuedReportTable;
  chain_head: ChainHeadTable;
  idempotency_key: IdempotencyKeyTable;
}

/** The head of a tenant's audit and ledger chains (migration 0018, audit/chain.ts); scope 'none' = rows without a tenant. */
export interface ChainHeadTable {
  scope: string;
  audit_id: number;
  audit_hash: string;
  ledger_id: number;
  ledger_hash: string;
}

/** The first answer to a write sent with an Idempotency-Key (migration 0019, http/idempotency.ts). */
export interface IdempotencyKeyTable {
  owner: string;
  key: string;
  tenant_id: string | null;
  method: string;
  url: string;
  body_sha256: string;
  committed: Generated<boolean>;
  status: number | null;
  response: string | null;
  created_at: Timestamp;
}

/** 封账 (migration 0011): a tenant's month and the reports issued when it closed. */
/** 重复报送: a project marked as the same investment as another (migration 0014). */
export interface DuplicateReportTable {
  id: Generated<string>;
  tenant_id: string;
  enterprise_id: string;
  project_id: string;
  kept_project_id: string;
  rule: 'first_reporter' | 'built_unit' | 'chosen';
  reason: string | null;
  marked_at: Timestamp;
  marked_by: string | null;
  marked_by_name: string;
  unmarked_at: Timestamp | null;
  unmarked_by: string | null;
  unmark_reason: string | null;
}

export interface MonthCloseTable {
  tenant_id: string;
  month: string;
  status: 'open' | 'awaiting_signoff' | 'closed';
  closed_at: Timestamp | null;
  closed_by: string | null;
  closed_by_name: string | null;
  signed_off_at: Timestamp | null;
  signed_off_by: string | null;
  signed_off_by_name: string | null;
  reopened_at: Timestamp | null;
  reopen_reason: string | null;
  issue: Generated<number>;
  version: Generated<number>;
}

export interface IssuedReportTable {
  id: Generated<string>;
  tenant_id: string;
  month: string;
  issue: number;
  kind: 'monthly' | 'ledger' | 'stats';
  filename: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  issued_at: Timestamp;
  issued_by: string | null;
  issued_by_name: string;
  superseded_at: Timestamp | null;
  /** The chain heads when it was issued (migration 0018): anchored outside with the report. */
  chain_heads: Json | null;
}

export type TenantRow = Selectable<TenantTable>;
export type UnitRow = Selectable<UnitTable>;
export type WorkGroupRow = Selectable<WorkGroupTable>;
export type ConvenerRow = Selectable<ConvenerTable>;
export type AppUserRow = Selectable<AppUserTable>;
export type AccountRequestRow = Selectable<AccountRequestTable>;
export type AuditLogInsert = Insertable<AuditLogTable>;
export type EnterpriseRow = Selectable<EnterpriseTable>;
export type ProjectRow = Selectable<ProjectTable>;
export type LeadRow = Selectable<LeadTable>;
export type LedgerEntryRow = Selectable<LedgerEntryTable>;
export type FocusIndustryRow = Selectable<FocusIndustryTable>;
export type TargetPlanRow = Selectable<TargetPlanTable>;
export type TargetRevisionRow = Selectable<TargetRevisionTable>;
export type MatterRow = Selectable<MatterTable>;
export type MatterEventRow = Selectable<MatterEventTable>;
export type MeetingRow = Selectable<MeetingTable>;
export type DecisionRow = Selectable<DecisionTable>;
export type TaskRow = Selectable<TaskTable>;
export type ReminderRow = Selectable<ReminderTable>;
export type InspectionRow = Selectable<InspectionTable>;
export type DuplicateReportRow = Selectable<DuplicateReportTable>;
