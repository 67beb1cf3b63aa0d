import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../app.ts';
import { fakeClock, MINUTE } from '../clock.ts';
import type { Database } from '../db/database.ts';
import { parseTrustProxy, readEnv } from '../env.ts';
import { createTestDatabase } from '../test/database.ts';
import { TestClient } from '../test/client.ts';
import { buildSetup, buildUser, OPERATOR_TOKEN, PASSWORD } from '../test/fixtures.ts';

/** Issue 12, item 10: behind a proxy, headers, Host/Origin, CSRF bound to the session, API rate limits. */

interface Built {
  app: FastifyInstance;
  database: Database;
  clock: ReturnType<typeof fakeClock>;
  admin: TestClient;
}
const opened: Built[] = [];
afterAll(async () => {
  for (const b of opened) {
    await b.app.close();
    await b.database.close();
  }
});

async function build(opts: Partial<AppOptions> = {}, setup = true): Promise<Built> {
  const database = await createTestDatabase();
  const clock = fakeClock('2026-03-02T09:00:00+08:00');
  const app = await buildApp({ database, clock, operatorToken: OPERATOR_TOKEN, ...opts });
  const admin = new TestClient(app);
  const built = { app, database, clock, admin };
  opened.push(built);
  if (setup) {
    const res = await admin.post('/api/setup', buildSetup());
    if (res.statusCode !== 201) throw new Error(res.body);
    await admin.login('admin', PASSWORD);
  }
  return built;
}

describe('LANDFALL_TRUST_PROXY', () => {
  it('refuses true at start with a message that says what to give instead', () => {
    expect(() => parseTrustProxy('true')).toThrow(/refused.*addresses or CIDRs.*number of proxies/s);
    expect(() => readEnv({ LANDFALL_TRUST_PROXY: 'true' })).toThrow(/LANDFALL_TRUST_PROXY=true is refused/);
    expect(() => parseTrustProxy('proxy.local')).toThrow(/not an IP address or CIDR/);
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(/not an IP address or CIDR/);
  });

  it('takes addresses, CIDRs or a hop count', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('10.0.0.5, 10.1.0.0/16,::1')).toEqual(['10.0.0.5', '10.1.0.0/16', '::1']);
    expect(readEnv({ LANDFALL_TRUST_PROXY: '2' }).trustProxy).toBe(2);
  });

  describe('behind a proxy at 10.1.1.1', () => {
    let b: Built;
    let username: string;
    beforeAll(async () => {
      b = await build({ trustProxy: ['10.1.1.1'] });
      username = (await buildUser(b, 'coordinator')).username;
    });

    async function failedLoginsFrom(peer: string, forwarded: (i: number) => string, n: number) {
      // The login form's CSRF pair (an anonymous page's).
      const page = await b.app.inject({ method: 'GET', url: '/api/csrf', remoteAddress: peer });
      const csrf = { 'x-csrf-token': page.json().token, cookie: `_csrf=${page.cookies[0]?.value}` };
      const statuses: number[] = [];
      for (let i = 0; i < n; i++) {
        const res = await b.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: peer,
          headers: { ...csrf, 'x-forwarded-for': forwarded(i), 'content-type': 'application/json' },
          payload: { username, password: `Wrong#pass${i}` },
        });
        statuses.push(res.statusCode);
      }
      return statuses;
    }

    async function auditedAddresses() {
      const rows = await b.database.db
        .selectFrom('audit_log')
        .select('ip')
        .where('action', '=', 'auth.login')
        .where('actor_name', '=', username)
        .where('outcome', '=', 'failed')
        .execute();
      return new Set(rows.map((r) => r.ip));
    }

    it('an untrusted peer rotating X-Forwarded-For is audited and throttled as itself', async () => {
      const statuses = await failedLoginsFrom('10.50.0.1', (i) => `6.6.${i}.6`, 7);
      // The pair (username, address) waits from its 5th failure: the rotated header changed nothing.
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.at(-1)).toBe(429);
      expect(await auditedAddresses()).toEqual(new Set(['10.50.0.1']));
      const keys = await b.database.db.selectFrom('login_throttle').select('key').execute();
      expect(keys.map((k) => k.key)).toContain(`pair:${username}|10.50.0.1`);
      expect(keys.some((k) => k.key.includes('6.6.'))).toBe(false);
    });

    it('the trusted proxy speaks for the client: the forwarded address is audited and throttled', async () => {
      b.clock.advance(2 * 60 * MINUTE);
      await failedLoginsFrom('10.1.1.1', () => '203.0.113.7', 2);
      expect(await auditedAddresses()).toContain('203.0.113.7');
      const keys = await b.database.db.selectFrom('login_throttle').select('key').execute();
      expect(keys.map((k) => k.key)).toContain(`pair:${username}|203.0.113.7`);
    });

    it('sends HSTS when the request is https through the trusted proxy, not when an untrusted peer claims it', async () => {
      const via = (remoteAddress: string, headers: Record<string, string>) =>
        b.app.inject({ method: 'GET', url: '/api/setup', remoteAddress, headers });
      const tls = await via('10.1.1.1', { 'x-forwarded-proto': 'https' });
      expect(tls.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const claimed = await via('10.50.0.2', { 'x-forwarded-proto': 'https' });
      expect(claimed.headers['strict-transport-security']).toBeUndefined();
      const plain = await via('10.1.1.1', {});
      expect(plain.headers['strict-transport-security']).toBeUndefined();
    });
  });
});

