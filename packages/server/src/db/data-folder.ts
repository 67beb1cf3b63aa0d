import { chmod, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
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
        `(a lock left by a process that died is taken over at once; one on another machine after 10 seconds).`,
    );
    this.name = 'DataFolderLockedError';
  }
}

/** The data folder (or its database folder) can be written by other accounts: refuse to use it. */
export class DataFolderPermissionError extends Error {
  constructor(
    readonly dataDir: string,
    folder: string,
    mode: number,
  ) {
    super(
      `数据目录 ${folder} 的权限为 ${mode.toString(8).padStart(3, '0')}，其他账户可以写入，Landfall 拒绝使用。` +
        `请执行 chmod -R go-rwx ${dataDir} 后重试。\n` +
        `The data folder ${folder} has mode ${mode.toString(8).padStart(3, '0')}: other accounts can write to it, ` +
        `so Landfall will not use it. Fix it with: chmod -R go-rwx ${dataDir}`,
    );
    this.name = 'DataFolderPermissionError';
  }
}

/**
 * Refuses a data folder (or its `pg` folder) that its group or others can write: anyone who can
 * write there can rewrite the ledger and the audit log underneath the application.
 */
export async function checkDataFolderPermissions(dataDir: string) {
  if (process.platform === 'win32') return;
  for (const folder of [dataDir, join(dataDir, 'pg')]) {
    const info = await stat(folder).catch(() => undefined);
    if (!info) continue;
    const mode = info.mode & 0o777;
    if (mode & 0o022) throw new DataFolderPermissionError(dataDir, folder, mode);
  }
}

/**
 * The embedded engine's files for the folder's owner only: folders 0700, files 0600. PGlite
 * creates its files with mode 0666 less the umask, so the process also narrows its umask.
 */
export async function restrictDataFolder(dataDir: string) {
  if (process.platform === 'win32') return;
  narrowUmask();
  const walk = async (folder: string): Promise<void> => {
    await chmod(folder, 0o700);
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) await chmod(path, 0o600).catch(() => {});
    }
  };
  await walk(dataDir).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
}

/** New files of this process: the owner's only (a worker thread cannot change it; its files are chmodded). */
function narrowUmask() {
  if (process.platform === 'win32') return;
  try {
    process.umask(0o077);
  } catch {
    // ERR_WORKER_UNSUPPORTED_OPERATION
  }
}

/** Who holds the lock (beside it): a lock whose process is gone on this machine is taken over at once. */
const holderFile = (dataDir: string) => join(dataDir, 'landfall.lock.json');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function deadHolder(dataDir: string): Promise<boolean> {
  try {
    const holder = JSON.parse(await readFile(holderFile(dataDir), 'utf8')) as { pid: number; host: string };
    return holder.host === hostname() && holder.pid !== process.pid && !isAlive(holder.pid);
  } catch {
    return false;
  }
}

export interface DataFolderLock {
  pgDir: string;
  release(): Promise<void>;
}

export async function lockDataFolder(dataDir: string): Promise<DataFolderLock> {
  narrowUmask();
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await checkDataFolderPermissions(dataDir);
  const lockfilePath = join(dataDir, 'landfall.lock');
  const take = () =>
    lockfile.lock(dataDir, {
      lockfilePath,
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
  let release: () => Promise<void>;
  try {
    release = await take();
  } catch (err) {
    if ((err as { code?: string }).code !== 'ELOCKED') throw err;
    // A process killed (kill -9, a crash, a power cut) leaves its lock behind; when that process is
    // gone from this machine the lock is stale now, not in 10 seconds.
    if (!(await deadHolder(dataDir))) throw new DataFolderLockedError(dataDir);
    await rm(lockfilePath, { recursive: true, force: true });
    try {
      release = await take();
    } catch (again) {
      if ((again as { code?: string }).code === 'ELOCKED') throw new DataFolderLockedError(dataDir);
      throw again;
    }
  }
  await writeFile(holderFile(dataDir), JSON.stringify({ pid: process.pid, host: hostname() }), {
    mode: 0o600,
  });
  return {
    pgDir: join(dataDir, 'pg'),
    async release() {
      await rm(holderFile(dataDir), { force: true });
      await release();
    },
  };
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
