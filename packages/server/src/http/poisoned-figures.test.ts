import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_AMOUNT_FEN } from '@landfall/domain';
import { sql } from 'kysely';
import { buildUnit, buildUser, createWorld, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { buildProject, recordFunds, signProject } from '../test/library-fixtures.ts';

/**
 * Amounts are bounded to what one investment can be (1 万亿元), and figures over many amounts at
 * the bound stay exact; an amount stored before the bound (older data, up to 2^53 − 1 fen) never
 * breaks a read of the whole tenant.
 */
let world: TestWorld;
let staff: TestClient;
let coordinator: TestClient;
const PROJECTS = 40;
beforeAll(async () => {
  world = await createWorld('2026-03-02T09:00:00+08:00');
  const unit = await buildUnit(world.admin);
  staff = (await buildUser(world, 'unit_staff', { unitId: unit.id })).client;
  coordinator = (await buildUser(world, 'coordinator')).client;
  for (let i = 0; i < PROJECTS; i += 1) {
    const project = await buildProject(staff, {
      agreedInvestmentFen: MAX_AMOUNT_FEN,
      enteredOn: '2026-01-02',
    });
    await signProject(staff, project, {
      negotiatingOn: '2026-01-05',
      signedOn: '2026-01-10',
      agreedInvestmentFen: MAX_AMOUNT_FEN,
    });
    await recordFunds(staff, project.id, '2026-02-10', MAX_AMOUNT_FEN);
  }
}, 180_000);
afterAll(async () => world?.close());

const reads = [
  '/api/dashboard?asOf=2026-03-01',
  '/api/stats?asOf=2026-03-01',
  '/api/exports/monthly.xlsx?month=2026-02',
  '/api/briefs?kind=monthly&date=2026-03-02',
  '/api/projects?asOf=2026-03-01',
  '/api/exports/ledger.xlsx',
];

describe('poisoned figures', () => {
  it('refuses 2^53 − 1 fen, and anything above 1 万亿元, naming the field', async () => {
    for (const amount of [Number.MAX_SAFE_INTEGER, MAX_AMOUNT_FEN + 1]) {
      const res = await staff.post('/api/projects', { name: '超大项目', agreedInvestmentFen: amount });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toEqual([
        { path: ['agreedInvestmentFen'], message: '金额不能超过 1 万亿元' },
      ]);
    }
    const project = await buildProject(staff);
    const funds = await staff.post(`/api/projects/${project.id}/funding`, {
      date: '2026-02-10',
      amountFen: MAX_AMOUNT_FEN + 1,
      source: 'outside_province',
    });
    expect(funds.statusCode).toBe(400);
    expect(funds.json().error.fields[0].path).toEqual(['amountFen']);
  });

  it('answers every figure exactly with many projects at the bound', async () => {
    for (const url of reads) {
      const res = await coordinator.get(url);
      expect(res.statusCode, `${url} → ${res.body.slice(0, 300)}`).toBe(200);
    }
    const stats = (await coordinator.get('/api/stats?asOf=2026-03-01')).json();
    // 40 × 1 万亿元 = 40 万亿元 = 4 × 10^15 fen, in 万元 as stats report it.
    expect(stats.agreedInvestmentWan).toBe((PROJECTS * MAX_AMOUNT_FEN) / 1_000_000);
    expect(stats.fundsInPlaceWan).toBe((PROJECTS * MAX_AMOUNT_FEN) / 1_000_000);
    const dashboard = (await coordinator.get('/api/dashboard?asOf=2026-03-01')).json();
    expect(dashboard.kpi.actual).toBe(PROJECTS * MAX_AMOUNT_FEN);
    expect(dashboard.signing.new).toEqual({ projects: PROJECTS, fundsFen: PROJECTS * MAX_AMOUNT_FEN });
    const brief = (await coordinator.get('/api/briefs?kind=monthly&date=2026-03-02')).json();
    const funds = brief.sections.find((s: { key: string }) => s.key === 'funds');
    // 40 万亿元 = 400 000 亿元, as the brief writes it.
    expect(funds.summary, JSON.stringify(funds).slice(0, 300)).toBe(
      '本期到位资金 400,000.00 亿元，涉及项目40个。',
    );
  });

  it('never breaks a read when older data holds amounts up to 2^53 − 1 fen', async () => {
    // Older data: stored before the bound existed (the ledger is append-only, so written as new entries).
    const rows = await sql<{
      id: number;
    }>`select id from ledger_entry where kind = 'funding' limit 4`.execute(world.database.db);
    for (const row of rows.rows) {
      await sql`insert into ledger_entry (tenant_id, project_id, kind, effective_on, recorded_at, actor_id,
          actor_name, amount_fen, funding_source, payload)
        select tenant_id, project_id, kind, effective_on, recorded_at, actor_id, actor_name,
          ${Number.MAX_SAFE_INTEGER}, funding_source, payload from ledger_entry where id = ${row.id}`.execute(
        world.database.db,
      );
    }
    await sql`update project set agreed_investment_fen = ${Number.MAX_SAFE_INTEGER}
      where id in (select project_id from ledger_entry where kind = 'funding' limit 4)`.execute(
      world.database.db,
    );
    for (const url of reads) {
      const res = await coordinator.get(url);
      expect(res.statusCode, `${url} → ${res.body.slice(0, 300)}`).toBe(200);
    }
  });
});
