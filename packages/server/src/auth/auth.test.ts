import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MINUTE, HOUR } from '../clock.ts';
import { TestClient } from '../test/client.ts';
import { buildSetup, buildUnit, buildUser, createWorld, PASSWORD, type TestWorld } from '../test/fixtures.ts';

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

  it('locks the account for 15 minutes after 5 failures, with the same message', async () => {
    const user = await buildUser(world, 'leader');
    const c = new TestClient(world.app, '10.0.0.3');
    for (let i = 0; i < 5; i++) {
      const res = await c.post('/api/auth/login', { username: user.username, password: 'Wrong#pass1' });
      expect(res.statusCode).toBe(401);
    }
    const locked = await c.post('/api/auth/login', { username: user.username, password: PASSWORD });
    expect(locked.statusCode).toBe(401);
    expect(locked.json().error.code).toBe('invalid_credentials');
    expect((await auditRows('auth.lockout')).some((r) => r.record_id === user.id)).toBe(true);

    world.clock.advance(14 * MINUTE);
    expect(
      (await c.post('/api/auth/login', { username: user.username, password: PASSWORD })).statusCode,
    ).toBe(401);
    world.clock.advance(2 * MINUTE);
    expect(
      (await c.post('/api/auth/login', { username: user.username, password: PASSWORD })).statusCode,
    ).toBe(200);
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
