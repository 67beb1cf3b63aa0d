import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { landfall, serveFolder } from '../test/cli-process.ts';

/** The real `landfall` binary in child processes, on a temporary data folder (embedded engine). */
let dataDir: string;
let server: ChildProcess | undefined;
let serverUrl: string;

function run(args: string[], stdin?: string) {
  return landfall(dataDir, args, { stdin });
}

function startServer(): Promise<string> {
  const served = serveFolder(dataDir);
  server = served.server;
  return served.url;
}

const skip = !!process.env.TEST_DATABASE_URL;

beforeAll(async () => {
  if (skip) return;
  dataDir = await mkdtemp(join(tmpdir(), 'landfall-cli-'));
  serverUrl = await startServer();
}, 60_000);

afterAll(async () => {
  if (skip) return;
  if (server && server.exitCode === null) server.kill('SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

// The embedded engine's data-folder mode; the PostgreSQL pass of CI (TEST_DATABASE_URL) skips it.
describe.skipIf(skip)('landfall CLI', () => {
  it('refuses a second server on the same data folder, writing nothing', async () => {
    const second = await run(['serve', '--port', '0']);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('in use by another Landfall process');
    expect(second.stderr).toContain('正被另一个 Landfall 进程使用');
    const health = await fetch(`${serverUrl}/api/health`);
    expect(await health.json()).toEqual({ ok: true, engine: 'pglite' });
  });

  it('sets up through the running server, once', async () => {
    const first = await run(
      [
        'setup',
        '--tenant',
        '万州区',
        '--division',
        '500101',
        '--admin',
        'admin',
        '--password-stdin',
        '--json',
      ],
      'Chief#2026x\n',
    );
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toHaveProperty('tenantId');
    const again = await run(
      ['setup', '--tenant', '万州区', '--division', '500101', '--admin', 'other', '--password-stdin'],
      'Chief#2026x\n',
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('setup_done');
    const status = await (await fetch(`${serverUrl}/api/setup`)).json();
    expect(status).toEqual({ needed: false });
  });

  it('adds, lists, disables and resets accounts with clear errors', async () => {
    const add = await run(
      ['user', 'add', '--username', 'liu', '--role', 'coordinator', '--password-stdin', '--json'],
      'Coord#2026x\n',
    );
    expect(add.code, add.stderr).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ username: 'liu', role: 'coordinator', disabled: false });
    const weak = await run(
      ['user', 'add', '--username', 'weak', '--role', 'leader', '--password-stdin'],
      'short\n',
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('密码不符合安全要求');
    const noUnit = await run(
      ['user', 'add', '--username', 'x', '--role', 'unit_staff', '--unit', '不存在', '--password-stdin'],
      'Coord#2026x\n',
    );
    expect(noUnit.stderr).toContain('no such unit');
    expect((await run(['user', 'disable', 'liu'])).code).toBe(0);
    expect((await run(['user', 'reset-password', 'liu', '--password-stdin'], 'Reset#2026x\n')).code).toBe(0);
    // The recovery commands that need no administrator: clear the login wait, enable again.
    const unlock = await run(['user', 'unlock', 'liu', '--json']);
    expect(unlock.code, unlock.stderr).toBe(0);
    expect(JSON.parse(unlock.stdout)).toMatchObject({ username: 'liu', mustChangePassword: true });
    expect((await run(['user', 'enable', 'liu'])).code).toBe(0);
    expect((await run(['user', 'disable', 'liu'])).code).toBe(0);
    const list = JSON.parse((await run(['user', 'list', '--json'])).stdout) as {
      username: string;
      disabled: boolean;
    }[];
    expect(list.find((u) => u.username === 'liu')?.disabled).toBe(true);
  }, 120_000);

  it('closes cleanly on SIGTERM; the data outlives the process', async () => {
    server?.removeAllListeners('exit');
    const exited = new Promise<number | null>((resolve) => server?.once('exit', (code) => resolve(code)));
    server?.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(join(dataDir, 'server.json'))).toBe(false);
    const list = await run(['user', 'list', '--json']);
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as { username: string }[]).map((u) => u.username).sort()).toEqual([
      'admin',
      'liu',
    ]);
    const migrate = await run(['migrate', '--json']);
    expect(JSON.parse(migrate.stdout)).toMatchObject({ engine: 'pglite', mode: 'local' });
  });

  it('prints help for every command', async () => {
    expect((await run(['--help'])).stdout).toContain('user');
    for (const args of [
      ['migrate', '--help'],
      ['serve', '--help'],
      ['user', 'add', '--help'],
      ['setup', '--help'],
    ]) {
      const res = await run(args);
      expect(res.code).toBe(0);
      expect(res.stdout).toContain('--data');
    }
  });
});
