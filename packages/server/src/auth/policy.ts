import type { Role } from '@landfall/domain';

/**
 * The one permission policy: (actor, action, record) → allow / forbidden / not_found.
 * Deny by default: an action not listed, or a role not listed for it, is forbidden.
 * A record outside the actor's scope is not_found, as if it did not exist.
 *
 * Scopes:
 * - tenant:  records of the actor's own tenant
 * - subtree: records of the actor's tenant and every tenant below it (city/province roll-up)
 * - unit:    records of the actor's own unit (unit staff)
 * - self:    the actor's own account
 * - all:     every tenant (the local operator using the CLI with the data-folder token)
 */
export type Scope = 'tenant' | 'subtree' | 'unit' | 'self' | 'all';

/** The principal behind a request: a logged-in user, or the local operator (CLI). */
export type Principal = Role | 'operator';

export interface Actor {
  kind: 'user' | 'operator';
  id: string | null;
  username: string;
  role: Principal;
  tenantId: string | null;
  unitId: string | null;
  /** The actor's tenant and all tenants below it. */
  subtreeTenantIds: string[];
}

/** What a scope check needs to know of a record. */
export interface RecordScope {
  tenantId: string;
  unitId?: string | null;
  /** A record several units share (a matter: the unit that raised it and the unit that must act): any of them is in scope. */
  unitIds?: readonly (string | null)[];
  userId?: string | null;
  /** A sensitive project (敏感项目): hidden from roll-up viewers. */
  sensitive?: boolean;
}

const admin = { system_admin: 'subtree' } as const;
/** The organisation (tenants, units, groups, conveners): a city's coordinators and leaders also its districts'. */
const orgRead = {
  system_admin: 'subtree',
  security_admin: 'subtree',
  auditor: 'subtree',
  coordinator: 'subtree',
  unit_staff: 'tenant',
  leader: 'subtree',
  viewer: 'subtree',
  operator: 'all',
} as const;
const everyone = {
  system_admin: 'self',
  security_admin: 'self',
  auditor: 'self',
  coordinator: 'self',
  unit_staff: 'self',
  leader: 'self',
  viewer: 'self',
} as const;

/** Business records read by everyone in the tenant (and the roll-up above it). */
const businessRead = {
  coordinator: 'tenant',
  unit_staff: 'tenant',
  leader: 'tenant',
  viewer: 'subtree',
} as const;
/**
 * Records a unit owns: its staff see their own unit's, the rest of the tenant sees all; a city's or
 * province's coordinators and leaders read across their districts (纵向联动) — writes stay each tenant's.
 */
const unitRead = {
  coordinator: 'subtree',
  unit_staff: 'unit',
  leader: 'subtree',
  viewer: 'subtree',
} as const;
/** Figures (stats, dashboard, monthly tables): the tenant's own and, above a district, its districts'. */
const figuresRead = {
  coordinator: 'subtree',
  leader: 'subtree',
  viewer: 'subtree',
  operator: 'all',
} as const;
/** Records a unit owns and keeps up to date; the coordination group may write all of them. */
const unitWrite = { coordinator: 'tenant', unit_staff: 'unit' } as const;

