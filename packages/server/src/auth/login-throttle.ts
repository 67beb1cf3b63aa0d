import { sql } from 'kysely';
import type { Tx } from '../context.ts';
import { HOUR, MINUTE } from '../clock.ts';

/**
 * Login throttling that an attacker cannot turn against an account's owner (replaces the hard lockout).
 * Failures are counted in the database (shared by every instance, kept across restarts) under three keys:
 *
 * - `pair:<username>|<address>` — one address guessing one account: from the 5th failure each further one
 *   doubles the wait (1 s, 2 s, 4 s … at most 15 min). The owner, at another address, is not slowed.
 * - `addr:<address>` — one address guessing many accounts: the same from its 20th failure.
 * - `acct:<username>` — the account-wide safety net against many addresses (a botnet): each address adds
 *   at most its first 5 failures, so one address cannot move it; from the 50th the wait doubles from 1 s
 *   but never exceeds 30 s — the owner is slowed, never locked out.
 *
 * A key is forgotten after a successful login (for that username and address) or after an hour without a
 * failure. Keys name the username as typed (lower case), so an unknown username is throttled exactly like
 * a real one and the answer tells nothing about which accounts exist.
 */
export const throttleRules = {
  pair: { after: 5, maxWaitMs: 15 * MINUTE },
  address: { after: 20, maxWaitMs: 15 * MINUTE },
  account: { after: 50, maxWaitMs: 30_000 },
  /** How many of one address's failures count towards the account-wide net. */
  accountShareOfAddress: 5,
  quietMs: HOUR,
} as const;

type Rule = { after: number; maxWaitMs: number };

function keysOf(username: string, ip: string) {
  const name = username.trim().toLowerCase();
  return { pair: `pair:${name}|${ip}`, address: `addr:${ip}`, account: `acct:${name}` };
}

/** Milliseconds before this username may be tried from this address again (0: now). */
export async function loginWait(db: Tx, username: string, ip: string, now: Date): Promise<number> {
  const keys = keysOf(username, ip);
  const rows = await db
    .selectFrom('login_throttle')
    .select(['blocked_until', 'last_failure_at'])
    .where('key', 'in', [keys.pair, keys.address, keys.account])
    .execute();
  let wait = 0;
  for (const row of rows) {
    if (now.getTime() - row.last_failure_at.getTime() > throttleRules.quietMs) continue;
    if (row.blocked_until) wait = Math.max(wait, row.blocked_until.getTime() - now.getTime());
  }
  return wait;
}

/** The wait after the n-th failure under a rule: none before `after`, then 1 s doubling up to the rule's cap. */
export function waitAfter(failures: number, rule: Rule): number {
  if (failures < rule.after) return 0;
  const exponent = Math.min(failures - rule.after, 30);
  return Math.min(1000 * 2 ** exponent, rule.maxWaitMs);
}

async function bump(db: Tx, key: string, rule: Rule, now: Date): Promise<number> {
  const quiet = new Date(now.getTime() - throttleRules.quietMs);
  const row = await db
    .insertInto('login_throttle')
    .values({ key, failures: 1, last_failure_at: now, blocked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql`case when login_throttle.last_failure_at < ${quiet} then 1 else login_throttle.failures + 1 end`,
        last_failure_at: now,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  const wait = waitAfter(row.failures, rule);
  if (wait > 0) {
    await db
      .updateTable('login_throttle')
      .set({ blocked_until: new Date(now.getTime() + wait) })
      .where('key', '=', key)
      .execute();
  }
  return row.failures;
}

/** Counts one failed login; says which keys have just started to make callers wait (for the audit log). */
export async function recordLoginFailure(db: Tx, username: string, ip: string, now: Date) {
  const keys = keysOf(username, ip);
  const pair = await bump(db, keys.pair, throttleRules.pair, now);
  const address = await bump(db, keys.address, throttleRules.address, now);
  const account =
    pair <= throttleRules.accountShareOfAddress
      ? await bump(db, keys.account, throttleRules.account, now)
      : undefined;
  const started: string[] = [];
  if (pair === throttleRules.pair.after) started.push('pair');
  if (address === throttleRules.address.after) started.push('address');
  if (account === throttleRules.account.after) started.push('account');
  return started;
}

/** A successful login forgets this username's and address's failures, and any key quiet for an hour. */
export async function recordLoginSuccess(db: Tx, username: string, ip: string, now: Date) {
  const keys = keysOf(username, ip);
  await db
    .deleteFrom('login_throttle')
    .where((eb) =>
      eb.or([
        eb('key', 'in', [keys.pair, keys.address, keys.account]),
        eb('last_failure_at', '<', new Date(now.getTime() - throttleRules.quietMs)),
      ]),
    )
    .execute();
}

/** The operator's recovery: forget every failure counted against a username (CLI `landfall user unlock`). */
export async function clearLoginThrottle(db: Tx, username: string) {
  const name = username.trim().toLowerCase();
  await db
    .deleteFrom('login_throttle')
    .where((eb) =>
      eb.or([
        eb('key', '=', `acct:${name}`),
        eb('key', 'like', `pair:${name.replace(/[\\%_]/g, (c) => `\\${c}`)}|%`),
      ]),
    )
    .execute();
}
