import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.ts';
import { landfall } from '../test/cli-process.ts';

/** `landfall audit verify` on a data folder: intact, then an audit row edited in the database is named. */
let dataDir: string;
const run = (args: string[], stdin = '') => landfall(dataDir, args, { stdin });

const skip = !!process.env.TEST_DATABASE_URL;
beforeAll(async () => {
  if (!skip) dataDir = await mkdtemp(join(tmpdir(), 'landfall-audit-'));
});
afterAll(async () => {
  if (!skip) await rm(dataDir, { recursive: true, force: true });
});

// The embedded engine's data-folder mode; the PostgreSQL pass of CI (TEST_DATABASE_URL) skips it.
describe.skipIf(skip)('landfall audit verify', () => {
  it(
    'says the chains are intact, and names an edited row with exit code 1',
    { timeout: 120_000 },
    async () => {
      const setup = await run(
        ['setup', '--tenant', '万州区', '--division', '500101', '--admin', 'admin', '--password-stdin'],
        'Chief#2026x\n',
      );
      expect(setup.code, setup.stderr).toBe(0);
      const intact = await run(['audit', 'verify', '--json']);
      expect(intact.code, intact.stderr).toBe(0);
      const answer = JSON.parse(intact.stdout);
      expect(answer).toMatchObject({ ok: true, firstBroken: null });
      expect(answer.count).toBeGreaterThan(0);
      const text = await run(['audit', 'verify', '--tenant', '万州区']);
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toMatch(/链完整，共 \d+ 条/);

      const database = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pg') });
      const row = await database.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'setup.run')
        .executeTakeFirstOrThrow();
      await sql`alter table audit_log disable trigger audit_log_no_update_delete`.execute(database.db);
      await sql`update audit_log set ip = '6.6.6.6' where id = ${row.id}`.execute(database.db);
      await sql`alter table audit_log enable trigger audit_log_no_update_delete`.execute(database.db);
      await database.close();

      const broken = await run(['audit', 'verify']);
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain(`audit_log ${row.id}`);
      expect(broken.stderr).toContain('记录被改动');
      const json = JSON.parse((await run(['audit', 'verify', '--json'])).stdout);
      expect(json.firstBroken).toMatchObject({ table: 'audit_log', id: row.id, problem: 'content' });
    },
  );
});