export const rules = {
  'me.read': everyone,
  'me.changePassword': everyone,
  'auth.logout': everyone,
  // Two factors: the code after the password (a session that passed the password only), one's own enrolment.
  'auth.totp': everyone,
  'me.totp': everyone,

  'tenant.read': orgRead,
  'tenant.create': admin,
  'tenant.update': admin,
  'unit.read': orgRead,
  'unit.create': admin,
  'unit.update': admin,
  'group.read': orgRead,
  'group.create': admin,
  'group.update': admin,
  'convener.read': orgRead,
  'convener.create': admin,
  'convener.update': admin,

  'user.read': { system_admin: 'subtree', security_admin: 'subtree', operator: 'all' },
  'user.create': { system_admin: 'subtree', operator: 'all' },
  'user.update': admin,
  'user.disable': { system_admin: 'subtree', operator: 'all' },
  'user.enable': { system_admin: 'subtree', operator: 'all' },
  'user.resetPassword': { system_admin: 'subtree', operator: 'all' },
  'user.resetTotp': { system_admin: 'subtree', operator: 'all' },
  'user.changeRole': { security_admin: 'subtree' },
  'user.unlock': { security_admin: 'subtree', operator: 'all' },
  // The two-person rule (三员分立): a change to an administrator's or auditor's account waits for a second
  // of the three to approve (or refuse); the service refuses the requester's own role and the target.
  'accountRequest.read': { system_admin: 'subtree', security_admin: 'subtree', auditor: 'subtree' },
  'accountRequest.approve': { system_admin: 'subtree', security_admin: 'subtree', auditor: 'subtree' },
  'accountRequest.refuse': { system_admin: 'subtree', security_admin: 'subtree', auditor: 'subtree' },
  'role.read': { system_admin: 'subtree', security_admin: 'subtree' },
  'settings.update': { security_admin: 'subtree' },

  'audit.read': { auditor: 'subtree' },
  // 校验 the audit and ledger chains (audit/chain.service.ts): the auditor, and the operator (`landfall audit verify`).
  'audit.verify': { auditor: 'subtree', operator: 'all' },

  // Reference data (GB/T 4754, focus industries): every signed-in user.
  'reference.read': orgRead,
  // The information library (信息库): enterprises are shared within a tenant; leads belong to a unit.
  'enterprise.read': businessRead,
  'enterprise.create': { coordinator: 'tenant', unit_staff: 'tenant' },
  'enterprise.update': unitWrite,
  'lead.read': unitRead,
  'lead.create': unitWrite,
  'lead.update': unitWrite,
  'lead.respond': { coordinator: 'tenant' },
  'lead.convert': unitWrite,
  // The project library (项目库) and its ledger.
  'project.read': unitRead,
  'project.create': unitWrite,
  'project.update': unitWrite,
  'project.moveStage': unitWrite,
  'project.addEntry': unitWrite,
  'attachment.read': unitRead,
  'attachment.upload': unitWrite,
  'stats.read': figuresRead,
  // Targets (目标任务) and the leaders' dashboard (领导驾驶舱).
  'target.read': {
    coordinator: 'subtree',
    unit_staff: 'tenant',
    leader: 'subtree',
    viewer: 'subtree',
    operator: 'all',
  },
  'target.write': { coordinator: 'tenant', operator: 'all' },
  'dashboard.read': figuresRead,
  // A unit's home (单位工作台): its standing, stale projects, open matters and tasks. Unit staff read their own
  // unit's; the coordination group and leaders any unit of their tenant. Whether unit staff also see the
  // full ranking (赛马榜) is the tenant's setting (dashboard.configure).
  'dashboard.readUnit': { coordinator: 'tenant', unit_staff: 'unit', leader: 'tenant' },
  'dashboard.configure': { coordinator: 'tenant' },
  // The Excel door: the coordination group imports ledgers; exports follow what each role may read.
  'import.read': { coordinator: 'tenant', operator: 'all' },
  'import.run': { coordinator: 'tenant', operator: 'all' },
  // A city's or province's table grouped by 区县: its rows go into the districts below (and districts it names are created).
  'import.runRollup': { coordinator: 'subtree', operator: 'all' },
  'export.ledger': { ...unitRead, operator: 'all' },
  'export.monthly': figuresRead,
  // The coordination loop (协调推进): matters and escalation, meetings, decisions and follow-up (督办),
  // briefs, inspections (督促检查), review of what units submit, and the bell.
  // Unit staff act on matters their unit raised or must act on (RecordScope.unitIds).
  // A city's (province's) coordinators and leaders read their districts' matters as they read their libraries
  // (纵向联动); writes stay each district's, except what a city raised down to a district (matter.raiseDown:
  // the raising and its follow-up replies; the service requires the district to lie strictly below).
  'matter.read': { coordinator: 'subtree', unit_staff: 'unit', leader: 'subtree' },
  'matter.create': unitWrite,
  'matter.raiseDown': { coordinator: 'subtree' },
  'matter.update': unitWrite,
  'matter.assign': { coordinator: 'tenant' },
  'matter.escalate': unitWrite,
  'matter.escalateToJoint': { coordinator: 'tenant' },
  'meeting.read': { coordinator: 'tenant', unit_staff: 'tenant', leader: 'tenant' },
  'meeting.write': { coordinator: 'tenant' },
  'decision.record': { coordinator: 'tenant', leader: 'tenant' },
  'task.read': { coordinator: 'tenant', unit_staff: 'unit', leader: 'tenant' },
  'task.close': unitWrite,
  'followup.remind': { coordinator: 'tenant' },
  'brief.read': { coordinator: 'tenant', leader: 'tenant', operator: 'all' },
  'inspection.read': { coordinator: 'tenant', unit_staff: 'unit', leader: 'tenant' },
  'inspection.write': { coordinator: 'tenant' },
  'inspection.rectify': unitWrite,
  'review.read': { coordinator: 'tenant', unit_staff: 'unit' },
  'review.decide': { coordinator: 'tenant' },
  'review.configure': { coordinator: 'tenant' },
  'tiers.configure': { coordinator: 'tenant' },
  'notification.read': everyone,
  // 封账: the coordination group checks and closes the tenant's month (and reopens it, with a reason);
  // a leader signs it off when the tenant requires it; the issued reports are read as the month's are.
  'month.read': { coordinator: 'tenant', leader: 'tenant', viewer: 'subtree' },
  'month.configure': { coordinator: 'tenant' },
  'month.close': { coordinator: 'tenant' },
  'month.signOff': { leader: 'tenant' },
  'month.reopen': { coordinator: 'tenant' },
  // 备份: the whole database, for the local operator (the CLI) only.
  'system.backup': { operator: 'all' },
} as const satisfies Record<string, Partial<Record<Principal, Scope>>>;

