import { sql, type Kysely } from 'kysely';

/**
 * Sessions and two factors (issue 12, items 7 and 10):
 * - `app_user.totp_*`: the TOTP secret (RFC 6238) once enrolment is confirmed (`totp_enabled_at`), the
 *   secret offered while enrolling (`totp_pending_secret`), and the last time step accepted (a code is
 *   never accepted twice).
 * - `totp_recovery_code`: ten single-use recovery codes per account, stored as argon2id hashes.
 * - `session.second_factor`: 'pending' while a session that passed the password awaits its code,
 *   'enrol' while an administrator's session may only enrol; null when complete.
 * - `server_secret`: secrets every instance shares (the key the CSRF tokens are bound with).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table app_user add column totp_secret text`.execute(db);
  await sql`alter table app_user add column totp_pending_secret text`.execute(db);
  await sql`alter table app_user add column totp_enabled_at timestamptz`.execute(db);
  await sql`alter table app_user add column totp_last_step integer`.execute(db);
  await sql`
    create table totp_recovery_code (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references app_user(id) on delete cascade,
      code_hash text not null,
      created_at timestamptz not null,
      used_at timestamptz
    )`.execute(db);
  await sql`create index totp_recovery_code_user_idx on totp_recovery_code (user_id)`.execute(db);
  await sql`
    alter table session add column second_factor text check (second_factor in ('pending', 'enrol'))
  `.execute(db);
  // Resetting someone's TOTP goes through the two-person rule like a password reset.
  await sql`alter table account_request drop constraint account_request_kind_check`.execute(db);
  await sql`
    alter table account_request add constraint account_request_kind_check
    check (kind in ('create', 'resetPassword', 'disable', 'changeRole', 'resetTotp'))
  `.execute(db);
  await sql`
    create table server_secret (
      name text primary key,
      value text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
}
