import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { roles, type Role } from '@landfall/domain';
import { scopeOf, type RouteAction } from '../auth/policy.ts';
import { TestClient } from '../test/client.ts';
import { buildUnit, buildUser, createWorld, nextIp, type TestWorld } from '../test/fixtures.ts';
import { buildEnterprise, buildLead, buildProject } from '../test/library-fixtures.ts';
import {
  hostileValues,
  leavesOf,
  operationsOf,
  sampleOf,
  setAt,
  dateKind,
  type Operation,
  type Path,
} from '../test/openapi-cases.ts';

/**
 * No input — random JSON, wrong types, odd ids, odd query strings, and for every operation of the
 * OpenAPI document a NUL in each text field, int4 overflow in each integer, year 1 and 9999 in
 * each date, broken multipart on the upload routes — may produce a 500 on any route. Each route is
 * called by a role that may perform its action (authentication and the role check come first, so
 * a role without it would only ever see the 403).
 */
let world: TestWorld;
let unitId: string;
let anonymous: TestClient;
const clients = new Map<Role, TestClient>();
const ids: Record<string, string> = {};
beforeAll(async () => {
  world = await createWorld();
  unitId = (await buildUnit(world.admin)).id;
  clients.set('system_admin', world.admin);
  for (const role of roles) {
    if (role === 'system_admin') continue;
    const user = await buildUser(world, role, role === 'unit_staff' ? { unitId } : {});
    clients.set(role, user.client);
  }
  anonymous = new TestClient(world.app, nextIp());
  const staff = clients.get('unit_staff')!;
  const project = await buildProject(staff);
  const victim = await buildUser(world, 'viewer');
  const groups = (await world.admin.get('/api/groups')).json() as
    { items?: { id: string }[] } | { id: string }[];
  const groupList = Array.isArray(groups) ? groups : (groups.items ?? []);
  Object.assign(ids, {
    default: '00000000-0000-4000-8000-000000000000',
    unitId,
    tenantId: world.tenantId,
    projectId: project.id,
    enterpriseId: (await buildEnterprise(staff)).id,
    leadId: (await buildLead(staff)).id,
    groupId: groupList[0]?.id ?? unitId,
    userId: victim.id,
  });
});
afterAll(async () => world?.close());

/** A client whose role may perform the route's action (anonymous for public routes). */
function clientFor(action: RouteAction | undefined): TestClient {
  if (!action || action === 'public') return anonymous;
  const order: Role[] = [
    'coordinator',
    'unit_staff',
    'system_admin',
    'security_admin',
    'auditor',
    'leader',
    'viewer',
  ];
  const role = order.find((r) => scopeOf(r, action));
  return role ? clients.get(role)! : world.admin;
}

const idLike = fc.oneof(
  fc.constant('00000000-0000-4000-8000-000000000000'),
  fc.uuid(),
  fc.string({ maxLength: 40 }),
  fc.constantFrom('1', '-1', "' or 1=1 --", '%00', '..%2f..', '中文'),
);

