import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MINUTE, HOUR } from '../clock.ts';
import { TestClient } from '../test/client.ts';
import {
  asOperator,
  buildSetup,
  buildUnit,
  buildUser,
  createWorld,
  INITIAL_PASSWORD,
  nextIp,
  PASSWORD,
  type TestWorld,
} from '../test/fixtures.ts';

let world: TestWorld;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(async () => world?.close());
// Tests move the fake clock past the session timeouts; the administrator logs in again for each.
beforeEach(async () => {
  await world.admin.login('admin', PASSWORD);
});

async function auditRows(action: string) {
  return world.database.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .orderBy('id')
    .execute();
}

describe('setup', () => {
  it('refuses to run twice', async () => {
    const again = await new TestClient(world.app).post('/api/setup', buildSetup({ adminUsername: 'other' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('setup_done');
    const status = await new TestClient(world.app).get('/api/setup');
    expect(status.json()).toEqual({ needed: false });
  });
});

describe('login', () => {
  it('answers one generic message for unknown user and wrong password', async () => {
    const c = new TestClient(world.app, '10.0.0.1');
    const unknown = await c.post('/api/auth/login', { username: 'nobody', password: 'x' });
    const wrong = await c.post('/api/auth/login', { username: 'admin', password: 'wrong' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
    expect(unknown.json().error.code).toBe('invalid_credentials');
  });

  it('issues a new HttpOnly SameSite session cookie at each login', async () => {
    const user = await buildUser(world, 'coordinator');
    const c = new TestClient(world.app, '10.0.0.2');
    const first = await c.post('/api/auth/login', { username: user.username, password: PASSWORD });
    const second = await c.post('/api/auth/login', { username: user.username, password: PASSWORD });
    const cookieOf = (res: typeof first) => res.cookies.find((k) => k.name === 'landfall_session');
    expect(cookieOf(first)?.httpOnly).toBe(true);
    expect(cookieOf(first)?.sameSite).toBe('Strict');
    expect(cookieOf(first)?.value).not.toBe(cookieOf(second)?.value);
  });

  it('makes one address wait longer after each failure (1 s, 2 s, 4 s …), with Retry-After and a Chinese message', async () => {
    const user = await buildUser(world, 'leader');
    const c = new TestClient(world.app, '10.0.0.3');
    const attempt = (password: string) => c.post('/api/auth/login', { username: user.username, password });
    for (let i = 0; i < 4; i++) expect((await attempt('Wrong#pass1')).statusCode).toBe(401);
    expect((await attempt('Wrong#pass1')).statusCode).toBe(401);
    // From the fifth failure on, the next try waits: even the right password is not checked meanwhile.
    for (const seconds of [1, 2, 4, 8]) {
      const waiting = await attempt(PASSWORD);
      expect(waiting.statusCode).toBe(429);
      expect(waiting.headers['retry-after']).toBe(String(seconds));
      expect(waiting.json().error.code).toBe('rate_limited');
      expect(waiting.json().error.message).toBe(`登录尝试过于频繁，请 ${seconds} 秒后再试`);
      world.clock.advance(seconds * 1000);
      expect((await attempt('Wrong#pass1')).statusCode).toBe(401);
    }
    expect((await auditRows('auth.throttle')).some((r) => r.record_id === user.id)).toBe(true);
    // Forgotten after a quiet hour: the right password works at once.
    world.clock.advance(61 * MINUTE);
    expect((await attempt(PASSWORD)).statusCode).toBe(200);
  });

  it('does not let failures from an attacker’s address keep the owner out (50 failures on admin)', async () => {
    const attacker = new TestClient(world.app, '10.66.6.6');
    let failures = 0;
    let waited = 0;
    while (failures < 50) {
      const res = await attacker.post('/api/auth/login', {
        username: 'admin',
        password: `Guess#${failures}x`,
      });
      if (res.statusCode === 429) {
        const wait = Number(res.headers['retry-after']);
        expect(wait).toBeGreaterThan(0);
        expect(wait).toBeLessThanOrEqual(15 * 60);
        waited = Math.max(waited, wait);
        world.clock.advance(wait * 1000);
        continue;
      }
      expect(res.statusCode).toBe(401);
      failures++;
    }
    expect(waited).toBe(15 * 60);
    // The attacker's address still waits, even with the right password …
    expect(
      (await attacker.post('/api/auth/login', { username: 'admin', password: PASSWORD })).statusCode,
    ).toBe(429);
    // … while the owner, at their own address, logs in at once.
    const owner = new TestClient(world.app, '10.0.0.8');
    // (password, then the authenticator's code: the administrator has two factors)
    expect((await owner.login('admin', PASSWORD)).username).toBe('admin');
    expect((await owner.get('/api/me')).json().username).toBe('admin');
  });

  it('slows, never locks, an account guessed at from many addresses (the account-wide net)', async () => {
    const user = await buildUser(world, 'coordinator');
    // 10 addresses × 5 failures: each address adds at most 5 to the account-wide count, which waits from 50.
    for (let a = 0; a < 10; a++) {
      const bot = new TestClient(world.app, `10.77.0.${a + 1}`);
      for (let i = 0; i < 5; i++) {
        expect(
          (await bot.post('/api/auth/login', { username: user.username, password: 'Bot#guess1' })).statusCode,
        ).toBe(401);
      }
    }
    const owner = new TestClient(world.app, '10.0.0.9');
    const slowed = await owner.post('/api/auth/login', { username: user.username, password: PASSWORD });
    expect(slowed.statusCode).toBe(429);
    expect(Number(slowed.headers['retry-after'])).toBeLessThanOrEqual(30);
    // More addresses make the wait grow, but never past 30 seconds.
    for (let a = 10; a < 30; a++) {
      world.clock.advance(30_000);
      const bot = new TestClient(world.app, `10.77.0.${a + 1}`);
      const res = await bot.post('/api/auth/login', { username: user.username, password: 'Bot#guess1' });
      expect(res.statusCode).toBe(401);
    }
    const again = await owner.post('/api/auth/login', { username: user.username, password: PASSWORD });
    expect(again.statusCode).toBe(429);
    expect(Number(again.headers['retry-after'])).toBe(30);
    world.clock.advance(30_000);
    expect(
      (await owner.post('/api/auth/login', { username: user.username, password: PASSWORD })).statusCode,
    ).toBe(200);
  });

  it('lets the operator (CLI) clear the wait without an administrator', async () => {
    const user = await buildUser(world, 'leader');
    const c = new TestClient(world.app, '10.0.0.10');
    for (let i = 0; i < 5; i++)
      await c.post('/api/auth/login', { username: user.username, password: 'Wrong#1x' });
    expect(
      (await c.post('/api/auth/login', { username: user.username, password: PASSWORD })).statusCode,
    ).toBe(429);
    expect((await asOperator(world.app, 'POST', `/api/users/${user.id}/unlock`)).statusCode).toBe(200);
    expect(
      (await c.post('/api/auth/login', { username: user.username, password: PASSWORD })).statusCode,
    ).toBe(200);
  });

  it('throttles unknown usernames exactly like real ones', async () => {
    const c = new TestClient(world.app, '10.0.0.11');
    for (let i = 0; i < 5; i++)
      await c.post('/api/auth/login', { username: 'nosuchuser', password: 'Wrong#1x' });
    const res = await c.post('/api/auth/login', { username: 'nosuchuser', password: 'Wrong#1x' });
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('1');
  });

  it('rate-limits login attempts per address with 429', async () => {
    const c = new TestClient(world.app, '10.0.0.99');
    let last = 0;
    for (let i = 0; i < 31; i++) {
      last = (await c.post('/api/auth/login', { username: `ghost${i}`, password: 'x' })).statusCode;
    }
    expect(last).toBe(429);
    world.clock.advance(MINUTE);
    expect((await c.post('/api/auth/login', { username: 'ghost', password: 'x' })).statusCode).toBe(401);
  });
});

describe('issued passwords', () => {
  it('must be changed at first use: until then the session can do nothing else, and the use is audited', async () => {
    const username = 'xietiao_new';
    const created = await world.admin.post('/api/users', {
      username,
      displayName: '新协调员',
      role: 'coordinator',
      password: INITIAL_PASSWORD,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().mustChangePassword).toBe(true);
    const owner = new TestClient(world.app, nextIp());
    const me = await owner.login(username, INITIAL_PASSWORD);
    expect(me.mustChangePassword).toBe(true);
    expect(me.actions).toEqual(['me.read', 'me.changePassword', 'auth.logout']);
    const blocked = await owner.get('/api/units');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('password_change_required');
    expect(blocked.json().error.message).toBe('请先修改管理员为您设置的密码');
    const login = (await auditRows('auth.login')).filter(
      (r) => r.actor_name === username && r.outcome === 'ok',
    );
    expect(login.at(-1)?.after).toEqual({ passwordChangeRequired: true });

    const same = await owner.post('/api/me/password', {
      currentPassword: INITIAL_PASSWORD,
      newPassword: INITIAL_PASSWORD,
    });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.fields[0].path).toEqual(['newPassword']);
    expect(
      (
        await owner.post('/api/me/password', {
          currentPassword: INITIAL_PASSWORD,
          newPassword: 'Mine#Own2026',
        })
      ).statusCode,
    ).toBe(204);
    const changed = (await auditRows('me.changePassword')).at(-1);
    expect(changed?.after).toEqual({ replacedIssuedPassword: true });
    const again = new TestClient(world.app, nextIp());
    expect((await again.login(username, 'Mine#Own2026')).mustChangePassword).toBe(false);
    expect((await again.get('/api/units')).statusCode).toBe(200);
    // The issued password no longer opens anything.
    expect(
      (
        await new TestClient(world.app, nextIp()).post('/api/auth/login', {
          username,
          password: INITIAL_PASSWORD,
        })
      ).statusCode,
    ).toBe(401);
  });

  it('a reset password is issued too: the administrator who set it cannot use the account unnoticed', async () => {
    const user = await buildUser(world, 'coordinator');
    expect(
      (await world.admin.post(`/api/users/${user.id}/password`, { password: 'Reset#Issued26' })).statusCode,
    ).toBe(204);
    const intruder = new TestClient(world.app, nextIp());
    expect((await intruder.login(user.username, 'Reset#Issued26')).mustChangePassword).toBe(true);
    expect((await intruder.get('/api/projects')).statusCode).toBe(403);
    const reset = (await auditRows('user.resetPassword')).at(-1);
    expect(reset?.record_id).toBe(user.id);
  });
});

describe('idle accounts', () => {
  it('are disabled at login after the tenant’s idle days, with a message to ask the administrator', async () => {
    const user = await buildUser(world, 'leader');
    world.clock.advance(89 * 24 * HOUR);
    await world.admin.login('admin', PASSWORD);
    world.clock.advance(2 * 24 * HOUR);
    const c = new TestClient(world.app, nextIp());
    const idle = await c.post('/api/auth/login', { username: user.username, password: PASSWORD });
    expect(idle.statusCode).toBe(403);
    expect(idle.json().error.code).toBe('account_idle');
    expect(idle.json().error.message).toBe('账户已超过 90 天未使用，已被停用，请联系系统管理员启用');
    // A wrong password learns nothing about it.
    const wrong = await c.post('/api/auth/login', { username: user.username, password: 'Wrong#pass1' });
    expect(wrong.json().error.code).toBe('invalid_credentials');

    await world.admin.login('admin', PASSWORD);
    const listed = (await world.admin.get('/api/users')).json().find((u: { id: string }) => u.id === user.id);
    expect(listed).toMatchObject({ disabled: true, disabledReason: 'idle' });
    expect((await auditRows('user.disableIdle')).some((r) => r.record_id === user.id)).toBe(true);
    expect((await world.admin.post(`/api/users/${user.id}/enable`)).statusCode).toBe(200);
    expect(
      (await c.post('/api/auth/login', { username: user.username, password: PASSWORD })).statusCode,
    ).toBe(200);
  });

  it('follow a tenant that sets fewer idle days', async () => {
    const security = await buildUser(world, 'security_admin');
    const policy = (await security.client.get(`/api/password-policy?tenantId=${world.tenantId}`)).json();
    const saved = await security.client.put('/api/password-policy', {
      ...policy,
      inherited: undefined,
      idleDays: 30,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const user = await buildUser(world, 'viewer');
    world.clock.advance(29 * 24 * HOUR);
    await world.admin.login('admin', PASSWORD);
    await security.client.login(security.username, PASSWORD);
    const c = new TestClient(world.app, nextIp());
    expect(
      (await c.post('/api/auth/login', { username: user.username, password: PASSWORD })).statusCode,
    ).toBe(200);
    world.clock.advance(29 * 24 * HOUR);
    await world.admin.login('admin', PASSWORD);
    await security.client.login(security.username, PASSWORD);
    world.clock.advance(2 * 24 * HOUR);
    expect(
      (await c.post('/api/auth/login', { username: user.username, password: PASSWORD })).statusCode,
    ).toBe(403);
    const current = (await security.client.get(`/api/password-policy?tenantId=${world.tenantId}`)).json();
    await security.client.put('/api/password-policy', { ...current, inherited: undefined, idleDays: 90 });
  });
});

describe('sessions', () => {
  it('expire after 30 idle minutes', async () => {
    const user = await buildUser(world, 'coordinator');
    expect((await user.client.get('/api/me')).statusCode).toBe(200);
    world.clock.advance(29 * MINUTE);
    expect((await user.client.get('/api/me')).statusCode).toBe(200);
    world.clock.advance(31 * MINUTE);
    const expired = await user.client.get('/api/me');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('session_expired');
  });

  it('expire 12 hours after login even when active', async () => {
    const user = await buildUser(world, 'coordinator');
    for (let i = 0; i < 24; i++) {
      world.clock.advance(29 * MINUTE);
      expect((await user.client.get('/api/me')).statusCode).toBe(200);
    }
    world.clock.advance(HOUR);
    expect((await user.client.get('/api/me')).statusCode).toBe(401);
  });

  it('end at logout and when the account is disabled', async () => {
    const a = await buildUser(world, 'leader');
    expect((await a.client.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await a.client.get('/api/me')).statusCode).toBe(401);

    const b = await buildUser(world, 'leader');
    expect((await world.admin.post(`/api/users/${b.id}/disable`)).statusCode).toBe(200);
    expect((await b.client.get('/api/me')).statusCode).toBe(401);
    const again = new TestClient(world.app, '10.0.0.4');
    expect(
      (await again.post('/api/auth/login', { username: b.username, password: PASSWORD })).statusCode,
    ).toBe(401);
  });
});

describe('CSRF and headers', () => {
  it('refuses a state-changing request without the token', async () => {
    const res = await world.admin.request(
      'POST',
      '/api/units',
      { name: '无令牌单位', kind: 'department' },
      { csrf: false },
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_invalid');
    const units = await world.admin.get('/api/units');
    expect(units.json().map((u: { name: string }) => u.name)).not.toContain('无令牌单位');
  });

  it('refuses a forged token', async () => {
    const res = await world.admin.request(
      'POST',
      '/api/units',
      { name: '伪造令牌单位', kind: 'department' },
      { csrf: false, headers: { 'x-csrf-token': 'forged' } },
    );
    expect(res.statusCode).toBe(403);
  });

  it('sends security headers on every response', async () => {
    for (const url of ['/api/health', '/api/me', '/api/nothing-here']) {
      const res = await world.admin.get(url);
      const policy = String(res.headers['content-security-policy']);
      expect(policy).toContain("script-src 'self'");
      expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(policy).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('same-origin');
    }
  });
});

describe('errors', () => {
  it('answers 400 with field paths, in Chinese or English', async () => {
    const zh = await world.admin.post('/api/units', { name: '', kind: 'nonsense' });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.code).toBe('validation_failed');
    expect(
      zh
        .json()
        .error.fields.map((f: { path: string[] }) => f.path[0])
        .sort(),
    ).toEqual(['kind', 'name']);
    expect(zh.json().error.message).toMatch(/输入有误/);
    const en = await world.admin.request(
      'POST',
      '/api/units',
      { name: '' },
      { headers: { 'accept-language': 'en-US' } },
    );
    expect(en.json().error.message).toBe('Some fields are invalid');
  });

  it('answers 400 for malformed JSON, 404 for unknown ids and routes, 409 for duplicates and stale versions', async () => {
    const bad = await world.admin.request('POST', '/api/units', undefined, {
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (
        await world.admin.put('/api/units/00000000-0000-4000-8000-000000000000', {
          name: 'x',
          kind: 'town',
          groupId: null,
          active: true,
          version: 1,
        })
      ).statusCode,
    ).toBe(404);
    expect((await world.admin.get('/api/units/not-a-route/x')).statusCode).toBe(404);
    const unit = await buildUnit(world.admin, { name: '龙都街道', kind: 'town' });
    const dup = await world.admin.post('/api/units', { name: '龙都街道', kind: 'town' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('duplicate');
    const edit = { name: '龙都街道办事处', kind: 'town', groupId: null, active: true, version: unit.version };
    expect((await world.admin.put(`/api/units/${unit.id}`, edit)).statusCode).toBe(200);
    const stale = await world.admin.put(`/api/units/${unit.id}`, { ...edit, name: '旧版本' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
    expect(stale.json().error.details.current.name).toBe('龙都街道办事处');
  });
});
