/**
 * Benchmarks: each query Landfall runs, timed against the raw SQL of the same
 * query on the same engine, reported as a ratio (Landfall ÷ raw). Not part of
 * `npm test`. Usage: `npm run bench` (PGlite in memory) or
 * `BENCH_DATABASE_URL=postgres://… npm run bench` (a scratch database on that server).
 */
import { sql } from 'kysely';
import { openDatabase } from '../../packages/server/src/db/database.ts';
import { migrateToLatest } from '../../packages/server/src/db/migrator.ts';
import { listAuditEntries } from '../../packages/server/src/audit/audit.repo.ts';
import { createSession, sessionIdOf, validateSession } from '../../packages/server/src/auth/session.ts';
import { systemClock } from '../../packages/server/src/clock.ts';
import { seedAudit, seedOrganisation } from './seed.ts';
import { seedLibrary } from './seed-library.ts';
import { benchDashboard } from './dashboard.ts';

const AUDIT_ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 200_000);
const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 100_000);
const ENTRIES_PER_PROJECT = Number(process.env.BENCH_ENTRIES_PER_PROJECT ?? 21);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);

async function time(fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? 0;
}

async function main() {
  const url = process.env.BENCH_DATABASE_URL;
  const database = url
    ? await openDatabase({ kind: 'postgres', url })
    : await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  const { db } = database;
  await migrateToLatest(db);
  const org = await seedOrganisation(db);
  const t0 = performance.now();
  await seedAudit(db, org, AUDIT_ROWS);
  console.log(
    `engine ${database.engine}; ${AUDIT_ROWS} audit rows seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s; median of ${RUNS} runs`,
  );

  const results: { query: string; landfallMs: number; rawMs: number }[] = [];
  const tenantIds = [org.tenantId];

  results.push({
    query: 'audit: newest page, all',
    landfallMs: await time(() => listAuditEntries(db, { page: 1, pageSize: 50 }, tenantIds)),
    rawMs: await time(() =>
      sql`select count(*) from audit_log where (tenant_id in (${org.tenantId}) or tenant_id is null)`
        .execute(db)
        .then(() =>
          sql`select * from audit_log where (tenant_id in (${org.tenantId}) or tenant_id is null) order by id desc limit 50`.execute(
            db,
          ),
        ),
    ),
  });
  results.push({
    query: 'audit: filter action + outcome, page 3',
    landfallMs: await time(() =>
      listAuditEntries(db, { action: 'unit.update', outcome: 'ok', page: 3, pageSize: 50 }, tenantIds),
    ),
    rawMs: await time(() =>
      sql`select count(*) from audit_log where (tenant_id in (${org.tenantId}) or tenant_id is null) and action like 'unit.update%' and outcome = 'ok'`
        .execute(db)
        .then(() =>
          sql`select * from audit_log where (tenant_id in (${org.tenantId}) or tenant_id is null) and action like 'unit.update%' and outcome = 'ok' order by id desc limit 50 offset 100`.execute(
            db,
          ),
        ),
    ),
  });
  const token = await createSession(db, org.userId, new Date(), '127.0.0.1', 'bench', null);
  results.push({
    query: 'session: validate a request',
    landfallMs: await time(() => validateSession(db, systemClock, token)),
    rawMs: await time(() =>
      sql`select s.*, u.*, t.path from session s join app_user u on u.id = s.user_id join tenant t on t.id = u.tenant_id where s.id = ${sessionIdOf(token)}`
        .execute(db)
        .then(() => sql`select id from tenant where path like ${`/${org.tenantId}/%`}`.execute(db)),
    ),
  });

  const t1 = performance.now();
  const { entries } = await seedLibrary(db, org, PROJECTS, ENTRIES_PER_PROJECT);
  console.log(
    `${PROJECTS} projects and ${entries} ledger entries seeded in ${((performance.now() - t1) / 1000).toFixed(1)} s`,
  );
  results.push(...(await benchDashboard(database, org.tenantId, time)));

  console.log('| query | Landfall ms | raw SQL ms | ratio |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const r of results) {
    console.log(
      `| ${r.query} | ${r.landfallMs.toFixed(2)} | ${r.rawMs.toFixed(2)} | ${(r.landfallMs / r.rawMs).toFixed(2)} |`,
    );
  }
  await database.close();
}

await main();
