import { sql, type Kysely } from 'kysely';
import { makeAppendOnly } from '../append-only.ts';

/**
 * Targets (目标任务) and their breakdown (任务分解): one plan per tenant, year,
 * metric and 口径 (basis). A draft allocation is edited freely; finalising
 * writes the first revision. A re-allocation during the year is a new dated
 * revision; figures as of a date use the revision in force on that date.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table target_plan (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenant(id),
      year integer not null check (year between 2000 and 2100),
      metric text not null check (metric in
        ('funds_in_place', 'agreed_investment', 'projects_signed', 'projects_started', 'projects_over100m_signed')),
      basis text not null default 'all' check (basis in ('all', 'outside_province', 'foreign')),
      status text not null default 'draft' check (status in ('draft', 'final')),
      total bigint not null check (total >= 0),
      draft jsonb not null,
      version integer not null default 1,
      created_at timestamptz not null,
      finalized_at timestamptz,
      unique (tenant_id, year, metric, basis)
    )`.execute(db);

  await sql`
    create table target_revision (
      id bigint generated always as identity primary key,
      plan_id uuid not null references target_plan(id),
      effective_from date not null,
      recorded_at timestamptz not null,
      actor_id uuid references app_user(id),
      actor_name text not null,
      reason text not null default '',
      total bigint not null check (total >= 0),
      allocation jsonb not null
    )`.execute(db);
  await sql`create index target_revision_plan_idx on target_revision (plan_id, effective_from, id)`.execute(
    db,
  );
  await makeAppendOnly(
    db,
    'target_revision',
    'target revisions are never changed: record a re-allocation instead',
  );

  // Dashboard reads: funds by date and first signings/starts by date, per tenant.
  await sql`create index ledger_entry_amount_idx on ledger_entry (tenant_id, effective_on) where amount_fen is not null`.execute(
    db,
  );
  await sql`create index ledger_entry_stage_idx on ledger_entry (tenant_id, stage_to, effective_on) where kind = 'stage_move'`.execute(
    db,
  );
}
