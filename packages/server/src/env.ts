import { resolve } from 'node:path';
import { z } from 'zod';

/** Environment, validated once at start-up; a bad value stops the process with a clear message. */
const envSchema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  DATABASE_MIGRATION_URL: z.string().min(1).optional(),
  LANDFALL_DATA_DIR: z.string().min(1).optional(),
  LANDFALL_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  LANDFALL_HOST: z.string().min(1).default('127.0.0.1'),
  LANDFALL_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  LANDFALL_SECURE_COOKIES: z.enum(['auto', 'always', 'never']).default('auto'),
  LANDFALL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Env {
  databaseUrl: string | undefined;
  /** The role that owns the tables and runs migrations; absent: DATABASE_URL's role does. */
  databaseMigrationUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  trustProxy: boolean;
  secureCookies: 'auto' | 'always' | 'never';
  logLevel: string;
}

export function readEnv(source: NodeJS.ProcessEnv = process.env, overrides: { dataDir?: string } = {}): Env {
  // An empty variable counts as unset (`DATABASE_URL= npm start` means the embedded engine).
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    databaseMigrationUrl: e.DATABASE_URL ? e.DATABASE_MIGRATION_URL : undefined,
    dataDir: resolve(overrides.dataDir ?? e.LANDFALL_DATA_DIR ?? 'data'),
    port: e.LANDFALL_PORT ?? e.PORT ?? 3000,
    host: e.LANDFALL_HOST,
    trustProxy: e.LANDFALL_TRUST_PROXY === 'true',
    secureCookies: e.LANDFALL_SECURE_COOKIES,
    logLevel: e.LANDFALL_LOG_LEVEL,
  };
}
