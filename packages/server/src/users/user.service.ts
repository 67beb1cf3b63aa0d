import {
  roles,
  type Role,
  type UserCreateInput,
  type UserPasswordResetInput,
  type UserRoleInput,
  type UserUpdateInput,
} from '@landfall/domain';
import type { Updateable } from 'kysely';
import type { Ctx, Tx } from '../context.ts';
import type { AppUserRow, AppUserTable } from '../db/schema.ts';
import { authorize } from '../auth/authorize.ts';
import { actionsOf, type Action } from '../auth/policy.ts';
import { assertPasswordPolicy, hashPassword } from '../auth/password.ts';
import { deleteUserSessions } from '../auth/session.repo.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError, invalidField } from '../http/app-error.ts';
import { getPasswordPolicy } from '../settings/password-policy.service.ts';
import { tenantsToList, targetTenant } from '../tenants/scope.ts';
import { findUnit } from '../units/unit.repo.ts';
import { findUser, insertUser, listUsers as listUserRows, updateUser as updateUserRow } from './user.repo.ts';
import { toUser } from './user.mapper.ts';

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

export async function createUser(ctx: Ctx, input: UserCreateInput) {
  const tenantId = targetTenant(ctx, input.tenantId);
  await authorize(ctx, 'user.create', { type: 'app_user', tenantId });
  assertPasswordPolicy(input.password, await getPasswordPolicy(ctx.db), 'password', ctx.locale);
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (trx) => {
    const unitId = await resolveUnit(ctx, trx, input.role, input.unitId, tenantId);
    const now = ctx.clock.now();
    const row = await insertUser(trx, {
      tenant_id: tenantId,
      username: input.username,
      display_name: input.displayName,
      role: input.role,
      unit_id: unitId,
      password_hash: passwordHash,
      password_changed_at: now,
      created_at: now,
    });
    await recordAudit(trx, ctx, {
      action: 'user.create',
      recordType: 'app_user',
      recordId: row.id,
      tenantId,
      after: toUser(row),
    });
    return toUser(row);
  });
}

/**
 * Loads the account, asks the policy, applies one versioned change and its
 * audit row in one transaction. `version` undefined means "the current one"
 * (state toggles such as disable, which carry no edited form).
 */
async function changeUser(
  ctx: Ctx,
  id: string,
  action: Action,
  version: number | undefined,
  makePatch: (row: AppUserRow, trx: Tx) => Promise<Updateable<AppUserTable>> | Updateable<AppUserTable>,
  after?: (row: AppUserRow, trx: Tx) => Promise<void>,
) {
  const target = await findUser(ctx.db, id);
  if (!target) throw new AppError('not_found');
  await authorize(ctx, action, { type: 'app_user', id, tenantId: target.tenant_id });
  return ctx.db.transaction().execute(async (trx) => {
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
      after: toUser(updated),
    });
    return toUser(updated);
  });
}

function refuseSelf(ctx: Ctx, id: string) {
  if (ctx.actor?.id === id) {
    throw new AppError(
      'conflict',
      ctx.locale === 'zh-CN' ? '不能对自己的账户执行此操作' : 'You cannot do this to your own account',
    );
  }
}

export function updateUser(ctx: Ctx, id: string, input: UserUpdateInput) {
  return changeUser(ctx, id, 'user.update', input.version, async (row, trx) => ({
    display_name: input.displayName,
    unit_id: await resolveUnit(ctx, trx, row.role, input.unitId, row.tenant_id),
  }));
}

/** The security administrator assigns roles; a role change ends the account's sessions. */
export function changeUserRole(ctx: Ctx, id: string, input: UserRoleInput) {
  refuseSelf(ctx, id);
  return changeUser(
    ctx,
    id,
    'user.changeRole',
    input.version,
    async (row, trx) => ({
      role: input.role,
      unit_id: await resolveUnit(ctx, trx, input.role, input.unitId, row.tenant_id),
    }),
    async (row, trx) => deleteUserSessions(trx, row.id),
  );
}

export function disableUser(ctx: Ctx, id: string) {
  refuseSelf(ctx, id);
  return changeUser(
    ctx,
    id,
    'user.disable',
    undefined,
    () => ({ disabled: true }),
    async (row, trx) => deleteUserSessions(trx, row.id),
  );
}

export function enableUser(ctx: Ctx, id: string) {
  return changeUser(ctx, id, 'user.enable', undefined, () => ({ disabled: false }));
}

export function unlockUser(ctx: Ctx, id: string) {
  return changeUser(ctx, id, 'user.unlock', undefined, () => ({ locked_until: null, failed_logins: 0 }));
}

/** An administrator sets a new password: counters reset, every session of the account ends. */
export async function resetUserPassword(ctx: Ctx, id: string, input: UserPasswordResetInput) {
  assertPasswordPolicy(input.password, await getPasswordPolicy(ctx.db), 'password', ctx.locale);
  const passwordHash = await hashPassword(input.password);
  await changeUser(
    ctx,
    id,
    'user.resetPassword',
    undefined,
    () => ({
      password_hash: passwordHash,
      password_changed_at: ctx.clock.now(),
      failed_logins: 0,
      locked_until: null,
    }),
    async (row, trx) => deleteUserSessions(trx, row.id),
  );
}

export async function listRoles(ctx: Ctx) {
  await authorize(ctx, 'role.read');
  return roles.map((role) => ({ role, actions: actionsOf(role) }));
}
