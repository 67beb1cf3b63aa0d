import type { FastifyInstance } from 'fastify';
import type { Role } from '@landfall/domain';
import { buildApp } from '../app.ts';
import { fakeClock } from '../clock.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { TestClient } from './client.ts';
import { onClockRewound } from './totp.ts';

export const PASSWORD = 'Landfall#2026';
export const OPERATOR_TOKEN = 'test-operator-token-0123456789';

export interface TestWorld {
  database: TestDatabase;
  app: FastifyInstance;
  clock: ReturnType<typeof fakeClock>;
  admin: TestClient;
  tenantId: string;
  close(): Promise<void>;
}

/** A database and app after first-run setup (万州区, admin "admin"), with a fake clock. */
export async function createWorld(
  start = '2026-03-02T09:00:00+08:00',
  setupBody: Record<string, unknown> = buildSetup(),
): Promise<TestWorld> {
  const database = await createTestDatabase();
  const clock = fakeClock(start);
  const app = await buildApp({ database, clock, operatorToken: OPERATOR_TOKEN });
  onClockRewound(app, async (username) => {
    await database.db
      .updateTable('app_user')
      .set({ totp_last_step: null })
      .where('username', '=', username)
      .execute();
  });
  const admin = new TestClient(app);
  const setup = await admin.post('/api/setup', setupBody);
  if (setup.statusCode !== 201) throw new Error(`setup failed: ${setup.body}`);
  await admin.login('admin', PASSWORD);
  return {
    database,
    app,
    clock,
    admin,
    tenantId: (setup.json() as { tenantId: string }).tenantId,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export function buildSetup(overrides: Record<string, unknown> = {}) {
  return {
    tenantName: '万州区',
    divisionCode: '500101',
    adminUsername: 'admin',
    adminDisplayName: '系统管理员',
    password: PASSWORD,
    ...overrides,
  };
}

let counter = 0;
let ipCounter = 0;
/** A distinct client address per test client, so per-address login rate limits do not interfere. */
export function nextIp() {
  ipCounter += 1;
  return `10.9.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
}
export function uniqueName(prefix: string) {
  counter += 1;
  return `${prefix}${counter}`;
}

/** Creates a unit through the API as the given administrator client. */
export async function buildUnit(admin: TestClient, overrides: Record<string, unknown> = {}) {
  const res = await admin.post('/api/units', {
    name: uniqueName('经济信息委'),
    kind: 'department',
    ...overrides,
  });
  if (res.statusCode !== 201) throw new Error(`unit: ${res.body}`);
  return res.json() as { id: string; tenantId: string; version: number; name: string };
}

/** The password an administrator gives a new account; its owner replaces it at first login (activateUser). */
export const INITIAL_PASSWORD = 'Issued#Start2026';

/** As the local operator (the CLI's token): acts alone, outside the two-person rule. */
export async function asOperator(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  body?: Record<string, unknown>,
) {
  return app.inject({
    method,
    url,
    headers: { 'x-landfall-operator': OPERATOR_TOKEN },
    ...(body ? { payload: body } : {}),
  });
}

/** The owner's first login with an issued password: it can only be changed, then they log in with theirs. */
export async function activateUser(
  app: FastifyInstance,
  username: string,
  issued: string,
  chosen: string,
  ip = nextIp(),
): Promise<TestClient> {
  const client = new TestClient(app, ip);
  await client.login(username, issued);
  const changed = await client.post('/api/me/password', { currentPassword: issued, newPassword: chosen });
  if (changed.statusCode !== 204) throw new Error(`first password change: ${changed.body}`);
  await client.login(username, chosen);
  return client;
}

/**
 * Creates an account through the API (an administrator's or auditor's through the operator when the
 * two-person rule would make it wait) and returns a client logged in with PASSWORD, the initial password
 * already replaced as its owner would at first login.
 */
export async function buildUser(
  world: Pick<TestWorld, 'app' | 'admin'>,
  role: Role,
  overrides: Record<string, unknown> = {},
  ip = nextIp(),
): Promise<{ client: TestClient; id: string; username: string }> {
  const username = uniqueName(`u_${role}_`);
  const body = { username, displayName: username, role, ...overrides, password: INITIAL_PASSWORD };
  let res = await world.admin.post('/api/users', body);
  if (res.statusCode === 202) {
    const tenantId =
      overrides.tenantId ?? ((await world.admin.get('/api/me')).json() as { tenantId: string }).tenantId;
    res = await asOperator(world.app, 'POST', '/api/users', { ...body, tenantId });
  }
  if (res.statusCode !== 201) throw new Error(`user: ${res.body}`);
  const client = await activateUser(world.app, username, INITIAL_PASSWORD, PASSWORD, ip);
  return { client, id: (res.json() as { id: string }).id, username };
}
