import { sql, type Kysely } from 'kysely';

/**
 * 重复报送: the coordinator marks a project as the same investment as another project of the same
 * investor reported by another unit. The marked project (`project_id`) then counts nowhere; the kept
 * one (`kept_project_id`) counts, for its own unit. A marking is undone by setting `unmarked_*`
 * (never deleted), so a figure as known before an instant reads the marks of that instant.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table duplicate_report (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenant(id),
      enterprise_id uuid not null references enterprise(id),
      project_id uuid not null references project(id),
      kept_project_id uuid not null references project(id),
      rule text not null check (rule in ('first_reporter', 'built_unit', 'chosen')),
      reason text,
      marked_at timestamptz not null,
      marked_by uuid references app_user(id),
      marked_by_name text not null,
      unmarked_at timestamptz,
      unmarked_by uuid references app_user(id),
      unmark_reason text,
      check (project_id <> kept_project_id),
      check (unmarked_at is null or unmarked_at >= marked_at)
    )`.execute(db);
  await sql`create unique index duplicate_report_open on duplicate_report (project_id) where unmarked_at is null`.execute(
    db,
  );
  await sql`create index duplicate_report_project on duplicate_report (project_id)`.execute(db);
  await sql`create index duplicate_report_tenant on duplicate_report (tenant_id)`.execute(db);
}
