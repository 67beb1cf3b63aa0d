import type { Env } from '../env.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrator.ts';
import { createAppRole } from '../db/roles.ts';
import { withTenantScope } from '../db/tenant-scope.ts';
import { CliError } from './connection.ts';
import { print } from './commands.ts';

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
