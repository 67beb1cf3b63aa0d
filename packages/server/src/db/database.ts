import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';
import { currentTenantScope, tenantSetting, type TenantScope } from './tenant-scope.ts';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** Plain SQL straight to the engine, bypassing Kysely (benchmarks compare against it). */
  raw(text: string, params?: unknown[]): Promise<unknown[]>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | {
      kind: 'postgres';
      url: string;
      /** The tenants visible to code that runs outside any tenant scope (db/tenant-scope.ts); default none. */
      outsideScope?: TenantScope;
    }
  | { kind: 'pglite'; dataDir: string };

// Dates and timestamps are parsed by the application, never by pg's local-time Date parser:
// DATE stays a 'YYYY-MM-DD' string (an Asia/Shanghai calendar date), bigint money in fen stays exact.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => {
  const n = BigInt(value);
  if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new Error(`bigint ${value} exceeds the safe integer range`);
  }
  return Number(n);
});

/**
 * Opens one Kysely instance over node-postgres: a real PostgreSQL pool when a
 * URL is given, else PGlite (PostgreSQL compiled to WASM) in `dataDir`, served
 * to node-postgres through PGlite's own adapter. `memory://` keeps it in memory.
 */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: 10, options: '-c TimeZone=Asia/Shanghai' });
    // An idle connection the server drops (restart, failover) must not crash the process; the pool replaces it.
    pool.on('error', (err) => console.warn(`landfall: idle database connection lost: ${err.message}`));
    // Row-level security (migration 0019): every connection handed out — one per query, or one for a
    // whole transaction — first carries the tenant scope of the code that asked for it.
    const outside = target.outsideScope;
    const connect = async () => {
      const client = await pool.connect();
      try {
        await client.query(`select set_config('landfall.tenants', $1, false)`, [
          tenantSetting(currentTenantScope() ?? outside),
        ]);
      } catch (err) {
        client.release(err as Error);
        throw err;
      }
      return client;
    };
    const scopedPool = { connect, end: () => pool.end() } as unknown as pg.Pool;
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: scopedPool }) });
    return {
      db,
      engine: 'postgres',
      async raw(text, params) {
        const client = await connect();
        try {
          return (await client.query(text, params)).rows;
        } finally {
          client.release();
        }
      },
      close: () => db.destroy(),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const pglite = await PGlite.create(target.dataDir, { extensions: { pg_trgm } });
  await pglite.exec(`set timezone = 'Asia/Shanghai'`);
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1, idleTimeoutMillis: 0 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'pglite',
    raw: async (text, params) => (await pglite.query(text, params)).rows,
    async close() {
      await db.destroy();
      await pglite.close();
    },
  };
}
