/**
 * Two factors (MLPS L3 身份鉴别 d): TOTP after RFC 6238 (otplib; SHA-1, 6 digits, 30 s — what every
 * authenticator app reads from the QR code), with ten single-use recovery codes stored as argon2id hashes.
 *
 * - Required for the three administrators (system_admin, security_admin, auditor); for other accounts
 *   when their tenant requires it (the `two_factor` tenant setting), else optional.
 * - A session that passed the password of an account with TOTP is 'pending' until the code (or a
 *   recovery code) is given: it can do nothing else. Wrong codes are throttled like wrong passwords.
 * - A session of an account that must have TOTP but has none is 'enrol': it can only enrol.
 * - A code is accepted once (the last accepted time step is kept), ±1 step for clock drift.
 */
import { randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { isAdminRole, type Role } from '@landfall/domain';
import type { Ctx, Tx } from '../context.ts';
import { AppError, invalidField } from '../http/app-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { authorize } from './authorize.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { loginWait, recordLoginFailure, recordLoginSuccess } from './login-throttle.ts';
import { createSession, sessionIdOf } from './session.ts';
import { deleteSession } from './session.repo.ts';
import { tenantSetting } from '../settings/tenant-setting.ts';

export const TOTP_PERIOD_S = 30;
const ISSUER = 'Landfall';
export const RECOVERY_CODE_COUNT = 10;

/** Per tenant: whether every account (not only the three administrators) must use two factors. */
export const twoFactorSetting = tenantSetting<{ requiredForAll: boolean }>({
  key: 'two_factor',
  readAction: 'settings.update',
  writeAction: 'settings.update',
  decode: (stored) => ({
    requiredForAll: !!(
      stored &&
      typeof stored === 'object' &&
      (stored as { requiredForAll?: unknown }).requiredForAll
    ),
  }),
  encode: (value) => ({ requiredForAll: value.requiredForAll }),
});

/** Whether an account must have TOTP: the three administrators always, others when their tenant says. */
export async function totpRequired(db: Tx, user: { role: Role; tenant_id: string }): Promise<boolean> {
  if (isAdminRole(user.role)) return true;
  return (await twoFactorSetting.read(db, user.tenant_id)).requiredForAll;
}

/** What a new session must still do after the password: give its code, enrol, or nothing. */
export async function secondFactorOf(
  db: Tx,
  user: { role: Role; tenant_id: string; totp_enabled_at: Date | null; must_change_password: boolean },
): Promise<'pending' | 'enrol' | null> {
  if (user.totp_enabled_at) return 'pending';
  // A password someone else set is changed first (that session can do nothing else); enrolment follows.
  if (!user.must_change_password && (await totpRequired(db, user))) return 'enrol';
  return null;
}

/** Actions an 'enrol' session may take (the auth hook refuses the rest with totp_enrolment_required). */
export const enrolmentActions = ['me.read', 'me.totp', 'auth.logout'] as const;
/** Actions a 'pending' session may take (the rest: 401 totp_required). */
export const pendingActions = ['auth.totp', 'auth.logout'] as const;

async function findTotpUser(db: Tx, id: string) {
  return db
    .selectFrom('app_user')
    .select([
      'id',
      'username',
      'tenant_id',
      'role',
      'disabled',
      'totp_secret',
      'totp_pending_secret',
      'totp_enabled_at',
      'totp_last_step',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The caller's two-factor state: enrolled or not, required or not, recovery codes left. */
export async function readTotpStatus(ctx: Ctx) {
  const actor = await authorize(ctx, 'me.totp');
  const user = await findTotpUser(ctx.db, actor.id as string);
  if (!user) throw new AppError('not_found');
  const left = await ctx.db
    .selectFrom('totp_recovery_code')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', user.id)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    enabled: !!user.totp_enabled_at,
    enabledAt: user.totp_enabled_at?.toISOString() ?? null,
    required: await totpRequired(ctx.db, user),
    recoveryCodesLeft: Number(left.n),
  };
}

/**
 * Starts enrolment: a new secret (kept aside until confirmed), its otpauth:// URI and the QR code of it as
 * an SVG data URL (rendered here; the page needs no CDN). An enrolled account must be reset first.
 */
export async function startTotpEnrolment(ctx: Ctx, currentCode?: string) {
  const actor = await authorize(ctx, 'me.totp');
  const user = await findTotpUser(ctx.db, actor.id as string);
  if (!user) throw new AppError('not_found');
  // Replacing an authenticator needs its current code (a stolen session alone cannot swap it).
  if (user.totp_enabled_at && user.totp_secret) {
    const step = currentCode
      ? await matchCode(user.totp_secret, currentCode, ctx.clock.now(), user.totp_last_step)
      : null;
    if (step === null) {
      throw invalidField(ctx, 'currentCode', {
        zh: '更换身份验证器须输入当前身份验证器的验证码（丢失时请由系统管理员重置）',
        en: 'Give the code of your current authenticator to replace it (if lost, ask your administrator to reset it)',
      });
    }
    await ctx.db.updateTable('app_user').set({ totp_last_step: step }).where('id', '=', user.id).execute();
  }
  const secret = generateSecret();
  await ctx.db
    .updateTable('app_user')
    .set({ totp_pending_secret: secret })
    .where('id', '=', user.id)
    .execute();
  const uri = generateURI({ issuer: ISSUER, label: user.username, secret, period: TOTP_PERIOD_S });
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return { secret, uri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/** The time step a code matches (±1 step), after the last accepted one; null when it does not. */
async function matchCode(secret: string, code: string, now: Date, lastStep: number | null) {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    period: TOTP_PERIOD_S,
    epochTolerance: TOTP_PERIOD_S,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  }).catch(() => ({ valid: false as const }));
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** A recovery code as shown: ten characters from an unambiguous alphabet, in two groups (abcde-fghij). */
function newRecoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

function normaliseRecoveryCode(code: string) {
  const c = code.trim().toLowerCase().replace(/[\s-]/g, '');
  return c.length === 10 ? `${c.slice(0, 5)}-${c.slice(5)}` : c;
}

/**
 * Confirms enrolment with a code from the app: TOTP is on from now, the session that enrolled is complete,
 * and ten recovery codes are returned — the only time they are shown.
 */
export async function confirmTotpEnrolment(ctx: Ctx, sessionToken: string | undefined, code: string) {
  const actor = await authorize(ctx, 'me.totp');
  const user = await findTotpUser(ctx.db, actor.id as string);
  if (!user) throw new AppError('not_found');
  if (!user.totp_pending_secret) {
    throw new AppError(
      'conflict',
      ctx.locale === 'zh-CN' ? '请先开始绑定身份验证器' : 'Start setting up the authenticator first',
    );
  }
  const now = ctx.clock.now();
  const step = await matchCode(user.totp_pending_secret, code.trim(), now, null);
  if (step === null) {
    throw invalidField(ctx, 'code', {
      zh: '验证码不正确，请输入身份验证器当前显示的 6 位数字',
      en: 'The code is wrong; enter the 6 digits your authenticator shows now',
    });
  }
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const hashes = await Promise.all(codes.map((c) => hashPassword(c)));
  const secret = user.totp_pending_secret;
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ totp_secret: secret, totp_pending_secret: null, totp_enabled_at: now, totp_last_step: step })
      .where('id', '=', user.id)
      .execute();
    await trx.deleteFrom('totp_recovery_code').where('user_id', '=', user.id).execute();
    await trx
      .insertInto('totp_recovery_code')
      .values(hashes.map((code_hash) => ({ user_id: user.id, code_hash, created_at: now })))
      .execute();
    if (sessionToken) {
      await trx
        .updateTable('session')
        .set({ second_factor: null })
        .where('id', '=', sessionIdOf(sessionToken))
        .execute();
    }
    await recordAudit(trx, ctx, {
      action: 'me.totp',
      recordType: 'user',
      recordId: user.id,
      after: { enabled: true },
    });
  });
  return { recoveryCodes: codes };
}

