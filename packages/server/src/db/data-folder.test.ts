import { chmod, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../env.ts';
import { openRuntime } from '../runtime.ts';
import { landfall, serveFolder } from '../test/cli-process.ts';
import { DataFolderLockedError, DataFolderPermissionError, lockDataFolder } from './data-folder.ts';

/**
 * The embedded engine's data folder on a real disk (issue 12 items 13 and 14): its files are the
 * owner's only, a folder others can write is refused, and a lock left by a killed process is taken
 * over at once. The PostgreSQL pass of CI (TEST_DATABASE_URL) skips it, as the other folder tests.
 */
const skip = !!process.env.TEST_DATABASE_URL || process.platform === 'win32';
let work: string;

beforeAll(async () => {
  if (!skip) work = await mkdtemp(join(tmpdir(), 'landfall-folder-'));
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

async function modes(folder: string): Promise<{ path: string; mode: number; dir: boolean }[]> {
  const out: { path: string; mode: number; dir: boolean }[] = [];
  const walk = async (dir: string) => {
    out.push({ path: dir, mode: (await stat(dir)).mode & 0o777, dir: true });
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) out.push({ path, mode: (await stat(path)).mode & 0o777, dir: false });
    }
  };
  await walk(folder);
  return out;
}

describe.skipIf(skip)('the data folder', () => {
  it('holds PGlite’s files for its owner only: folders 0700, files 0600', async () => {
    const dataDir = join(work, 'fresh');
    const runtime = await openRuntime(readEnv({}, { dataDir }));
    await runtime.close();
    const all = await modes(dataDir);
    expect(all.filter((f) => !f.dir).length).toBeGreaterThan(100);
    const open = all.filter((f) => f.mode !== (f.dir ? 0o700 : 0o600));
    expect(open.map((f) => `${f.path} ${f.mode.toString(8)}`)).toEqual([]);
  });

  it('narrows an older folder’s files when it opens it', async () => {
    const dataDir = join(work, 'fresh');
    await chmod(join(dataDir, 'pg', 'PG_VERSION'), 0o644);
    await mkdir(join(dataDir, 'pg', 'loose'), { mode: 0o755 });
    await chmod(join(dataDir, 'pg', 'loose'), 0o755);
    const runtime = await openRuntime(readEnv({}, { dataDir }));
    await runtime.close();
    expect((await stat(join(dataDir, 'pg', 'PG_VERSION'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dataDir, 'pg', 'loose'))).mode & 0o777).toBe(0o700);
  });

  it('is refused when others can write to it, saying how to fix it', async () => {
    const dataDir = join(work, 'shared');
    await mkdir(dataDir);
    await chmod(dataDir, 0o777);
    await expect(openRuntime(readEnv({}, { dataDir }))).rejects.toThrow(DataFolderPermissionError);
    const served = await landfall(dataDir, ['serve', '--port', '0']);
    expect(served.code).toBe(2);
    expect(served.stderr).toContain(`chmod -R go-rwx ${dataDir}`);
    expect(served.stderr).toContain('其他账户可以写入');
    expect(served.stderr).toContain('other accounts can write to it');
    expect(await readdir(dataDir)).toEqual([]); // nothing was created
    await chmod(dataDir, 0o770);
    await expect(openRuntime(readEnv({}, { dataDir }))).rejects.toThrow(/mode 770/);
    await chmod(dataDir, 0o700);
    const runtime = await openRuntime(readEnv({}, { dataDir }));
    await runtime.close();
  });

  it('is taken over within 3 s of its server being killed, and never while the server lives', async () => {
    const dataDir = join(work, 'killed');
    const { server, url } = serveFolder(dataDir);
    const address = await url;
    await expect(lockDataFolder(dataDir)).rejects.toThrow(DataFolderLockedError);
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGKILL');
    await exited;
    const started = performance.now();
    const lock = await lockDataFolder(dataDir);
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(3000);
    await lock.release();
    // A restarted server serves the same folder.
    const again = serveFolder(dataDir);
    try {
      const health = await fetch(`${await again.url}/api/health`);
      expect(await health.json()).toEqual({ ok: true, engine: 'pglite' });
    } finally {
      again.server.kill('SIGTERM');
      await new Promise((resolve) => again.server.once('exit', resolve));
    }
    expect(address).toMatch(/^http:/);
  });
});
