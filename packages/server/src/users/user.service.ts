import { deleteRecoveryCodes, totpResetPatch } from '../auth/totp.ts';
import {
  adminRoles,
  isAdminRole,
  roles,
  type Role,
  type UserCreateInput,
  type UserPasswordResetInput,
  type UserRoleInput,
  type UserUpdateInput,
} from '@landfall/domain';
import type { Updateable } from 'kysely';
import type { Ctx, Tx } from '../context.ts';
import type { AccountRequestKind, AppUserRow, AppUserTable } from '../db/schema.ts';
import { authorize } from '../auth/authorize.ts';
import { actionsOf, type Action } from '../auth/policy.ts';
import { assertPasswordPolicy, hashPassword } from '../auth/password.ts';
import { clearLoginThrottle } from '../auth/login-throttle.ts';
import { deleteUserSessions } from '../auth/session.repo.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError, invalidField } from '../http/app-error.ts';
import { getPasswordPolicy } from '../settings/password-policy.service.ts';
import { tenantsToList, targetTenant } from '../tenants/scope.ts';
import { findUnit } from '../units/unit.repo.ts';
import {
  countApprovers,
  countEnabledUsers,
  findUser,
  findUserByUsername,
  insertUser,
  listUsers as listUserRows,
  updateUser as updateUserRow,
} from './user.repo.ts';
import { toUser, type User } from './user.mapper.ts';
import { insertAccountRequest } from './account-request.repo.ts';
import { toAccountRequest, type AccountRequest } from './account-request.mapper.ts';

/** What a change to an account came to: done, or waiting for a second of the three (二人规则). */
export type AccountOutcome<T> = { kind: 'done'; value: T } | { kind: 'pending'; request: AccountRequest };

export async function listUsers(ctx: Ctx, tenantId?: string) {
  await authorize(ctx, 'user.read');
  return (await listUserRows(ctx.db, tenantsToList(ctx, 'user.read', tenantId))).map(toUser);
}

/** Unit staff belong to exactly one unit of their own tenant; no other role has a unit. */
async function resolveUnit(
  ctx: Ctx,
  db: Tx,
  role: Role,
  unitId: string | null | undefined,
  tenantId: string,
) {
  if (role !== 'unit_staff') {
    if (unitId) {
      throw invalidField(ctx, 'unitId', {
        zh: '只有责任单位经办人属于责任单位',
        en: 'Only unit staff belong to a unit',
      });
    }
    return null;
  }
  const unit = unitId ? await findUnit(db, unitId) : undefined;
  if (!unit || unit.tenant_id !== tenantId) {
    throw invalidField(ctx, 'unitId', { zh: '请选择本区域的责任单位', en: 'Choose a unit of this tenant' });
  }
  return unit.id;
}

/**
 * 三员分立: a change that creates, resets, disables or re-roles an administrator's or auditor's account is
 * not done by one of the three alone — it becomes a request a second of them approves
 * (users/account-request.service.ts). The local operator (the CLI on the server's own machine, the
 * recovery path) acts alone; every such act is audited.
 */
async function needsSecond(
  ctx: Ctx,
  tenantId: string,
  affected: Role[],
  targetId: string | null = null,
): Promise<boolean> {
  const actor = ctx.actor;
  if (actor?.kind !== 'user' || !affected.some(isAdminRole)) return false;
  // Bootstrap: until a second of the three exists who could approve (another of the roles, at the tenant
  // or above it), the first security administrator and auditor are created alone — audited as such.
  const approvers = await countApprovers(ctx.db, {
    tenantId,
    roles: adminRoles.filter((r) => r !== actor.role),
    excludeUserIds: [actor.id as string, ...(targetId ? [targetId] : [])],
  });
  return approvers > 0;
}

