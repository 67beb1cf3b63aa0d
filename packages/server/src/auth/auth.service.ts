import type { ChangePasswordInput, LoginInput } from '@landfall/domain';
import type { Ctx } from '../context.ts';
import { MINUTE } from '../clock.ts';
import { AppError, invalidField } from '../http/app-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { hitRateLimit } from '../http/rate-limit.ts';
import { getPasswordPolicy } from '../settings/password-policy.service.ts';
import { findUser, findUserByUsername, setLoginState, updateUser } from '../users/user.repo.ts';
import { assertPasswordPolicy, hashPassword, verifyPassword } from './password.ts';
import { createSession, sessionIdOf } from './session.ts';
import { deleteSession, deleteUserSessions } from './session.repo.ts';
import { actionsOf, type Actor } from './policy.ts';
import { authorize } from './authorize.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * MINUTE;
/** Login attempts per client address per minute, across all usernames. */
export const LOGIN_RATE_LIMIT = 30;

/**
 * Logs in: one generic answer for unknown user, wrong password, disabled or
 * locked account. The fifth failure in a row locks the account for 15 minutes.
 */
export async function login(ctx: Ctx, input: LoginInput, userAgent: string) {
  const now = ctx.clock.now();
  const allowed = await hitRateLimit(ctx.db, `login:${ctx.ip}`, LOGIN_RATE_LIMIT, MINUTE, now);
  if (!allowed) {
    await recordAudit(ctx.db, ctx, {
      action: 'auth.login',
      outcome: 'denied',
      actorName: input.username,
      actorId: null,
      recordType: 'rate_limit',
    });
    throw new AppError('rate_limited');
  }
  const user = await findUserByUsername(ctx.db, input.username);
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);

  const result = await ctx.db.transaction().execute(async (trx) => {
    const audit = (action: string, outcome: 'ok' | 'denied' | 'failed', tenantId: string | null) =>
      recordAudit(trx, ctx, {
        action,
        outcome,
        actorId: user?.id ?? null,
        actorName: input.username,
        tenantId,
        recordType: 'user',
        recordId: user?.id ?? null,
      });
    if (!user || user.disabled) {
      await audit('auth.login', 'failed', user?.tenant_id ?? null);
      return null;
    }
    if (user.locked_until && user.locked_until > now) {
      await audit('auth.login', 'denied', user.tenant_id);
      return null;
    }
    if (!passwordOk) {
      const failures = user.failed_logins + 1;
      const lock = failures >= MAX_FAILED_LOGINS;
      await setLoginState(trx, user.id, {
        failed_logins: lock ? 0 : failures,
        locked_until: lock ? new Date(now.getTime() + LOCKOUT_MS) : null,
      });
      await audit('auth.login', 'failed', user.tenant_id);
      if (lock) await audit('auth.lockout', 'ok', user.tenant_id);
      return null;
    }
    await setLoginState(trx, user.id, { failed_logins: 0, locked_until: null, last_login_at: now });
    const token = await createSession(trx, user.id, now, ctx.ip, userAgent);
    await audit('auth.login', 'ok', user.tenant_id);
    return { token, userId: user.id };
  });
  if (!result) throw new AppError('invalid_credentials');
  return { token: result.token, me: await getMe(ctx, result.userId) };
}

export async function logout(ctx: Ctx, token: string | undefined) {
  const actor = await authorize(ctx, 'auth.logout');
  await ctx.db.transaction().execute(async (trx) => {
    if (token) await deleteSession(trx, sessionIdOf(token));
    await recordAudit(trx, ctx, { action: 'auth.logout', recordType: 'user', recordId: actor.id });
  });
}

export async function getMe(ctx: Ctx, userId: string) {
  const row = await ctx.db
    .selectFrom('app_user as u')
    .innerJoin('tenant as t', 't.id', 'u.tenant_id')
    .leftJoin('unit as n', 'n.id', 'u.unit_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.tenant_id',
      't.name as tenant_name',
      't.level as tenant_level',
      'u.unit_id',
      'n.name as unit_name',
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found');
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    tenantId: row.tenant_id,
    tenantName: row.tenant_name,
    tenantLevel: row.tenant_level,
    unitId: row.unit_id,
    unitName: row.unit_name,
    actions: actionsOf(row.role),
  };
}

export async function readMe(ctx: Ctx) {
  const actor: Actor = await authorize(ctx, 'me.read');
  return getMe(ctx, actor.id as string);
}

/** Changing one's own password needs the current one and ends every other session. */
export async function changeOwnPassword(ctx: Ctx, input: ChangePasswordInput) {
  const actor = await authorize(ctx, 'me.changePassword');
  const user = await findUser(ctx.db, actor.id as string);
  if (!user) throw new AppError('not_found');
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw invalidField(ctx, 'currentPassword', { zh: '当前密码不正确', en: 'The current password is wrong' });
  }
  assertPasswordPolicy(input.newPassword, await getPasswordPolicy(ctx.db), 'newPassword', ctx.locale);
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await updateUser(trx, user.id, user.version, {
      password_hash: passwordHash,
      password_changed_at: ctx.clock.now(),
    });
    if (!updated) throw new AppError('stale_version');
    await deleteUserSessions(trx, user.id);
    await recordAudit(trx, ctx, { action: 'me.changePassword', recordType: 'user', recordId: user.id });
  });
}
