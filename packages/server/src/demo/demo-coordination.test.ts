import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { fakeClock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../test/database.ts';
import { TestClient } from '../test/client.ts';

/** The demo district's coordination loop: what the web pages for matters, meetings and inspections show. */
const PASSWORD = 'Demo#Check2026';
let database: Database;
let app: FastifyInstance;
let coordinator: TestClient;
let leader: TestClient;
let report: Record<string, unknown>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database, clock: fakeClock('2026-05-20T10:00:00+08:00') });
  const setup = new TestClient(app);
  const res = await setup.post('/api/setup/demo', { password: PASSWORD });
  expect(res.statusCode, res.body).toBe(201);
  report = res.json();
  coordinator = new TestClient(app, '10.4.0.1');
  await coordinator.login('coordinator', PASSWORD);
  leader = new TestClient(app, '10.4.0.2');
  await leader.login('leader', PASSWORD);
}, 240_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('the demo district', () => {
  it('has matters: one overdue, escalated ones at the joint meeting, one resolved', async () => {
    expect(report).toMatchObject({ matters: 4, meetings: 3, inspections: 2 });
    const matters = (await coordinator.get('/api/matters?pageSize=50')).json();
    expect(matters.total).toBe(4);
    expect(matters.items.filter((m: { overdue: boolean }) => m.overdue)).toHaveLength(1);
    expect(matters.items.filter((m: { level: string }) => m.level === 'joint')).toHaveLength(2);
    expect(matters.items.filter((m: { status: string }) => m.status === 'resolved')).toHaveLength(1);
  });

  it('has a past weekly and joint meeting with decisions and tasks, and the next joint meeting', async () => {
    const meetings = (await coordinator.get('/api/meetings')).json();
    expect(
      meetings.items.map((m: { kind: string; status: string }) => `${m.kind}:${m.status}`).sort(),
    ).toEqual(['joint:held', 'joint:scheduled', 'weekly:held']);
    const held = meetings.items.find(
      (m: { kind: string; status: string }) => m.kind === 'joint' && m.status === 'held',
    );
    const detail = (await leader.get(`/api/meetings/${held.id}`)).json();
    expect(detail.decisions[0].tasks.map((t: { status: string }) => t.status).sort()).toEqual([
      'done',
      'open',
    ]);
    const overdueTasks = (await coordinator.get('/api/tasks?overdue=true')).json();
    expect(overdueTasks.total).toBe(1);
    const next = meetings.items.find(
      (m: { kind: string; status: string }) => m.kind === 'joint' && m.status === 'scheduled',
    );
    const brief = (await leader.get(`/api/meetings/${next.id}/brief`)).json();
    expect(brief.sections[0].key).toBe('forDecision');
    expect(brief.sections[0].lines.length).toBeGreaterThanOrEqual(1);
  });

  it('has inspections and fills the bells', async () => {
    const inspections = (await coordinator.get('/api/inspections')).json();
    expect(inspections.items.map((i: { status: string }) => i.status).sort()).toEqual(['done', 'scheduled']);
    const dashboard = (await leader.get('/api/dashboard')).json();
    expect(dashboard.units.some((u: { inspectionScore: number | null }) => u.inspectionScore === 86)).toBe(
      true,
    );
    expect((await coordinator.get('/api/notifications')).json().count).toBeGreaterThan(0);
    expect((await leader.get('/api/notifications')).json().items).toContainEqual(
      expect.objectContaining({ kind: 'matter_for_decision' }),
    );
    const staff = new TestClient(app, '10.4.0.3');
    await staff.login('unit01', PASSWORD);
    expect((await staff.get('/api/notifications')).json().items[0]).toMatchObject({ overdue: true });
  });
});
