import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildUnit, buildUser, createWorld, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { creditCode, officeLedger, toXlsx } from '../test/ledger-files.ts';

/**
 * 封账 at the Excel door: a sheet whose entries fall in a closed month is refused row by row (in
 * Chinese), or — with late entries allowed — its entries move to the next open month as 补录, with a
 * warning on the row and the date they were for kept; the closed month's report stays as issued.
 */
let world: TestWorld;
let coordinator: TestClient;

const juneLedger = (name: string) =>
  toXlsx(
    officeLedger({
      title: '万州区2026年招商引资项目推进台账',
      metaLine: '填报单位：万州区投资促进局        截止时间：2026年6月30日        单位：万元',
      sections: [
        {
          title: '一、已签约项目',
          rows: [
            {
              name,
              investor: '深圳华科智能有限公司',
              code: creditCode(3, '440305'),
              place: '深圳',
              unit: '经信委',
              agreed: 20000,
              fixed: 15000,
              month: 300,
              cumulative: 300,
              signed: '2026.6.10',
              progress: '正在办理用地手续',
            },
          ],
        },
      ],
    }),
  );

async function upload(name: string, file: Buffer) {
  const up = await coordinator.upload('/api/imports', name, file);
  expect(up.statusCode, up.body).toBe(201);
  return up.json().id as string;
}

beforeAll(async () => {
  world = await createWorld('2026-07-03T09:00:00+08:00');
  await buildUnit(world.admin, { name: '经信委' });
  coordinator = (await buildUser(world, 'coordinator')).client;
  const closed = await coordinator.post('/api/months/2026-06/close', { version: 0 });
  expect(closed.statusCode, closed.body).toBe(200);
});
afterAll(async () => world?.close());

describe('an import into a closed month', () => {
  it('gives each row with an entry in the closed month an error, and the commit writes nothing', async () => {
    const id = await upload('万州区台账2026.6.xlsx', await juneLedger('智能终端产业园'));
    const preview = (await coordinator.post(`/api/imports/${id}/preview`, {})).json().summary;
    expect(preview.errorCount).toBe(1);
    expect(preview.errors[0].message).toMatch(/^该月已封账（2026年6月）/);
    const commit = await coordinator.post(`/api/imports/${id}/commit`, { createUnits: true });
    expect(commit.statusCode).toBe(400);
    const n = await sql<{ n: string }>`select count(*)::text as n from project`.execute(world.database.db);
    expect(n.rows[0]!.n).toBe('0');
  });

  it('moves the entries to the next open month as 补录 when late entries are allowed', async () => {
    const june = (await coordinator.get('/api/months?year=2026')).json().months[5];
    const setting = (await coordinator.get('/api/months/settings')).json();
    await coordinator.put('/api/months/settings', { ...setting, lateEntries: true });
    const id = await upload('万州区台账2026.6（补报）.xlsx', await juneLedger('智能终端产业园二期'));
    const preview = (await coordinator.post(`/api/imports/${id}/preview`, {})).json().summary;
    expect(preview.errorCount).toBe(0);
    expect(preview.warnings.map((w: { message: string }) => w.message)).toContain(
      '2026-06-10 所在月份已封账，按补录记入 2026-07-01',
    );
    const commit = await coordinator.post(`/api/imports/${id}/commit`, { createUnits: true });
    expect(commit.statusCode, commit.body).toBe(200);
    const entries = await sql<{
      kind: string;
      effective_on: string;
      late_for: string | null;
      amount_fen: string;
    }>`
      select kind, effective_on::text, payload->>'lateFor' as late_for, amount_fen::text from ledger_entry
      order by id`.execute(world.database.db);
    expect(entries.rows.length).toBeGreaterThan(0);
    for (const e of entries.rows) {
      expect(e.effective_on >= '2026-07-01', JSON.stringify(e)).toBe(true);
      expect(e.late_for, JSON.stringify(e)).toMatch(/^2026-06-/);
    }
    expect(entries.rows.find((e) => e.kind === 'funding')?.amount_fen).toBe('300000000');
    expect((await coordinator.get('/api/months?year=2026')).json().months[5].reports).toEqual(june.reports);
  });
});