describe('robustness', () => {
  it('answers every route with a 4xx, never a 500, whatever the body', async () => {
    // Logging out or changing the password would end the session the fuzzing runs on.
    const sessionEnders = ['/api/auth/logout', '/api/me/password'];
    const routes = world.app.landfall.routes.filter(
      (r) => r.url.startsWith('/api') && r.method !== 'GET' && !sessionEnders.includes(r.url),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.oneof(
          fc.jsonValue(),
          fc.object(),
          fc.record({ name: fc.string(), version: fc.integer(), kind: fc.string() }),
        ),
        fc.oneof(fc.constant(unitId), idLike),
        async (route, body, id) => {
          const url = route.url.replace(':id', encodeURIComponent(id));
          const res = await clientFor(route.action).request(route.method as 'POST' | 'PUT', url, body);
          const what = `${route.method} ${url} ${JSON.stringify(body).slice(0, 200)} → ${res.body.slice(0, 200)}`;
          expect(res.statusCode, what).toBeLessThan(500);
          // The session must survive, or the rest of the run would only test the 401 path.
          if (route.url !== '/api/auth/login') expect(res.statusCode, what).not.toBe(401);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers GET routes with odd query strings without a 500', async () => {
    const routes = world.app.landfall.routes.filter((r) => r.url.startsWith('/api') && r.method === 'GET');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.dictionary(
          fc.constantFrom('tenantId', 'parent', 'q', 'page', 'pageSize', 'from', 'to', 'outcome', 'actor'),
          fc.string({ maxLength: 30 }),
        ),
        async (route, query) => {
          const qs = new URLSearchParams(query).toString();
          const res = await clientFor(route.action).get(`${route.url.replace(':id', 'x')}?${qs}`);
          expect(res.statusCode, `${route.url}?${qs} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('answers a non-JSON content type with 415 and an oversized body with 413', async () => {
    const wrongType = await world.admin.request('POST', '/api/units', undefined, {
      headers: { 'content-type': 'text/xml' },
    });
    expect([400, 415]).toContain(wrongType.statusCode);
    const huge = await world.admin.post('/api/units', { name: 'x'.repeat(2 * 1024 * 1024), kind: 'town' });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('payload_too_large');
  });
});

describe('robustness: every OpenAPI operation with hostile fields', () => {
  // Ending the fuzzing sessions would leave the rest to the 401 path.
  const sessionEnders = new Set(['POST /api/auth/logout', 'POST /api/me/password']);
  const multipartRoutes = ['POST /api/imports', 'POST /api/projects/:id/attachments'];

  function operations(): Operation[] {
    return operationsOf(world.app.swagger()).filter((op) => !sessionEnders.has(`${op.method} ${op.url}`));
  }
  function actionOf(op: Operation) {
    return world.app.landfall.routes.find((r) => r.method === op.method && r.url === op.url)?.action;
  }
  const idFor = (url: string) => {
    const kind = /^\/api\/(\w[\w-]*)\//.exec(url)?.[1];
    const byKind: Record<string, string | undefined> = {
      units: ids.unitId,
      projects: ids.projectId,
      enterprises: ids.enterpriseId,
      leads: ids.leadId,
      groups: ids.groupId,
      users: ids.userId,
      tenants: ids.tenantId,
    };
    return (kind && byKind[kind]) || ids.default!;
  };
  /** The operation's URL with its path parameters (one of them replaced) and its query string. */
  function urlOf(op: Operation, query: Record<string, unknown>, param?: { name: string; value: string }) {
    let url = op.url;
    for (const name of op.pathParams) {
      const value = param?.name === name ? param.value : name === 'month' ? '2026-02' : idFor(op.url);
      url = url.replace(`:${name}`, encodeURIComponent(value));
    }
    const qs = new URLSearchParams(
      Object.entries(query).map(([k, v]): [string, string] => [
        k,
        Array.isArray(v) ? String(v[0]) : String(v),
      ]),
    ).toString();
    return qs ? `${url}?${qs}` : url;
  }
  function baseQuery(op: Operation) {
    return Object.fromEntries(
      op.query.filter((q) => q.required).map((q) => [q.name, sampleOf(q.schema, q.name, ids)]),
    );
  }

  async function send(op: Operation, url: string, body: unknown) {
    const client = clientFor(actionOf(op));
    if (op.method === 'GET') return client.get(url);
    return client.request(op.method, url, body ?? (op.body ? {} : undefined));
  }

  function expectAnswer(
    res: { statusCode: number; body: string },
    what: string,
    nulAt: { where: 'path' | 'query' | 'body'; path: Path } | null,
  ) {
    expect.soft(res.statusCode, `${what} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
    if (!what.includes('/api/auth/login')) expect.soft(res.statusCode, what).not.toBe(401);
    if (nulAt) {
      expect.soft(res.statusCode, `${what} → ${res.body.slice(0, 300)}`).toBe(400);
      const fields = (res.body ? JSON.parse(res.body) : {}).error?.fields as { path: Path }[] | undefined;
      expect
        .soft(
          fields?.map((f) => JSON.stringify(f.path)),
          what,
        )
        .toContain(JSON.stringify(nulAt.path));
    }
  }

  it('lists the multipart routes this test breaks', () => {
    const all = operations().map((op) => `${op.method} ${op.url}`);
    for (const route of multipartRoutes) expect(all).toContain(route);
  });

  it('answers a NUL, int4 overflow or year 1/9999 in every path parameter and query field with a 4xx', async () => {
    let requests = 0;
    for (const op of operations()) {
      const query = baseQuery(op);
      const body = op.body ? sampleOf(op.body, undefined, ids) : undefined;
      for (const name of op.pathParams) {
        const cases = [
          { label: 'NUL', value: `${name === 'month' ? '2026-02' : idFor(op.url)}\u0000`, nul: true },
        ];
        if (name === 'month')
          cases.push(
            { label: 'year 1', value: '0001-01', nul: false },
            { label: 'year 9999', value: '9999-12', nul: false },
          );
        for (const c of cases) {
          const url = urlOf(op, query, { name, value: c.value });
          const res = await send(op, url, body);
          requests += 1;
          expectAnswer(
            res,
            `${op.method} ${url} (${c.label} in :${name})`,
            c.nul ? { where: 'path', path: [name] } : null,
          );
        }
      }
      for (const q of op.query) {
        const type = q.schema.type === 'integer' || q.schema.type === 'number' ? 'integer' : 'string';
        for (const h of hostileValues(type, q.name, query[q.name])) {
          const url = urlOf(op, { ...query, [q.name]: h.value });
          const res = await send(op, url, body);
          requests += 1;
          expectAnswer(
            res,
            `${op.method} ${url} (${h.label} in ?${q.name})`,
            h.nul ? { where: 'query', path: [q.name] } : null,
          );
        }
      }
    }
    expect(requests).toBeGreaterThan(100);
  }, 300_000);

  it('answers a NUL, int4 overflow or year 1/9999 in every body field with a 4xx', async () => {
    let requests = 0;
    for (const op of operations()) {
      if (!op.body) continue;
      const url = urlOf(op, baseQuery(op));
      const base = sampleOf(op.body, undefined, ids);
      for (const leaf of leavesOf(op.body)) {
        const name = leaf.path[leaf.path.length - 1];
        const current = leaf.path.reduce<unknown>(
          (v, k) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined),
          base,
        );
        for (const h of hostileValues(leaf.type, name, current)) {
          const body = setAt(base, leaf.path, h.value);
          const res = await send(op, url, body);
          requests += 1;
          const what = `${op.method} ${url} (${h.label} in ${leaf.path.join('.')}) ${JSON.stringify(body).slice(0, 200)}`;
          expectAnswer(res, what, h.nul ? { where: 'body', path: leaf.path } : null);
        }
      }
      // A NUL in a key of the body (jsonb refuses it as well).
      if (base && typeof base === 'object' && !Array.isArray(base)) {
        const res = await send(op, url, { ...base, 'odd\u0000key': 1 });
        requests += 1;
        expectAnswer(res, `${op.method} ${url} (NUL in a key)`, { where: 'body', path: ['odd\u0000key'] });
      }
      expect(dateKind('asOf')).toBe('date');
    }
    expect(requests).toBeGreaterThan(300);
  }, 300_000);

  it('answers broken multipart on the upload routes with a 4xx', async () => {
    const client = clientFor('import.run');
    const cases: { label: string; headers: Record<string, string>; payload: string }[] = [
      { label: 'no boundary', headers: { 'content-type': 'multipart/form-data' }, payload: 'abc' },
      {
        label: 'unclosed part',
        headers: { 'content-type': 'multipart/form-data; boundary=XyZ' },
        payload:
          '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\nPK\u0003\u0004abc',
      },
      {
        label: 'no parts',
        headers: { 'content-type': 'multipart/form-data; boundary=XyZ' },
        payload: '--XyZ--\r\n',
      },
      {
        label: 'a field, not a file',
        headers: { 'content-type': 'multipart/form-data; boundary=XyZ' },
        payload: '--XyZ\r\nContent-Disposition: form-data; name="file"\r\n\r\nhello\r\n--XyZ--\r\n',
      },
      {
        label: 'a NUL in the file name',
        headers: { 'content-type': 'multipart/form-data; boundary=XyZ' },
        payload:
          '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a\u0000.csv"\r\n\r\n项目名称,投资方\r\n--XyZ--\r\n',
      },
    ];
    for (const route of multipartRoutes) {
      const [method, path] = route.split(' ') as ['POST', string];
      const url = path.replace(':id', ids.projectId!);
      const who = route.includes('attachments') ? clients.get('unit_staff')! : client;
      for (const c of cases) {
        const res = await who.request(method, url, c.payload, { headers: c.headers });
        expect(res.statusCode, `${route} (${c.label}) → ${res.body.slice(0, 300)}`).toBeLessThan(500);
        // A NUL in a file name is cleaned from the stored name (uploadImport, uploadAttachment).
        if (!c.label.includes('file name'))
          expect(res.statusCode, `${route} (${c.label})`).toBeGreaterThanOrEqual(400);
      }
    }
  });
});
