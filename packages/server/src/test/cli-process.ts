/**
 * The real `landfall` binary in child processes, for the CLI tests: `landfall(...)` runs one
 * command on a data folder (the embedded engine: DATABASE_URL cleared) and `serveFolder` starts
 * a server on it and resolves with its URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const landfallBin = fileURLToPath(new URL('../../bin/landfall.js', import.meta.url));

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `landfall ...args --data dataDir`; `onStderr` sees its stderr as it comes (to kill it, say). */
export function landfall(
  dataDir: string,
  args: string[],
  opts: { stdin?: string; onStderr?: (chunk: string, child: ChildProcess) => void } = {},
): Promise<RunResult> & { child: ChildProcess } {
  const started = performance.now();
  const child = spawn(process.execPath, [landfallBin, ...args, '--data', dataDir], {
    env: { ...process.env, DATABASE_URL: '' },
  });
  const done = new Promise<RunResult>((resolve) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      opts.onStderr?.(String(d), child);
    });
    child.stdin.end(opts.stdin ?? '');
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started }),
    );
  });
  return Object.assign(done, { child });
}

/** Starts `landfall serve` on the folder (any free port); resolves with its URL once it listens. */
export function serveFolder(dataDir: string): { server: ChildProcess; url: Promise<string> } {
  const server = spawn(process.execPath, [landfallBin, 'serve', '--port', '0', '--data', dataDir], {
    env: { ...process.env, DATABASE_URL: '', LANDFALL_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = new Promise<string>((resolve, reject) => {
    let log = '';
    server.stdout?.on('data', (d) => {
      log += d;
      const m = /running at (http:\/\/[\d.]+:\d+)/.exec(log);
      if (m?.[1]) resolve(m[1]);
    });
    server.stderr?.on('data', (d) => (log += d));
    server.on('exit', (code) => reject(new Error(`server exited ${code}: ${log}`)));
  });
  return { server, url };
}
