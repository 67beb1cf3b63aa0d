import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, createWorld, PASSWORD, type TestWorld } from '../test/fixtures.ts';
import { TestClient } from '../test/client.ts';

let world: TestWorld;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(async () => world?.close());

const rows = (action: string) =>
  world.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

describe('audit', () => {
  it('appends one row per write, with who, where, what, before and after', async () => {
    const unit = await buildUnit(world.admin, { name: '区商务委' });
    const [created] = (await rows('unit.create')).filter((r) => r.record_id === unit.id);
    expect(created).toMatchObject({
      actor_name: 'admin',
      role: 'system_admin',
      tenant_id: world.tenantId,
      ip: '127.0.0.1',
      outcome: 'ok',
      record_type: 'unit',
      before: null,
    });
    expect(created?.request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created?.after).toMatchObject({ name: '区商务委', kind: 'department' });

    const res = await world.admin.put(`/api/units/${unit.id}`, {
      name: '区商务委员会',
      kind: 'department',
      groupId: null,
      active: false,
      version: 1,
    });
    expect(res.statusCode).toBe(200);
    const [updated] = (await rows('unit.update')).filter((r) => r.record_id === unit.id);
    expect(updated?.before).toMatchObject({ name: '区商务委', active: true });
    expect(updated?.after).toMatchObject({ name: '区商务委员会', active: false });
    expect(updated?.request_id).toBe(res.headers['x-request-id']);
  });

  it('never stores a password or its hash', async () => {
    await buildUser(world, 'coordinator');
    const all = await world.database.db.selectFrom('audit_log').select(['before', 'after']).execute();
    const text = JSON.stringify(all);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('$argon2id$');
  });

  it('records logins, failed logins, logouts and denials', async () => {
    const user = await buildUser(world, 'leader');
    await new TestClient(world.app, '10.7.0.1').post('/api/auth/login', {
      username: user.username,
      password: 'nope',
    });
    await user.client.post('/api/units', { name: '越权', kind: 'town' });
    await user.client.post('/api/auth/logout');
    const mine = await world.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('actor_name', '=', user.username)
      .execute();
    const seen = mine.map((r) => `${r.action}:${r.outcome}`);
    expect(seen).toEqual(
      expect.arrayContaining(['auth.login:ok', 'auth.login:failed', 'unit.create:denied', 'auth.logout:ok']),
    );
  });

  it('rolls the write back when its audit row cannot be written', async () => {
    await sql`
      create function refuse_unit_audit() returns trigger language plpgsql as $$
      begin
        if new.action = 'unit.create' then raise exception 'audit store unavailable'; end if;
        return new;
      end $$`.execute(world.database.owner);
    await sql`create trigger refuse_unit_audit before insert on audit_log for each row execute function refuse_unit_audit()`.execute(
      world.database.owner,
    );
    try {
      const res = await world.admin.post('/api/units', { name: '审计失败单位', kind: 'town' });
      expect(res.statusCode).toBe(500);
      expect(res.json().error.code).toBe('internal');
      expect(res.json().error.requestId).toBe(res.headers['x-request-id']);
      expect(res.body).not.toContain('audit store unavailable');
      const unit = await world.database.db
        .selectFrom('unit')
        .select('id')
        .where('name', '=', '审计失败单位')
        .executeTakeFirst();
      expect(unit).toBeUndefined();
    } finally {
      await sql`drop trigger refuse_unit_audit on audit_log`.execute(world.database.owner);
    }
  });

  it('cannot be updated, deleted or truncated', async () => {
    await expect(sql`update audit_log set action = 'x'`.execute(world.database.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_log`.execute(world.database.db)).rejects.toThrow(/append-only/);
    // The application's role has no TRUNCATE at all on PostgreSQL (row-level security, migration 0019).
    await expect(sql`truncate audit_log`.execute(world.database.db)).rejects.toThrow(
      /append-only|permission denied/,
    );
    expect((await rows('setup.run')).length).toBe(1);
  });

  it('is read and filtered by the auditor only', async () => {
    const auditor = await buildUser(world, 'auditor');
    const all = (await auditor.client.get('/api/audit?pageSize=200')).json();
    expect(all.total).toBeGreaterThan(5);
    const creates = (await auditor.client.get('/api/audit?action=unit.create&outcome=ok')).json();
    expect(creates.items.length).toBeGreaterThan(0);
    expect(
      creates.items.every(
        (i: { action: string; outcome: string }) => i.action === 'unit.create' && i.outcome === 'ok',
      ),
    ).toBe(true);
    const byActor = (await auditor.client.get('/api/audit?actor=admin&pageSize=5')).json();
    expect(byActor.items.length).toBe(5);
    expect(byActor.items.every((i: { actorName: string }) => i.actorName.includes('admin'))).toBe(true);
    const future = (await auditor.client.get('/api/audit?from=2030-01-01')).json();
    expect(future.total).toBe(0);
    const today = (await auditor.client.get('/api/audit?from=2026-03-02&to=2026-03-02')).json();
    // The fake clock stands on 2026-03-02 (Asia/Shanghai); each of the four reads before this one is audited too.
    expect(today.total).toBe(all.total + 4);
    const dayBefore = (await auditor.client.get('/api/audit?from=2026-03-01&to=2026-03-01')).json();
    expect(dayBefore.total).toBe(0);
    expect((await world.admin.get('/api/audit')).statusCode).toBe(403);
  });
});