async function submitRequest(
  ctx: Ctx,
  action: Action,
  request: {
    kind: AccountRequestKind;
    tenantId: string;
    target: { id: string | null; username: string; role: Role };
    payload: Record<string, unknown>;
  },
): Promise<AccountOutcome<never>> {
  const actor = ctx.actor;
  if (!actor?.id || actor.role === 'operator') throw new AppError('forbidden');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await insertAccountRequest(trx, {
      tenant_id: request.tenantId,
      kind: request.kind,
      target_user_id: request.target.id,
      target_username: request.target.username,
      target_role: request.target.role,
      payload: JSON.stringify(request.payload),
      requested_by: actor.id as string,
      requested_by_name: actor.username,
      requested_by_role: actor.role as Role,
      requested_at: ctx.clock.now(),
    });
    await recordAudit(trx, ctx, {
      action: 'accountRequest.submit',
      recordType: 'account_request',
      recordId: row.id,
      tenantId: request.tenantId,
      after: { ...toAccountRequest(row), for: action },
    });
    return { kind: 'pending', request: toAccountRequest(row) };
  });
}

/** The new account's row; must_change_password unless its owner chose the password (setup, demo). */
export async function insertAccount(
  ctx: Ctx,
  trx: Tx,
  account: {
    tenantId: string;
    username: string;
    displayName: string;
    role: Role;
    unitId: string | null;
    passwordHash: string;
    mustChangePassword: boolean;
  },
  audit: Record<string, unknown> = {},
): Promise<User> {
  if (await findUserByUsername(trx, account.username)) throw new AppError('duplicate');
  const now = ctx.clock.now();
  const row = await insertUser(trx, {
    tenant_id: account.tenantId,
    username: account.username,
    display_name: account.displayName,
    role: account.role,
    unit_id: account.unitId,
    password_hash: account.passwordHash,
    must_change_password: account.mustChangePassword,
    password_changed_at: now,
    created_at: now,
  });
  await recordAudit(trx, ctx, {
    action: 'user.create',
    recordType: 'app_user',
    recordId: row.id,
    tenantId: account.tenantId,
    after: { ...toUser(row), ...audit },
  });
  return toUser(row);
}

/**
 * Creates an account with an initial password its owner must change at first login. An administrator or
 * auditor account waits for a second of the three. `ownPassword`: the demo's accounts, whose shared
 * password the person loading the demo chose (they are created as already changed).
 */
export async function createUser(
  ctx: Ctx,
  input: UserCreateInput,
  opts: { ownPassword?: boolean } = {},
): Promise<AccountOutcome<User>> {
  const tenantId = targetTenant(ctx, input.tenantId);
  await authorize(ctx, 'user.create', { type: 'app_user', tenantId });
  const policy = await getPasswordPolicy(ctx.db, tenantId);
  assertPasswordPolicy(input.password, policy, 'password', ctx.locale, input.username);
  const passwordHash = await hashPassword(input.password);
  const unitId = await resolveUnit(ctx, ctx.db, input.role, input.unitId, tenantId);
  if (!opts.ownPassword && (await needsSecond(ctx, tenantId, [input.role]))) {
    if (await findUserByUsername(ctx.db, input.username)) throw new AppError('duplicate');
    return submitRequest(ctx, 'user.create', {
      kind: 'create',
      tenantId,
      target: { id: null, username: input.username, role: input.role },
      payload: { displayName: input.displayName, unitId, passwordHash },
    });
  }
  const user = await ctx.db.transaction().execute(async (trx) =>
    insertAccount(ctx, trx, {
      tenantId,
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      unitId,
      passwordHash,
      mustChangePassword: !opts.ownPassword,
    }),
  );
  return { kind: 'done', value: user };
}

/**
 * Applies one versioned change to an account and its audit row in one transaction. `version` undefined
 * means "the current one" (state toggles such as disable, which carry no edited form).
 */
