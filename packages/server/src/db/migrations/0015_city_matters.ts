import { sql, type Kysely } from 'kysely';

/**
 * A city works across its districts (纵向联动): a matter raised down to a district (下达协调事项) records
 * the tenant that raised it (`raised_by_tenant_id`; null = raised in its own tenant), and meetings gain
 * the cross-district kinds a city or province holds with its districts: 联合策划 (joint_planning) and
 * 联合招商 (joint_promotion).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table matter add column raised_by_tenant_id uuid references tenant(id)`.execute(db);
  await sql`alter table matter add constraint matter_raised_by_other_tenant
    check (raised_by_tenant_id is null or raised_by_tenant_id <> tenant_id)`.execute(db);
  await sql`create index matter_raised_by_tenant_idx on matter (raised_by_tenant_id)
    where raised_by_tenant_id is not null`.execute(db);
  await sql`alter table meeting drop constraint meeting_kind_check`.execute(db);
  await sql`alter table meeting add constraint meeting_kind_check
    check (kind in ('weekly', 'semimonthly', 'monthly', 'joint', 'joint_planning', 'joint_promotion'))`.execute(
    db,
  );
}
