import type { ChangePasswordInput, LoginInput } from '@landfall/domain';
import type { Ctx } from '../context.ts';
import { HOUR, MINUTE } from '../clock.ts';
import { AppError, invalidField } from '../http/app-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { hitRateLimit } from '../http/rate-limit.ts';
import { getPasswordPolicy } from '../settings/password-policy.service.ts';
import { findUser, findUserByUsername, setLoginState, updateUser } from '../users/user.repo.ts';
import { assertPasswordPolicy, hashPassword, verifyPassword } from './password.ts';
import { createSession, sessionIdOf } from './session.ts';
import { deleteSession, deleteUserSessions } from './session.repo.ts';
import { passwordChangeActions } from './session.ts';
import { actionsOf, type Actor } from './policy.ts';
import { loginWait, recordLoginFailure, recordLoginSuccess } from './login-throttle.ts';
import { authorize } from './authorize.ts';
import { enrolmentActions, secondFactorOf } from './totp.ts';

/** Login attempts per client address per minute, across all usernames. */
export const LOGIN_RATE_LIMIT = 30;
const DAY = 24 * HOUR;

/** 429 with the wait in seconds (the route sends it as Retry-After) and a message saying how long. */
function tooManyAttempts(ctx: Ctx, waitMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new AppError(
    'rate_limited',
    ctx.locale === 'zh-CN'
      ? `登录尝试过于频繁，请 ${seconds} 秒后再试`
      : `Too many login attempts; try again in ${seconds} s`,
    { retryAfterSeconds: seconds },
  );
}

/** When an account was last in use: its last login, or its creation or re-enabling if later. */
function lastInUse(user: { last_login_at: Date | null; created_at: Date; enabled_at: Date | null }): Date {
  return new Date(
    Math.max(user.created_at.getTime(), user.last_login_at?.getTime() ?? 0, user.enabled_at?.getTime() ?? 0),
  );
}

/**
 * Logs in: one generic answer for unknown user, wrong password and disabled account. Failures are
 * throttled (auth/login-throttle.ts): a 429 with Retry-After, never a lockout the attacker can impose on
 * the owner. A correct password on an account idle past the tenant's limit disables it (account_idle).
 * A password someone else set (initial or reset) opens a session that can only change it.
 */
export async function login(
  ctx: Ctx,
  input: LoginInput,
  userAgent: string,
  previousToken?: string,
): Promise<{ token: string; secondFactor: 'pending' } | { token: string; secondFactor: null; me: Me }> {
  const now = ctx.clock.now();
  const deny = async (reason: string) =>
    recordAudit(ctx.db, ctx, {
      action: 'auth.login',
      outcome: 'denied',
      actorName: input.username,
      actorId: null,
      recordType: reason,
    });
  const allowed = await hitRateLimit(ctx.db, `login:${ctx.ip}`, LOGIN_RATE_LIMIT, MINUTE, now);
  if (!allowed) {
    await deny('rate_limit');
    throw tooManyAttempts(ctx, MINUTE - (now.getTime() % MINUTE));
  }
  const wait = await loginWait(ctx.db, input.username, ctx.ip, now);
  if (wait > 0) {
    await deny('login_throttle');
    throw tooManyAttempts(ctx, wait);
  }
  const user = await findUserByUsername(ctx.db, input.username);
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);

  const result = await ctx.db.transaction().execute(async (trx) => {
    const audit = (
      action: string,
      outcome: 'ok' | 'denied' | 'failed',
      tenantId: string | null,
      after?: unknown,
    ) =>
      recordAudit(trx, ctx, {
        action,
        outcome,
        actorId: user?.id ?? null,
        actorName: input.username,
        tenantId,
        recordType: 'user',
        recordId: user?.id ?? null,
        after,
      });
    if (!passwordOk || !user || (user.disabled && user.disabled_reason !== 'idle')) {
      const started = await recordLoginFailure(trx, input.username, ctx.ip, now);
      await audit('auth.login', 'failed', user?.tenant_id ?? null);
      if (started.length) await audit('auth.throttle', 'ok', user?.tenant_id ?? null, { keys: started });
      return { kind: 'failed' as const };
    }
    const policy = await getPasswordPolicy(trx, user.tenant_id);
    if (user.disabled || now.getTime() - lastInUse(user).getTime() > policy.idleDays * DAY) {
      if (!user.disabled) {
        await setLoginState(trx, user.id, { disabled: true, disabled_reason: 'idle' });
        await deleteUserSessions(trx, user.id);
        await audit('user.disableIdle', 'ok', user.tenant_id, { idleDays: policy.idleDays });
      }
      await audit('auth.login', 'denied', user.tenant_id, { reason: 'idle' });
      return { kind: 'idle' as const, idleDays: policy.idleDays };
    }
    // A new login in the same browser ends the session its cookie still names (whoever's it was).
    if (previousToken) await deleteSession(trx, sessionIdOf(previousToken));
    const secondFactor = await secondFactorOf(trx, user);
    if (secondFactor !== 'pending') {
      await recordLoginSuccess(trx, input.username, ctx.ip, now);
      await setLoginState(trx, user.id, { last_login_at: now });
    }
    const token = await createSession(trx, user.id, now, ctx.ip, userAgent, secondFactor);
    // The use of a password someone else set is audited as such (三员分立: a reset is visible to its owner).
    await audit(
      'auth.login',
      'ok',
      user.tenant_id,
      user.must_change_password || secondFactor
        ? {
            passwordChangeRequired: user.must_change_password || undefined,
            secondFactor: secondFactor ?? undefined,
          }
        : undefined,
    );
    return { kind: 'ok' as const, token, userId: user.id, secondFactor };
  });
  if (result.kind === 'idle') {
    throw new AppError(
      'account_idle',
      ctx.locale === 'zh-CN'
        ? `账户已超过 ${result.idleDays} 天未使用，已被停用，请联系系统管理员启用`
        : `This account was unused for more than ${result.idleDays} days and has been disabled; ask your administrator to enable it`,
    );
  }
  if (result.kind === 'failed') throw new AppError('invalid_credentials');
  if (result.secondFactor === 'pending') return { token: result.token, secondFactor: 'pending' };
  return {
    token: result.token,
    secondFactor: null,
    me: await getMe(ctx, result.userId, result.secondFactor),
  };
}

