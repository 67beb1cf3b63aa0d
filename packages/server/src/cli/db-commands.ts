import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { Env } from '../env.ts';
import { BackupError, restoreBackup, verifyBackup } from '../db/backup.ts';
import { lockDataFolder, restrictDataFolder } from '../db/data-folder.ts';
import { openDatabase } from '../db/database.ts';
import { knownMigrations, migrateToLatest } from '../db/migrator.ts';
import { createAppRole } from '../db/roles.ts';
import { withTenantScope } from '../db/tenant-scope.ts';
import { CliError, expectOk } from './connection.ts';
import { print, withConnection } from './commands.ts';

/**
 * `landfall db roles --app-user NAME`: on PostgreSQL, as the owner role (DATABASE_MIGRATION_URL, else
 * DATABASE_URL), migrates, then creates or corrects the application's role — login, no superuser, no
 * BYPASSRLS, owns nothing — and grants it the rows of every table (db/roles.ts).
 */
export async function dbRolesCommand(
  env: Env,
  opts: { appUser: string; password: string | undefined; json: boolean },
) {
  const ownerUrl = env.databaseMigrationUrl ?? env.databaseUrl;
  if (!ownerUrl) {
    throw new CliError(
      '数据库角色只用于 PostgreSQL：请设置 DATABASE_MIGRATION_URL（表的所有者）/ database roles apply to PostgreSQL only: ' +
        'set DATABASE_MIGRATION_URL (the owner role) or DATABASE_URL',
    );
  }
  const owner = await openDatabase({ kind: 'postgres', url: ownerUrl });
  try {
    const migrations = await migrateToLatest(owner.db);
    const result = await withTenantScope('all', () =>
      createAppRole(owner.db, opts.appUser, opts.password).catch((err: Error) => {
        throw new CliError(err.message);
      }),
    );
    const appUrl = new URL(ownerUrl);
    appUrl.username = opts.appUser;
    appUrl.password = opts.password === undefined ? '' : '********';
    print(
      { appUser: opts.appUser, created: result.created, migrations: migrations.current },
      opts.json,
      `${result.created ? '已创建' : '已更新'}应用角色 ${opts.appUser} / application role ${opts.appUser} ${result.created ? 'created' : 'updated'}` +
        `（无超级用户、不可绕过行级安全、不拥有数据表 / no superuser, NOBYPASSRLS, owns nothing）\n` +
        `启动服务时请设置 / start the server with:\n` +
        `  DATABASE_URL=${appUrl.toString()}\n  DATABASE_MIGRATION_URL=<${'owner URL'}>`,
    );
  } finally {
    await owner.close();
  }
}

/**
 * `landfall backup --out FILE`: the whole database in one consistent copy with its SHA-256, through
 * the running server when one holds the data folder, else in-process (db/backup.ts).
 */
export async function backupCommand(env: Env, opts: { out: string; json: boolean }) {
  const { bytes, status, body } = await withConnection(env, (c) => c.download('/api/backup'));
  if (status !== 200) expectOk({ status, body });
  const { header } = verifyBackup(bytes); // what was received is whole
  await writeFile(opts.out, bytes, { mode: 0o600 });
  const rows = header.tables.reduce((n, t) => n + t.rows, 0);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  print(
    { out: opts.out, engine: header.engine, tables: header.tables.length, rows, bytes: bytes.length, sha256 },
    opts.json,
    `备份完成 / backup written: ${opts.out} (${header.engine}; ${header.tables.length} tables, ${rows} rows, ${bytes.length} bytes)\n` +
      `文件 SHA-256 / file SHA-256: ${sha256}`,
  );
}

/**
 * `landfall restore FILE`: checks the backup's checksum, then loads it into an empty data folder
 * (held under its lock; refused while a server runs on it) or an empty PostgreSQL database (as the
 * owner role): the schema the backup was taken with, its rows, then this version's later migrations.
 */
export async function restoreCommand(env: Env, opts: { file: string; json: boolean }) {
  const bytes = await readFile(opts.file).catch(() => {
    throw new CliError(`无法读取备份文件 ${opts.file} / cannot read the backup file ${opts.file}`);
  });
  let backup: ReturnType<typeof verifyBackup>;
  try {
    backup = verifyBackup(bytes);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  const newer = backup.header.migrations.filter((m) => !knownMigrations.includes(m));
  if (newer.length) {
    throw new CliError(
      `备份来自更新的 Landfall 版本（迁移 ${newer.join(', ')}），请先升级 / the backup comes from a newer Landfall (migrations ${newer.join(', ')}): upgrade first`,
    );
  }
  const ownerUrl = env.databaseMigrationUrl ?? env.databaseUrl;
  const lock = ownerUrl ? undefined : await lockDataFolder(env.dataDir);
  try {
    const database = ownerUrl
      ? await openDatabase({ kind: 'postgres', url: ownerUrl })
      : await openDatabase({ kind: 'pglite', dataDir: lock!.pgDir });
    try {
      await migrateToLatest(database.db, backup.header.migrations);
      await withTenantScope('all', () => restoreBackup(database.db, backup)).catch((err: Error) => {
        throw err instanceof BackupError ? new CliError(err.message) : err;
      });
      await migrateToLatest(database.db);
    } finally {
      await database.close();
    }
    if (lock) await restrictDataFolder(env.dataDir);
  } finally {
    await lock?.release();
  }
  const rows = backup.header.tables.reduce((n, t) => n + t.rows, 0);
  print(
    { restored: opts.file, tables: backup.header.tables.length, rows, createdAt: backup.header.createdAt },
    opts.json,
    `恢复完成 / restored ${opts.file}: ${backup.header.tables.length} tables, ${rows} rows (backup of ${backup.header.createdAt}) ` +
      `into ${ownerUrl ? 'PostgreSQL' : env.dataDir}`,
  );
}