export async function applyUserChange(
  ctx: Ctx,
  trx: Tx,
  id: string,
  action: Action,
  version: number | undefined,
  makePatch: (row: AppUserRow, trx: Tx) => Promise<Updateable<AppUserTable>> | Updateable<AppUserTable>,
  after?: (row: AppUserRow, trx: Tx) => Promise<void>,
  audit: Record<string, unknown> = {},
): Promise<User> {
  const before = await findUser(trx, id);
  if (!before) throw new AppError('not_found');
  const patch = await makePatch(before, trx);
  const updated = await updateUserRow(trx, id, version ?? before.version, patch);
  if (!updated) throw new AppError('stale_version', undefined, { current: toUser(before) });
  if (after) await after(updated, trx);
  await recordAudit(trx, ctx, {
    action,
    recordType: 'app_user',
    recordId: id,
    tenantId: before.tenant_id,
    before: toUser(before),
    after: { ...toUser(updated), ...audit },
  });
  return toUser(updated);
}

/** Loads the account, asks the policy, then applies the change — or, for the three's accounts, asks a second. */
async function changeUser(
  ctx: Ctx,
  id: string,
  action: Action,
  version: number | undefined,
  change: {
    patch: (row: AppUserRow, trx: Tx) => Promise<Updateable<AppUserTable>> | Updateable<AppUserTable>;
    after?: (row: AppUserRow, trx: Tx) => Promise<void>;
    /** Set when the change needs a second of the three for these roles (the target's, a new one). */
    second?: {
      kind: AccountRequestKind;
      roles: (target: AppUserRow) => Role[];
      payload: Record<string, unknown>;
    };
  },
): Promise<AccountOutcome<User>> {
  const target = await findUser(ctx.db, id);
  if (!target) throw new AppError('not_found');
  await authorize(ctx, action, { type: 'app_user', id, tenantId: target.tenant_id });
  const second = change.second;
  if (second && (await needsSecond(ctx, target.tenant_id, second.roles(target), target.id))) {
    // Checked now as well as at approval, so a request that can never be carried out is refused at once.
    await change.patch(target, ctx.db);
    return submitRequest(ctx, action, {
      kind: second.kind,
      tenantId: target.tenant_id,
      target: { id: target.id, username: target.username, role: target.role },
      payload: second.payload,
    });
  }
  const user = await ctx.db
    .transaction()
    .execute(async (trx) => applyUserChange(ctx, trx, id, action, version, change.patch, change.after));
  return { kind: 'done', value: user };
}

/** A change that never needs a second (no `second` given) is always done. */
function doneValue(outcome: AccountOutcome<User>): User {
  if (outcome.kind !== 'done') throw new AppError('conflict');
  return outcome.value;
}

function refuseSelf(ctx: Ctx, id: string) {
  if (ctx.actor?.id === id) {
    throw new AppError(
      'conflict',
      ctx.locale === 'zh-CN' ? '不能对自己的账户执行此操作' : 'You cannot do this to your own account',
    );
  }
}

/** No one silences the auditor: the last enabled auditor of a tenant is neither disabled nor re-roled. */
export async function refuseLastAuditor(ctx: Ctx, trx: Tx, row: AppUserRow) {
  if (row.role !== 'auditor' || row.disabled) return;
  if ((await countEnabledUsers(trx, row.tenant_id, 'auditor')) <= 1) {
    throw new AppError(
      'conflict',
      ctx.locale === 'zh-CN'
        ? '这是本区域唯一在用的安全审计员账户，不能停用或改变其角色；请先创建另一名审计员'
        : 'This is the tenant’s only enabled auditor account; create another auditor first',
    );
  }
}

export async function updateUser(ctx: Ctx, id: string, input: UserUpdateInput) {
  const outcome = await changeUser(ctx, id, 'user.update', input.version, {
    patch: async (row, trx) => ({
      display_name: input.displayName,
      unit_id: await resolveUnit(ctx, trx, row.role, input.unitId, row.tenant_id),
    }),
  });
  return doneValue(outcome);
}

/** The new role's patch (also run when an approved request is carried out). */
export function rolePatch(ctx: Ctx, input: { role: Role; unitId: string | null }) {
  return async (row: AppUserRow, trx: Tx) => {
    if (input.role !== 'auditor') await refuseLastAuditor(ctx, trx, row);
    return {
      role: input.role,
      unit_id: await resolveUnit(ctx, trx, input.role, input.unitId, row.tenant_id),
    };
  };
}

