import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import {
  buildUnit,
  buildUser,
  createWorld,
  OPERATOR_TOKEN,
  PASSWORD,
  type TestWorld,
} from '../test/fixtures.ts';
import { TestClient } from '../test/client.ts';
import { buildProject, pngBytes } from '../test/library-fixtures.ts';

/**
 * What MLPS 2.0 安全审计 asks the audit log to hold (issue 12, item 16): every file that leaves the system
 * (exports, briefs, issued reports, attachments) with its name, size and SHA-256; the auditor's reads;
 * refused writes; logins that succeed and fail — each with the client's User-Agent and the address Fastify
 * trusts (behind a configured proxy, the forwarded one; else the peer's, whatever it forwards).
 */
const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) LandfallTest/1.0';
let world: TestWorld;
let coordinator: TestClient;
let staff: { client: TestClient; username: string };
let auditor: TestClient;
let projectId: string;
let otherUnitProject: { id: string; version: number };

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
async function lastRow(action: string) {
  return world.database.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}
async function auditCount() {
  const r = await world.database.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
const withUa = (client: TestClient, url: string) =>
  client.request('GET', url, undefined, { headers: { 'user-agent': UA } });

beforeAll(async () => {
  world = await createWorld('2026-03-02T09:00:00+08:00');
  const unitA = await buildUnit(world.admin, { name: '区商务委' });
  const unitB = await buildUnit(world.admin, { name: '分水镇', kind: 'town' });
  coordinator = (await buildUser(world, 'coordinator')).client;
  staff = await buildUser(world, 'unit_staff', { unitId: unitA.id });
  auditor = (await buildUser(world, 'auditor')).client;
  projectId = (await buildProject(coordinator, { name: '新能源电池项目', unitId: unitA.id })).id;
  otherUnitProject = await buildProject(coordinator, { name: '分水镇项目', unitId: unitB.id });
});
afterAll(async () => world?.close());

describe('the audit log holds what MLPS asks', () => {
  it('records every export with its file name, size and SHA-256, and the client', async () => {
    const ledger = await withUa(coordinator, '/api/exports/ledger.xlsx');
    expect(ledger.statusCode).toBe(200);
    const row = await lastRow('export.ledger');
    expect(row).toMatchObject({ outcome: 'ok', user_agent: UA, record_type: 'export' });
    expect(row?.after).toMatchObject({ sizeBytes: ledger.rawPayload.length, sha256: sha(ledger.rawPayload) });

    const monthly = await withUa(coordinator, '/api/exports/monthly.xlsx?month=2026-02');
    expect(monthly.statusCode).toBe(200);
    expect((await lastRow('export.monthly'))?.after).toMatchObject({
      sha256: sha(monthly.rawPayload),
      query: { month: '2026-02' },
    });

    const brief = await withUa(coordinator, '/api/briefs?kind=weekly&date=2026-03-02&format=docx');
    expect(brief.statusCode).toBe(200);
    expect((await lastRow('brief.export'))?.after).toMatchObject({ sha256: sha(brief.rawPayload) });
    // The brief read on its page (JSON) is not an export.
    const before = await auditCount();
    expect((await coordinator.get('/api/briefs?kind=weekly&date=2026-03-02')).statusCode).toBe(200);
    expect((await coordinator.get('/api/projects')).statusCode).toBe(200);
    expect(await auditCount()).toBe(before);

    const uploaded = await staff.client.upload(
      `/api/projects/${projectId}/attachments`,
      '现场.png',
      pngBytes,
    );
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const file = await withUa(staff.client, `/api/attachments/${uploaded.json().id}`);
    expect(file.statusCode).toBe(200);
    expect(await lastRow('attachment.download')).toMatchObject({
      record_id: uploaded.json().id,
      tenant_id: world.tenantId,
      user_agent: UA,
      after: { filename: '现场.png', sha256: sha(pngBytes) },
    });

    const closed = await coordinator.post('/api/months/2026-02/close', { version: 0 });
    expect(closed.statusCode, closed.body).toBe(200);
    const reportId = closed.json().reports[0].id as string;
    const report = await withUa(coordinator, `/api/months/reports/${reportId}`);
    expect(report.statusCode).toBe(200);
    expect(await lastRow('month.downloadReport')).toMatchObject({
      record_type: 'issued_report',
      record_id: reportId,
      after: { sha256: report.headers['x-content-sha256'] },
    });
  });

  it("records the auditor's reads of the audit log", async () => {
    const res = await withUa(auditor, '/api/audit?action=export.&pageSize=5');
    expect(res.statusCode).toBe(200);
    const row = await lastRow('audit.read');
    expect(row).toMatchObject({ role: 'auditor', outcome: 'ok', user_agent: UA });
    expect(row?.after).toMatchObject({ query: { action: 'export.' }, total: res.json().total });
    // The auditor sees the client in the list too.
    expect(res.json().items[0].userAgent).toBe(UA);
  });

  it('records refused writes (403 and 404), though the refused request wrote nothing', async () => {
    const forbidden = await staff.client.request(
      'POST',
      '/api/units',
      { name: '越权单位', kind: 'town' },
      {
        headers: { 'user-agent': UA },
      },
    );
    expect(forbidden.statusCode).toBe(403);
    expect(await lastRow('unit.create')).toMatchObject({
      outcome: 'denied',
      actor_name: staff.username,
      user_agent: UA,
    });

    const outside = await staff.client.request(
      'POST',
      `/api/projects/${otherUnitProject.id}/progress`,
      { date: '2026-03-02', current: '越权填报', problems: '', nextSteps: '' },
      { headers: { 'user-agent': UA } },
    );
    expect(outside.statusCode).toBe(404);
    const denied = await world.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('outcome', '=', 'denied')
      .where('record_id', '=', otherUnitProject.id)
      .executeTakeFirst();
    expect(denied).toMatchObject({ actor_name: staff.username, user_agent: UA });
    const entries = await world.database.db
      .selectFrom('ledger_entry')
      .select('id')
      .where('project_id', '=', otherUnitProject.id)
      .where('kind', '=', 'progress')
      .execute();
    expect(entries).toEqual([]);
  });

  describe('behind a proxy', () => {
    let proxied: FastifyInstance;
    beforeAll(async () => {
      proxied = await buildApp({
        database: world.database,
        clock: world.clock,
        operatorToken: OPERATOR_TOKEN,
        trustProxy: ['10.0.0.1'],
      });
    });
    afterAll(async () => proxied?.close());

    it('records logins and failed logins with the forwarded address only from the trusted proxy', async () => {
      const viaProxy = new TestClient(proxied, '10.0.0.1');
      const headers = { 'user-agent': UA, 'x-forwarded-for': '203.0.113.9' };
      const failed = await viaProxy.request(
        'POST',
        '/api/auth/login',
        { username: staff.username, password: 'wrong' },
        { headers },
      );
      expect(failed.statusCode).toBe(401);
      expect(await lastRow('auth.login')).toMatchObject({
        outcome: 'failed',
        ip: '203.0.113.9',
        user_agent: UA,
      });
      const ok = await viaProxy.request(
        'POST',
        '/api/auth/login',
        { username: staff.username, password: PASSWORD },
        { headers },
      );
      expect(ok.statusCode).toBe(200);
      expect(await lastRow('auth.login')).toMatchObject({
        outcome: 'ok',
        actor_name: staff.username,
        ip: '203.0.113.9',
        user_agent: UA,
      });

      // Anyone else who sends X-Forwarded-For is recorded at their own address.
      const direct = new TestClient(proxied, '10.0.0.77');
      await direct.request(
        'POST',
        '/api/auth/login',
        { username: 'nobody-here', password: 'wrong' },
        { headers: { 'user-agent': UA, 'x-forwarded-for': '6.6.6.6' } },
      );
      expect(await lastRow('auth.login')).toMatchObject({
        outcome: 'failed',
        ip: '10.0.0.77',
        tenant_id: null,
      });
    });
  });
});
