import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../test/client.ts';
import { codeAt, knownSecret } from '../test/totp.ts';
import {
  asOperator,
  buildUser,
  createWorld,
  INITIAL_PASSWORD,
  nextIp,
  PASSWORD,
  uniqueName,
  type TestWorld,
} from '../test/fixtures.ts';
import { MINUTE } from '../clock.ts';

/** Issue 12, item 7: two factors (TOTP, RFC 6238) for administrators, optional per tenant for others. */

let world: TestWorld;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(async () => world?.close());

/** An auditor account created by the operator, its issued password replaced: not yet enrolled. */
async function freshAuditor() {
  const username = uniqueName('aud');
  const res = await asOperator(world.app, 'POST', '/api/users', {
    username,
    displayName: username,
    role: 'auditor',
    password: INITIAL_PASSWORD,
    tenantId: world.tenantId,
  });
  expect(res.statusCode).toBe(201);
  const client = new TestClient(world.app, nextIp());
  const first = await client.post('/api/auth/login', { username, password: INITIAL_PASSWORD });
  expect(first.statusCode).toBe(200);
  expect(
    (await client.post('/api/me/password', { currentPassword: INITIAL_PASSWORD, newPassword: PASSWORD }))
      .statusCode,
  ).toBe(204);
  return { username, id: (res.json() as { id: string }).id, client };
}

/** Password only (no helper): the login answer as the browser gets it. */
async function passwordStep(client: TestClient, username: string, password = PASSWORD) {
  const res = await client.post('/api/auth/login', { username, password });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('an administrator without TOTP', () => {
  it('can do nothing but enrol, then works with the code at every login', async () => {
    const { username, client } = await freshAuditor();
    const me = await passwordStep(client, username);
    expect(me.totpEnrolmentRequired).toBe(true);
    expect(me.actions).toEqual(['me.read', 'me.totp', 'auth.logout']);
    const blocked = await client.get('/api/audit');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('totp_enrolment_required');
    expect(blocked.json().error.message).toBe('请先绑定身份验证器（双因素认证）');

    // Enrolment: a secret with its QR code (an SVG data URL made on the server), confirmed by a code.
    const started = await client.post('/api/me/totp/enrolment');
    expect(started.statusCode).toBe(200);
    const { secret, uri, qrCode } = started.json();
    expect(uri).toMatch(new RegExp(`^otpauth://totp/Landfall:${username}\\?.*secret=${secret}`));
    expect(qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(qrCode.split(',')[1], 'base64').toString()).toContain('<svg');
    const wrong = await client.post('/api/me/totp/confirm', { code: '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].path).toEqual(['code']);
    expect((await client.get('/api/audit')).statusCode).toBe(403);
    const confirmed = await client.post('/api/me/totp/confirm', {
      code: await codeAt(secret, world.clock.now()),
    });
    expect(confirmed.statusCode).toBe(200);
    const codes = confirmed.json().recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    // The enrolling session is complete; recovery codes are stored hashed (argon2id), never as given.
    expect((await client.get('/api/audit')).statusCode).toBe(200);
    const stored = await world.database.db.selectFrom('totp_recovery_code').select('code_hash').execute();
    expect(stored.every((r) => r.code_hash.startsWith('$argon2id$'))).toBe(true);
    expect(stored.some((r) => codes.includes(r.code_hash))).toBe(false);
    expect((await client.get('/api/me/totp')).json()).toMatchObject({
      enabled: true,
      required: true,
      recoveryCodesLeft: 10,
    });

    // Next login: the password opens only the second step.
    world.clock.advance(MINUTE);
    const browser = new TestClient(world.app, nextIp());
    expect(await passwordStep(browser, username)).toEqual({ secondFactor: 'pending' });
    const pending = await browser.get('/api/audit');
    expect(pending.statusCode).toBe(401);
    expect(pending.json().error.code).toBe('totp_required');
    expect((await browser.get('/api/me')).statusCode).toBe(401);
    const done = await browser.post('/api/auth/totp', { code: await codeAt(secret, world.clock.now()) });
    expect(done.statusCode).toBe(200);
    expect(done.json().username).toBe(username);
    expect((await browser.get('/api/audit')).statusCode).toBe(200);
  });
});

describe('login with a code', () => {
  let auditor: { username: string; secret: string; codes: string[] };
  beforeAll(async () => {
    const a = await freshAuditor();
    await passwordStep(a.client, a.username);
    const { secret, recoveryCodes } = await a.client.enrolTotp(a.username);
    auditor = { username: a.username, secret, codes: recoveryCodes };
  });

  it('accepts a code once: the same code again is refused', async () => {
    world.clock.advance(MINUTE);
    const code = await codeAt(auditor.secret, world.clock.now());
    const first = new TestClient(world.app, nextIp());
    await passwordStep(first, auditor.username);
    expect((await first.post('/api/auth/totp', { code })).statusCode).toBe(200);
    const second = new TestClient(world.app, nextIp());
    await passwordStep(second, auditor.username);
    const replay = await second.post('/api/auth/totp', { code });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error.message).toBe('输入有误，请检查标出的字段');
    expect(replay.json().error.fields[0].message).toBe('验证码不正确或已使用');
  });

  it('throttles wrong codes like wrong passwords (429 with Retry-After), audited', async () => {
    world.clock.advance(MINUTE);
    const c = new TestClient(world.app, nextIp());
    await passwordStep(c, auditor.username);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await c.post('/api/auth/totp', { code: '000001' })).statusCode);
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses[5]).toBe(429);
    const waiting = await c.post('/api/auth/totp', { code: await codeAt(auditor.secret, world.clock.now()) });
    expect(waiting.statusCode).toBe(429);
    expect(waiting.headers['retry-after']).toBeDefined();
    expect(waiting.json().error.message).toMatch(/^验证码尝试过于频繁，请 \d+ 秒后再试$/);
    const failed = await world.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'auth.totp')
      .where('outcome', '=', 'failed')
      .execute();
    expect(failed.length).toBeGreaterThanOrEqual(5);
  });

  it('takes a recovery code once instead of the code', async () => {
    world.clock.advance(2 * MINUTE);
    const [code] = auditor.codes as [string];
    const c = new TestClient(world.app, nextIp());
    await passwordStep(c, auditor.username);
    const ok = await c.post('/api/auth/totp', { code: code.toUpperCase() });
    expect(ok.statusCode).toBe(200);
    expect((await c.get('/api/me/totp')).json().recoveryCodesLeft).toBe(9);
    const again = new TestClient(world.app, nextIp());
    await passwordStep(again, auditor.username);
    expect((await again.post('/api/auth/totp', { code })).statusCode).toBe(400);
  });

  it('expires the second step after five minutes', async () => {
    const c = new TestClient(world.app, nextIp());
    await passwordStep(c, auditor.username);
    world.clock.advance(6 * MINUTE);
    const late = await c.post('/api/auth/totp', { code: await codeAt(auditor.secret, world.clock.now()) });
    expect(late.statusCode).toBe(401);
  });
});

