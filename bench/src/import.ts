/**
 * The 100k-row import, against what it cannot beat: reading the same file without doing
 * anything (parse only) plus one bulk insert of the very rows the import wrote, in one
 * transaction on the same engine. Reported as a ratio (Landfall ÷ (parse + bulk insert)),
 * with the heap after the import. Usage: `npm run bench:import` (PGlite in memory) or
 * `BENCH_DATABASE_URL=postgres://… npm run bench:import` (creates and drops scratch databases).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { buildApp } from '../../packages/server/src/app.ts';
import { openDatabase, type Database } from '../../packages/server/src/db/database.ts';
import { migrateToLatest } from '../../packages/server/src/db/migrator.ts';
import { openSheet } from '../../packages/server/src/imports/sheet-reader.ts';
import { writeBigLedger } from '../../packages/server/src/test/big-ledger.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const TOKEN = 'bench-operator-token-0123456789abcdef';

async function scratch(name: string): Promise<Database> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) return openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return openDatabase({ kind: 'postgres', url: u.toString() });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'landfall-bench-import-'));
  const file = join(dir, 'ledger.xlsx');
  await writeBigLedger(file, ROWS);
  const bytes = await readFile(file);

  // Parse only: every row of the sheet read, nothing done with it.
  let t = performance.now();
  const sheet = await openSheet(bytes, 'xlsx');
  let rows = 0;
  for await (const r of sheet.rows) rows += r.cells.length > 0 ? 1 : 0;
  const parseMs = performance.now() - t;

  // Landfall: upload + commit through the API, as the CLI does.
  const landfall = await scratch('bench_import_landfall');
  await migrateToLatest(landfall.db);
  const app = await buildApp({ database: landfall, operatorToken: TOKEN });
  const headers = { 'x-landfall-operator': TOKEN, 'accept-language': 'zh-CN' };
  const setup = await app.inject({
    method: 'POST',
    url: '/api/setup',
    headers,
    payload: {
      tenantName: '万州区',
      divisionCode: '500101',
      adminUsername: 'admin',
      adminDisplayName: '管理员',
      password: 'Bench#Passw0rd1',
    },
  });
  if (setup.statusCode !== 201) throw new Error(setup.body);
  const tenantId = setup.json().tenantId as string;
  t = performance.now();
  const up = await app.inject({
    method: 'POST',
    url: `/api/imports?filename=ledger.xlsx&tenantId=${tenantId}`,
    headers: { ...headers, 'content-type': 'application/octet-stream' },
    payload: bytes,
  });
  if (up.statusCode !== 201) throw new Error(up.body);
  const commit = await app.inject({
    method: 'POST',
    url: `/api/imports/${up.json().id}/commit`,
    headers,
    payload: { createUnits: true },
  });
  const landfallMs = performance.now() - t;
  if (commit.statusCode !== 200) throw new Error(commit.body.slice(0, 500));
  global.gc?.();
  const heapMb = Math.round(process.memoryUsage().heapUsed / 1e6);

  // The same rows, bulk-inserted as they are into a fresh database of the same engine.
  const tables = ['unit', 'enterprise', 'project', 'project_enterprise', 'ledger_entry'] as const;
  const dump: Record<string, Record<string, unknown>[]> = {};
  for (const table of tables) {
    const res = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(landfall.db);
    dump[table] = res.rows;
  }
  const tenant = await sql<Record<string, unknown>>`select * from tenant`.execute(landfall.db);
  const groups = await sql<Record<string, unknown>>`select * from work_group`.execute(landfall.db);
  await app.close();
  await landfall.close();

  const raw = await scratch('bench_import_raw');
  await migrateToLatest(raw.db);
  const insertAll = async (db: Kysely<unknown>, table: string, list: Record<string, unknown>[]) => {
    if (!list.length) return;
    const columns = Object.keys(list[0]!).filter((c) => !(table === 'ledger_entry' && c === 'id'));
    // Statements of at most 500 rows, as an insert tuned by hand would use (larger ones are slower to bind).
    const per = Math.max(1, Math.min(500, Math.floor(30_000 / columns.length)));
    for (let i = 0; i < list.length; i += per) {
      const values = list.slice(i, i + per).map(
        (row) =>
          sql`(${sql.join(
            columns.map((c) => {
              const v = row[c];
              return v !== null && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v)
                ? sql`${JSON.stringify(v)}::jsonb`
                : sql`${v}`;
            }),
          )})`,
      );
      await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) values ${sql.join(values)}`.execute(
        db,
      );
    }
  };
  await insertAll(raw.db as Kysely<unknown>, 'tenant', tenant.rows);
  await insertAll(raw.db as Kysely<unknown>, 'work_group', groups.rows);
  t = performance.now();
  await raw.db.transaction().execute(async (trx) => {
    for (const table of tables) await insertAll(trx as unknown as Kysely<unknown>, table, dump[table]!);
  });
  const bulkMs = performance.now() - t;
  await raw.close();
  await rm(dir, { recursive: true, force: true });

  const written = tables.reduce((s, table) => s + dump[table]!.length, 0);
  console.log(
    `engine ${landfall.engine}; ${rows} sheet rows (${(bytes.length / 1e6).toFixed(1)} MB .xlsx); ${written} rows written`,
  );
  console.log('| step | time |');
  console.log('| --- | ---: |');
  console.log(`| parse only (stream every row of the sheet) | ${seconds(parseMs)} |`);
  console.log(`| bulk insert of the same rows, one transaction | ${seconds(bulkMs)} |`);
  console.log(`| Landfall import (upload + commit) | ${seconds(landfallMs)} |`);
  console.log(`| ratio Landfall ÷ (parse + bulk insert) | ${(landfallMs / (parseMs + bulkMs)).toFixed(2)} |`);
  console.log(`heap after the import (after GC when --expose-gc): ${heapMb} MB`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
