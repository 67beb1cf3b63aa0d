import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase } from '../db/database.ts';
import { writeBigLedger } from '../test/big-ledger.ts';
import { landfall } from '../test/cli-process.ts';

/**
 * A process killed (SIGKILL) at a random moment of a 100,000-row import leaves all rows or
 * none: the commit is one transaction on the embedded engine's data folder. Run with
 * `npm run test:kill` (20 runs; LANDFALL_KILL_RUNS and LANDFALL_KILL_ROWS to change);
 * `npm test` skips it. After each kill the folder is opened directly (the killed process
 * still "holds" the folder lock until it goes stale) and counted.
 */
const RUNS = Number(process.env.LANDFALL_KILL_RUNS ?? 0);
const ROWS = Number(process.env.LANDFALL_KILL_ROWS ?? 100_000);
let work: string;
let file: string;
let template: string;

/**
 * Runs the CLI on a folder; with `killAt` it is killed (SIGKILL) after `killAt.ms`, or as soon as
 * its progress line reports at least `killAt.rows` rows written — so kills land all along the commit.
 */
function run(
  args: string[],
  dataDir: string,
  opts: { stdin?: string; killAt?: { ms?: number; rows?: number } } = {},
) {
  const rows = opts.killAt?.rows;
  const running = landfall(dataDir, args, {
    stdin: opts.stdin,
    onStderr: (chunk, child) => {
      if (rows === undefined) return;
      const seen = [...chunk.matchAll(/导入中 \/ commit: (\d+) 行/g)].map((m) => Number(m[1]));
      if (seen.some((n) => n >= rows)) child.kill('SIGKILL');
    },
  });
  const ms = opts.killAt?.ms;
  const timer = ms === undefined ? undefined : setTimeout(() => running.child.kill('SIGKILL'), ms);
  return running.finally(() => clearTimeout(timer));
}

async function counts(dataDir: string) {
  const database = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pg') });
  try {
    const r = await sql<{
      projects: string;
      entries: string;
      enterprises: string;
      units: string;
      committed: string;
    }>`
      select (select count(*) from project) as projects, (select count(*) from ledger_entry) as entries,
        (select count(*) from enterprise) as enterprises, (select count(*) from unit) as units,
        (select count(*) from import_batch where status = 'committed') as committed`.execute(database.db);
    const row = r.rows[0]!;
    return {
      projects: Number(row.projects),
      entries: Number(row.entries),
      enterprises: Number(row.enterprises),
      units: Number(row.units),
      committed: Number(row.committed),
    };
  } finally {
    await database.close();
  }
}

const skip = RUNS === 0 || !!process.env.TEST_DATABASE_URL;

beforeAll(async () => {
  if (skip) return;
  work = await mkdtemp(join(tmpdir(), 'landfall-kill-'));
  file = join(work, 'ledger.xlsx');
  await writeBigLedger(file, ROWS);
  template = join(work, 'template');
  const setup = await run(
    ['setup', '--tenant', '万州区', '--division', '500101', '--admin', 'admin', '--password-stdin'],
    template,
    { stdin: 'Kill#Passw0rd\n' },
  );
  if (setup.code !== 0) throw new Error(setup.stderr);
}, 120_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe.skipIf(skip)(`a ${ROWS}-row import killed at a random moment, ${RUNS} times`, () => {
  it('leaves all rows or none', { timeout: 4 * 60 * 60 * 1000 }, async () => {
    const empty = await counts(template);
    // The whole import once: how long it takes, and what "all" looks like.
    const full = join(work, 'full');
    await cp(template, full, { recursive: true });
    const done = await run(['import', file, '--create-units', '--json'], full);
    expect(done.code, done.stderr).toBe(0);
    const all = await counts(full);
    expect(all.projects).toBe(empty.projects + ROWS);
    expect(all.committed).toBe(1);
    await rm(full, { recursive: true, force: true });

    // Each run is killed at a random point: one in ten during start-up and upload (a random time in the
    // first 3 s), the others when the commit has written a random number of rows (up to all of them,
    // when the kill lands around COMMIT itself).
    const outcomes: { at: string; outcome: 'none' | 'all'; killed: boolean; ms: number }[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const dir = join(work, `run${i}`);
      await cp(template, dir, { recursive: true });
      const early = Math.random() < 0.1;
      const killAt = early
        ? { ms: Math.round(300 + Math.random() * 2700) }
        : { rows: Math.round(Math.random() * ROWS) };
      const res = await run(['import', file, '--create-units', '--json'], dir, { killAt });
      const after = await counts(dir);
      const outcome = after.projects === empty.projects ? 'none' : 'all';
      const at = early ? `${killAt.ms}ms` : `${killAt.rows}rows`;
      expect(after, `run ${i}, killed at ${at}`).toEqual(outcome === 'none' ? empty : all);
      outcomes.push({ at, outcome, killed: res.signal === 'SIGKILL', ms: Math.round(res.ms) });
      await rm(dir, { recursive: true, force: true });
    }
    const killed = outcomes.filter((o) => o.killed).length;
    console.log(
      `full import ${Math.round(done.ms)} ms; ${killed} of ${RUNS} runs killed mid-way: ${outcomes
        .map((o) => `${o.at}→${o.outcome}${o.killed ? '' : ' (finished first)'}`)
        .join(', ')}`,
    );
    // Most runs must really have been killed, or the test proves little.
    expect(killed).toBeGreaterThanOrEqual(Math.ceil(RUNS * 0.7));
  });
});
