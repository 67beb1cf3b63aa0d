import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { defaultStageWeights } from '@landfall/domain/forecast';
import { buildApp } from '../app.ts';
import { fakeClock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../test/database.ts';
import { TestClient } from '../test/client.ts';

/**
 * The dashboard on the demo district, figure by figure, against SQL written
 * here and hand arithmetic, for today and two past dates.
 */
const PASSWORD = 'Demo#Check2026';
const YI = 10_000_000_000;
let database: Database;
let app: FastifyInstance;
let leader: TestClient;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database, clock: fakeClock('2026-11-20T10:00:00+08:00') });
  const setup = new TestClient(app);
  expect((await setup.post('/api/setup/demo', { password: PASSWORD })).statusCode).toBe(201);
  leader = new TestClient(app, '10.3.0.1');
  await leader.login('leader', PASSWORD);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const cases = [
  { asOf: '2026-11-20', months: 10, day: 324 },
  { asOf: '2026-09-30', months: 9, day: 273 },
  { asOf: '2026-06-15', months: 5, day: 166 },
];

function lightOf(gap: number) {
  return gap >= 0 ? 'green' : gap >= -0.1 - 1e-9 ? 'yellow' : 'red';
}

describe('the dashboard on the demo district', () => {
  for (const { asOf, months, day } of cases) {
    it(`equals independent arithmetic as of ${asOf}`, async () => {
      const res = await leader.get(`/api/dashboard?year=2026&asOf=${asOf}`);
      expect(res.statusCode, res.body).toBe(200);
      const d = res.json();
      const db = database.db;

      const progress = months / 12;
      expect(d.timeProgress).toBeCloseTo(progress, 12);

      // 市外口径: the dashboard counts no funds from inside the city (本市).
      const perUnit = await sql<{ unit_id: string; name: string; fen: string | null }>`
        select u.id as unit_id, u.name, (select sum(e.amount_fen) from ledger_entry e join project p on p.id = e.project_id
          where p.unit_id = u.id and e.effective_on between '2026-01-01' and ${asOf}
            and e.funding_source is distinct from 'inside_city') as fen
        from unit u`.execute(db);
      const expected = perUnit.rows
        .map((u) => {
          const actual = Number(u.fen ?? 0);
          const completion = actual / (12 * YI);
          return {
            unitId: u.unit_id,
            actual,
            target: 12 * YI,
            completion,
            gap: completion - progress,
            light: lightOf(completion - progress),
          };
        })
        .sort((a, b) => b.completion - a.completion || b.actual - a.actual);
      expect(d.units.map((u: { unitId: string }) => u.unitId)).toEqual(expected.map((u) => u.unitId));
      for (const [i, u] of expected.entries()) {
        const got = d.units[i];
        expect(got).toMatchObject({
          unitId: u.unitId,
          actual: u.actual,
          target: u.target,
          light: u.light,
          rank: i + 1,
        });
        expect(got.completion).toBeCloseTo(u.completion, 12);
        expect(got.gap).toBeCloseTo(u.gap, 12);
      }
      const total = expected.reduce((s, u) => s + u.actual, 0);
      expect(d.kpi).toMatchObject({
        target: 120 * YI,
        actual: total,
        light: lightOf(total / (120 * YI) - progress),
      });

      const monthly = await sql<{ month: string; fen: string }>`
        select to_char(effective_on, 'YYYY-MM') as month, sum(amount_fen) as fen from ledger_entry
        where effective_on between '2026-01-01' and ${asOf} and amount_fen is not null
          and funding_source is distinct from 'inside_city' group by 1`.execute(db);
      let cumulative = 0;
      for (const m of d.monthly) {
        const value = Number(monthly.rows.find((r) => r.month === m.month)?.fen ?? 0);
        cumulative += value;
        expect(m).toMatchObject({
          value,
          cumulative,
          targetLine: Math.round((120 * YI * Number(m.month.slice(5))) / 12),
        });
      }
      expect(d.monthly).toHaveLength(Number(asOf.slice(5, 7)));

      const regions = await sql<{ region: string | null; fen: string }>`
        select p.region, sum(e.amount_fen) as fen from ledger_entry e join project p on p.id = e.project_id
        where e.effective_on between '2026-01-01' and ${asOf} and e.amount_fen is not null
          and e.funding_source is distinct from 'inside_city' group by 1`.execute(db);
      for (const r of regions.rows) {
        expect(d.byRegion.find((x: { region: string | null }) => x.region === r.region)?.value).toBe(
          Number(r.fen),
        );
      }

      // The pipeline as of the date, and the forecast: actual + Σ weight × open remainder × days left / 365.
      const stages = await sql<{ stage: string; remaining: string; n: string }>`
        select s.stage, count(*) as n, sum(greatest(0,
          coalesce((select e.agreed_fen from ledger_entry e where e.project_id = s.project_id and e.agreed_fen is not null
            and e.effective_on <= ${asOf} order by e.effective_on desc, e.id desc limit 1), 0)
          - coalesce((select sum(e.amount_fen) from ledger_entry e where e.project_id = s.project_id and e.effective_on <= ${asOf}), 0)))
          as remaining
        from (select p.id as project_id, (select e.stage_to from ledger_entry e where e.project_id = p.id and e.stage_to is not null
          and e.effective_on <= ${asOf} order by e.effective_on desc, e.id desc limit 1) as stage from project p) s
        where s.stage is not null group by s.stage`.execute(db);
      for (const s of stages.rows) {
        expect(d.funnel.find((f: { stage: string }) => f.stage === s.stage)?.projects).toBe(Number(s.n));
      }
      const weighted = stages.rows.reduce(
        (sum, s) =>
          sum + defaultStageWeights[s.stage as keyof typeof defaultStageWeights] * Number(s.remaining),
        0,
      );
      expect(
        Math.abs(d.kpi.forecast - Math.round(total + (weighted * (365 - day)) / 365)),
      ).toBeLessThanOrEqual(1);
    });
  }
});
