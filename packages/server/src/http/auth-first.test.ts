import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, nextIp, type TestWorld } from '../test/fixtures.ts';
import { TestClient } from '../test/client.ts';

/**
 * An anonymous request is told 401 before anything about its input (issue 12, item 17): validation with
 * field paths ran before the auth hook, so a caller without a session could probe every route's schema.
 */
let world: TestWorld;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(async () => world?.close());

describe('authentication before validation', () => {
  it('answers 401 without field paths on every non-public route, whatever the input', async () => {
    const anonymous = new TestClient(world.app, nextIp());
    const routes = world.app.landfall.routes.filter((r) => r.url.startsWith('/api') && r.action !== 'public');
    expect(routes.length).toBeGreaterThan(50);
    for (const route of routes) {
      // Params that are no ids, a query out of range, a body of the wrong shape.
      const url = `${route.url.replace(/:[a-zA-Z]+/g, 'not-an-id')}?page=-1&asOf=0001-99-99&month=x&pageSize=0`;
      const res = await anonymous.request(
        route.method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
        url,
        route.method === 'GET' || route.method === 'DELETE' ? undefined : { version: 'x', name: 42 },
      );
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(res.json().error.code, `${route.method} ${route.url}`).toBe('unauthenticated');
      expect(res.json().error.fields, `${route.method} ${route.url}`).toBeUndefined();
    }
  });

  it('still validates a signed-in caller’s input with field paths', async () => {
    const res = await world.admin.post('/api/units', { name: '', kind: 'nowhere' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { path: string[] }) => f.path.join('.'))).toEqual(
      expect.arrayContaining(['name', 'kind']),
    );
  });
});