describe('Cache-Control', () => {
  it('is no-store on API data and exports', async () => {
    const b = await build();
    for (const url of ['/api/me', '/api/units', '/api/exports/monthly.xlsx?month=2026-02', '/api/audit']) {
      const res = await b.admin.get(url);
      expect(res.headers['cache-control'], `${url} ${res.statusCode}`).toBe('no-store');
    }
    // errors too (a 404 of an attachment id names nothing a cache should keep)
    const missing = await b.admin.get('/api/attachments/00000000-0000-4000-8000-000000000000');
    expect(missing.headers['cache-control']).toBe('no-store');
  });
});

describe('Host and Origin', () => {
  const publicUrl = new URL('https://landfall.example.gov.cn');

  it('with LANDFALL_PUBLIC_URL: another host gets 421, loopback names stay open for the CLI', async () => {
    const b = await build({ publicUrl });
    const at = (host: string) => b.app.inject({ method: 'GET', url: '/api/setup', headers: { host } });
    expect((await at('landfall.example.gov.cn')).statusCode).toBe(200);
    expect((await at('127.0.0.1:3000')).statusCode).toBe(200);
    expect((await at('localhost:3000')).statusCode).toBe(200);
    const other = await at('rebind.attacker.example');
    expect(other.statusCode).toBe(421);
    expect(other.json().error.code).toBe('host_not_allowed');
    expect(other.json().error.message).toBe('此地址不是本系统的访问地址，请使用管理员公布的网址');
  });

  it('with LANDFALL_PUBLIC_URL: a write from another origin gets 403, from the public URL it goes on', async () => {
    const b = await build({ publicUrl });
    const headers = { host: 'landfall.example.gov.cn' };
    const foreign = await b.admin.request(
      'POST',
      '/api/units',
      { name: '外站单位', kind: 'department' },
      { headers: { ...headers, origin: 'https://evil.example' } },
    );
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('origin_not_allowed');
    const byReferer = await b.admin.request(
      'POST',
      '/api/units',
      { name: '外站单位', kind: 'department' },
      { headers: { ...headers, referer: 'https://evil.example/page' } },
    );
    expect(byReferer.statusCode).toBe(403);
    const own = await b.admin.request(
      'POST',
      '/api/units',
      { name: '本站单位', kind: 'department' },
      { headers: { ...headers, origin: 'https://landfall.example.gov.cn' } },
    );
    expect(own.statusCode).toBe(201);
    expect((await b.admin.get('/api/units')).json().map((u: { name: string }) => u.name)).toContain(
      '本站单位',
    );
  });

  it('without LANDFALL_PUBLIC_URL: a DNS-rebinding page cannot complete setup; 127.0.0.1 can', async () => {
    const b = await build({}, false);
    const rebinding = new TestClient(b.app);
    const host = 'rebind.attacker.example:3000';
    const refused = await rebinding.request('POST', '/api/setup', buildSetup(), {
      headers: { host, origin: `http://${host}` },
    });
    expect(refused.statusCode).toBe(421);
    expect(refused.json().error.message).toContain('LANDFALL_PUBLIC_URL');
    expect((await rebinding.get('/api/setup')).json()).toEqual({ needed: true });
    // An office PC reached by its address works, and so does the machine itself.
    const local = await new TestClient(b.app).request('POST', '/api/setup', buildSetup(), {
      headers: { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' },
    });
    expect(local.statusCode).toBe(201);
  });

  it('without LANDFALL_PUBLIC_URL: a cross-origin write is refused, any host still works', async () => {
    const b = await build();
    const lan = { host: '192.168.1.20:3000' };
    expect((await b.admin.request('GET', '/api/me', undefined, { headers: lan })).statusCode).toBe(200);
    const cross = await b.admin.request(
      'POST',
      '/api/units',
      { name: '跨站单位', kind: 'department' },
      { headers: { ...lan, origin: 'http://evil.example' } },
    );
    expect(cross.statusCode).toBe(403);
    const same = await b.admin.request(
      'POST',
      '/api/units',
      { name: '同站单位', kind: 'department' },
      { headers: { ...lan, origin: 'http://192.168.1.20:3000' } },
    );
    expect(same.statusCode).toBe(201);
  });
});

describe('sessions and CSRF', () => {
  let b: Built;
  beforeAll(async () => {
    b = await build();
  });

  it('refuses the CSRF token of another session (an attacker’s own cookie+token pair)', async () => {
    const victim = await buildUser(b, 'coordinator');
    const attacker = await buildUser(b, 'coordinator');
    // The attacker's valid pair: their _csrf cookie and the token issued for their session.
    const pair = await attacker.client.request('GET', '/api/csrf');
    const attackerToken = pair.json().token as string;
    const attackerCsrfCookie = attacker.client.cookieHeader().match(/_csrf=([^;]+)/)?.[1];
    const victimSession = victim.client.cookieHeader().match(/landfall_session=([^;]+)/)?.[1];
    expect(attackerCsrfCookie && victimSession).toBeTruthy();
    const forged = await b.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: {
        cookie: `_csrf=${attackerCsrfCookie}; landfall_session=${victimSession}`,
        'x-csrf-token': attackerToken,
      },
      payload: { name: '伪造单位', kind: 'department' },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('csrf_invalid');
    // The same pair still works in the attacker's own session (it is the binding that refused it).
    const own = await attacker.client.request('POST', '/api/auth/logout', {});
    expect(own.statusCode).toBe(204);
  });

  it('ends the session the browser still holds when a new login happens in it', async () => {
    const first = await buildUser(b, 'coordinator');
    const second = await buildUser(b, 'leader');
    const browser = new TestClient(b.app, '10.8.0.1');
    await browser.login(first.username, PASSWORD);
    const oldCookie = browser.cookieHeader();
    expect(oldCookie).toContain('landfall_session=');
    await browser.login(second.username, PASSWORD);
    expect((await browser.get('/api/me')).json().username).toBe(second.username);
    const replay = await b.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: oldCookie } });
    expect(replay.statusCode).toBe(401);
  });
});

