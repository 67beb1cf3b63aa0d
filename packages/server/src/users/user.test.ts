import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildUnit,
  buildUser,
  createWorld,
  nextIp,
  PASSWORD,
  uniqueName,
  type TestWorld,
} from '../test/fixtures.ts';
import { TestClient } from '../test/client.ts';

let world: TestWorld;
let unitId: string;
beforeAll(async () => {
  world = await createWorld();
  unitId = (await buildUnit(world.admin, { name: '区招商局' })).id;
});
afterAll(async () => world?.close());

const base = { displayName: '张三', password: PASSWORD };

describe('accounts', () => {
  it('require a unit for unit staff and refuse one for other roles', async () => {
    expect(
      (await world.admin.post('/api/users', { ...base, username: 'nounit', role: 'unit_staff' })).json().error
        .fields[0].path,
    ).toEqual(['unitId']);
    expect(
      (await world.admin.post('/api/users', { ...base, username: 'withunit', role: 'leader', unitId }))
        .statusCode,
    ).toBe(400);
    expect(
      (await world.admin.post('/api/users', { ...base, username: 'staff1', role: 'unit_staff', unitId }))
        .statusCode,
    ).toBe(201);
  });

  it('enforce the password policy, and the security administrator can change it', async () => {
    const weak = await world.admin.post('/api/users', {
      ...base,
      username: 'weak',
      role: 'leader',
      password: 'abcdefgh',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('password_policy');
    expect(weak.json().error.fields[0].path).toEqual(['password']);

    const security = await buildUser(world, 'security_admin');
    const policy = (await security.client.get('/api/password-policy')).json();
    expect(policy).toEqual({ minLength: 8, minClasses: 3, idleDays: 90, version: 0, inherited: null });
    const updated = await security.client.put('/api/password-policy', {
      minLength: 12,
      minClasses: 2,
      idleDays: 90,
      version: 0,
    });
    expect(updated.json()).toEqual({
      minLength: 12,
      minClasses: 2,
      idleDays: 90,
      version: 1,
      inherited: null,
    });
    expect((await security.client.get('/api/password-policy')).json().minLength).toBe(12);
    expect(
      (
        await security.client.put('/api/password-policy', {
          minLength: 9,
          minClasses: 2,
          idleDays: 90,
          version: 0,
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await world.admin.post('/api/users', {
          ...base,
          username: 'short',
          role: 'leader',
          password: 'Abcdefg#123',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await world.admin.post('/api/users', {
          ...base,
          username: 'long',
          role: 'leader',
          password: 'abcdefghij12',
        })
      ).statusCode,
    ).toBe(201);
    await security.client.put('/api/password-policy', {
      minLength: 8,
      minClasses: 3,
      idleDays: 90,
      version: 1,
    });
  });

  it('refuse a duplicate username, whatever its case', async () => {
    const res = await world.admin.post('/api/users', { ...base, username: 'ADMIN', role: 'leader' });
    expect(res.statusCode).toBe(409);
  });

  it('end sessions on role change and password reset, and clear a throttled account', async () => {
    const user = await buildUser(world, 'leader');
    const security = await buildUser(world, 'security_admin');
    const target = (await world.admin.get('/api/users')).json().find((u: { id: string }) => u.id === user.id);
    const changed = await security.client.put(`/api/users/${user.id}/role`, {
      role: 'coordinator',
      unitId: null,
      version: target.version,
    });
    expect(changed.json().role).toBe('coordinator');
    expect((await user.client.get('/api/me')).statusCode).toBe(401);

    const again = new TestClient(world.app, nextIp());
    await again.login(user.username, PASSWORD);
    expect((await again.get('/api/me')).json().actions).toContain('unit.read');
    expect(
      (await world.admin.post(`/api/users/${user.id}/password`, { password: 'Fresh#Pass2026' })).statusCode,
    ).toBe(204);
    expect((await again.get('/api/me')).statusCode).toBe(401);

    const bad = new TestClient(world.app, nextIp());
    for (let i = 0; i < 5; i++)
      await bad.post('/api/auth/login', { username: user.username, password: 'wrong' });
    expect(
      (await bad.post('/api/auth/login', { username: user.username, password: 'Fresh#Pass2026' })).statusCode,
    ).toBe(429);
    expect((await security.client.post(`/api/users/${user.id}/unlock`)).statusCode).toBe(200);
    expect(
      (await bad.post('/api/auth/login', { username: user.username, password: 'Fresh#Pass2026' })).statusCode,
    ).toBe(200);
  });

  it('do not let an administrator disable or re-role their own account', async () => {
    const me = (await world.admin.get('/api/me')).json();
    expect((await world.admin.post(`/api/users/${me.id}/disable`)).statusCode).toBe(409);
  });

  it('let a user change their own password with the current one', async () => {
    const user = await buildUser(world, 'coordinator');
    const wrong = await user.client.post('/api/me/password', {
      currentPassword: 'nope',
      newPassword: 'Brand#New2026',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].path).toEqual(['currentPassword']);
    expect(
      (
        await user.client.post('/api/me/password', {
          currentPassword: PASSWORD,
          newPassword: 'Brand#New2026',
        })
      ).statusCode,
    ).toBe(204);
    await new TestClient(world.app, nextIp()).login(user.username, 'Brand#New2026');
  });

  it('refuse commonly used passwords (in any case, through simple substitutions) and ones containing the username', async () => {
    for (const password of [
      'Aa123456',
      'Admin@123',
      'P@ssw0rd',
      'Password1',
      'qwe123!@#',
      '1qaz@WSX',
      'zhang123!',
      'pA$$W0RD1',
    ]) {
      const res = await world.admin.post('/api/users', {
        ...base,
        username: uniqueName('common'),
        role: 'leader',
        password,
      });
      expect(res.statusCode, password).toBe(400);
      expect(res.json().error.code).toBe('password_policy');
      expect(res.json().error.details.problems, password).toContain('common');
      expect(res.json().error.fields[0].message).toContain('常用密码');
    }
    const named = await world.admin.post('/api/users', {
      ...base,
      username: 'wangjianguo',
      role: 'leader',
      password: 'WangJianguo#2026',
    });
    expect(named.statusCode).toBe(400);
    expect(named.json().error.details.problems).toEqual(['contains_username']);
    expect(named.json().error.fields[0].message).toBe('密码不能包含用户名');
    // The same rules hold when the owner changes it.
    const user = await buildUser(world, 'leader');
    const mine = await user.client.post('/api/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'Admin@1234',
    });
    expect(mine.statusCode).toBe(400);
    expect(mine.json().error.fields[0].path).toEqual(['newPassword']);
    expect(
      (
        await world.admin.post('/api/users', {
          ...base,
          username: 'wangjianguo',
          role: 'leader',
          password: 'Jian#Guo2026x',
        })
      ).statusCode,
    ).toBe(201);
  });
});