export async function logout(ctx: Ctx, token: string | undefined) {
  const actor = await authorize(ctx, 'auth.logout');
  await ctx.db.transaction().execute(async (trx) => {
    if (token) await deleteSession(trx, sessionIdOf(token));
    await recordAudit(trx, ctx, { action: 'auth.logout', recordType: 'user', recordId: actor.id });
  });
}

export type Me = Awaited<ReturnType<typeof getMe>>;

export async function getMe(ctx: Ctx, userId: string, secondFactor: 'pending' | 'enrol' | null = null) {
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
      'u.must_change_password',
      'u.totp_enabled_at',
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
    // Until a password someone else set is changed, the session may do nothing else (auth-hook).
    mustChangePassword: row.must_change_password,
    // Until an account that must have two factors enrols, the session may only enrol (auth-hook).
    totpEnrolmentRequired: secondFactor === 'enrol',
    totpEnabled: !!row.totp_enabled_at,
    actions: row.must_change_password
      ? passwordChangeActions
      : secondFactor === 'enrol'
        ? [...enrolmentActions]
        : actionsOf(row.role),
  };
}

export async function readMe(ctx: Ctx, sessionToken: string | undefined) {
  const actor: Actor = await authorize(ctx, 'me.read');
  const session = sessionToken
    ? await ctx.db
        .selectFrom('session')
        .select('second_factor')
        .where('id', '=', sessionIdOf(sessionToken))
        .executeTakeFirst()
    : undefined;
  return getMe(ctx, actor.id as string, session?.second_factor ?? null);
}

/** Changing one's own password needs the current one and ends every other session. */
export async function changeOwnPassword(ctx: Ctx, input: ChangePasswordInput) {
  const actor = await authorize(ctx, 'me.changePassword');
  const user = await findUser(ctx.db, actor.id as string);
  if (!user) throw new AppError('not_found');
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw invalidField(ctx, 'currentPassword', { zh: '当前密码不正确', en: 'The current password is wrong' });
  }
  if (input.newPassword === input.currentPassword) {
    throw invalidField(ctx, 'newPassword', {
      zh: '新密码不能与当前密码相同',
      en: 'The new password must differ from the current one',
    });
  }
  assertPasswordPolicy(
    input.newPassword,
    await getPasswordPolicy(ctx.db, user.tenant_id),
    'newPassword',
    ctx.locale,
    user.username,
  );
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await updateUser(trx, user.id, user.version, {
      password_hash: passwordHash,
      password_changed_at: ctx.clock.now(),
      must_change_password: false,
    });
    if (!updated) throw new AppError('stale_version');
    await deleteUserSessions(trx, user.id);
    await recordAudit(trx, ctx, {
      action: 'me.changePassword',
      recordType: 'user',
      recordId: user.id,
      after: user.must_change_password ? { replacedIssuedPassword: true } : undefined,
    });
  });
}
