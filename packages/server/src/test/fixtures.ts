import type { FastifyInstance } from 'fastify';
import type { Role } from '@landfall/domain';
import { buildApp } from '../app.ts';
import { fakeClock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from './database.ts';
import { TestClient } from './client.ts';

export const PASSWORD = 'Landfall#2026';
export const OPERATOR_TOKEN = 'test-operator-token-0123456789';

export interface TestWorld {
  database: Database;
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

/** Creates an account through the API and returns a logged-in client for it. */
export async function buildUser(
  world: Pick<TestWorld, 'app' | 'admin'>,
  role: Role,
  overrides: Record<string, unknown> = {},
  ip = nextIp(),
): Promise<{ client: TestClient; id: string; username: string }> {
  const username = uniqueName(`u_${role}_`);
  const res = await world.admin.post('/api/users', {
    username,
    displayName: username,
    role,
    password: PASSWORD,
    ...overrides,
  });
  if (res.statusCode !== 201) throw new Error(`user: ${res.body}`);
  const client = new TestClient(world.app, ip);
  await client.login(username, PASSWORD);
  return { client, id: (res.json() as { id: string }).id, username };
}
