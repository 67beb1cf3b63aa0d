import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, createWorld, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { sheetBomb } from '../test/zip-bombs.ts';

/** The peak growth of the process's memory while `work` runs, sampled every few milliseconds. */
async function peakGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growthMb: number; ms: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const started = Date.now();
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growthMb: (peak - before) / 1024 / 1024, ms: Date.now() - started };
  } finally {
    clearInterval(timer);
  }
}

/** A zip bomb is refused while it streams, cheaply, in the user's language; many at once do not kill the process. */
describe('import: zip bombs', () => {
  let world: TestWorld;
  let coordinator: TestClient;
  let lying: Buffer;
  let honest: Buffer;

  beforeAll(async () => {
    world = await createWorld('2026-03-02T09:00:00+08:00');
    coordinator = (await buildUser(world, 'coordinator')).client;
    // 300 MB of sheet XML whose directory claims 4 KiB (and the same, telling the truth).
    lying = await sheetBomb({ inflatedBytes: 300 * 1024 * 1024, filler: 'rows', declaredSize: 4096 });
    honest = await sheetBomb({ inflatedBytes: 300 * 1024 * 1024, filler: 'rows' });
  }, 60_000);
  afterAll(() => world.close());

  it('builds small bombs (the test holds no inflated sheet)', () => {
    expect(lying.length).toBeLessThan(2 * 1024 * 1024);
    expect(honest.length).toBeLessThan(2 * 1024 * 1024);
  });

  it('refuses a sheet that inflates past what its zip directory declares: 400, fast, bounded memory', async () => {
    const {
      result: res,
      growthMb,
      ms,
    } = await peakGrowth(() => coordinator.upload('/api/imports', '台账.xlsx', lying));
    expect(res.statusCode, res.body.slice(0, 300)).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('validation_failed');
    expect(error.message).toBe('文件解压后过大或压缩比异常，已拒绝读取');
    expect(error.fields).toEqual([{ path: ['file'], message: '文件解压后过大或压缩比异常，已拒绝读取' }]);
    expect(ms).toBeLessThan(3000);
    expect(growthMb).toBeLessThan(100);
  });

  it('refuses the same sheet with an honest directory before inflating it', async () => {
    const { result: res, ms } = await peakGrowth(() =>
      coordinator.upload('/api/imports', '台账.xlsx', honest),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('文件解压后过大或压缩比异常，已拒绝读取');
    expect(ms).toBeLessThan(3000);
  });

  it('answers in English when asked', async () => {
    const res = await coordinator.request('POST', '/api/imports?filename=a.xlsx', lying, {
      headers: { 'content-type': 'application/octet-stream', 'accept-language': 'en-US' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/unzips to an excessive size/);
  });

  it.each([
    ['one cell of 3 MB', 'one-cell' as const],
    ['a comment of 3 MB', 'comment' as const],
  ])('refuses %s of poorly compressible text (the parser would keep it whole)', async (_label, filler) => {
    const file = await sheetBomb({
      inflatedBytes: 3 * 1024 * 1024,
      filler,
      randomAlphabet: 'ABCDEFGHIJKLMNOP',
    });
    const res = await coordinator.upload('/api/imports', '台账.xlsx', file);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(400);
    expect(res.json().error.message).toBe('文件解压后过大或压缩比异常，已拒绝读取');
  });

  it('still reads a sheet that tells the truth about its size', async () => {
    const file = await sheetBomb({ inflatedBytes: 200 * 1024, filler: 'rows' });
    const res = await coordinator.upload('/api/imports', '台账.xlsx', file);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
  });

  it('survives eight bombs at once: each refused (400) or asked to wait (429), the server answers after', async () => {
    const { result, growthMb } = await peakGrowth(() =>
      Promise.all(Array.from({ length: 8 }, () => coordinator.upload('/api/imports', '台账.xlsx', lying))),
    );
    for (const res of result) expect([400, 429], res.body.slice(0, 300)).toContain(res.statusCode);
    for (const res of result.filter((r) => r.statusCode === 429)) {
      expect(res.headers['retry-after']).toBe('10');
      expect(res.json().error.message).toBe('服务器正在处理其他导入或上传的文件，请约 10 秒后再试');
    }
    expect(growthMb).toBeLessThan(200);
    expect((await coordinator.get('/api/me')).statusCode).toBe(200);
    expect(world.app.landfall.uploads.running().total).toBe(0);
  });
});
