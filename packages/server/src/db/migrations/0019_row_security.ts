import { sql, type Kysely } from 'kysely';

/**
 * Row-level security and idempotent writes (issue 12, items 12 and 15).
 *
 * Every table with a `tenant_id` gets ENABLE + FORCE ROW LEVEL SECURITY and one policy: a row is
 * visible and writable when its tenant is in `landfall.tenants`, which the database layer sets on
 * every connection it hands out (db/database.ts, db/tenant-scope.ts): the actor's subtree (the listed
 * tenants and their descendants by tenant.path, so a tenant created in the transaction counts), or
 * 'all' for system paths. Each function is evaluated once per statement (an InitPlan). Without the setting nothing is visible. FORCE applies the policies to the
 * tables' owner too; only a superuser or a BYPASSRLS role passes them (PGlite runs as its superuser,
 * so the same SQL runs there and changes nothing). Rows without a tenant (system audit entries)
 * are visible to 'all' only. A district reads its ancestors' month closes (a month the city closed cannot be
 * reopened below). The audit log takes new rows under any tenant (a refused attempt on
 * another tenant's record is logged there) but shows each actor only its own subtree's. Reference tables (division, tenant, industry) and tables keyed by
 * other ids (session, setting, rate_limit, login_throttle) stay unrestricted.
 *
 * `idempotency_key`: the first answer to a write sent with an `Idempotency-Key` header, per user
 * (or the operator) and key, kept 24 hours (http/idempotency.ts); `committed` is set inside the
 * write's own transaction, so after a crash a retry knows whether the write happened.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table idempotency_key (
      owner text not null,
      key text not null,
      tenant_id uuid references tenant(id),
      method text not null,
      url text not null,
      body_sha256 text not null,
      committed boolean not null default false,
      status integer,
      response text,
      created_at timestamptz not null,
      primary key (owner, key)
    )`.execute(db);
  await sql`create index idempotency_key_created_idx on idempotency_key (created_at)`.execute(db);

  await sql`
    create function landfall_all_tenants() returns boolean language sql stable as $$
      select coalesce(current_setting('landfall.tenants', true), '') = 'all'
    $$`.execute(db);
  // The listed tenants and everything below them (a tenant created in this very transaction too).
  await sql`
    create function landfall_visible_tenants() returns uuid[] language sql stable as $$
      select coalesce(array_agg(t.id), '{}'::uuid[])
      from tenant r
      join tenant t on t.path like r.path || '%'
      where r.id = any (case
        when coalesce(current_setting('landfall.tenants', true), '') in ('', 'all') then '{}'::uuid[]
        else string_to_array(current_setting('landfall.tenants', true), ',')::uuid[]
      end)
    $$`.execute(db);

  // The listed tenants' ancestors: a district reads whether its city has closed a month.
  await sql`
    create function landfall_ancestor_tenants() returns uuid[] language sql stable as $$
      select coalesce(array_agg(a.id), '{}'::uuid[])
      from tenant r
      join tenant a on r.path like a.path || '%'
      where r.id = any (case
        when coalesce(current_setting('landfall.tenants', true), '') in ('', 'all') then '{}'::uuid[]
        else string_to_array(current_setting('landfall.tenants', true), ',')::uuid[]
      end)
    $$`.execute(db);

  for (const table of await tenantTables(db)) await protectTable(db, table);
  for (const table of readUpward) {
    await sql`
      create policy ancestor_read on ${sql.id(table)} for select
      using (tenant_id = any ((select landfall_ancestor_tenants())::uuid[]))`.execute(db);
  }
}

/** Tables whose rows a tenant below may read (never write): a month closed above it stays closed for it. */
const readUpward = ['month_close'];

/** The tables of the public schema that carry a `tenant_id` column. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema
export async function tenantTables(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select c.table_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE'
    order by c.table_name`.execute(db);
  return rows.map((r) => r.table_name);
}

const visible = sql`(select landfall_all_tenants()) or tenant_id = any ((select landfall_visible_tenants())::uuid[])`;

/**
 * Tables any actor may add a row to under another tenant, though they read only their own: the
 * audit log records a refused attempt on a record outside the actor's subtree in that record's tenant.
 */
const appendAnywhere = new Set(['audit_log']);

/** ENABLE + FORCE row-level security on `table` with the tenant policy (a later migration's new table too). */
export async function protectTable(db: Kysely<unknown>, table: string) {
  const name = sql.id(table);
  await sql`alter table ${name} enable row level security`.execute(db);
  await sql`alter table ${name} force row level security`.execute(db);
  if (appendAnywhere.has(table)) {
    await sql`create policy tenant_read on ${name} for select using (${visible})`.execute(db);
    await sql`create policy tenant_append on ${name} for insert with check (true)`.execute(db);
    // Visible rows reach the append-only trigger, which refuses loudly rather than touching nothing.
    await sql`create policy tenant_update on ${name} for update using (${visible})`.execute(db);
    await sql`create policy tenant_delete on ${name} for delete using (${visible})`.execute(db);
    return;
  }
  await sql`create policy tenant_scope on ${name} using (${visible}) with check (${visible})`.execute(db);
}
