import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Env } from '../env.ts';
import { buildApp } from '../app.ts';
import { removeServerInfo, writeServerInfo } from '../db/data-folder.ts';
import { openRuntime } from '../runtime.ts';

export const defaultWebDir = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** `landfall serve`: migrate, listen, print the URL; SIGTERM/SIGINT close the database cleanly. */
export async function serve(env: Env, opts: { port?: number; host?: string; webDir?: string }) {
  const runtime = await openRuntime(env);
  const operatorToken = randomBytes(32).toString('hex');
  const app = await buildApp({
    database: runtime.database,
    operatorToken,
    webDir: opts.webDir ?? defaultWebDir,
    trustProxy: env.trustProxy,
    publicUrl: env.publicUrl,
    rateLimits: env.rateLimits,
    secureCookies: env.secureCookies,
    logger: { level: env.logLevel },
  });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: closing`);
    try {
      await app.close();
      if (!env.databaseUrl) await removeServerInfo(env.dataDir);
      await runtime.close();
      process.exit(0);
    } catch (err) {
      console.error(err);
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  const host = opts.host ?? env.host;
  const port = opts.port ?? env.port;
  try {
    await app.listen({ host, port });
  } catch (err) {
    await runtime.close();
    throw err;
  }
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${actualPort}`;
  if (!env.databaseUrl) await writeServerInfo(env.dataDir, { pid: process.pid, url, token: operatorToken });
  const where = env.databaseUrl ? 'PostgreSQL' : `PGlite ${env.dataDir}`;
  console.log(
    `Landfall 已启动 / is running at ${url}  (${where}; migrations: ${runtime.migrations.current})`,
  );
}
