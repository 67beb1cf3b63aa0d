import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { fakeClock } from '../clock.ts';
import { createTestDatabase, TEST_APP_ROLE, type TestDatabase } from '../test/database.ts';
import { TestClient } from '../test/client.ts';
import { buildSetup, buildUser, PASSWORD } from '../test/fixtures.ts';
import { tenantTables } from './migrations/0019_row_security.ts';
import { createAppRole } from './roles.ts';

/**
 * Row-level security (issue 12 item 12, migration 0019). On PostgreSQL the whole suite's
 * application connections run as TEST_APP_ROLE (test/database.ts); here the role is probed directly.
 */
const onPostgres = !!process.env.TEST_DATABASE_URL;

let database: TestDatabase;
let app: FastifyInstance;
let admin: TestClient;
let wanzhou: string;
let fuling: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database, clock: fakeClock('2026-05-01T10:00:00+08:00') });
  admin = new TestClient(app);
  await admin.post('/api/setup', buildSetup({ tenantName: '重庆市', divisionCode: '500000' }));
  await admin.login('admin', PASSWORD);
  const root = ((await admin.get('/api/me')).json() as { tenantId: string }).tenantId;
  wanzhou = (
    await admin.post('/api/tenants', { parentId: root, name: '万州区', divisionCode: '500101' })
  ).json().id as string;
  fuling = (
    await admin.post('/api/tenants', { parentId: root, name: '涪陵区', divisionCode: '500102' })
  ).json().id as string;
  for (const [tenantId, name] of [
    [wanzhou, '万州经开区管委会'],
    [fuling, '涪陵区经信委'],
  ]) {
    const res = await admin.post('/api/units', { tenantId, name, kind: 'department' });
    expect(res.statusCode).toBe(201);
  }
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** A bare connection as the application's role, with no tenant setting unless a test sets one. */
async function appRoleClient(): Promise<pg.Client> {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${(await sql<{ d: string }>`select current_database() as d`.execute(database.db)).rows[0]!.d}`;
  url.username = TEST_APP_ROLE;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return client;
}

describe('row-level security', () => {
  it('is enabled and forced on every table with a tenant_id (the same SQL ran on PGlite)', async () => {
    const tables = await tenantTables(database.db);
    expect(tables).toEqual(
      expect.arrayContaining(['project', 'ledger_entry', 'audit_log', 'idempotency_key']),
    );
    const { rows } = await sql<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>`
      select relname, relrowsecurity, relforcerowsecurity from pg_class
      where relnamespace = 'public'::regnamespace and relname in (${sql.join(tables)})`.execute(database.db);
    expect(rows).toHaveLength(tables.length);
    for (const row of rows)
      expect(row, row.relname).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
  });

  it.skipIf(!onPostgres)('shows nothing to a query without the tenant setting', async () => {
    const client = await appRoleClient();
    try {
      const me = await client.query(
        `select rolsuper, rolbypassrls from pg_roles where rolname = current_user`,
      );
      expect(me.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
      for (const table of ['unit', 'app_user', 'work_group', 'audit_log']) {
        const { rows } = await client.query(`select count(*)::int as n from ${table}`);
        expect(rows[0].n, table).toBe(0);
      }
      // The same tables are not empty: the owner sees them.
      const owner = await sql<{ n: number }>`select count(*)::int as n from unit`.execute(database.owner);
      expect(owner.rows[0]!.n).toBeGreaterThanOrEqual(2);
    } finally {
      await client.end();
    }
  });

  it.skipIf(!onPostgres)("hides another district's rows and refuses writing them", async () => {
    const client = await appRoleClient();
    try {
      await client.query(`select set_config('landfall.tenants', $1, false)`, [wanzhou]);
      const units = await client.query(`select name, tenant_id from unit`);
      expect(units.rows.map((r) => r.name)).toEqual(['万州经开区管委会']);
      const groups = await client.query(`select distinct tenant_id from work_group`);
      expect(groups.rows.map((r) => r.tenant_id)).toEqual([wanzhou]);
      await expect(
        client.query(
          `insert into unit (tenant_id, name, kind, created_at) values ($1, '越界', 'town', now())`,
          [fuling],
        ),
      ).rejects.toThrow(/row-level security/);
      const moved = await client.query(`update unit set tenant_id = $1`, [fuling]).catch((err: Error) => err);
      expect(String(moved)).toMatch(/row-level security/);
      const deleted = await client.query(`delete from unit where tenant_id = $1`, [fuling]);
      expect(deleted.rowCount).toBe(0);
      await client.query(`select set_config('landfall.tenants', 'all', false)`);
      expect((await client.query(`select count(*)::int as n from unit`)).rows[0].n).toBeGreaterThanOrEqual(2);
    } finally {
      await client.end();
    }
  });

  it.skipIf(!onPostgres)(
    'keeps the application role from disabling triggers, altering tables or switching row security off',
    async () => {
      const client = await appRoleClient();
      try {
        const refused: [string, RegExp][] = [
          ['alter table audit_log disable trigger all', /must be owner/],
          ['alter table ledger_entry disable trigger ledger_entry_no_update_delete', /must be owner/],
          ['alter table project add column x integer', /must be owner/],
          ['alter table project disable row level security', /must be owner/],
          ['alter table project no force row level security', /must be owner/],
          ['drop policy tenant_scope on project', /must be owner/],
          ['create policy everything on project using (true)', /must be owner/],
          ['set session_replication_role = replica', /permission denied/],
          ['truncate ledger_entry', /permission denied/],
          ['update schema_migration set name = name', /permission denied/],
          ['create table sneaky (id int)', /permission denied/],
        ];
        for (const [statement, error] of refused) {
          await expect(client.query(statement), statement).rejects.toThrow(error);
        }
        // row_security = off does not lift the policies: a query they would filter fails instead.
        await client.query(`set row_security = off`);
        await expect(client.query(`select count(*) from project`)).rejects.toThrow(/row-level security/);
      } finally {
        await client.end();
      }
    },
  );

  it.skipIf(!onPostgres)("lets a district read its city's month closes, never write them", async () => {
    const root = ((await admin.get('/api/me')).json() as { tenantId: string }).tenantId;
    await sql`insert into month_close (tenant_id, month, status) values (${root}, '2026-04', 'closed')`.execute(
      database.owner,
    );
    const client = await appRoleClient();
    try {
      await client.query(`select set_config('landfall.tenants', $1, false)`, [wanzhou]);
      const seen = await client.query(`select tenant_id, status from month_close where month = '2026-04'`);
      expect(seen.rows).toEqual([{ tenant_id: root, status: 'closed' }]);
      const reopened = await client.query(`update month_close set status = 'open' where tenant_id = $1`, [
        root,
      ]);
      expect(reopened.rowCount).toBe(0);
      await expect(
        client.query(`insert into month_close (tenant_id, month, status) values ($1, '2026-05', 'closed')`, [
          root,
        ]),
      ).rejects.toThrow(/row-level security/);
      await client.query(`select set_config('landfall.tenants', $1, false)`, [fuling]);
      const sibling = await client.query(`select count(*)::int as n from month_close where tenant_id = $1`, [
        wanzhou,
      ]);
      expect(sibling.rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  });

  it.skipIf(!onPostgres)(
    'holds for requests: a district user sees only its own rows through the API',
    async () => {
      const coordinator = await buildUser({ app, admin }, 'coordinator', { tenantId: wanzhou });
      const units = (await coordinator.client.get('/api/units')).json() as { name: string }[];
      expect(units.map((u) => u.name)).toEqual(['万州经开区管委会']);
      const foreign = await coordinator.client.get(`/api/units?tenantId=${fuling}`);
      expect(foreign.statusCode).toBe(404);
    },
  );

  it.skipIf(!onPostgres)(
    '`landfall db roles` creates an application role that owns nothing and passes no policy',
    async () => {
      const role = `landfall_rls_${Math.random().toString(36).slice(2, 8)}`;
      try {
        expect(await createAppRole(database.owner, role, 'Role#Pass2026')).toEqual({ created: true });
        expect(await createAppRole(database.owner, role, undefined)).toEqual({ created: false });
        const { rows } = await sql<{
          rolsuper: boolean;
          rolbypassrls: boolean;
          rolcanlogin: boolean;
          owned: number;
        }>`
        select rolsuper, rolbypassrls, rolcanlogin,
          (select count(*)::int from pg_tables where tableowner = ${role}) as owned
        from pg_roles where rolname = ${role}`.execute(database.owner);
        expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, rolcanlogin: true, owned: 0 });
        const url = new URL(process.env.TEST_DATABASE_URL!);
        url.pathname = `/${(await sql<{ d: string }>`select current_database() as d`.execute(database.db)).rows[0]!.d}`;
        url.username = role;
        url.password = 'Role#Pass2026';
        const client = new pg.Client({ connectionString: url.toString() });
        await client.connect();
        try {
          expect((await client.query(`select count(*)::int as n from project`)).rows[0].n).toBe(0);
          await client.query(`select set_config('landfall.tenants', $1, false)`, [wanzhou]);
          expect((await client.query(`select count(*)::int as n from unit`)).rows[0].n).toBe(1);
          await expect(client.query('alter table unit add column x int')).rejects.toThrow(/must be owner/);
        } finally {
          await client.end();
        }
        await expect(createAppRole(database.owner, 'Bad-Name', undefined)).rejects.toThrow(/role name/);
      } finally {
        await sql`drop owned by ${sql.id(role)}`.execute(database.owner).catch(() => {});
        await sql`drop role if exists ${sql.id(role)}`.execute(database.owner);
      }
    },
  );
});
