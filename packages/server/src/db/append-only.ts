import { sql, type Kysely } from 'kysely';

/**
 * Makes a table append-only for every database role, the application's included:
 * UPDATE, DELETE and TRUNCATE raise `message`. Uses the one trigger function
 * `refuse_change()` created by the first migration.
 */
export async function makeAppendOnly(db: Kysely<unknown>, table: string, message: string) {
  const name = sql.id(table);
  await sql`
    create trigger ${sql.id(`${table}_no_update_delete`)} before update or delete on ${name}
    for each row execute function refuse_change(${sql.lit(message)})`.execute(db);
  await sql`
    create trigger ${sql.id(`${table}_no_truncate`)} before truncate on ${name}
    for each statement execute function refuse_change(${sql.lit(message)})`.execute(db);
}
