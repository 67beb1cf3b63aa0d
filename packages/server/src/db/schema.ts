import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { GroupKind, Role, TenantLevel, UnitKind } from '@landfall/domain';

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
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  password_changed_at: Timestamp;
  last_login_at: Timestamp | null;
  version: Generated<number>;
  created_at: Timestamp;
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
}

export interface DB {
  division: DivisionTable;
  tenant: TenantTable;
  work_group: WorkGroupTable;
  unit: UnitTable;
  app_user: AppUserTable;
  convener: ConvenerTable;
  session: SessionTable;
  setting: SettingTable;
  rate_limit: RateLimitTable;
  audit_log: AuditLogTable;
}

export type TenantRow = Selectable<TenantTable>;
export type UnitRow = Selectable<UnitTable>;
export type WorkGroupRow = Selectable<WorkGroupTable>;
export type ConvenerRow = Selectable<ConvenerTable>;
export type AppUserRow = Selectable<AppUserTable>;
export type AuditLogInsert = Insertable<AuditLogTable>;
