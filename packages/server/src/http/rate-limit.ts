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
