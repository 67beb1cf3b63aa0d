import type { Kysely } from 'kysely';
import pg from 'pg';
import type { DB } from '../db/schema.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { migrateToLatest } from '../db/migrator.ts';
import { grantAppRole } from '../db/roles.ts';

/** The role the application's connections use on PostgreSQL in tests: owns nothing, NOBYPASSRLS. */
export const TEST_APP_ROLE = 'landfall_test_app';

export interface TestDatabase extends Database {
  /**
   * The database as its owner, for a test's DDL (a trigger that makes a write fail): on PostgreSQL the
   * superuser that migrated it, on PGlite the one connection there is.
   */
  owner: Kysely<DB>;
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a new database on the
 * PostgreSQL server named by TEST_DATABASE_URL (dropped on close). On PostgreSQL the owner (the
 * server's superuser) migrates it and the application connects as TEST_APP_ROLE, a role that owns
 * nothing and is subject to row-level security — so every feature test proves the policies
 * (migration 0019) hold. The test's own fixture code, outside any request, runs as a system path
 * (scope 'all'); each HTTP request runs under its actor's scope.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    await migrateToLatest(database.db);
    return { ...database, owner: database.db };
  }
  const name = `landfall_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await ensureTestAppRole(admin);
  await admin.end();
  const ownerUrl = new URL(serverUrl);
  ownerUrl.pathname = `/${name}`;
  const owner = await openDatabase({ kind: 'postgres', url: ownerUrl.toString() });
  try {
    await migrateToLatest(owner.db);
    await grantAppRole(owner.db, TEST_APP_ROLE);
  } catch (err) {
    await owner.close();
    throw err;
  }
  const appUrl = new URL(ownerUrl);
  appUrl.username = TEST_APP_ROLE;
  appUrl.password = '';
  const database = await openDatabase({ kind: 'postgres', url: appUrl.toString(), outsideScope: 'all' });
  return {
    ...database,
    owner: owner.db,
    async close() {
      await database.close();
      await owner.close();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Creates the test application role once per server (parallel test files may race to do it). */
async function ensureTestAppRole(admin: pg.Client) {
  const exists = await admin.query(`select 1 from pg_roles where rolname = $1`, [TEST_APP_ROLE]);
  if (exists.rowCount) return;
  try {
    await admin.query(`create role ${TEST_APP_ROLE} login nosuperuser nobypassrls nocreatedb nocreaterole`);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== '42710' && code !== '23505') throw err; // duplicate_object / unique_violation: another file won
  }
}

/**
 * An empty, unmigrated database as its owner (a restore's target): in-memory PGlite, or a new
 * database on TEST_DATABASE_URL's server, dropped on close.
 */
export async function createBlankDatabase(): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  const name = `landfall_blank_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), outsideScope: 'all' });
  return {
    ...database,
    async close() {
      await database.close();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
