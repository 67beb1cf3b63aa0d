import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * LANDFALL_TRUST_PROXY: which peers may speak for the client in X-Forwarded-For/-Proto/-Host — a comma
 * list of proxy addresses or CIDRs (`10.0.0.5,10.1.0.0/16`), or a hop count (`1`). Never `true`: trusting
 * every peer lets anyone choose the address the audit log records and the login throttle counts.
 */
export type TrustProxy = false | number | string[];

export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = (value ?? '').trim();
  if (v === '' || v === 'false' || v === '0') return false;
  if (v === 'true') {
    throw new Error(
      'LANDFALL_TRUST_PROXY=true is refused: it would let any client choose its address in X-Forwarded-For. ' +
        'Give the proxy addresses or CIDRs (e.g. LANDFALL_TRUST_PROXY=10.0.0.5 or 10.0.0.0/24,::1) ' +
        'or the number of proxies in front of Landfall (e.g. LANDFALL_TRUST_PROXY=1). / ' +
        'LANDFALL_TRUST_PROXY 不接受 true：请填写反向代理的地址或网段（逗号分隔），或代理层数。',
    );
  }
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops > 10)
      throw new Error(`LANDFALL_TRUST_PROXY: a hop count of ${hops} is implausible (at most 10)`);
    return hops;
  }
  const entries = v
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, prefix, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const max = family === 6 ? 128 : 32;
    const prefixOk = prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= max);
    if (!family || !prefixOk || extra !== undefined) {
      throw new Error(
        `LANDFALL_TRUST_PROXY: "${entry}" is not an IP address or CIDR (give e.g. 10.0.0.5, 10.0.0.0/24 or a hop count)`,
      );
    }
  }
  return entries;
}

/** LANDFALL_PUBLIC_URL: the origin browsers use (https://landfall.example.gov.cn); its host is allowed. */
export function parsePublicUrl(value: string | undefined): URL | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(
      `LANDFALL_PUBLIC_URL: "${value}" is not a URL (give e.g. https://landfall.example.gov.cn)`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`LANDFALL_PUBLIC_URL: "${value}" must start with https:// or http://`);
  }
  return url;
}

/** Environment, validated once at start-up; a bad value stops the process with a clear message. */
const envSchema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  DATABASE_MIGRATION_URL: z.string().min(1).optional(),
  LANDFALL_DATA_DIR: z.string().min(1).optional(),
  LANDFALL_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  LANDFALL_HOST: z.string().min(1).default('127.0.0.1'),
  LANDFALL_TRUST_PROXY: z.string().optional(),
  LANDFALL_PUBLIC_URL: z.string().optional(),
  LANDFALL_RATE_LIMIT_USER: z.coerce.number().int().min(1).default(600),
  LANDFALL_RATE_LIMIT_ADDRESS: z.coerce.number().int().min(1).default(1200),
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
  trustProxy: TrustProxy;
  publicUrl: URL | undefined;
  /** API requests per minute per user and per client address (429 with Retry-After beyond). */
  rateLimits: { perUser: number; perAddress: number };
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
    trustProxy: parseTrustProxy(e.LANDFALL_TRUST_PROXY),
    publicUrl: parsePublicUrl(e.LANDFALL_PUBLIC_URL),
    rateLimits: { perUser: e.LANDFALL_RATE_LIMIT_USER, perAddress: e.LANDFALL_RATE_LIMIT_ADDRESS },
    secureCookies: e.LANDFALL_SECURE_COOKIES,
    logLevel: e.LANDFALL_LOG_LEVEL,
  };
}