describe('others', () => {
  it('are not asked for a code unless their tenant requires it; then they must enrol', async () => {
    const coordinator = await buildUser(world, 'coordinator');
    expect((await coordinator.client.get('/api/me')).json().totpEnrolmentRequired).toBe(false);
    const security = await buildUser(world, 'security_admin');
    const current = (await security.client.get('/api/two-factor-policy')).json();
    expect(current).toEqual({ requiredForAll: false, version: 0 });
    const saved = await security.client.put('/api/two-factor-policy', { requiredForAll: true, version: 0 });
    expect(saved.statusCode).toBe(200);
    expect((await security.client.get('/api/two-factor-policy')).json().requiredForAll).toBe(true);
    const c = new TestClient(world.app, nextIp());
    const me = await passwordStep(c, coordinator.username);
    expect(me.totpEnrolmentRequired).toBe(true);
    expect((await c.get('/api/projects')).json().error.code).toBe('totp_enrolment_required');
    await security.client.put('/api/two-factor-policy', { requiredForAll: false, version: 1 });
  });

  it('may enrol on their own, and are then asked for the code', async () => {
    const leader = await buildUser(world, 'leader');
    await leader.client.enrolTotp(leader.username);
    world.clock.advance(MINUTE);
    const c = new TestClient(world.app, nextIp());
    expect(await passwordStep(c, leader.username)).toEqual({ secondFactor: 'pending' });
  });
});

describe('reset of someone’s TOTP', () => {
  it('goes through the two-person rule for an administrator, and the owner enrols again', async () => {
    const security = await buildUser(world, 'security_admin');
    const auditor = await buildUser(world, 'auditor');
    expect(knownSecret(world.app, auditor.username)).toBeDefined();
    const asked = await world.admin.post(`/api/users/${auditor.id}/totp-reset`);
    expect(asked.statusCode).toBe(202);
    expect(asked.json().kind).toBe('resetTotp');
    // Nothing changed yet: the auditor still logs in with the code.
    expect((await passwordStep(new TestClient(world.app, nextIp()), auditor.username)).secondFactor).toBe(
      'pending',
    );
    const approved = await security.client.post(`/api/account-requests/${asked.json().id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    const me = await passwordStep(new TestClient(world.app, nextIp()), auditor.username);
    expect(me.totpEnrolmentRequired).toBe(true);
    const audited = await world.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'user.resetTotp')
      .where('record_id', '=', auditor.id)
      .execute();
    expect(audited).toHaveLength(1);
  });

  it('is done at once for another account, and by the operator alone (the CLI recovery path)', async () => {
    const leader = await buildUser(world, 'leader');
    await leader.client.enrolTotp(leader.username);
    expect((await world.admin.post(`/api/users/${leader.id}/totp-reset`)).statusCode).toBe(204);
    expect((await leader.client.get('/api/me')).statusCode).toBe(401); // its sessions ended
    const login = await passwordStep(new TestClient(world.app, nextIp()), leader.username);
    expect(login.secondFactor).toBeUndefined();
    expect(login.totpEnabled).toBe(false);
    // The operator resets an administrator's alone (when no second of the three is at hand).
    const auditor = await buildUser(world, 'auditor');
    const alone = await asOperator(world.app, 'POST', `/api/users/${auditor.id}/totp-reset`);
    expect(alone.statusCode).toBe(204);
    expect(
      (await passwordStep(new TestClient(world.app, nextIp()), auditor.username)).totpEnrolmentRequired,
    ).toBe(true);
  });
});