export type Action = keyof typeof rules;
/** Routes that need no session (login, setup, health, reference data) say so explicitly. */
export type RouteAction = Action | 'public';

export const actions = Object.keys(rules) as Action[];

export type Decision = 'allow' | 'forbidden' | 'not_found';

export function scopeOf(role: Principal, action: Action): Scope | undefined {
  return (rules[action] as Partial<Record<Principal, Scope>>)[role];
}

/** Decides one (actor, action, record). Without a record only the role is checked. */
export function decide(actor: Actor, action: Action, record?: RecordScope): Decision {
  const scope = scopeOf(actor.role, action);
  if (!scope) return 'forbidden';
  if (!record) return 'allow';
  if (record.sensitive && !seesSensitive(actor, record.tenantId)) return 'not_found';
  return inScope(actor, scope, record) ? 'allow' : 'not_found';
}

/**
 * A sensitive project's details are its own tenant's: kept from the roll-up viewers and from every
 * reader above the district (its amounts still count in every figure — ledger/ledger.reads.ts).
 * Without a tenant: whether the role sees its own tenant's sensitive records at all.
 */
export function seesSensitive(actor: Pick<Actor, 'role' | 'tenantId'>, tenantId?: string): boolean {
  if (actor.role === 'viewer') return false;
  if (actor.role === 'operator') return true;
  return tenantId === undefined || tenantId === actor.tenantId;
}

/** How a list query is narrowed for an actor and action (see visibleTenantIds for the tenants). */
export interface ListScope {
  /** undefined = every tenant */
  tenantIds: string[] | undefined;
  /** set when the actor sees only their own unit's records */
  unitId: string | undefined;
  /** Tenants whose sensitive records' details the list shows: undefined = every tenant, [] = none. */
  sensitiveTenantIds: string[] | undefined;
}

export function listScope(actor: Actor, action: Action): ListScope {
  const scope = scopeOf(actor.role, action);
  return {
    tenantIds: visibleTenantIds(actor, action),
    unitId: scope === 'unit' ? (actor.unitId ?? '00000000-0000-0000-0000-000000000000') : undefined,
    sensitiveTenantIds:
      actor.role === 'operator' ? undefined : seesSensitive(actor) && actor.tenantId ? [actor.tenantId] : [],
  };
}

function inScope(actor: Actor, scope: Scope, record: RecordScope): boolean {
  switch (scope) {
    case 'all':
      return true;
    case 'subtree':
      return actor.subtreeTenantIds.includes(record.tenantId);
    case 'tenant':
      return record.tenantId === actor.tenantId;
    case 'unit':
      return (
        record.tenantId === actor.tenantId &&
        !!actor.unitId &&
        (record.unitId === actor.unitId || !!record.unitIds?.includes(actor.unitId))
      );
    case 'self':
      return !!record.userId && record.userId === actor.id;
  }
}

/** The tenant ids whose records an actor may list for an action; undefined means every tenant. */
export function visibleTenantIds(actor: Actor, action: Action): string[] | undefined {
  const scope = scopeOf(actor.role, action);
  if (scope === 'all') return undefined;
  if (scope === 'subtree') return actor.subtreeTenantIds;
  if (!scope || !actor.tenantId) return [];
  return [actor.tenantId];
}

/** The actions a principal may perform at all (for menus; the server still decides per record). */
export function actionsOf(role: Principal): Action[] {
  return actions.filter((a) => scopeOf(role, a) !== undefined);
}
