import { sql, type Kysely } from 'kysely';

/**
 * A fourth funding source, inside the city (本市): an investor of the tenant's own city, or the
 * local side's money (我方). Recorded in the ledger, counted by no 口径 of funds brought in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table ledger_entry drop constraint if exists ledger_entry_funding_source_check`.execute(db);
  await sql`
    alter table ledger_entry add constraint ledger_entry_funding_source_check
      check (funding_source in ('outside_city_in_province', 'outside_province', 'abroad', 'inside_city'))`.execute(
    db,
  );
}
