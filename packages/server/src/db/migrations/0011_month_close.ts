import { sql, type Kysely } from 'kysely';

/**
 * 封账: a tenant's month is open (no row, or a reopened one), awaiting a leader's sign-off
 * (待签发) or closed (已封账). A month becomes closed with its issued report: the 月度统计表, the
 * 推进台账 as of the month's last day and the stats JSON, each kept as issued (bytes, media type,
 * SHA-256, when, by whom). Reissuing (reopen, close again) keeps the earlier reports, marked
 * superseded; their bytes can never change or go (only `superseded_*` may be set).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table month_close (
      tenant_id uuid not null references tenant(id),
      month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      status text not null check (status in ('open', 'awaiting_signoff', 'closed')),
      closed_at timestamptz,
      closed_by uuid references app_user(id),
      closed_by_name text,
      signed_off_at timestamptz,
      signed_off_by uuid references app_user(id),
      signed_off_by_name text,
      reopened_at timestamptz,
      reopen_reason text,
      issue integer not null default 0,
      version integer not null default 1,
      primary key (tenant_id, month)
    )`.execute(db);

  await sql`
    create table issued_report (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenant(id),
      month text not null,
      issue integer not null check (issue >= 1),
      kind text not null check (kind in ('monthly', 'ledger', 'stats')),
      filename text not null,
      media_type text not null,
      size_bytes integer not null,
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      content bytea not null,
      issued_at timestamptz not null,
      issued_by uuid references app_user(id),
      issued_by_name text not null,
      superseded_at timestamptz,
      foreign key (tenant_id, month) references month_close (tenant_id, month),
      unique (tenant_id, month, issue, kind)
    )`.execute(db);
  await sql`
    create trigger issued_report_as_issued before update of id, tenant_id, month, issue, kind, filename,
      media_type, size_bytes, sha256, content, issued_at, issued_by, issued_by_name on issued_report
    for each row execute function refuse_change('an issued report is kept as issued')`.execute(db);
  await sql`
    create trigger issued_report_no_delete before delete on issued_report
    for each row execute function refuse_change('an issued report is kept as issued')`.execute(db);
  await sql`
    create trigger issued_report_no_truncate before truncate on issued_report
    for each statement execute function refuse_change('an issued report is kept as issued')`.execute(db);
}
