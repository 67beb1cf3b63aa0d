import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultGroups } from '@landfall/domain';
import { buildApp } from '../app.ts';
import { fakeClock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../test/database.ts';
import { TestClient } from '../test/client.ts';
import { buildSetup, buildUser, PASSWORD } from '../test/fixtures.ts';
import type { FastifyInstance } from 'fastify';

/** A city-level installation (重庆市) with two districts below it. */
let database: Database;
let app: FastifyInstance;
let admin: TestClient;
let rootId: string;
let wanzhou: { id: string };
let fuling: { id: string };

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database, clock: fakeClock('2026-05-01T10:00:00+08:00') });
  admin = new TestClient(app);
  const setup = await admin.post('/api/setup', buildSetup({ tenantName: '重庆市', divisionCode: '500000' }));
  rootId = setup.json().tenantId;
  await admin.login('admin', PASSWORD);
  wanzhou = (
    await admin.post('/api/tenants', { parentId: rootId, name: '万州区', divisionCode: '500101' })
  ).json();
  fuling = (
    await admin.post('/api/tenants', { parentId: rootId, name: '涪陵区', divisionCode: '500102' })
  ).json();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('tenants', () => {
  it('form a tree with levels taken from GB/T 2260', async () => {
    const tenants = (await admin.get('/api/tenants')).json();
    expect(tenants.map((t: { name: string; level: string }) => `${t.name}:${t.level}`).sort()).toEqual(
      ['万州区:district', '涪陵区:district', '重庆市:province'].sort(),
    );
    expect(tenants.find((t: { name: string }) => t.name === '万州区').parentId).toBe(rootId);
  });

  it('refuse a division outside the parent, an unknown code and a duplicate', async () => {
    const outside = await admin.post('/api/tenants', {
      parentId: rootId,
      name: '成都',
      divisionCode: '510100',
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.fields[0].path).toEqual(['divisionCode']);
    expect(
      (await admin.post('/api/tenants', { parentId: rootId, name: '无', divisionCode: '999999' })).statusCode,
    ).toBe(400);
    expect(
      (await admin.post('/api/tenants', { parentId: rootId, name: '万州', divisionCode: '500101' })).json()
        .error.code,
    ).toBe('duplicate');
    expect(
      (await admin.post('/api/tenants', { parentId: wanzhou.id, name: '更下级', divisionCode: '500102' }))
        .statusCode,
    ).toBe(400);
  });

  it('start with the four working groups of the joint meeting, renamable', async () => {
    const groups = (await admin.get(`/api/groups?tenantId=${wanzhou.id}`)).json();
    expect(groups.map((g: { name: string }) => g.name)).toEqual(defaultGroups.map((g) => g.name));
    const first = groups[0];
    const renamed = await admin.put(`/api/groups/${first.id}`, {
      name: '综合协调组（招商局）',
      version: first.version,
    });
    expect(renamed.json()).toMatchObject({ name: '综合协调组（招商局）', kind: 'coordination', version: 2 });
  });
});

describe('scope', () => {
  it('keeps each district to itself and lets the city viewer read the roll-up', async () => {
    const w = (
      await admin.post('/api/units', { tenantId: wanzhou.id, name: '万州经开区管委会', kind: 'zone' })
    ).json();
    const f = (
      await admin.post('/api/units', { tenantId: fuling.id, name: '涪陵区经信委', kind: 'department' })
    ).json();

    const world = { app, admin };
    const wCoordinator = await buildUser(world, 'coordinator', { tenantId: wanzhou.id });
    const fAdmin = await buildUser(world, 'system_admin', { tenantId: fuling.id });
    const viewer = await buildUser(world, 'viewer');

    const wUnits = (await wCoordinator.client.get('/api/units')).json();
    expect(wUnits.map((u: { id: string }) => u.id)).toEqual([w.id]);
    expect((await wCoordinator.client.get(`/api/units?tenantId=${fuling.id}`)).statusCode).toBe(404);

    // Fuling's administrator cannot see or touch Wanzhou: 404, as if it did not exist.
    const edit = { name: '改', kind: 'zone', groupId: null, active: true, version: w.version };
    const foreign = await fAdmin.client.put(`/api/units/${w.id}`, edit);
    expect(foreign.statusCode).toBe(404);
    expect(
      (await fAdmin.client.post('/api/units', { tenantId: wanzhou.id, name: '越界', kind: 'town' }))
        .statusCode,
    ).toBe(404);
    expect((await fAdmin.client.get('/api/tenants')).json().map((t: { id: string }) => t.id)).toEqual([
      fuling.id,
    ]);
    expect((await fAdmin.client.put(`/api/units/${f.id}`, { ...edit, version: f.version })).statusCode).toBe(
      200,
    );

    const all = (await viewer.client.get('/api/units')).json().map((u: { id: string }) => u.id);
    expect(all).toEqual(expect.arrayContaining([w.id, f.id]));
    expect((await viewer.client.post('/api/units', { name: '只读', kind: 'town' })).statusCode).toBe(403);
  });
});
