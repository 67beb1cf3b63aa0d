import { randomBytes } from 'node:crypto';
import type { Tx } from '../context.ts';

/**
 * A secret every instance shares, made at first use and kept in the database (`server_secret`): the key
 * CSRF tokens are bound to their session with, so any instance behind a load balancer accepts a token
 * another one issued, and a restart does not invalidate open pages.
 */
export async function serverSecret(db: Tx, name: string): Promise<string> {
  await db
    .insertInto('server_secret')
    .values({ name, value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('server_secret')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.value;
}
