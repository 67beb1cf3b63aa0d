import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../test/client.ts';
import {
  activateUser,
  asOperator,
  buildUser,
  createWorld,
  INITIAL_PASSWORD,
  nextIp,
  PASSWORD,
  type TestWorld,
} from '../test/fixtures.ts';

/**
 * 三员分立 (issue 12, item 6): the system administrator alone can no longer create, reset, disable or
 * re-role the accounts of the three; a second of them (another role) approves; nobody silences the auditor.
 */
let world: TestWorld;
let security: Awaited<ReturnType<typeof buildUser>>;
let auditor: Awaited<ReturnType<typeof buildUser>>;
beforeAll(async () => {
  world = await createWorld();
  // Bootstrap: with no second of the three yet, the first security administrator is created alone …
  security = await buildUser(world, 'security_admin');
  // … the auditor then needs the security administrator's approval (the fixture uses the operator).
  auditor = await buildUser(world, 'auditor');
});
afterAll(async () => world?.close());

async function audit(action: string) {
  return world.database.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .orderBy('id')
    .execute();
}

async function userNamed(username: string) {
  return (await world.admin.get('/api/users'))
    .json()
    .find((u: { username: string }) => u.username === username);
}

describe('the two-person rule', () => {
  it('makes a new auditor account wait for a second of the three, who approves it', async () => {
    const res = await world.admin.post('/api/users', {
      username: 'shenji2',
      displayName: '第二审计员',
      role: 'auditor',
      password: INITIAL_PASSWORD,
    });
    expect(res.statusCode).toBe(202);
    const request = res.json();
    expect(request).toMatchObject({
      kind: 'create',
      status: 'pending',
      targetUsername: 'shenji2',
      targetRole: 'auditor',
    });
    expect(JSON.stringify(request)).not.toContain('argon2');
    expect(await userNamed('shenji2')).toBeUndefined();
    expect(
      (
        await new TestClient(world.app, nextIp()).post('/api/auth/login', {
          username: 'shenji2',
          password: INITIAL_PASSWORD,
        })
      ).statusCode,
    ).toBe(401);

    // The requester cannot approve their own request; the security administrator sees it and can.
    const own = await world.admin.post(`/api/account-requests/${request.id}/approve`);
    expect(own.statusCode).toBe(403);
    const pending = (await security.client.get('/api/account-requests?status=pending')).json();
    expect(pending.map((r: { id: string }) => r.id)).toContain(request.id);
    const approved = await security.client.post(`/api/account-requests/${request.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', decidedByName: security.username });
    expect((await security.client.post(`/api/account-requests/${request.id}/approve`)).statusCode).toBe(409);

    expect(await userNamed('shenji2')).toMatchObject({ role: 'auditor', mustChangePassword: true });
    const owner = await activateUser(world.app, 'shenji2', INITIAL_PASSWORD, 'Shen#Ji2026x');
    expect((await owner.get('/api/audit')).statusCode).toBe(200);
    expect((await audit('accountRequest.submit')).some((r) => r.record_id === request.id)).toBe(true);
    expect((await audit('accountRequest.approve')).some((r) => r.record_id === request.id)).toBe(true);
    const created = (await audit('user.create')).at(-1);
    expect(created?.actor_name).toBe(security.username);
    expect(created?.after).toMatchObject({
      username: 'shenji2',
      approvedRequest: request.id,
      requestedBy: 'admin',
    });
  });

  it('makes resetting or disabling an administrator wait; a refused request changes nothing', async () => {
    const reset = await world.admin.post(`/api/users/${security.id}/password`, {
      password: 'Taken#Over2026',
    });
    expect(reset.statusCode).toBe(202);
    // The account concerned cannot decide it; nor can another holder of the requester's role.
    expect((await security.client.post(`/api/account-requests/${reset.json().id}/approve`)).statusCode).toBe(
      403,
    );
    const refused = await auditor.client.post(`/api/account-requests/${reset.json().id}/refuse`, {
      reason: '未见本人申请',
    });
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({ status: 'refused', reason: '未见本人申请' });
    expect(
      (
        await new TestClient(world.app, nextIp()).post('/api/auth/login', {
          username: security.username,
          password: 'Taken#Over2026',
        })
      ).statusCode,
    ).toBe(401);
    expect((await security.client.get('/api/me')).statusCode).toBe(200);
    expect((await audit('accountRequest.refuse')).length).toBeGreaterThan(0);

    const disable = await world.admin.post(`/api/users/${security.id}/disable`);
    expect(disable.statusCode).toBe(202);
    expect((await userNamed(security.username)).disabled).toBe(false);
    await auditor.client.post(`/api/account-requests/${disable.json().id}/refuse`, {});
  });

  it('makes a role change into or out of the three wait, and lets a business account change at once', async () => {
    const coordinator = await buildUser(world, 'coordinator');
    const row = await userNamed(coordinator.username);
    const toAuditor = await security.client.put(`/api/users/${coordinator.id}/role`, {
      role: 'auditor',
      unitId: null,
      version: row.version,
    });
    expect(toAuditor.statusCode).toBe(202);
    expect(toAuditor.json()).toMatchObject({ kind: 'changeRole', newRole: 'auditor' });
    expect((await userNamed(coordinator.username)).role).toBe('coordinator');
    // Another of the three approves: the system administrator this time.
    expect((await world.admin.post(`/api/account-requests/${toAuditor.json().id}/approve`)).statusCode).toBe(
      200,
    );
    expect((await userNamed(coordinator.username)).role).toBe('auditor');

    const leader = await buildUser(world, 'leader');
    expect(
      (await world.admin.post(`/api/users/${leader.id}/password`, { password: 'Leader#Reset26' })).statusCode,
    ).toBe(204);
  });

  it('never disables the last enabled auditor, not even with approval or from the CLI', async () => {
    const auditors = (await world.admin.get('/api/users'))
      .json()
      .filter((u: { role: string; disabled: boolean }) => u.role === 'auditor' && !u.disabled);
    expect(auditors.length).toBeGreaterThan(1);
    for (const extra of auditors.slice(1)) {
      const req = await world.admin.post(`/api/users/${extra.id}/disable`);
      expect(req.statusCode).toBe(202);
      expect((await security.client.post(`/api/account-requests/${req.json().id}/approve`)).statusCode).toBe(
        200,
      );
    }
    const last = auditors[0];
    const refused = await world.admin.post(`/api/users/${last.id}/disable`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('唯一在用的安全审计员');
    expect((await asOperator(world.app, 'POST', `/api/users/${last.id}/disable`)).statusCode).toBe(409);
    expect((await userNamed(last.username)).disabled).toBe(false);
  });

  it('lets the operator (the CLI on the server) reset an administrator alone, as the recovery path', async () => {
    const res = await asOperator(world.app, 'POST', `/api/users/${security.id}/password`, {
      password: 'Recover#Sec2026',
    });
    expect(res.statusCode).toBe(204);
    const owner = new TestClient(world.app, nextIp());
    expect((await owner.login(security.username, 'Recover#Sec2026')).mustChangePassword).toBe(true);
    security.client = await activateUser(world.app, security.username, 'Recover#Sec2026', PASSWORD);
  });
});
