import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiToday } from '@landfall/domain/dates';
import { openDatabase } from '../db/database.ts';
import { statsBySql } from '../test/stats-sql.ts';
import { landfall } from '../test/cli-process.ts';

/** `landfall demo` then `landfall stats`, compared with SQL run on the same data folder afterwards. */
let dataDir: string;
const run = (args: string[], stdin = '') => landfall(dataDir, args, { stdin });

const skip = !!process.env.TEST_DATABASE_URL;
beforeAll(async () => {
  if (!skip) dataDir = await mkdtemp(join(tmpdir(), 'landfall-stats-'));
});
afterAll(async () => {
  if (!skip) await rm(dataDir, { recursive: true, force: true });
});

// The embedded engine's data-folder mode; the PostgreSQL pass of CI (TEST_DATABASE_URL) skips it.
describe.skipIf(skip)('landfall demo and stats', () => {
  it(
    'loads a lived-in district and reports figures equal to an independent query',
    { timeout: 240_000 },
    async () => {
      const demo = await run(['demo', '--password-stdin', '--json'], 'Demo#2026x\n');
      expect(demo.code, demo.stderr).toBe(0);
      expect(JSON.parse(demo.stdout)).toMatchObject({ projects: 60, units: 10 });
      expect((await run(['demo', '--password-stdin'], 'Demo#2026x\n')).code).toBe(1);

      const today = shanghaiToday(new Date());
      const dates = [today, addDays(today, -90), addDays(today, -200)];
      const reported = [];
      for (const date of dates) {
        const res = await run(['stats', '--as-of', date, '--json']);
        expect(res.code, res.stderr).toBe(0);
        reported.push(JSON.parse(res.stdout));
      }
      const plain = JSON.parse((await run(['stats', '--json'])).stdout);
      expect(plain).toEqual(reported[0]);
      expect(reported[0].projects).toBe(60);

      // The demo's target: 120 亿 for this year, finalised; stats reports it against the funds recorded this year.
      expect(reported[0].target).toMatchObject({
        metric: 'funds-in-place',
        year: Number(today.slice(0, 4)),
        amountWan: 1_200_000,
      });

      // A target for next year from the command line: a draft, refused until the units add up, then finalised.
      const next = Number(today.slice(0, 4)) + 1;
      expect((await run(['target', 'set', '--year', String(next), '--amount', '120亿'])).code).toBe(0);
      const units = [
        '区经济信息委',
        '区招商投资促进局',
        '区商务委',
        '区科技局',
        '经开区管委会',
        '高峰园区',
        '龙都街道',
        '天城镇',
        '分水镇',
      ];
      for (const name of units) {
        const res = await run([
          'target',
          'set',
          '--year',
          String(next),
          '--unit',
          name,
          '--amount',
          '120000万元',
        ]);
        expect(res.code, res.stderr).toBe(0);
      }
      const short = await run(['target', 'finalize', '--year', String(next)]);
      expect(short.code).toBe(1);
      expect(short.stderr).toContain('does not add up');
      expect(
        (
          await run([
            'target',
            'set',
            '--year',
            String(next),
            '--unit',
            '新田镇',
            '--amount',
            '1,200,000,000元',
          ])
        ).code,
      ).toBe(0);
      const done = await run(['target', 'finalize', '--year', String(next), '--json']);
      expect(done.code, done.stderr).toBe(0);
      expect(JSON.parse(done.stdout)).toMatchObject({ status: 'final', total: 120 * 10_000_000_000 });
      expect((await run(['target', 'set', '--year', String(next), '--amount', '1亿'])).code).toBe(1);

      const database = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pg') });
      try {
        for (const [i, date] of dates.entries()) {
          const { target: _target, indicators: _indicators, knownOn, ...figures } = reported[i];
          expect(knownOn).toBeNull();
          expect(figures).toEqual({ asOf: date, ...(await statsBySql(database.db, date)) });
        }
        const thisYear = await database.db
          .selectFrom('ledger_entry')
          .select((eb) => eb.fn.sum<string>('amount_fen').as('fen'))
          .where('effective_on', '>=', `${today.slice(0, 4)}-01-01`)
          .where('effective_on', '<=', today)
          // 市外口径: the target counts no funds from inside the city.
          .where((eb) => eb('funding_source', 'is distinct from', 'inside_city'))
          .executeTakeFirstOrThrow();
        expect(reported[0].target.actualWan).toBe(Number(thisYear.fen) / 1_000_000);
        expect(reported[0].target.completionRate).toBeCloseTo(
          Number(thisYear.fen) / (120 * 10_000_000_000),
          12,
        );
        // The demo's promises: every stage present today, stale and overdue items, funds month by month.
        const t = reported[0];
        for (const stage of Object.keys(t.byStage)) expect(t.byStage[stage], stage).toBeGreaterThan(0);
        expect(t.byRegion.yrd + t.byRegion.prd + t.byRegion.bohai).toBeGreaterThan(20);
        const months = await database.db
          .selectFrom('ledger_entry')
          .select((eb) =>
            eb.fn
              .count<string>(eb.fn('to_char', [eb.ref('effective_on'), eb.val('YYYY-MM')]))
              .distinct()
              .as('n'),
          )
          .where('kind', '=', 'funding')
          .executeTakeFirstOrThrow();
        expect(Number(months.n)).toBeGreaterThanOrEqual(6);
        const stale = await database.db
          .selectFrom('project')
          .select('id')
          .where('last_entry_on', '<=', addDays(today, -7))
          .where('stage', 'not in', ['paused', 'dropped'])
          .execute();
        expect(stale.length).toBeGreaterThan(5);
        const unanswered = await database.db
          .selectFrom('lead')
          .select('id')
          .where('status', '=', 'reported')
          .execute();
        expect(unanswered.length).toBeGreaterThan(2);
      } finally {
        await database.close();
      }
    },
  );
});
