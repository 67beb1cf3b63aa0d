import { sql, type Kysely } from 'kysely';

/**
 * 全口径 (every source, inside the city included) as a target's 口径: the stored 'all' keeps its
 * meaning (市外), so no row changes; only the check on the column widens to the new value.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table target_plan drop constraint target_plan_basis_check`.execute(db);
  await sql`alter table target_plan add constraint target_plan_basis_check
    check (basis in ('all', 'outside_province', 'foreign', 'total'))`.execute(db);
}
