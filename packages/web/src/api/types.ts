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
  lockedUntil: string | null;
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
  version: number;
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
