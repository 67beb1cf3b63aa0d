import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

/**
 * The embedded engine's data folder. PGlite has no lock between processes (a
 * second process on the same files silently loses writes), so one process holds
 * an exclusive lock on the folder; others talk to it over HTTP using the address
 * and operator token it writes into `server.json` (readable by the folder's owner only).
 */
export class DataFolderLockedError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `数据目录 ${dataDir} 正被另一个 Landfall 进程使用。\n` +
        `The data folder ${dataDir} is in use by another Landfall process; stop it first ` +
        `(if none is running, the stale lock clears itself within 10 seconds).`,
    );
    this.name = 'DataFolderLockedError';
  }
}

export interface DataFolderLock {
  pgDir: string;
  release(): Promise<void>;
}

export async function lockDataFolder(dataDir: string): Promise<DataFolderLock> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, {
      lockfilePath: join(dataDir, 'landfall.lock'),
      stale: 10_000,
      update: 2_000,
      retries: 0,
      realpath: false,
      onCompromised: (err) => {
        // Another process took the folder (e.g. this one was suspended past the stale time): stop writing at once.
        console.error(`landfall: lost the data folder lock: ${err.message}`);
        process.exit(70);
      },
    });
  } catch (err) {
    if ((err as { code?: string }).code === 'ELOCKED') throw new DataFolderLockedError(dataDir);
    throw err;
  }
  return { pgDir: join(dataDir, 'pg'), release: () => release() };
}

export interface ServerInfo {
  pid: number;
  url: string;
  token: string;
}

const infoFile = (dataDir: string) => join(dataDir, 'server.json');

export async function writeServerInfo(dataDir: string, info: ServerInfo) {
  await writeFile(infoFile(dataDir), JSON.stringify(info), { mode: 0o600 });
  await chmod(infoFile(dataDir), 0o600);
}

export async function readServerInfo(dataDir: string): Promise<ServerInfo | undefined> {
  try {
    return JSON.parse(await readFile(infoFile(dataDir), 'utf8')) as ServerInfo;
  } catch {
    return undefined;
  }
}

export async function removeServerInfo(dataDir: string) {
  await rm(infoFile(dataDir), { force: true });
}