function tooManyCodes(ctx: Ctx, waitMs: number) {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new AppError(
    'rate_limited',
    ctx.locale === 'zh-CN'
      ? `验证码尝试过于频繁，请 ${seconds} 秒后再试`
      : `Too many code attempts; try again in ${seconds} s`,
    { retryAfterSeconds: seconds },
  );
}

/**
 * The second step of login: the code of the 'pending' session's account, or one of its unused recovery
 * codes (used up by this). Failures count in the login throttle under the same keys as wrong passwords.
 * On success the pending session is replaced by a new one (a new token: nothing known before the second
 * factor opens the complete session). Returns the new token.
 */
export async function completeTotpLogin(ctx: Ctx, sessionToken: string, code: string, userAgent: string) {
  const actor = await authorize(ctx, 'auth.totp');
  const session = await ctx.db
    .selectFrom('session')
    .select('second_factor')
    .where('id', '=', sessionIdOf(sessionToken))
    .executeTakeFirst();
  // A complete session has no second step to take.
  if (session?.second_factor !== 'pending') throw new AppError('conflict');
  const user = await findTotpUser(ctx.db, actor.id as string);
  if (!user || !user.totp_secret) throw new AppError('unauthenticated');
  const now = ctx.clock.now();
  const wait = await loginWait(ctx.db, user.username, ctx.ip, now);
  if (wait > 0) {
    await recordAudit(ctx.db, ctx, {
      action: 'auth.totp',
      outcome: 'denied',
      recordType: 'login_throttle',
      recordId: user.id,
    });
    throw tooManyCodes(ctx, wait);
  }
  const trimmed = code.trim();
  const step = await matchCode(user.totp_secret, trimmed, now, user.totp_last_step);
  let recoveryId: string | undefined;
  if (step === null && !/^\d{6}$/.test(trimmed)) {
    const wanted = normaliseRecoveryCode(trimmed);
    const unused = await ctx.db
      .selectFrom('totp_recovery_code')
      .select(['id', 'code_hash'])
      .where('user_id', '=', user.id)
      .where('used_at', 'is', null)
      .execute();
    for (const row of unused) {
      if (await verifyPassword(row.code_hash, wanted)) {
        recoveryId = row.id;
        break;
      }
    }
  }
  const result = await ctx.db.transaction().execute(async (trx) => {
    if (step === null && !recoveryId) {
      const started = await recordLoginFailure(trx, user.username, ctx.ip, now);
      await recordAudit(trx, ctx, {
        action: 'auth.totp',
        outcome: 'failed',
        recordType: 'user',
        recordId: user.id,
        after: started.length ? { throttled: started } : undefined,
      });
      return null;
    }
    if (recoveryId) {
      const used = await trx
        .updateTable('totp_recovery_code')
        .set({ used_at: now })
        .where('id', '=', recoveryId)
        .where('used_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (!used) return null;
    } else {
      await trx.updateTable('app_user').set({ totp_last_step: step }).where('id', '=', user.id).execute();
    }
    await recordLoginSuccess(trx, user.username, ctx.ip, now);
    await trx.updateTable('app_user').set({ last_login_at: now }).where('id', '=', user.id).execute();
    await deleteSession(trx, sessionIdOf(sessionToken));
    const token = await createSession(trx, user.id, now, ctx.ip, userAgent, null);
    await recordAudit(trx, ctx, {
      action: 'auth.totp',
      recordType: 'user',
      recordId: user.id,
      after: recoveryId ? { recoveryCode: true } : undefined,
    });
    return token;
  });
  if (!result) {
    throw invalidField(ctx, 'code', {
      zh: '验证码不正确或已使用',
      en: 'The code is wrong or was already used',
    });
  }
  return result;
}

/** The patch that turns an account's TOTP off (a reset): it enrols again at its next login. */
export function totpResetPatch() {
  return { totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_step: null };
}

export async function deleteRecoveryCodes(db: Tx, userId: string) {
  await db.deleteFrom('totp_recovery_code').where('user_id', '=', userId).execute();
}
