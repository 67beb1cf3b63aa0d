import type { GroupKind, Role, TenantLevel, UnitKind } from '@landfall/domain';

/** Response shapes from docs/API.md (camelCase). Inputs are the domain's zod types. */

export type DivisionLevel = 'province' | 'city' | 'county';

export interface Division {
  code: string;
  level: DivisionLevel;
  name: string;
  parentCode: string | null;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  tenantId: string;
  tenantName: string;
  tenantLevel: TenantLevel;
  unitId: string | null;
  unitName: string | null;
  /** A password someone else set (initial or reset): the session can only change it. */
  mustChangePassword: boolean;
  /** An account that must have two factors has none yet: the session can only enrol. */
  totpEnrolmentRequired: boolean;
  totpEnabled: boolean;
  actions: string[];
}

export interface Tenant {
  id: string;
  parentId: string | null;
  name: string;
  divisionCode: string;
  divisionName: string;
  level: TenantLevel;
  version: number;
  createdAt: string;
}

export interface Unit {
  id: string;
  tenantId: string;
  name: string;
  kind: UnitKind;
  groupId: string | null;
  active: boolean;
  version: number;
  createdAt: string;
}

export interface Group {
  id: string;
  tenantId: string;
  name: string;
  kind: GroupKind;
  sortOrder: number;
  version: number;
  createdAt: string;
}

export interface Convener {
  id: string;
  tenantId: string;
  name: string;
  title: string;
  userId: string | null;
  active: boolean;
  version: number;
  createdAt: string;
}

export interface User {
  id: string;
  tenantId: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  disabled: boolean;
  /** 'idle': disabled at login after the tenant's idle days. */
  disabledReason: 'idle' | null;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  version: number;
  createdAt: string;
}

export interface RoleActions {
  role: Role;
  actions: string[];
}

export type AuditOutcome = 'ok' | 'denied' | 'failed';

export interface AuditEntry {
  id: string | number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  role: string | null;
  unitId: string | null;
  tenantId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  action: string;
  outcome: AuditOutcome;
  recordType: string | null;
  recordId: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditPage {
  items: AuditEntry[];
  total: number;
}

export interface PasswordPolicyInfo {
  minLength: number;
  minClasses: number;
  idleDays: number;
  version: number;
  /** What the parent tenant imposes (this tenant may only be stricter); null at the top. */
  inherited?: { minLength: number; minClasses: number; idleDays: number } | null;
  tenantId?: string;
}

/** A change to one of the three's accounts awaiting a second (二人规则). */
export interface AccountRequest {
  id: string;
  tenantId: string;
  kind: 'create' | 'resetPassword' | 'disable' | 'changeRole' | 'resetTotp';
  targetUserId: string | null;
  targetUsername: string;
  targetRole: Role;
  newRole: Role | null;
  displayName: string | null;
  status: 'pending' | 'approved' | 'refused';
  requestedBy: string;
  requestedByName: string;
  requestedByRole: Role;
  requestedAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  reason: string | null;
}

export interface SetupStatus {
  needed: boolean;
}

export interface SetupResult {
  tenantId: string;
  userId: string;
}

/** POST /api/setup/demo: the demo district and the usernames of its accounts. */
export interface DemoReport {
  tenantId: string;
  users: string[];
  units: number;
  enterprises: number;
  leads: number;
  projects: number;
}
