import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, createWorld, PASSWORD, type TestWorld } from '../test/fixtures.ts';

/**
 * Bodies before authentication, over a real socket (inject hands the whole body over at once):
 * the caller is authenticated and the route's action checked before a byte of the body is read,
 * and each tenant reads at most two uploads at once.
 */
let world: TestWorld;
let port: number;
beforeAll(async () => {
  world = await createWorld();
  await world.app.listen({ port: 0, host: '127.0.0.1' });
  port = (world.app.server.address() as AddressInfo).port;
});
afterAll(async () => world?.close());

/** A browser's cookies and CSRF token over HTTP, logged in when a user is given. */
async function session(user?: { username: string }) {
  const res = await fetch(`http://127.0.0.1:${port}/api/csrf`);
  const { token } = (await res.json()) as { token: string };
  let cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  if (user) {
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie },
      body: JSON.stringify({ username: user.username, password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    cookie = [cookie, ...login.headers.getSetCookie().map((c) => c.split(';')[0])].join('; ');
    // The CSRF token is bound to the session: the logged-in page fetches its own.
    const bound = await fetch(`http://127.0.0.1:${port}/api/csrf`, { headers: { cookie } });
    return { cookie, token: ((await bound.json()) as { token: string }).token };
  }
  return { cookie, token };
}

const MB = 1024 * 1024;

/**
 * Starts a POST of `total` bytes (octet-stream, as the CLI sends a file), one MB at a time, and
 * stops sending when the answer arrives or after `pauseAfter` bytes. Resolves with the answer and
 * how many bytes had been sent by then.
 */
function streamingPost(
  path: string,
  headers: Record<string, string>,
  total: number,
  pauseAfter = total,
): { answer: Promise<{ status: number; body: string; sentBeforeAnswer: number }>; abort(): void } {
  const chunk = Buffer.alloc(MB, 0x41);
  let sent = 0;
  let answered = false;
  let aborted = false;
  const req = http.request({
    host: '127.0.0.1',
    port,
    path,
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/octet-stream', 'content-length': String(total) },
  });
  const answer = new Promise<{ status: number; body: string; sentBeforeAnswer: number }>(
    (resolve, reject) => {
      req.on('response', (res) => {
        answered = true;
        const sentBeforeAnswer = sent;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body, sentBeforeAnswer });
          req.destroy();
        });
      });
      req.on('error', (err) => (answered || aborted ? undefined : reject(err)));
    },
  );
  const pump = () => {
    while (!answered && sent < Math.min(total, pauseAfter)) {
      sent += MB;
      if (!req.write(chunk)) {
        req.once('drain', () => setTimeout(pump, 1));
        return;
      }
    }
  };
  pump();
  return {
    answer,
    abort: () => {
      aborted = true;
      req.destroy();
    },
  };
}

describe('bodies before authentication', () => {
  it('refuses an anonymous 50 MB upload with 401 while the client is still sending, reading none of it', async () => {
    const { cookie, token } = await session();
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const post = streamingPost('/api/imports?filename=a.xlsx', { cookie, 'x-csrf-token': token }, 50 * MB);
    const res = await post.answer;
    clearInterval(timer);
    expect(res.status, res.body).toBe(401);
    expect(JSON.parse(res.body).error.code).toBe('unauthenticated');
    expect(JSON.parse(res.body).error.message).toBe('请先登录');
    // The answer came while the body was still on its way, and the server kept none of it.
    expect(res.sentBeforeAnswer).toBeLessThan(50 * MB);
    expect((peak - before) / MB).toBeLessThan(40);
  });

  it('refuses a role without the action (403) before reading the body', async () => {
    const staff = await buildUser(world, 'viewer');
    const { cookie, token } = await session({ username: staff.username });
    const post = streamingPost('/api/imports?filename=a.xlsx', { cookie, 'x-csrf-token': token }, 50 * MB);
    const res = await post.answer;
    expect(res.status).toBe(403);
    expect(res.sentBeforeAnswer).toBeLessThan(50 * MB);
  });

  it('keeps every other route to 1 MB', async () => {
    const coordinator = await buildUser(world, 'coordinator');
    const res = await coordinator.client.post('/api/matters', { title: 'x'.repeat(1.5 * MB) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });

  it('reads two uploads of a tenant at once and asks a third to wait (429, Retry-After), then reads again', async () => {
    const coordinator = await buildUser(world, 'coordinator');
    const { cookie, token } = await session({ username: coordinator.username });
    // Two uploads that hold their slots: headers sent, the body still coming.
    const slow = [0, 1].map(() =>
      streamingPost('/api/imports?filename=a.csv', { cookie, 'x-csrf-token': token }, 8 * MB, 2 * MB),
    );
    await expect.poll(() => world.app.landfall.uploads.running().total, { timeout: 5000 }).toBe(2);

    const third = await coordinator.client.upload(
      '/api/imports',
      '台账.csv',
      Buffer.from('项目名称,投资方\n甲,乙\n'),
    );
    expect(third.statusCode).toBe(429);
    expect(third.headers['retry-after']).toBe('10');
    expect(third.json().error).toMatchObject({
      code: 'rate_limited',
      message: '服务器正在处理其他导入或上传的文件，请约 10 秒后再试',
    });

    for (const s of slow) s.abort();
    await expect.poll(() => world.app.landfall.uploads.running().total, { timeout: 5000 }).toBe(0);
    const again = await coordinator.client.upload(
      '/api/imports',
      '台账.csv',
      Buffer.from('项目名称,投资方,责任单位\n甲项目,乙公司,经信委\n'),
    );
    expect(again.statusCode, again.body.slice(0, 300)).toBe(201);
  });
});
