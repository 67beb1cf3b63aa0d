import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildUnit, createWorld, type TestWorld } from '../test/fixtures.ts';

/** No input — random JSON, wrong types, odd ids, odd query strings — may produce a 500 on any route. */
let world: TestWorld;
let unitId: string;
beforeAll(async () => {
  world = await createWorld();
  unitId = (await buildUnit(world.admin)).id;
});
afterAll(async () => world?.close());

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
          const res = await world.admin.request(route.method as 'POST' | 'PUT', url, body);
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
          const res = await world.admin.get(`${route.url.replace(':id', 'x')}?${qs}`);
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
