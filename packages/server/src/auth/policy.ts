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
  userId?: string | null;
}

const admin = { system_admin: 'subtree' } as const;
const orgRead = {
  system_admin: 'subtree',
  security_admin: 'subtree',
  auditor: 'subtree',
  coordinator: 'tenant',
  unit_staff: 'tenant',
  leader: 'tenant',
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

export const rules = {
  'me.read': everyone,
  'me.changePassword': everyone,
  'auth.logout': everyone,

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
  'user.changeRole': { security_admin: 'subtree' },
  'user.unlock': { security_admin: 'subtree', operator: 'all' },
  'role.read': { system_admin: 'subtree', security_admin: 'subtree' },
  'settings.update': { security_admin: 'subtree' },

  'audit.read': { auditor: 'subtree' },
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
  return inScope(actor, scope, record) ? 'allow' : 'not_found';
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
      return record.tenantId === actor.tenantId && !!record.unitId && record.unitId === actor.unitId;
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
