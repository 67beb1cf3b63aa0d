import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../test/database.ts';
import { TestClient } from '../test/client.ts';
import { buildSetup, PASSWORD } from '../test/fixtures.ts';

/** Serving the built web app: SPA fallback, cache headers, JSON 404 under /api; Secure cookies behind TLS. */
let database: Database;
let app: FastifyInstance;
let webDir: string;

beforeAll(async () => {
  webDir = await mkdtemp(join(tmpdir(), 'landfall-web-'));
  await mkdir(join(webDir, 'assets'));
  await writeFile(
    join(webDir, 'index.html'),
    '<!doctype html><html lang="zh-CN"><script type="module" src="/assets/app.js"></script></html>',
  );
  await writeFile(join(webDir, 'assets', 'app.js'), 'console.log(1)');
  database = await createTestDatabase();
  app = await buildApp({ database, webDir, trustProxy: ['127.0.0.1'] });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
  await rm(webDir, { recursive: true, force: true });
});

describe('web app', () => {
  it('serves index.html for app routes and hashed assets as immutable', async () => {
    for (const url of ['/', '/setup', '/admin/users?x=1']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    }
    const asset = await app.inject({ url: '/assets/app.js' });
    expect(asset.headers['cache-control']).toContain('immutable');
    const file = await writeFile(join(webDir, 'assets', 'later.js'), '1').then(() =>
      app.inject({ url: '/assets/later.js' }),
    );
    expect(file.statusCode).toBe(200); // a file built after start is served too
    expect((await app.inject({ url: '/assets/missing.js' })).statusCode).toBe(404);
    const api = await app.inject({ url: '/api/unknown' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('not_found');
  });

  it('marks the session cookie Secure when the request came over TLS through the proxy', async () => {
    const client = new TestClient(app);
    await client.post('/api/setup', buildSetup());
    const plain = await client.post('/api/auth/login', { username: 'admin', password: PASSWORD });
    expect(plain.cookies.find((c) => c.name === 'landfall_session')?.secure).toBeFalsy();
    const tls = await client.request(
      'POST',
      '/api/auth/login',
      { username: 'admin', password: PASSWORD },
      {
        headers: { 'x-forwarded-proto': 'https' },
      },
    );
    expect(tls.statusCode).toBe(200);
    expect(tls.cookies.find((c) => c.name === 'landfall_session')?.secure).toBe(true);
  });
});
