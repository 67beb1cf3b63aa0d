import type { FastifyInstance } from 'fastify';
import { generate } from 'otplib';
import { TOTP_PERIOD_S } from '../auth/totp.ts';

/**
 * The authenticator app of the tests: the secrets accounts enrolled with (per app, per username), and the
 * codes they show at the app's clock. A code is accepted once per time step, so when an account logs in
 * again within the step its last code used, a fake clock is moved on to the next step (as a person would
 * wait for the next code); a real clock is waited for.
 */
const secrets = new WeakMap<FastifyInstance, Map<string, { secret: string; lastStep: number }>>();

function nowOf(app: FastifyInstance): Date {
  return app.landfall.clock.now();
}

export function rememberSecret(app: FastifyInstance, username: string, secret: string, usedAt?: Date) {
  let map = secrets.get(app);
  if (!map) secrets.set(app, (map = new Map()));
  const step = Math.floor((usedAt ?? nowOf(app)).getTime() / 1000 / TOTP_PERIOD_S);
  map.set(username.toLowerCase(), { secret, lastStep: step });
}

export function knownSecret(app: FastifyInstance, username: string) {
  return secrets.get(app)?.get(username.toLowerCase())?.secret;
}

/** The code the account's authenticator shows now (moving a fake clock past a step already used). */
export async function currentCode(app: FastifyInstance, username: string): Promise<string> {
  const entry = secrets.get(app)?.get(username.toLowerCase());
  if (!entry) throw new Error(`no TOTP secret known for ${username}`);
  const clock = app.landfall.clock as { now(): Date; advance?: (ms: number) => void };
  let step = Math.floor(clock.now().getTime() / 1000 / TOTP_PERIOD_S);
  if (step <= entry.lastStep) {
    const waitMs = (entry.lastStep + 1) * TOTP_PERIOD_S * 1000 - clock.now().getTime();
    if (clock.advance) clock.advance(waitMs);
    else await new Promise((r) => setTimeout(r, waitMs + 50));
    step = Math.floor(clock.now().getTime() / 1000 / TOTP_PERIOD_S);
  }
  entry.lastStep = step;
  return generate({ secret: entry.secret, epoch: step * TOTP_PERIOD_S, period: TOTP_PERIOD_S });
}

/** A code for a secret at a given instant (for tests that drive the steps themselves). */
export function codeAt(secret: string, at: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000), period: TOTP_PERIOD_S });
}
