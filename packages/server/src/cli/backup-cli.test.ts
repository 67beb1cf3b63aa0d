import { mkdtemp, readFile, rm, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase } from '../db/database.ts';
import { tablesInOrder } from '../db/backup.ts';
import { landfall, serveFolder } from '../test/cli-process.ts';

/**
 * `landfall backup` while `landfall serve` runs on the folder, and `landfall restore` into a fresh
 * folder, compared table by table and row by row (issue 12 item 14). The embedded engine's
 * data-folder mode; the PostgreSQL pass of CI (TEST_DATABASE_URL) skips it (db/backup.test.ts runs there).
 */
const skip = !!process.env.TEST_DATABASE_URL;
let work: string;
let source: string;
let server: ChildProcess | undefined;

beforeAll(async () => {
  if (skip) return;
  work = await mkdtemp(join(tmpdir(), 'landfall-backup-'));
  source = join(work, 'source');
  const demo = await landfall(source, ['demo', '--password-stdin'], { stdin: 'Demo#Backup2026\n' });
  expect(demo.code, demo.stderr).toBe(0);
}, 180_000);
afterAll(async () => {
  if (server && server.exitCode === null) server.kill('SIGKILL');
  if (work) await rm(work, { recursive: true, force: true });
});

async function tableRows(dataDir: string) {
  const database = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pg') });
  try {
    const out: Record<string, string[]> = {};
    for (const table of await tablesInOrder(database.db)) {
      const { rows } = await sql<{
        r: string;
      }>`select row_to_json(t)::text as r from ${sql.id(table)} t order by 1`.execute(database.db);
      out[table] = rows.map((x) => x.r);
    }
    return out;
  } finally {
    await database.close();
  }
}

describe.skipIf(skip)('landfall backup and restore', () => {
  it('backs up through the running server and restores into a fresh folder, every row equal', async () => {
    const served = serveFolder(source);
    server = served.server;
    await served.url;
    const file = join(work, 'landfall.backup');
    const backup = await landfall(source, ['backup', '--out', file, '--json']);
    expect(backup.code, backup.stderr).toBe(0);
    const report = JSON.parse(backup.stdout) as { rows: number; sha256: string; engine: string };
    expect(report.engine).toBe('pglite');
    expect(report.rows).toBeGreaterThan(500);

    // Restore refuses the folder the server holds, and a damaged file; neither writes anything.
    const busy = await landfall(source, ['restore', file]);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toContain('in use by another Landfall process');
    const damaged = join(work, 'damaged.backup');
    await writeFile(damaged, (await readFile(file, 'utf8')).replace('"ledger_entry"', '"ledger_entrY"'));
    const target = join(work, 'restored');
    const refused = await landfall(target, ['restore', damaged]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('备份文件校验失败');
    expect(refused.stderr).toContain('fails its checksum');
    expect(await readdir(target).catch(() => [])).toEqual([]);

    const restored = await landfall(target, ['restore', file, '--json']);
    expect(restored.code, restored.stderr).toBe(0);
    expect(JSON.parse(restored.stdout).rows).toBe(report.rows);
    const again = await landfall(target, ['restore', file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('not empty');

    server.kill('SIGTERM');
    await new Promise((resolve) => server!.once('exit', resolve));
    const [a, b] = [await tableRows(source), await tableRows(target)];
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    let rows = 0;
    for (const table of Object.keys(a)) {
      expect(b[table], table).toEqual(a[table]);
      rows += a[table]!.length;
    }
    expect(rows).toBeGreaterThan(500);
  }, 300_000);
});