describe('API rate limits', () => {
  it('answers 429 with Retry-After and a Chinese message per user, and again after the minute', async () => {
    const b = await build({ rateLimits: { perUser: 5, perAddress: 1000 } });
    const user = await buildUser(b, 'coordinator');
    const nextMinute = Math.ceil((b.clock.now().getTime() + 1) / MINUTE) * MINUTE;
    b.clock.set(new Date(nextMinute));
    for (let i = 0; i < 5; i++) expect((await user.client.get('/api/units')).statusCode).toBe(200);
    b.clock.advance(20_000);
    const limited = await user.client.get('/api/units');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('40');
    expect(limited.json().error.code).toBe('rate_limited');
    expect(limited.json().error.message).toBe('请求过于频繁，请 40 秒后再试');
    // Another user is not held back by this one, nor is the operator (the CLI).
    expect((await b.admin.get('/api/units')).statusCode).toBe(200);
    const cli = await b.app.inject({ url: '/api/units', headers: { 'x-landfall-operator': OPERATOR_TOKEN } });
    expect(cli.statusCode).toBe(200);
    b.clock.advance(40_000);
    expect((await user.client.get('/api/units')).statusCode).toBe(200);
  });

  it('limits one address across users and anonymous requests', async () => {
    const b = await build({ rateLimits: { perUser: 1000, perAddress: 12 } });
    const anonymous = new TestClient(b.app, '10.30.0.1');
    const statuses: number[] = [];
    for (let i = 0; i < 13; i++) statuses.push((await anonymous.get('/api/setup')).statusCode);
    expect(statuses.slice(0, 12).every((s) => s === 200)).toBe(true);
    expect(statuses[12]).toBe(429);
    // Another address is not affected.
    expect((await new TestClient(b.app, '10.30.0.2').get('/api/setup')).statusCode).toBe(200);
  });

  it('reads its limits from the environment', () => {
    const env = readEnv({ LANDFALL_RATE_LIMIT_USER: '100', LANDFALL_RATE_LIMIT_ADDRESS: '300' });
    expect(env.rateLimits).toEqual({ perUser: 100, perAddress: 300 });
    expect(readEnv({}).rateLimits).toEqual({ perUser: 600, perAddress: 1200 });
  });
});
