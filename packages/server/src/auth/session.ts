import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Kysely } from 'kysely';
import type { FastifyRequest } from 'fastify';
import type { Clock } from '../clock.ts';
import { HOUR, MINUTE } from '../clock.ts';
import type { DB } from '../db/schema.ts';
import type { Action, Actor } from './policy.ts';
import { deleteSession, findSessionWithUser, insertSession, touchSession } from './session.repo.ts';
import { actorOf } from './actor.ts';
import type { Tx } from '../context.ts';

/**
 * Database sessions after the Lucia guide (oslo): the cookie carries a random
 * token; the table stores only its SHA-256, so a leaked table opens no session.
 */
export const SESSION_COOKIE = 'landfall_session';
export const IDLE_TIMEOUT_MS = 30 * MINUTE;
export const ABSOLUTE_TIMEOUT_MS = 12 * HOUR;
const TOUCH_EVERY_MS = MINUTE;

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdOf(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/**
 * What a CSRF token is bound to: the session the request's cookie names (its id, never the token), or
 * 'anonymous' before login. A token fetched under one session fails under any other, so a new login
 * (a new cookie) needs a new token — the web client fetches one again on csrf_invalid.
 */
export function csrfUserInfo(request: FastifyRequest): string {
  const token = request.cookies[SESSION_COOKIE];
  return token ? sessionIdOf(token) : 'anonymous';
}

/** Creates a new session (a new id at every login) and returns its token for the cookie. */
export async function createSession(
  db: Tx,
  userId: string,
  now: Date,
  ip: string,
  userAgent: string,
  secondFactor: 'pending' | 'enrol' | null,
) {
  const token = generateSessionToken();
  await insertSession(db, {
    id: sessionIdOf(token),
    user_id: userId,
    created_at: now,
    last_seen_at: now,
    ip,
    user_agent: userAgent.slice(0, 300),
    second_factor: secondFactor,
  });
  return token;
}

/**
 * What a session opened with a password someone else set (initial or reset) may do until it is changed:
 * read who it is, change the password, log out. The auth hook refuses everything else
 * (password_change_required).
 */
export const passwordChangeActions: Action[] = ['me.read', 'me.changePassword', 'auth.logout'];

export type SessionLookup =
  | {
      status: 'valid';
      actor: Actor;
      passwordChangeRequired: boolean;
      /** 'pending': the code is still awaited; 'enrol': an account that must have TOTP has none yet. */
      secondFactor: 'pending' | 'enrol' | null;
    }
  | { status: 'expired' }
  | { status: 'none' };

/** How long a session that passed the password may wait for its code. */
export const PENDING_TIMEOUT_MS = 5 * MINUTE;

/** Validates a token: unknown → none; idle > 30 min, older than 12 h or user disabled → expired (and deleted). */
export async function validateSession(db: Kysely<DB>, clock: Clock, token: string): Promise<SessionLookup> {
  const id = sessionIdOf(token);
  const row = await findSessionWithUser(db, id);
  if (!row) return { status: 'none' };
  const now = clock.now().getTime();
  const idle = now - row.last_seen_at.getTime() > IDLE_TIMEOUT_MS;
  const old = now - row.created_at.getTime() > ABSOLUTE_TIMEOUT_MS;
  const stalePending = row.second_factor === 'pending' && now - row.created_at.getTime() > PENDING_TIMEOUT_MS;
  if (idle || old || stalePending || row.disabled) {
    await deleteSession(db, id);
    return { status: 'expired' };
  }
  if (now - row.last_seen_at.getTime() > TOUCH_EVERY_MS) await touchSession(db, id, clock.now());
  const user = {
    id: row.user_id,
    username: row.username,
    role: row.role,
    tenant_id: row.tenant_id,
    unit_id: row.unit_id,
  };
  return {
    status: 'valid',
    actor: await actorOf(db, user, row.tenant_path),
    passwordChangeRequired: row.must_change_password,
    secondFactor: row.second_factor,
  };
}
