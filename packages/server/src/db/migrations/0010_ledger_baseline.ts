import { sql, type Kysely } from 'kysely';

/**
 * 基线 (baseline): entries loaded at once at go-live (the demo, a first Excel import, a migration
 * from another system) count as known on their effective dates, not on the day they were loaded
 * (see ledger/ledger.reads.ts entryKnownAt). Existing entries are live entries (false); adding a
 * column with a constant default rewrites no row, so the append-only triggers are not involved.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table ledger_entry add column baseline boolean not null default false`.execute(db);
  await sql`create index ledger_entry_tenant_effective_idx on ledger_entry (tenant_id, effective_on)`.execute(
    db,
  );
}
