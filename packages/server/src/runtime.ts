import type { Env } from './env.ts';
import { openDatabase, type Database } from './db/database.ts';
import { lockDataFolder, restrictDataFolder } from './db/data-folder.ts';
import { migrateToLatest, type MigrationReport } from './db/migrator.ts';

export interface Runtime {
  database: Database;
  migrations: MigrationReport;
  /** Closes the database, then releases the data-folder lock. */
  close(): Promise<void>;
}

/**
 * Opens the configured database and migrates it: PostgreSQL when DATABASE_URL
 * is set, else PGlite in the data folder under its exclusive lock
 * (DataFolderLockedError when another process holds it — nothing is written then).
 */
export async function openRuntime(env: Env): Promise<Runtime> {
  if (env.databaseUrl) {
    // With DATABASE_MIGRATION_URL the owner role migrates and the application's role (row-level
    // security, migration 0019) only reads and writes rows.
    let migrations: MigrationReport | undefined;
    if (env.databaseMigrationUrl) {
      const owner = await openDatabase({ kind: 'postgres', url: env.databaseMigrationUrl });
      try {
        migrations = await migrateToLatest(owner.db);
      } finally {
        await owner.close();
      }
    }
    const database = await openDatabase({ kind: 'postgres', url: env.databaseUrl });
    try {
      return {
        database,
        migrations: migrations ?? (await migrateToLatest(database.db)),
        close: () => database.close(),
      };
    } catch (err) {
      await database.close();
      throw err;
    }
  }
  const lock = await lockDataFolder(env.dataDir);
  let database: Database | undefined;
  try {
    database = await openDatabase({ kind: 'pglite', dataDir: lock.pgDir });
    const migrations = await migrateToLatest(database.db);
    // What PGlite (and an earlier version) created: for the folder's owner only.
    await restrictDataFolder(env.dataDir);
    const db = database;
    return {
      database: db,
      migrations,
      async close() {
        await db.close();
        await lock.release();
      },
    };
  } catch (err) {
    await database?.close().catch(() => {});
    await lock.release();
    throw err;
  }
}
