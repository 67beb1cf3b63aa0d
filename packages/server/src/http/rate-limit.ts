import { sql } from 'kysely';
import type { Tx } from '../context.ts';

/**
 * A fixed-window counter kept in the database, so every instance behind a load
 * balancer shares it and a restart does not reset it. Returns true when the hit
 * is within the limit.
 */
export async function hitRateLimit(db: Tx, bucket: string, limit: number, windowMs: number, now: Date) {
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const row = await db
    .insertInto('rate_limit')
    .values({ bucket, window_start: windowStart, hits: 1 })
    .onConflict((oc) =>
      oc.columns(['bucket', 'window_start']).doUpdateSet({ hits: sql`rate_limit.hits + 1` }),
    )
    .returning('hits')
    .executeTakeFirstOrThrow();
  if (row.hits === 1) {
    await db
      .deleteFrom('rate_limit')
      .where('bucket', '=', bucket)
      .where('window_start', '<', windowStart)
      .execute();
  }
  return row.hits <= limit;
}

export interface ApiRateLimits {
  /** Requests per window per logged-in user (the operator is not limited). */
  perUser: number;
  /** Requests per window per client address (the trusted client address, see LANDFALL_TRUST_PROXY). */
  perAddress: number;
  windowMs?: number;
}

/**
 * API rate limits beyond login: fixed one-minute windows counted in this instance's memory (an API
 * request costs no database write; behind a load balancer each instance counts its own share). `hit`
 * answers 0 when the request may go on, else the milliseconds until the window ends (Retry-After).
 */
export class ApiRateLimiter {
  private readonly windowMs: number;
  private windowStart = 0;
  private counts = new Map<string, number>();

  constructor(readonly limits: ApiRateLimits) {
    this.windowMs = limits.windowMs ?? 60_000;
  }

  hit(key: string, limit: number, now: Date): number {
    const t = now.getTime();
    const start = Math.floor(t / this.windowMs) * this.windowMs;
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.counts = new Map();
    }
    const hits = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, hits);
    return hits <= limit ? 0 : start + this.windowMs - t;
  }
}

/** The 429 of an API rate limit: Retry-After in seconds and a message saying how long. */
export function rateLimitedMessage(locale: 'zh-CN' | 'en-US', seconds: number) {
  return locale === 'zh-CN'
    ? `请求过于频繁，请 ${seconds} 秒后再试`
    : `Too many requests; try again in ${seconds} s`;
}
