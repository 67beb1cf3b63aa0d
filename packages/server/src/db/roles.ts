import { sql, type Kysely } from 'kysely';

/**
 * The application's PostgreSQL role (row-level security, migration 0019): it logs in, owns
 * nothing, is no superuser and cannot bypass row-level security; it may read and write the
 * tables' rows and nothing else (no TRUNCATE, no ALTER, no triggers, not the migration records).
 * The role that runs this — the owner, DATABASE_MIGRATION_URL — keeps the tables; default
 * privileges give the application the rows of tables later migrations add.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- works on any schema
export async function createAppRole(db: Kysely<any>, role: string, password: string | undefined) {
  assertRoleName(role);
  const me = await sql<{ name: string; superuser: boolean }>`
    select current_user as name, rolsuper as superuser from pg_roles where rolname = current_user`.execute(
    db,
  );
  if (me.rows[0]?.name === role) {
    throw new Error(
      `应用角色不能是运行迁移的角色 ${role} / the application role must not be the owner role ${role}`,
    );
  }
  const exists = await sql`select 1 from pg_roles where rolname = ${role}`.execute(db);
  const verb = exists.rows.length ? 'alter' : 'create';
  const statement = await sql<{ text: string }>`
    select format(
      ${`${verb} role %I login nosuperuser nobypassrls nocreatedb nocreaterole noreplication` + (password === undefined ? '' : ' password %L')},
      ${role}::text, ${password ?? ''}::text) as text`.execute(db);
  await sql.raw(statement.rows[0]!.text).execute(db);
  const owned = await sql<{ tablename: string }>`
    select tablename from pg_tables where schemaname = current_schema() and tableowner = ${role}`.execute(db);
  if (owned.rows.length) {
    throw new Error(
      `角色 ${role} 拥有数据表（${owned.rows.map((r) => r.tablename).join(', ')}），请先把所有权转给迁移角色 / ` +
        `role ${role} owns tables (${owned.rows.map((r) => r.tablename).join(', ')}); ` +
        `transfer them to the owner role first (ALTER TABLE … OWNER TO …)`,
    );
  }
  await grantAppRole(db, role);
  return { created: verb === 'create' };
}

/** Grants `role` the rows of every table and sequence of the schema, now and for tables added later. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- works on any schema
export async function grantAppRole(db: Kysely<any>, role: string) {
  assertRoleName(role);
  const r = sql.id(role);
  const database = await sql<{ name: string }>`select current_database() as name`.execute(db);
  await sql`grant connect on database ${sql.id(database.rows[0]!.name)} to ${r}`.execute(db);
  await sql`grant usage on schema public to ${r}`.execute(db);
  await sql`grant select, insert, update, delete on all tables in schema public to ${r}`.execute(db);
  await sql`grant usage, select on all sequences in schema public to ${r}`.execute(db);
  await sql`alter default privileges in schema public grant select, insert, update, delete on tables to ${r}`.execute(
    db,
  );
  await sql`alter default privileges in schema public grant usage, select on sequences to ${r}`.execute(db);
  // The migration records are the owner's: the application reads which ran, never writes them.
  for (const table of ['schema_migration', 'schema_migration_lock']) {
    const present = await sql`select to_regclass(${table}) as t`.execute(db);
    if ((present.rows[0] as { t: string | null }).t === null) continue;
    await sql`revoke insert, update, delete on ${sql.id(table)} from ${r}`.execute(db);
  }
}

function assertRoleName(role: string) {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) {
    throw new Error(
      `角色名只能由小写字母、数字和下划线组成 / a role name is lower-case letters, digits and underscores: ${role}`,
    );
  }
}
