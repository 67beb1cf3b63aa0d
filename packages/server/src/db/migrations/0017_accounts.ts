import { sql, type Kysely } from 'kysely';

/**
 * Accounts that hold against an attacker and an insider (issue 12, items 5, 6, 8, 9):
 * - `login_throttle`: failed-login counters per (account, address), per address and per account, with the
 *   instant before which the next attempt is refused (429). Replaces the hard lockout (`failed_logins`,
 *   `locked_until`), which let one address lock every account.
 * - `app_user.must_change_password`: a password someone else set (initial or reset) works once, to change it.
 * - `app_user.enabled_at` / `disabled_reason`: accounts idle past the tenant's limit are disabled at login;
 *   re-enabling starts the idle clock again.
 * - `account_request`: the two-person rule — creating, resetting, disabling or re-roling an administrator or
 *   auditor account waits for a second of the three (三员) to approve.
 * - the password policy becomes per tenant: the single installation-wide value moves to each top tenant.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table login_throttle (
      key text primary key,
      failures integer not null check (failures > 0),
      last_failure_at timestamptz not null,
      blocked_until timestamptz
    )`.execute(db);
  await sql`create index login_throttle_last_failure_idx on login_throttle (last_failure_at)`.execute(db);

  await sql`alter table app_user add column must_change_password boolean not null default false`.execute(db);
  await sql`alter table app_user add column enabled_at timestamptz`.execute(db);
  await sql`alter table app_user add column disabled_reason text check (disabled_reason in ('idle'))`.execute(
    db,
  );
  await sql`alter table app_user drop column failed_logins`.execute(db);
  await sql`alter table app_user drop column locked_until`.execute(db);

  await sql`
    create table account_request (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenant(id),
      kind text not null check (kind in ('create', 'resetPassword', 'disable', 'changeRole')),
      target_user_id uuid references app_user(id),
      target_username text not null,
      target_role text not null,
      payload jsonb not null,
      status text not null default 'pending' check (status in ('pending', 'approved', 'refused')),
      requested_by uuid not null references app_user(id),
      requested_by_name text not null,
      requested_by_role text not null,
      requested_at timestamptz not null,
      decided_by uuid references app_user(id),
      decided_by_name text,
      decided_at timestamptz,
      reason text check (length(reason) <= 500),
      check ((status = 'pending') = (decided_at is null))
    )`.execute(db);
  await sql`create index account_request_tenant_idx on account_request (tenant_id, status, requested_at)`.execute(
    db,
  );

  await sql`
    insert into setting (key, value, version, updated_at)
    select 'password_policy:' || t.id, s.value || '{"idleDays": 90}'::jsonb, 1, s.updated_at
    from setting s cross join tenant t
    where s.key = 'password_policy' and t.parent_id is null`.execute(db);
  await sql`delete from setting where key = 'password_policy'`.execute(db);
}
