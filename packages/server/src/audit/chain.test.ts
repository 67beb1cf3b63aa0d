import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, createWorld, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { buildProject, recordFunds, signProject } from '../test/library-fixtures.ts';
import { creditCode, officeLedger, toXlsx, type OfficeRow } from '../test/ledger-files.ts';
import { migrateToLatest } from '../db/migrator.ts';
import type { LedgerEntryRow } from '../db/schema.ts';
import { canonicalRow, linkHash } from './chain.ts';

/**
 * The tamper-evident audit log and ledger (issue 12, item 11): rows written through the API chain per
 * tenant; an attacker with the database role who edits, deletes or reorders a row (triggers disabled, as
 * the table owner can) is named at that row by the auditor's 校验; concurrent writers do not fork a chain;
 * an import chains every entry; the migration chains the history; a closed month's report carries the heads.
 */
let world: TestWorld;
let auditor: TestClient;
let coordinator: TestClient;
let staff: TestClient;
let projectId: string;

interface Verify {
  ok: boolean;
  count: number;
  firstBroken: null | { chain: string; table: string; id: number | string; problem: string; message: string };
  chains: {
    chain: string;
    tenantId: string | null;
    count: number;
    ok: boolean;
    head: { id: number } | null;
  }[];
}
async function verify(client = auditor, query = ''): Promise<Verify> {
  const res = await client.get(`/api/audit/verify${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
/** The tables' owner (on PostgreSQL the app role owns nothing and passes row-level security): the attacker. */
const db = () => world.database.owner;

/** As an attacker who owns the tables: the append-only trigger off for the change, on again after. */
async function tamper(table: 'audit_log' | 'ledger_entry', change: () => Promise<unknown>) {
  await sql`alter table ${sql.table(table)} disable trigger ${sql.id(`${table}_no_update_delete`)}`.execute(
    db(),
  );
  try {
    await change();
  } finally {
    await sql`alter table ${sql.table(table)} enable trigger ${sql.id(`${table}_no_update_delete`)}`.execute(
      db(),
    );
  }
}
async function ledgerIds() {
  const rows = await db()
    .selectFrom('ledger_entry')
    .select('id')
    .where('tenant_id', '=', world.tenantId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}
async function unreferenced(ids: number[]) {
  const refs = await db()
    .selectFrom('ledger_entry')
    .select('corrects_id')
    .where('corrects_id', 'is not', null)
    .execute();
  const taken = new Set(refs.map((r) => r.corrects_id));
  return ids.filter((id) => !taken.has(id));
}
/** Puts a deleted entry back as it was (its id included). */
async function putBack(saved: LedgerEntryRow) {
  await db()
    .insertInto('ledger_entry')
    .values({
      ...saved,
      payload: JSON.stringify(saved.payload),
      snapshot: saved.snapshot === null ? null : JSON.stringify(saved.snapshot),
    })
    .execute();
}
/** Swaps the ids of two entries: each row's content now stands at the other's place in the chain. */
async function swapIds(a: number, b: number) {
  await sql`update ledger_entry set id = -1 where id = ${a}`.execute(db());
  await sql`update ledger_entry set id = ${a} where id = ${b}`.execute(db());
  await sql`update ledger_entry set id = ${b} where id = -1`.execute(db());
}

beforeAll(async () => {
  world = await createWorld('2026-01-10T09:00:00+08:00');
  const unit = await buildUnit(world.admin, { name: '区商务委' });
  coordinator = (await buildUser(world, 'coordinator')).client;
  staff = (await buildUser(world, 'unit_staff', { unitId: unit.id })).client;
  auditor = (await buildUser(world, 'auditor')).client;
  const project = await buildProject(coordinator, { name: '新能源电池项目', unitId: unit.id });
  projectId = project.id;
  await signProject(coordinator, project, {
    negotiatingOn: '2026-01-10',
    signedOn: '2026-01-10',
    agreedInvestmentFen: 50_000_000_000,
  });
  await recordFunds(staff, projectId, '2026-01-10', 1_000_000_000);
  await recordFunds(staff, projectId, '2026-01-10', 2_000_000_000);
  for (const date of ['2026-01-10', '2026-01-10', '2026-01-10']) {
    const res = await staff.post(`/api/projects/${projectId}/progress`, {
      date,
      current: `进展 ${date}`,
      problems: '',
      nextSteps: '',
    });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(async () => world?.close());

describe('the audit and ledger chains', () => {
  it('chain every row written through the API, and 校验 says so', async () => {
    const result = await verify();
    expect(result.firstBroken).toBeNull();
    expect(result.ok).toBe(true);
    const audit = await db()
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where((eb) => eb.or([eb('tenant_id', '=', world.tenantId), eb('tenant_id', 'is', null)]))
      .executeTakeFirstOrThrow();
    const ledger = await ledgerIds();
    expect(ledger.length).toBeGreaterThanOrEqual(6);
    // Every row of the tenant is on a chain (this call's own audit row is written after the walk).
    expect(result.count).toBe(Number(audit.n) - 1 + ledger.length);
    const ledgerChain = result.chains.find((c) => c.chain === 'ledger' && c.tenantId === world.tenantId);
    expect(ledgerChain).toMatchObject({ ok: true, count: ledger.length, head: { id: ledger.at(-1) } });
    const unhashed = await sql<{ n: string }>`
      select (select count(*) from audit_log where hash is null) + (select count(*) from ledger_entry where hash is null) as n`.execute(
      db(),
    );
    expect(Number(unhashed.rows[0]?.n)).toBe(0);
    // The auditor alone (and the operator); a coordinator is refused.
    expect((await coordinator.get('/api/audit/verify')).statusCode).toBe(403);
  });

  it('names an edited ledger entry, and holds again once it is put back', async () => {
    const funds = await db()
      .selectFrom('ledger_entry')
      .select(['id', 'amount_fen'])
      .where('kind', '=', 'funding')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await tamper('ledger_entry', () =>
      sql`update ledger_entry set amount_fen = amount_fen * 10 where id = ${funds.id}`.execute(db()),
    );
    const broken = await verify();
    expect(broken.ok).toBe(false);
    expect(broken.firstBroken).toMatchObject({
      chain: 'ledger',
      table: 'ledger_entry',
      id: funds.id,
      problem: 'content',
    });
    expect(broken.firstBroken?.message).toContain(`第 ${funds.id} 条`);
    await tamper('ledger_entry', () =>
      sql`update ledger_entry set amount_fen = ${funds.amount_fen} where id = ${funds.id}`.execute(db()),
    );
    expect((await verify()).ok).toBe(true);
  });

  it('names an edited audit row', async () => {
    const row = await db()
      .selectFrom('audit_log')
      .select(['id', 'actor_name'])
      .where('action', '=', 'unit.create')
      .executeTakeFirstOrThrow();
    await tamper('audit_log', () =>
      sql`update audit_log set actor_name = 'nobody' where id = ${row.id}`.execute(db()),
    );
    try {
      const broken = await verify();
      expect(broken.firstBroken).toMatchObject({
        chain: 'audit',
        table: 'audit_log',
        id: row.id,
        problem: 'content',
      });
    } finally {
      await tamper('audit_log', () =>
        sql`update audit_log set actor_name = ${row.actor_name} where id = ${row.id}`.execute(db()),
      );
    }
    expect((await verify()).ok).toBe(true);
  });

  it('names the row after a deleted entry', async () => {
    const ids = await ledgerIds();
    const candidates = await unreferenced(ids.slice(1, -1));
    const victim = candidates[0]!;
    const next = ids[ids.indexOf(victim) + 1];
    const saved = await db()
      .selectFrom('ledger_entry')
      .selectAll()
      .where('id', '=', victim)
      .executeTakeFirstOrThrow();
    await tamper('ledger_entry', () => sql`delete from ledger_entry where id = ${victim}`.execute(db()));
    const broken = await verify();
    expect(broken.firstBroken).toMatchObject({ table: 'ledger_entry', id: next, problem: 'link' });
    await putBack(saved);
    expect((await verify()).ok).toBe(true);
  });

  it('names the first of two reordered entries', async () => {
    const ids = await unreferenced(await ledgerIds());
    const [a, b] = [ids[1]!, ids[3]!];
    await tamper('ledger_entry', () => swapIds(a, b));
    const broken = await verify();
    expect(broken.firstBroken).toMatchObject({ table: 'ledger_entry', id: a, problem: 'link' });
    await tamper('ledger_entry', () => swapIds(a, b));
    expect((await verify()).ok).toBe(true);
  });

  it('names the head when the last entry is deleted', async () => {
    const ids = await ledgerIds();
    const last = ids.at(-1)!;
    const saved = await db()
      .selectFrom('ledger_entry')
      .selectAll()
      .where('id', '=', last)
      .executeTakeFirstOrThrow();
    await tamper('ledger_entry', () => sql`delete from ledger_entry where id = ${last}`.execute(db()));
    const broken = await verify();
    expect(broken.firstBroken).toMatchObject({ table: 'chain_head', id: world.tenantId, problem: 'head' });
    await putBack(saved);
    expect((await verify()).ok).toBe(true);
  });

  it('does not fork under concurrent writes in one tenant', async () => {
    const before = (await ledgerIds()).length;
    const writes = Array.from({ length: 12 }, (_, i) =>
      i % 2
        ? staff.post(`/api/projects/${projectId}/progress`, {
            date: '2026-01-10',
            current: `并发 ${i}`,
            problems: '',
            nextSteps: '',
          })
        : staff.post(`/api/projects/${projectId}/funding`, {
            date: '2026-01-10',
            amountFen: 1_000_000 + i,
            source: 'outside_province',
          }),
    );
    const answers = await Promise.all(writes);
    expect(answers.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
    expect((await ledgerIds()).length).toBe(before + 12);
    const forks = await sql<{ n: string }>`
      select count(*) as n from (select prev_hash from ledger_entry group by tenant_id, prev_hash having count(*) > 1) f`.execute(
      db(),
    );
    expect(Number(forks.rows[0]?.n)).toBe(0);
    expect((await verify()).ok).toBe(true);
  });

  it('chains every entry of an import, and the migration chains an existing history', async () => {
    const rows: OfficeRow[] = Array.from({ length: 300 }, (_, i) => ({
      name: `导入项目${i + 1}`,
      investor: `投资方${i + 1}有限公司`,
      code: creditCode(i + 10),
      unit: '区商务委',
      agreed: 1000 + i,
      cumulative: 10 + i,
      signed: '2017-03-15',
      progress: '洽谈中',
    }));
    const file = await toXlsx(officeLedger({ sections: [{ title: '二、已签约项目', rows }] }));
    const up = await coordinator.upload('/api/imports', '台账2017.9.xlsx', file);
    expect(up.statusCode, up.body).toBe(201);
    const before = (await ledgerIds()).length;
    const commit = await coordinator.post(`/api/imports/${up.json().id}/commit`, {});
    expect(commit.statusCode, commit.body).toBe(200);
    expect(commit.json().summary.projects.created).toBe(300);
    const written = (await ledgerIds()).length - before;
    expect(written).toBeGreaterThanOrEqual(600); // each project: created, stage, funds, progress
    const result = await verify();
    expect(result.ok).toBe(true);
    expect(result.chains.find((c) => c.chain === 'ledger' && c.tenantId === world.tenantId)?.count).toBe(
      before + written,
    );

    // The history as it stood before migration 0018, migrated again: every row chained, in id order.
    await sql`drop table chain_head`.execute(db());
    for (const table of ['audit_log', 'ledger_entry']) {
      await sql`alter table ${sql.table(table)} drop column prev_hash, drop column hash`.execute(db());
      await sql`drop index if exists ${sql.id(`${table}_chain_idx`)}`.execute(db());
    }
    await sql`alter table audit_log drop column user_agent`.execute(db());
    await sql`alter table issued_report drop column chain_heads cascade`.execute(db());
    await sql`
      create trigger issued_report_as_issued before update of id, tenant_id, month, issue, kind, filename,
        media_type, size_bytes, sha256, content, issued_at, issued_by, issued_by_name on issued_report
      for each row execute function refuse_change('an issued report is kept as issued')`.execute(db());
    await sql`delete from schema_migration where name = '0018_chains'`.execute(db());
    expect((await migrateToLatest(db())).applied).toEqual(['0018_chains']);
    const again = await verify();
    expect(again.ok).toBe(true);
    expect(again.count).toBe(result.count + 1); // the first 校验's own audit row
    // Still append-only after the migration paused the trigger.
    await expect(sql`delete from ledger_entry`.execute(db())).rejects.toThrow(/never changed/);
  });

  it("anchors the heads in a closed month's report; a chain rewritten from an edit is caught there", async () => {
    const closed = await coordinator.post('/api/months/2025-12/close', { version: 0 });
    expect(closed.statusCode, closed.body).toBe(200);
    const stats = await db()
      .selectFrom('issued_report')
      .select(['content', 'chain_heads'])
      .where('kind', '=', 'stats')
      .executeTakeFirstOrThrow();
    const issued = JSON.parse(stats.content.toString('utf8')).chainHeads;
    expect(stats.chain_heads).toEqual(issued);
    const head = await db()
      .selectFrom('chain_head')
      .selectAll()
      .where('scope', '=', world.tenantId)
      .executeTakeFirstOrThrow();
    const ours = issued.find((h: { tenantId: string }) => h.tenantId === world.tenantId);
    expect(ours.ledger).toEqual({ id: head.ledger_id, hash: head.ledger_hash });
    expect(ours.audit.id).toBeLessThanOrEqual(head.audit_id);

    // An attacker edits an early entry and recomputes the rest of the chain and its head: the chain holds
    // together, but not at the head the report anchored.
    const ids = await ledgerIds();
    await tamper('ledger_entry', async () => {
      await sql`update ledger_entry set amount_fen = 1 where id = (select min(id) from ledger_entry where kind = 'funding')`.execute(
        db(),
      );
      let prev = '0'.repeat(64);
      for (const id of ids) {
        const row = await db()
          .selectFrom('ledger_entry')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        const hash = linkHash(prev, canonicalRow('ledger', row, 'stored'));
        await sql`update ledger_entry set prev_hash = ${prev}, hash = ${hash} where id = ${id}`.execute(db());
        prev = hash;
      }
      await sql`update chain_head set ledger_hash = ${prev} where scope = ${world.tenantId}`.execute(db());
    });
    const broken = await verify();
    expect(broken.firstBroken).toMatchObject({ chain: 'ledger', table: 'issued_report', problem: 'anchor' });
    expect(broken.firstBroken?.message).toContain('2025-12');
  });
});
