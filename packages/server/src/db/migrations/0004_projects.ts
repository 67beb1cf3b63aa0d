import { sql, type Kysely } from 'kysely';
import { makeAppendOnly } from '../append-only.ts';
import { defaultFocusIndustries } from '@landfall/domain/focus-industries';

/**
 * The project library (项目库) and information library (信息库): enterprises,
 * leads, projects, their append-only ledger (台账) and attachments. Money is
 * integer fen (bigint); dates are Asia/Shanghai calendar dates (date).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table focus_industry (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenant(id),
      name text not null check (length(name) between 1 and 100),
      code_prefixes text[] not null default '{}',
      sort_order integer not null default 0,
      version integer not null default 1,
      created_at timestamptz not null,
      unique (tenant_id, name)
    )`.execute(db);

  // Tenants created before this migration get the default focus industries; new ones get them at creation.
  for (const [i, f] of defaultFocusIndustries.entries()) {
    await sql`
      insert into focus_industry (tenant_id, name, code_prefixes, sort_order, created_at)
      select id, ${f.name}, ${f.codePrefixes}, ${i + 1}, now() from tenant`.execute(db);
  }

  await sql`
    create table enterprise (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenant(id),
      name text not null check (length(name) between 1 and 200),
      credit_code char(18),
      division_code char(6) references division(code),
      capital_kind text not null default 'domestic' check (capital_kind in ('domestic', 'foreign')),
      industry_code text references industry(code),
      tags text[] not null default '{}',
      is_local boolean not null default false,
      unit_id uuid references unit(id),
      version integer not null default 1,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create unique index enterprise_credit_code_idx on enterprise (tenant_id, credit_code) where credit_code is not null`.execute(
    db,
  );
  await sql`create index enterprise_name_trgm_idx on enterprise using gin (name gin_trgm_ops)`.execute(db);

  await sql`
    create table project (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenant(id),
      unit_id uuid not null references unit(id),
      group_id uuid references work_group(id),
      name text not null check (length(name) between 1 and 200),
      stage text not null check (stage in
        ('planning', 'negotiating', 'signed', 'settled', 'construction', 'production', 'paused', 'dropped')),
      stage_before text check (stage_before in ('planning', 'negotiating', 'signed', 'settled', 'construction', 'production')),
      stage_on date not null,
      origin_division_code char(6) references division(code),
      region text check (region in ('yrd', 'prd', 'bohai', 'other', 'local')),
      capital_kind text not null default 'domestic' check (capital_kind in ('domestic', 'foreign')),
      industry_code text references industry(code),
      focus_industry_id uuid references focus_industry(id),
      strategic_emerging boolean not null default false,
      chain_node text,
      construction_content text not null default '',
      agreed_investment_fen bigint not null default 0 check (agreed_investment_fen >= 0),
      fixed_asset_fen bigint not null default 0 check (fixed_asset_fen >= 0),
      agreement_kind text check (agreement_kind in ('framework', 'formal')),
      signed_on date,
      registered_on date,
      local_credit_code char(18),
      planned_start_on date,
      actual_start_on date,
      planned_production_on date,
      production_on date,
      land_mu numeric(12, 2) check (land_mu >= 0),
      referrer_enterprise_id uuid references enterprise(id),
      project_kind text not null default 'new' check (project_kind in ('new', 'expansion')),
      leader_in_charge text not null default '',
      contact_name text not null default '',
      contact_phone text not null default '',
      sensitivity text not null default 'normal' check (sensitivity in ('normal', 'sensitive')),
      lead_id uuid,
      funds_in_place_fen bigint not null default 0,
      last_entry_on date not null,
      version integer not null default 1,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check (fixed_asset_fen <= agreed_investment_fen)
    )`.execute(db);
  await sql`create index project_tenant_stage_idx on project (tenant_id, stage)`.execute(db);
  await sql`create index project_unit_idx on project (unit_id)`.execute(db);
  await sql`create index project_name_trgm_idx on project using gin (name gin_trgm_ops)`.execute(db);

  await sql`
    create table project_enterprise (
      project_id uuid not null references project(id),
      enterprise_id uuid not null references enterprise(id),
      primary key (project_id, enterprise_id)
    )`.execute(db);

  await sql`
    create table lead (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenant(id),
      unit_id uuid not null references unit(id),
      title text not null check (length(title) between 1 and 200),
      source text not null default '',
      referrer text not null default '',
      referrer_enterprise_id uuid references enterprise(id),
      investor_enterprise_id uuid references enterprise(id),
      investor_name text not null default '',
      intention text not null default '',
      estimated_amount_fen bigint check (estimated_amount_fen >= 0),
      needs text not null default '',
      status text not null check (status in ('reported', 'acknowledged', 'assessed', 'converted', 'closed')),
      reported_on date not null,
      acknowledged_at timestamptz,
      assessed_at timestamptz,
      assessment text not null default '',
      project_id uuid references project(id),
      version integer not null default 1,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index lead_tenant_status_idx on lead (tenant_id, status)`.execute(db);
  await sql`alter table project add constraint project_lead_fk foreign key (lead_id) references lead(id)`.execute(
    db,
  );

  await sql`
    create table attachment (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenant(id),
      project_id uuid not null references project(id),
      filename text not null,
      media_type text not null,
      size_bytes integer not null check (size_bytes > 0),
      sha256 char(64) not null,
      content bytea not null,
      uploaded_by uuid references app_user(id),
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index attachment_project_idx on attachment (project_id)`.execute(db);

  // The ledger: dated, append-only. `stage_to` is set on created and stage_move entries, `agreed_fen`
  // and `fixed_fen` on every entry that sets the agreed investment or its fixed-asset part,
  // `amount_fen` on funding and its corrections,
  // so "as of date D" figures are plain SQL over entries with effective_on <= D. `effective_on` is the date the fact holds from (a signing date,
  // a funds date); `recorded_at` when it was entered. A correction is a new entry linked by `corrects_id`.
  await sql`
    create table ledger_entry (
      id bigint generated always as identity primary key,
      tenant_id uuid not null references tenant(id),
      project_id uuid not null references project(id),
      kind text not null check (kind in ('created', 'progress', 'stage_move', 'funding', 'field_change', 'correction')),
      effective_on date not null,
      recorded_at timestamptz not null,
      actor_id uuid references app_user(id),
      actor_name text not null,
      corrects_id bigint references ledger_entry(id),
      stage_to text,
      amount_fen bigint,
      agreed_fen bigint,
      fixed_fen bigint,
      funding_source text check (funding_source in ('outside_city_in_province', 'outside_province', 'abroad')),
      capital_kind text check (capital_kind in ('domestic', 'foreign')),
      snapshot jsonb,
      payload jsonb not null default '{}',
      attachment_id uuid references attachment(id)
    )`.execute(db);
  await sql`create index ledger_entry_project_idx on ledger_entry (project_id, effective_on, id)`.execute(db);
  await sql`create index ledger_entry_tenant_kind_idx on ledger_entry (tenant_id, kind, effective_on)`.execute(
    db,
  );
  await makeAppendOnly(db, 'ledger_entry', 'ledger entries are never changed: record a correction instead');
}
