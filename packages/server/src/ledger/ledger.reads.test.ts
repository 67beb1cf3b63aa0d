import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Insertable } from 'kysely';
import type { LedgerEntryTable } from '../db/schema.ts';
import { addDays } from '@landfall/domain/dates';
import type { Stage } from '@landfall/domain/stages';
import { buildUnit, buildUser, createWorld, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { buildProject } from '../test/library-fixtures.ts';
import { seededRandom } from '../demo/random.ts';
import {
  fundsByProject,
  fundsIn,
  knownBeforeOf,
  projectFacts,
  projectUnit,
  type LedgerView,
  type ProjectFactsRow,
} from './ledger.reads.ts';

/**
 * The ledger's reads against an independent formulation: a random history of stage moves (forward,
 * back as 误录, pause, drop, reopen), amounts, corrections, baseline and late entries, recorded at
 * random instants, read as of random dates and as known on random instants — each answer recomputed
 * here in plain code by a different method (a walk through the entries in order).
 */
let world: TestWorld;
let coordinator: TestClient;
const projectIds: string[] = [];
const units: string[] = [];

interface Entry {
  id: number;
  project_id: string;
  kind: string;
  effective_on: string;
  recorded_at: Date;
  baseline: boolean;
  stage_to: string | null;
  amount_fen: string | null;
  agreed_fen: string | null;
  fixed_fen: string | null;
  funding_source: string | null;
  capital_kind: string | null;
  payload: { kind?: string } | null;
  snapshot: { unitId?: string } | null;
}
let entries: Entry[] = [];
let reviewed: Map<string, { status: string; at: Date | null }>;

const pipeline = ['planning', 'negotiating', 'signed', 'settled', 'construction', 'production'];
const sources = ['outside_city_in_province', 'outside_province', 'abroad', 'inside_city'];
const DAY0 = '2025-01-01';
const instant = (date: string, minutes: number) =>
  new Date(new Date(`${date}T00:00:00+08:00`).getTime() + minutes * 60_000);

beforeAll(async () => {
  world = await createWorld('2026-12-01T10:00:00+08:00');
  const unit = (await buildUnit(world.admin, { name: '经济信息委' })).id;
  const other = (await buildUnit(world.admin, { name: '商务委' })).id;
  units.push(unit, other);
  coordinator = (await buildUser(world, 'coordinator')).client;
  for (let i = 0; i < 14; i++)
    projectIds.push(
      (await buildProject(coordinator, { name: `项目${i}`, unitId: unit, enteredOn: DAY0 })).id,
    );
  const random = seededRandom(411).next;
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const rows: Insertable<LedgerEntryTable>[] = [];
  for (const projectId of projectIds) {
    let day = 0;
    let stage = 'planning';
    let before = 'planning';
    for (let step = 0; step < 14; step++) {
      day += 1 + Math.floor(random() * 40);
      const effective = addDays(DAY0, day);
      const lateness = random() < 0.3 ? Math.floor(random() * 120) : 0; // recorded days later (补录)
      const recorded = instant(addDays(effective, lateness), Math.floor(random() * 1440));
      const baseline = random() < 0.25;
      const base = {
        tenant_id: world.tenantId,
        project_id: projectId,
        effective_on: effective,
        recorded_at: recorded,
        actor_name: 'test',
        baseline,
        payload: '{}',
      };
      const r = random();
      if (r < 0.45) {
        // A stage move: forward mostly, back one step (误录), pause/drop and back.
        let to: string;
        const at = pipeline.indexOf(stage);
        if (stage === 'paused' || stage === 'dropped') to = before;
        else if (random() < 0.6 && at < 5) to = pipeline[at + 1]!;
        else if (random() < 0.5 && at > 0) to = pipeline[at - 1]!;
        else to = pick(['paused', 'dropped']);
        const back = at >= 0 && pipeline.indexOf(to) === at - 1; // 更正回退: a revert
        if (to === 'paused' || to === 'dropped') before = stage;
        stage = to;
        const agreed = to === 'signed' ? Math.floor(random() * 9e10) : null;
        rows.push({
          ...base,
          kind: 'stage_move',
          stage_to: to as Stage,
          agreed_fen: agreed,
          payload: JSON.stringify({ kind: back ? 'revert' : 'advance' }),
        });
      } else if (r < 0.8) {
        rows.push({
          ...base,
          kind: 'funding',
          amount_fen: Math.floor(random() * 5e9) + 1,
          funding_source: pick(sources) as LedgerEntryTable['funding_source'],
          capital_kind: random() < 0.3 ? 'foreign' : 'domestic',
        });
      } else if (r < 0.9) {
        rows.push({
          ...base,
          kind: 'field_change',
          fixed_fen: Math.floor(random() * 5e10),
          agreed_fen: random() < 0.5 ? Math.floor(random() * 9e10) : null,
          // Half the edits reassign the project (the snapshot names its unit after the edit).
          snapshot: random() < 0.5 ? JSON.stringify({ unitId: pick(units) }) : null,
        });
      } else {
        rows.push({ ...base, kind: 'progress' });
      }
    }
  }
  await world.database.db.insertInto('ledger_entry').values(rows).execute();
  // A correction reverses a random funding entry, known later.
  const funding = await world.database.db
    .selectFrom('ledger_entry')
    .selectAll()
    .where('kind', '=', 'funding')
    .execute();
  const corrections = funding
    .filter((_, i) => i % 5 === 2)
    .map((f) => ({
      tenant_id: f.tenant_id,
      project_id: f.project_id,
      kind: 'correction' as const,
      effective_on: f.effective_on,
      recorded_at: new Date(new Date(f.recorded_at).getTime() + 20 * 86_400_000),
      actor_name: 'test',
      corrects_id: f.id,
      amount_fen: -Number(f.amount_fen),
      funding_source: f.funding_source,
      capital_kind: f.capital_kind,
      payload: '{}',
    }));
  await world.database.db.insertInto('ledger_entry').values(corrections).execute();
  // Two projects approved late (报送审核), one still pending.
  await world.database.db
    .updateTable('project')
    .set({ review_status: 'approved', reviewed_at: instant('2025-09-01', 600) })
    .where('id', 'in', projectIds.slice(0, 2))
    .execute();
  await world.database.db
    .updateTable('project')
    .set({ review_status: 'pending' })
    .where('id', '=', projectIds[2]!)
    .execute();
  entries = (await world.database.db
    .selectFrom('ledger_entry')
    .selectAll()
    .where('tenant_id', '=', world.tenantId)
    .execute()) as unknown as Entry[];
  entries = entries.map((e) => ({ ...e, id: Number(e.id), recorded_at: new Date(e.recorded_at) }));
  const projects = await world.database.db.selectFrom('project').selectAll().execute();
  reviewed = new Map(projects.map((p) => [p.id, { status: p.review_status, at: p.reviewed_at }]));
});

afterAll(async () => {
  await world?.close();
});

/** When an entry is known, by the rule stated in ledger.reads.ts. */
const knownAt = (e: Entry) => (e.baseline ? new Date(`${e.effective_on}T00:00:00+08:00`) : e.recorded_at);
const rankOf = (stage: string | null) => (stage ? pipeline.indexOf(stage) : -1);

/** The expected facts of a project: its visible entries walked in ledger order. */
function expectedFacts(projectId: string, view: LedgerView) {
  const order = (a: Entry, b: Entry) =>
    a.effective_on === b.effective_on ? a.id - b.id : a.effective_on < b.effective_on ? -1 : 1;
  const known = entries
    .filter(
      (e) =>
        e.project_id === projectId &&
        (!view.knownBefore || knownAt(e).getTime() < view.knownBefore.getTime()),
    )
    .sort(order);
  // A known revert undoes (whatever its date) everything back to the project's last entry at its target stage.
  const stagedKnown = known.filter((e) => e.stage_to);
  const undone = new Set<number>();
  stagedKnown.forEach((r, i) => {
    if (r.kind !== 'stage_move' || r.payload?.kind !== 'revert') return;
    let j = i - 1;
    while (j >= 0 && stagedKnown[j]!.stage_to !== r.stage_to) j--;
    if (j >= 0) for (let k = j + 1; k <= i; k++) undone.add(stagedKnown[k]!.id);
  });
  const visible = known.filter((e) => e.effective_on <= view.asOf);
  const staged = visible.filter((e) => e.stage_to && !undone.has(e.id));
  if (!staged.length) return undefined;
  let stage: string | null = null;
  let stageOn: string | null = null;
  let lastActive: string | null = null;
  const reached: Record<number, string | null> = { 2: null, 4: null, 5: null };
  for (const e of staged) {
    stage = e.stage_to;
    stageOn = e.effective_on;
    const rank = rankOf(e.stage_to);
    if (rank >= 0) lastActive = e.stage_to;
    for (const level of [2, 4, 5]) {
      if (rank < 0) continue;
      if (rank < level)
        reached[level] = null; // below the stage again: what was reached is undone
      else if (reached[level] === null) reached[level] = e.effective_on;
    }
  }
  const latest = (key: 'agreed_fen' | 'fixed_fen') => {
    const value = visible.filter((e) => e[key] !== null && !undone.has(e.id)).at(-1)?.[key];
    return value === undefined || value === null ? null : String(value);
  };
  return {
    project_id: projectId,
    stage,
    stage_on: stageOn,
    stage_before: stage === 'paused' || stage === 'dropped' ? lastActive : null,
    agreed_fen: latest('agreed_fen'),
    fixed_fen: latest('fixed_fen'),
    funds_fen: String(visible.reduce((s, e) => s + BigInt(e.amount_fen ?? 0), 0n)),
    last_entry_on: visible.at(-1)!.effective_on,
    entered_on: visible.find((e) => e.kind === 'created')?.effective_on ?? null,
    signed_on: reached[2],
    started_on: reached[4],
    produced_on: reached[5],
  };
}

function randomViews(seed: number, n: number): LedgerView[] {
  const random = seededRandom(seed).next;
  return Array.from({ length: n }, (_, i) => {
    const asOf = addDays(DAY0, Math.floor(random() * 620));
    const knownBefore =
      i % 4 === 0
        ? undefined
        : instant(addDays(asOf, Math.floor(random() * 200) - 20), Math.floor(random() * 1440));
    return { asOf, knownBefore, tenantIds: [world.tenantId] };
  });
}

describe('ledger reads (as of a date, as known before an instant)', () => {
  it('projectUnit: the unit of the latest visible created/field_change snapshot, else the current one', async () => {
    const current = new Map(
      (await world.database.db.selectFrom('project').select(['id', 'unit_id']).execute()).map((p) => [
        p.id,
        p.unit_id,
      ]),
    );
    for (const view of randomViews(17, 30)) {
      const rows = await sql<{ project_id: string; unit_id: string }>`${projectUnit(view)}`.execute(
        world.database.db,
      );
      const got = new Map(rows.rows.map((r) => [r.project_id, r.unit_id]));
      for (const id of projectIds) {
        const latest = entries
          .filter(
            (e) =>
              e.project_id === id &&
              (e.kind === 'created' || e.kind === 'field_change') &&
              e.snapshot?.unitId &&
              e.effective_on <= view.asOf &&
              (!view.knownBefore || knownAt(e).getTime() < view.knownBefore.getTime()),
          )
          .sort((a, b) =>
            a.effective_on === b.effective_on ? a.id - b.id : a.effective_on < b.effective_on ? -1 : 1,
          )
          .at(-1);
        expect(got.get(id), `${id} ${view.asOf}`).toBe(latest?.snapshot?.unitId ?? current.get(id));
      }
    }
    // Some views do see a reassignment: the test reads more than the current unit.
    const moved = entries.filter((e) => e.kind === 'field_change' && e.snapshot?.unitId === units[1]);
    expect(moved.length).toBeGreaterThan(0);
  });

  it('projectFacts equals a walk through the visible entries, on 40 random (asOf, knownBefore) pairs', async () => {
    for (const view of randomViews(7, 40)) {
      const rows = await sql<ProjectFactsRow>`${projectFacts(view)}`.execute(world.database.db);
      const got = new Map(rows.rows.map((r) => [r.project_id, r]));
      for (const id of projectIds) {
        const want = expectedFacts(id, view);
        const row = got.get(id);
        const label = `${id} as of ${view.asOf} known before ${view.knownBefore?.toISOString() ?? 'now'}`;
        if (!want) {
          expect(row, label).toBeUndefined();
          continue;
        }
        expect(
          row && {
            ...row,
            agreed_fen: row.agreed_fen === null ? null : String(row.agreed_fen),
            fixed_fen: row.fixed_fen === null ? null : String(row.fixed_fen),
            funds_fen: String(row.funds_fen),
          },
          label,
        ).toEqual(want);
      }
    }
  });

  it('funds by 口径 over a period equal the entries summed by hand', async () => {
    const bases = ['every', 'all', 'outside_province', 'foreign'] as const;
    for (const [i, view] of randomViews(11, 24).entries()) {
      const basis = bases[i % bases.length]!;
      const from = addDays(view.asOf, -90);
      const got = await sql<{ fen: string | null }>`select sum(e.amount_fen) as fen from ledger_entry e
        where ${fundsIn(view, { from, basis })}`.execute(world.database.db);
      const want = entries
        .filter(
          (e) =>
            e.amount_fen !== null &&
            e.effective_on >= from &&
            e.effective_on <= view.asOf &&
            (!view.knownBefore || knownAt(e).getTime() < view.knownBefore.getTime()) &&
            (basis === 'every' ||
              (e.funding_source !== 'inside_city' &&
                (basis === 'all' ||
                  (basis === 'outside_province' &&
                    ['outside_province', 'abroad'].includes(e.funding_source!)) ||
                  (basis === 'foreign' && e.capital_kind === 'foreign')))),
        )
        .reduce((s, e) => s + BigInt(e.amount_fen!), 0n);
      expect(BigInt(got.rows[0]?.fen ?? 0), `${basis} ${from}..${view.asOf}`).toBe(want);
    }
  });

  it('funds per project (fundsByProject) equal the entries grouped by hand; 全口径 counts inside the city', async () => {
    const bases = ['total', 'all', 'outside_province', 'foreign'] as const;
    for (const [i, view] of randomViews(13, 16).entries()) {
      const basis = bases[i % bases.length]!;
      const from = addDays(view.asOf, -120);
      const got = await sql<{
        project_id: string;
        funds_fen: string;
      }>`${fundsByProject(view, { from, basis })}`.execute(world.database.db);
      const want = new Map<string, bigint>();
      for (const e of entries) {
        if (e.amount_fen === null || e.effective_on < from || e.effective_on > view.asOf) continue;
        if (view.knownBefore && knownAt(e).getTime() >= view.knownBefore.getTime()) continue;
        const outside = e.funding_source !== 'inside_city';
        const counts =
          basis === 'total' ||
          (outside &&
            (basis === 'all' ||
              (basis === 'outside_province' && ['outside_province', 'abroad'].includes(e.funding_source!)) ||
              (basis === 'foreign' && e.capital_kind === 'foreign')));
        if (counts) want.set(e.project_id, (want.get(e.project_id) ?? 0n) + BigInt(e.amount_fen));
      }
      const label = `${basis} ${from}..${view.asOf}`;
      expect(new Map(got.rows.map((r) => [r.project_id, BigInt(r.funds_fen)])), label).toEqual(want);
    }
  });

  it('the API: stats as of a date and known on a day count what was known then, approved then', async () => {
    for (const view of randomViews(13, 10).filter((v) => v.knownBefore)) {
      const knownOn = view.knownBefore!.toISOString();
      const res = await coordinator.get(`/api/stats?asOf=${view.asOf}&knownOn=${knownOn}`);
      expect(res.statusCode, res.body).toBe(200);
      const stats = res.json() as {
        projects: number;
        byStage: Record<string, number>;
        fundsInPlaceWan: number;
      };
      const counted = projectIds.filter((id) => {
        const r = reviewed.get(id)!;
        return r.status === 'approved' && (!r.at || r.at.getTime() < view.knownBefore!.getTime());
      });
      const facts = counted.map((id) => expectedFacts(id, view)).filter((f) => f !== undefined);
      expect(stats.projects, `${view.asOf} / ${knownOn}`).toBe(facts.length);
      const byStage: Record<string, number> = {};
      for (const f of facts) byStage[f.stage!] = (byStage[f.stage!] ?? 0) + 1;
      for (const [stage, n] of Object.entries(stats.byStage)) expect(n, stage).toBe(byStage[stage] ?? 0);
      const funds = facts.reduce((s, f) => s + BigInt(f.funds_fen), 0n);
      expect(BigInt(Math.round(stats.fundsInPlaceWan * 1_000_000))).toBe(funds);
    }
  });

  it('knownOn: a calendar day means its end in Shanghai; an instant is itself; nonsense is a 400', async () => {
    expect(knownBeforeOf('2026-07-05')?.toISOString()).toBe('2026-07-05T16:00:00.000Z');
    expect(knownBeforeOf('2026-07-05T09:30:00+08:00')?.toISOString()).toBe('2026-07-05T01:30:00.000Z');
    expect(knownBeforeOf(undefined)).toBeUndefined();
    for (const bad of ['2026-13-01', 'yesterday', '2026-07-05T25:00:00+08:00', '2026-07-05T09:30']) {
      const res = await coordinator.get(`/api/stats?knownOn=${encodeURIComponent(bad)}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.body).toContain('统计时点');
    }
  });
});
