import { sql, type Kysely } from 'kysely';
import { makeAppendOnly } from '../append-only.ts';

/**
 * Foundation: reference divisions, tenants, organisation (units, groups,
 * conveners), accounts, sessions, settings, rate-limit buckets and the
 * append-only audit log. PostgreSQL 15 SQL (PGlite runs 18).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);

  await sql`
    create table division (
      code char(6) primary key,
      level text not null check (level in ('province', 'city', 'county')),
      name text not null,
      parent_code char(6) references division(code)
    )`.execute(db);
  await sql`create index division_parent_idx on division(parent_code)`.execute(db);

  await sql`
    create table tenant (
      id uuid primary key default gen_random_uuid(),
      parent_id uuid references tenant(id),
      path text not null,
      name text not null check (length(name) between 1 and 100),
      division_code char(6) not null references division(code),
      level text not null check (level in ('province', 'city', 'district')),
      version integer not null default 1,
      created_at timestamptz not null,
      unique (division_code)
    )`.execute(db);
  await sql`create index tenant_path_idx on tenant(path text_pattern_ops)`.execute(db);

  await sql`
    create table work_group (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenant(id),
      name text not null check (length(name) between 1 and 100),
      kind text not null check (kind in ('coordination', 'new_projects', 'in_zone', 'out_zone', 'other')),
      sort_order integer not null default 0,
      version integer not null default 1,
      created_at timestamptz not null,
      unique (tenant_id, name)
    )`.execute(db);

  await sql`
    create table unit (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenant(id),
      name text not null check (length(name) between 1 and 100),
      kind text not null check (kind in ('department', 'town', 'zone', 'other')),
      group_id uuid references work_group(id),
      active boolean not null default true,
      version integer not null default 1,
      created_at timestamptz not null,
      unique (tenant_id, name)
    )`.execute(db);

  await sql`
    create table app_user (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenant(id),
      username text not null,
      display_name text not null,
      role text not null check (role in
        ('system_admin', 'security_admin', 'auditor', 'coordinator', 'unit_staff', 'leader', 'viewer')),
      unit_id uuid references unit(id),
      password_hash text not null,
      disabled boolean not null default false,
      failed_logins integer not null default 0,
      locked_until timestamptz,
      password_changed_at timestamptz not null,
      last_login_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null,
      check ((role = 'unit_staff') = (unit_id is not null))
    )`.execute(db);
  await sql`create unique index app_user_username_idx on app_user (lower(username))`.execute(db);

  await sql`
    create table convener (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenant(id),
      name text not null check (length(name) between 1 and 100),
      title text not null default '',
      user_id uuid references app_user(id),
      active boolean not null default true,
      version integer not null default 1,
      created_at timestamptz not null
    )`.execute(db);

  await sql`
    create table session (
      id text primary key,
      user_id uuid not null references app_user(id),
      created_at timestamptz not null,
      last_seen_at timestamptz not null,
      ip text not null,
      user_agent text not null default ''
    )`.execute(db);
  await sql`create index session_user_idx on session(user_id)`.execute(db);

  await sql`
    create table setting (
      key text primary key,
      value jsonb not null,
      version integer not null default 1,
      updated_at timestamptz not null
    )`.execute(db);

  await sql`
    create table rate_limit (
      bucket text not null,
      window_start timestamptz not null,
      hits integer not null,
      primary key (bucket, window_start)
    )`.execute(db);

  await sql`
    create table audit_log (
      id bigint generated always as identity primary key,
      at timestamptz not null,
      actor_id uuid,
      actor_name text,
      role text,
      unit_id uuid,
      tenant_id uuid,
      ip text,
      request_id text,
      action text not null,
      outcome text not null check (outcome in ('ok', 'denied', 'failed')),
      record_type text,
      record_id text,
      before jsonb,
      after jsonb
    )`.execute(db);
  await sql`create index audit_log_at_idx on audit_log(at desc)`.execute(db);
  await sql`create index audit_log_tenant_idx on audit_log(tenant_id, at desc)`.execute(db);

  // The audit log is append-only: no role, not even the application's, may rewrite history.
  await sql`
    create function refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception '%', tg_argv[0] using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await makeAppendOnly(db, 'audit_log', 'audit_log is append-only');
}