/** The security administrator assigns roles; a role change ends the account's sessions. */
export function changeUserRole(ctx: Ctx, id: string, input: UserRoleInput) {
  refuseSelf(ctx, id);
  return changeUser(ctx, id, 'user.changeRole', input.version, {
    patch: rolePatch(ctx, input),
    after: async (row, trx) => deleteUserSessions(trx, row.id),
    second: {
      kind: 'changeRole',
      roles: (target) => [target.role, input.role],
      payload: { role: input.role, unitId: input.unitId, version: input.version },
    },
  });
}

export function disablePatch(ctx: Ctx) {
  return async (row: AppUserRow, trx: Tx) => {
    await refuseLastAuditor(ctx, trx, row);
    return { disabled: true, disabled_reason: null };
  };
}

export function disableUser(ctx: Ctx, id: string) {
  refuseSelf(ctx, id);
  return changeUser(ctx, id, 'user.disable', undefined, {
    patch: disablePatch(ctx),
    after: async (row, trx) => deleteUserSessions(trx, row.id),
    second: { kind: 'disable', roles: (target) => [target.role], payload: {} },
  });
}

/** Enabling starts the idle clock again (an account disabled for idleness can log in once more). */
export async function enableUser(ctx: Ctx, id: string) {
  const outcome = await changeUser(ctx, id, 'user.enable', undefined, {
    patch: () => ({ disabled: false, disabled_reason: null, enabled_at: ctx.clock.now() }),
  });
  return doneValue(outcome);
}

/** Forgets the failed logins counted against the account (every address), so no wait remains. */
export async function unlockUser(ctx: Ctx, id: string) {
  const outcome = await changeUser(ctx, id, 'user.unlock', undefined, {
    patch: () => ({}),
    after: async (row, trx) => clearLoginThrottle(trx, row.username),
  });
  return doneValue(outcome);
}

/** A reset password's patch: it must be changed at first use; every session of the account ends. */
export function resetPatch(ctx: Ctx, passwordHash: string) {
  return () => ({
    password_hash: passwordHash,
    password_changed_at: ctx.clock.now(),
    must_change_password: true,
  });
}

/** An administrator sets a new password, which its owner must change at first login. */
export async function resetUserPassword(ctx: Ctx, id: string, input: UserPasswordResetInput) {
  const target = await findUser(ctx.db, id);
  if (!target) throw new AppError('not_found');
  await authorize(ctx, 'user.resetPassword', { type: 'app_user', id, tenantId: target.tenant_id });
  assertPasswordPolicy(
    input.password,
    await getPasswordPolicy(ctx.db, target.tenant_id),
    'password',
    ctx.locale,
    target.username,
  );
  const passwordHash = await hashPassword(input.password);
  return changeUser(ctx, id, 'user.resetPassword', undefined, {
    patch: resetPatch(ctx, passwordHash),
    after: async (row, trx) => {
      await deleteUserSessions(trx, row.id);
      await clearLoginThrottle(trx, row.username);
    },
    second: { kind: 'resetPassword', roles: (t) => [t.role], payload: { passwordHash } },
  });
}

/**
 * An administrator turns off someone's TOTP (a lost phone): every session of the account ends and it enrols
 * again at its next login. For an administrator's or auditor's account it waits for a second of the three.
 */
export async function resetUserTotp(ctx: Ctx, id: string) {
  return changeUser(ctx, id, 'user.resetTotp', undefined, {
    patch: () => totpResetPatch(),
    after: async (row, trx) => {
      await deleteUserSessions(trx, row.id);
      await deleteRecoveryCodes(trx, row.id);
    },
    second: { kind: 'resetTotp', roles: (t) => [t.role], payload: {} },
  });
}

export async function listRoles(ctx: Ctx) {
  await authorize(ctx, 'role.read');
  return roles.map((role) => ({ role, actions: actionsOf(role) }));
}
