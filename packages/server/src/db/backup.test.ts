import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { fakeClock } from '../clock.ts';
import { createBlankDatabase, createTestDatabase, type TestDatabase } from '../test/database.ts';
import { TestClient } from '../test/client.ts';
import { OPERATOR_TOKEN } from '../test/fixtures.ts';
import type { Database } from './database.ts';
import { BackupError, restoreBackup, tablesInOrder, verifyBackup } from './backup.ts';
import { migrateToLatest } from './migrator.ts';
import { withTenantScope } from './tenant-scope.ts';

/**
 * Backup and restore (issue 12 item 14), on the engine under test: the demo district backed up
 * through the API, restored into a blank database, compared table by table, row by row.
 */
const PASSWORD = 'Demo#Backup2026';
let source: TestDatabase;
let app: FastifyInstance;
let target: Database;
let bytes: Buffer;

beforeAll(async () => {
  source = await createTestDatabase();
  app = await buildApp({
    database: source,
    clock: fakeClock('2026-11-20T10:00:00+08:00'),
    operatorToken: OPERATOR_TOKEN,
  });
  expect((await new TestClient(app).post('/api/setup/demo', { password: PASSWORD })).statusCode).toBe(201);
  const res = await app.inject({
    method: 'GET',
    url: '/api/backup',
    headers: { 'x-landfall-operator': OPERATOR_TOKEN },
  });
  expect(res.statusCode).toBe(200);
  expect(res.headers['cache-control']).toBe('no-store');
  bytes = res.rawPayload;
  target = await createBlankDatabase();
});
afterAll(async () => {
  await app?.close();
  await source?.close();
  await target?.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema
async function rowsOf(db: Kysely<any>, table: string): Promise<string[]> {
  const { rows } = await sql<{
    r: string;
  }>`select row_to_json(t)::text as r from ${sql.id(table)} t order by 1`.execute(db);
  return rows.map((x) => x.r);
}

describe('a backup', () => {
  it('holds every table of a populated instance, with a checksum', async () => {
    const { header, lines } = verifyBackup(bytes);
    const tables = await tablesInOrder(source.db);
    expect(header.tables.map((t) => t.name).sort()).toEqual([...tables].sort());
    const projects = header.tables.find((t) => t.name === 'project')!.rows;
    expect(projects).toBeGreaterThan(10);
    expect(header.tables.find((t) => t.name === 'ledger_entry')!.rows).toBeGreaterThan(projects);
    expect(lines.length).toBeGreaterThan(header.tables.filter((t) => t.rows > 0).length - 1);
    const last = bytes.toString('utf8').trimEnd().split('\n').at(-1)!;
    expect(JSON.parse(last).sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is refused when a byte changed or its end is missing, before anything is written', () => {
    const text = bytes.toString('utf8');
    const changed = Buffer.from(text.replace('"project"', '"projecT"'), 'utf8');
    expect(() => verifyBackup(changed)).toThrow(/SHA-256/);
    const cut = Buffer.from(text.slice(0, Math.floor(text.length / 2)), 'utf8');
    expect(() => verifyBackup(cut)).toThrow(BackupError);
  });

  it('restores into a blank database equal, table by table and row by row', async () => {
    const backup = verifyBackup(bytes);
    await migrateToLatest(target.db, backup.header.migrations);
    await withTenantScope('all', () => restoreBackup(target.db, backup));
    await migrateToLatest(target.db);
    const tables = await tablesInOrder(source.db);
    let compared = 0;
    for (const table of tables) {
      const [a, b] = await withTenantScope('all', () =>
        Promise.all([rowsOf(source.db, table), rowsOf(target.db, table)]),
      );
      expect(b, table).toEqual(a);
      compared += a.length;
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('leaves an instance that works: the same library, new rows after the restored ones', async () => {
    const restored = await buildApp({ database: target, clock: fakeClock('2026-11-20T10:00:00+08:00') });
    try {
      const here = new TestClient(app, '10.7.0.1');
      const there = new TestClient(restored, '10.7.0.2');
      await here.login('leader', PASSWORD);
      await there.login('leader', PASSWORD); // a new audit row: its identity continues past the restored ones
      const a = await here.get('/api/projects?pageSize=200');
      const b = await there.get('/api/projects?pageSize=200');
      expect(b.statusCode).toBe(200);
      expect(b.json()).toEqual(a.json());
      expect((await there.get('/api/dashboard')).json()).toEqual((await here.get('/api/dashboard')).json());
    } finally {
      await restored.close();
    }
  });

  it('is refused by a database that already has tenants', async () => {
    await expect(
      withTenantScope('all', () => restoreBackup(source.owner, verifyBackup(bytes))),
    ).rejects.toThrow(/not empty/);
  });
});
