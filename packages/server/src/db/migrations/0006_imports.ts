import { sql, type Kysely } from 'kysely';

/**
 * Imports (导入): an uploaded ledger file is kept with its analysis, the options a
 * person confirmed (column mapping, stage labels, cut-off date, units to create)
 * and the last preview or commit summary. A committed file is recognised by its
 * SHA-256: the same file is not committed twice into one tenant.
 * Column mappings are remembered per source (the signature of its header row).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table import_batch (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenant(id),
      filename text not null,
      format text not null check (format in ('xlsx', 'xls', 'csv')),
      size_bytes integer not null,
      sha256 text not null,
      content bytea not null,
      status text not null default 'uploaded' check (status in ('uploaded', 'previewed', 'committed')),
      layout jsonb,
      options jsonb not null default '{}',
      summary jsonb,
      errors jsonb,
      created_by uuid references app_user(id),
      created_by_name text not null,
      created_at timestamptz not null,
      committed_at timestamptz,
      committed_by_name text,
      version integer not null default 1
    )`.execute(db);
  await sql`create index import_batch_tenant_idx on import_batch (tenant_id, created_at desc)`.execute(db);
  await sql`create unique index import_batch_committed_idx on import_batch (tenant_id, sha256) where status = 'committed'`.execute(
    db,
  );

  await sql`
    create table import_mapping (
      tenant_id uuid not null references tenant(id),
      signature text not null,
      columns jsonb not null,
      stage_labels jsonb not null default '{}',
      updated_at timestamptz not null,
      primary key (tenant_id, signature)
    )`.execute(db);

  // Matching rows to projects by name within a tenant.
  await sql`create index project_tenant_name_idx on project (tenant_id, name)`.execute(db);
}
