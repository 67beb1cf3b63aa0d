import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSetup, buildUnit, buildUser, createWorld, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { buildProject } from '../test/library-fixtures.ts';

/**
 * 下达协调事项: a city's coordinator raises a matter to a district below it (matter.raiseDown). It lands on
 * the district's 综合协调组 desk naming the city; the district assigns and handles it as any matter; the
 * city reads it and its thread and may reply, but never assigns, escalates or closes a district's matter.
 * Province 四川省 → cities 成都市, 绵阳市 → districts 锦江区, 青羊区 (成都) and 涪城区 (绵阳).
 */
let world: TestWorld;
const t = { chengdu: '', mianyang: '', jinjiang: '', qingyang: '', fucheng: '' };
const unit = { jjA: '', jjB: '', qy: '', fc: '' };
let city: { coordinator: TestClient; leader: TestClient; staff: TestClient };
let jj: { coordinator: TestClient; staffB: TestClient };
let qyCoordinator: TestClient;
let projectJJ: string;
let projectQY: string;
let sensitiveJJ: string;

async function tenant(parentId: string, name: string, divisionCode: string) {
  const res = await world.admin.post('/api/tenants', { parentId, name, divisionCode });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

beforeAll(async () => {
  world = await createWorld(
    '2026-03-02T09:00:00+08:00',
    buildSetup({ tenantName: '四川省', divisionCode: '510000' }),
  );
  t.chengdu = await tenant(world.tenantId, '成都市', '510100');
  t.mianyang = await tenant(world.tenantId, '绵阳市', '510700');
  t.jinjiang = await tenant(t.chengdu, '锦江区', '510104');
  t.qingyang = await tenant(t.chengdu, '青羊区', '510105');
  t.fucheng = await tenant(t.mianyang, '涪城区', '510703');
  unit.jjA = (await buildUnit(world.admin, { tenantId: t.jinjiang, name: '锦江区经信局' })).id;
  unit.jjB = (await buildUnit(world.admin, { tenantId: t.jinjiang, name: '锦江区规划和自然资源局' })).id;
  unit.qy = (await buildUnit(world.admin, { tenantId: t.qingyang, name: '青羊区商务局' })).id;
  unit.fc = (await buildUnit(world.admin, { tenantId: t.fucheng, name: '涪城区经信局' })).id;
  const cityUnit = (await buildUnit(world.admin, { tenantId: t.chengdu, name: '成都市投促局' })).id;
  city = {
    coordinator: (await buildUser(world, 'coordinator', { tenantId: t.chengdu })).client,
    leader: (await buildUser(world, 'leader', { tenantId: t.chengdu })).client,
    staff: (await buildUser(world, 'unit_staff', { tenantId: t.chengdu, unitId: cityUnit })).client,
  };
  jj = {
    coordinator: (await buildUser(world, 'coordinator', { tenantId: t.jinjiang })).client,
    staffB: (await buildUser(world, 'unit_staff', { tenantId: t.jinjiang, unitId: unit.jjB })).client,
  };
  qyCoordinator = (await buildUser(world, 'coordinator', { tenantId: t.qingyang })).client;
  projectJJ = (await buildProject(jj.coordinator, { name: '锦江智能制造基地项目', unitId: unit.jjA })).id;
  sensitiveJJ = (
    await buildProject(jj.coordinator, { name: '锦江涉密项目', unitId: unit.jjA, sensitivity: 'sensitive' })
  ).id;
  projectQY = (await buildProject(qyCoordinator, { name: '青羊文创园项目', unitId: unit.qy })).id;
});
afterAll(async () => world?.close());

const body = (overrides: Record<string, unknown> = {}) => ({
  tenantId: t.jinjiang,
  projectId: projectJJ,
  title: '项目用地指标协调',
  description: '市级统筹用地指标，请锦江区综合协调组牵头落实',
  blockerKind: 'land',
  blocksStage: 'settled',
  deadline: '2026-03-20',
  ...overrides,
});

describe('a matter raised down from a city to its district (下达协调事项)', () => {
  let matter: { id: string; version: number };

  it('belongs to the district, starts with its 综合协调组 and names the city; audited in its tenant', async () => {
    const res = await city.coordinator.post('/api/matters/raise-down', body());
    expect(res.statusCode, res.body).toBe(201);
    matter = res.json();
    expect(res.json()).toMatchObject({
      tenantId: t.jinjiang,
      tenantName: '锦江区',
      projectId: projectJJ,
      projectName: '锦江智能制造基地项目',
      unitId: unit.jjA,
      ownerUnitId: unit.jjA,
      ownerUnitName: '锦江区经信局',
      level: 'coordination',
      status: 'open',
      raisedByTenantId: t.chengdu,
      raisedByTenantName: '成都市',
    });
    const audit = await world.database.db
      .selectFrom('audit_log')
      .select(['action', 'tenant_id', 'outcome'])
      .where('record_id', '=', matter.id)
      .execute();
    expect(audit).toEqual([{ action: 'matter.raiseDown', tenant_id: t.jinjiang, outcome: 'ok' }]);
  });

  it('is on the district coordinator’s desk with the city’s name, and the district assigns it', async () => {
    const desk = (await jj.coordinator.get('/api/matters?level=coordination')).json();
    const mine = desk.items.find((m: { id: string }) => m.id === matter.id);
    expect(mine).toMatchObject({ raisedByTenantName: '成都市', tenantName: '锦江区' });
    const bell = (await jj.coordinator.get('/api/notifications')).json();
    expect(bell.items).toContainEqual(
      expect.objectContaining({
        kind: 'matter_raised_down',
        title: '上级交办协调事项（成都市下达）：项目用地指标协调',
        link: { type: 'matter', id: matter.id },
      }),
    );
    // The sibling district does not see it.
    expect((await qyCoordinator.get(`/api/matters/${matter.id}`)).statusCode).toBe(404);
    expect((await qyCoordinator.get('/api/matters')).json().items).toEqual([]);

    const assigned = await jj.coordinator.post(`/api/matters/${matter.id}/assign`, {
      ownerUnitId: unit.jjB,
      deadline: '2026-03-25',
      reason: '由规划和自然资源局办理',
      version: matter.version,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({ ownerUnitId: unit.jjB, deadline: '2026-03-25' });
    matter = assigned.json();
    const staffList = (await jj.staffB.get('/api/matters')).json();
    expect(staffList.items.map((m: { id: string }) => m.id)).toContain(matter.id);
  });

  it('is read by the city with its thread; the city coordinator replies, never assigns, escalates or closes', async () => {
    for (const reader of [city.coordinator, city.leader]) {
      const list = (await reader.get('/api/matters')).json();
      expect(list.items.find((m: { id: string }) => m.id === matter.id)).toMatchObject({
        tenantName: '锦江区',
        raisedByTenantName: '成都市',
      });
      const detail = await reader.get(`/api/matters/${matter.id}`);
      expect(detail.statusCode).toBe(200);
      expect(detail.json().events.map((e: { kind: string }) => e.kind)).toEqual(['raised', 'assigned']);
    }
    // The city narrows its list to one district, and asks in vain for a district outside it.
    const onlyQY = (await city.coordinator.get(`/api/matters?tenantId=${t.qingyang}`)).json();
    expect(onlyQY.items.map((m: { id: string }) => m.id)).not.toContain(matter.id);
    expect((await city.coordinator.get(`/api/matters?tenantId=${t.fucheng}`)).json().total).toBe(0);

    const reply = await city.coordinator.post(`/api/matters/${matter.id}/updates`, {
      body: '请于3月25日前报送办理结果（市级督办）',
    });
    expect(reply.statusCode, reply.body).toBe(201);
    const thread = (await jj.coordinator.get(`/api/matters/${matter.id}`)).json().events;
    expect(thread.at(-1)).toMatchObject({
      kind: 'update',
      body: '请于3月25日前报送办理结果（市级督办）',
      payload: { byTenantId: t.chengdu, byTenantName: '成都市' },
    });
    const audit = await world.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('record_type', '=', 'matter_event')
      .where('record_id', '=', String(thread.at(-1).id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['matter.raiseDown']);

    // Leaders read; they do not write in a thread (403, the role), nor does the city's unit staff (403: a
    // reply from above is matter.raiseDown, the coordinator's).
    expect((await city.leader.post(`/api/matters/${matter.id}/updates`, { body: 'x' })).statusCode).toBe(403);
    const byStaff = await city.staff.post(`/api/matters/${matter.id}/updates`, { body: 'x' });
    expect(byStaff.statusCode).toBe(403);
    expect(byStaff.json().error.code).toBe('forbidden');
    // The district's writes stay the district's: 404 for the city coordinator.
    const v = { version: matter.version };
    const refused = [
      await city.coordinator.post(`/api/matters/${matter.id}/assign`, {
        ownerUnitId: unit.jjA,
        deadline: '2026-03-30',
        ...v,
      }),
      await city.coordinator.post(`/api/matters/${matter.id}/escalate`, { reason: '重大问题', ...v }),
      await city.coordinator.post(`/api/matters/${matter.id}/resolve`, { result: '已解决', ...v }),
      await city.coordinator.post(`/api/matters/${matter.id}/close`, { reason: '不再需要', ...v }),
    ];
    expect(refused.map((r) => r.statusCode)).toEqual([404, 404, 404, 404]);
    expect((await jj.coordinator.get(`/api/matters/${matter.id}`)).json()).toMatchObject({
      status: 'open',
      level: 'coordination',
      ownerUnitId: unit.jjB,
      version: matter.version,
    });
  });

  it('reads a district’s own matters but replies only to those it raised; a sensitive project’s stay the district’s', async () => {
    const own = await jj.coordinator.post('/api/matters', {
      projectId: projectJJ,
      title: '供电线路迁改',
      blockerKind: 'power',
      deadline: '2026-03-20',
    });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ raisedByTenantId: null, raisedByTenantName: null, level: 'unit' });
    expect((await city.coordinator.get(`/api/matters/${own.json().id}`)).statusCode).toBe(200);
    expect(
      (await city.coordinator.post(`/api/matters/${own.json().id}/updates`, { body: '关注' })).statusCode,
    ).toBe(404);

    const hidden = await jj.coordinator.post('/api/matters', {
      projectId: sensitiveJJ,
      title: '涉密事项',
      blockerKind: 'approval',
      deadline: '2026-03-20',
    });
    expect(hidden.statusCode, hidden.body).toBe(201);
    expect((await city.coordinator.get(`/api/matters/${hidden.json().id}`)).statusCode).toBe(404);
    const cityList = (await city.coordinator.get('/api/matters?pageSize=200')).json();
    expect(cityList.items.map((m: { id: string }) => m.id)).not.toContain(hidden.json().id);
    expect((await jj.coordinator.get(`/api/matters/${hidden.json().id}`)).statusCode).toBe(200);
    // Nor can the city raise a matter on it: the project is not found.
    const onHidden = await city.coordinator.post('/api/matters/raise-down', body({ projectId: sensitiveJJ }));
    expect(onHidden.statusCode).toBe(404);
  });

  it('is refused outside the city’s subtree, to a sibling, to one’s own tenant, and with bad references', async () => {
    const outside = await city.coordinator.post(
      '/api/matters/raise-down',
      body({ tenantId: t.fucheng, projectId: null, ownerUnitId: unit.fc }),
    );
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.code).toBe('not_found');

    const sibling = await jj.coordinator.post(
      '/api/matters/raise-down',
      body({ tenantId: t.qingyang, projectId: null, ownerUnitId: unit.qy }),
    );
    expect(sibling.statusCode).toBe(404);

    for (const [client, tenantId, ownerUnitId] of [
      [city.coordinator, t.chengdu, undefined],
      [jj.coordinator, t.jinjiang, unit.jjA],
    ] as const) {
      const own = await client.post(
        '/api/matters/raise-down',
        body({ tenantId, projectId: null, ownerUnitId }),
      );
      expect(own.statusCode).toBe(400);
      expect(own.json().error.fields[0]).toMatchObject({
        path: ['tenantId'],
        message: '只能向下级区县下达协调事项；本级事项请直接提出',
      });
    }

    const wrongProject = await city.coordinator.post(
      '/api/matters/raise-down',
      body({ projectId: projectQY }),
    );
    expect(wrongProject.statusCode).toBe(400);
    expect(wrongProject.json().error.fields[0]).toMatchObject({
      path: ['projectId'],
      message: '该区县没有此项目',
    });
    const noUnit = await city.coordinator.post('/api/matters/raise-down', body({ projectId: null }));
    expect(noUnit.statusCode).toBe(400);
    expect(noUnit.json().error.fields[0]).toMatchObject({
      path: ['ownerUnitId'],
      message: '请选择区县的责任单位',
    });
    const otherUnit = await city.coordinator.post(
      '/api/matters/raise-down',
      body({ projectId: null, ownerUnitId: unit.qy }),
    );
    expect(otherUnit.statusCode).toBe(400);
    expect(otherUnit.json().error.fields[0]).toMatchObject({ path: ['ownerUnitId'] });
    // In English too.
    const en = await city.coordinator.request(
      'POST',
      '/api/matters/raise-down',
      body({ tenantId: t.chengdu, projectId: null }),
      { headers: { 'accept-language': 'en-US' } },
    );
    expect(en.statusCode).toBe(400);
    expect(en.json().error.fields[0].path).toEqual(['tenantId']);

    // Roles without the action: 403.
    expect((await city.leader.post('/api/matters/raise-down', body())).statusCode).toBe(403);
    expect((await city.staff.post('/api/matters/raise-down', body())).statusCode).toBe(403);

    // A district's unit raised down onto, without a project: the unit is both raiser and owner.
    const onUnit = await city.coordinator.post(
      '/api/matters/raise-down',
      body({ tenantId: t.qingyang, projectId: null, ownerUnitId: unit.qy, title: '招商政策兑现' }),
    );
    expect(onUnit.statusCode, onUnit.body).toBe(201);
    expect(onUnit.json()).toMatchObject({ unitId: unit.qy, ownerUnitId: unit.qy, tenantName: '青羊区' });
    const qyDesk = (await qyCoordinator.get('/api/matters')).json();
    expect(qyDesk.items.map((m: { title: string }) => m.title)).toContain('招商政策兑现');
  });
});
