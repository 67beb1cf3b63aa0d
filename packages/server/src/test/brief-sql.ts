import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * What a brief dated `through` should list, computed independently of the brief's own queries:
 * every row of the tables read as it is, the rules applied here in plain code. A fact is new in
 * (after, through] when it holds from a date up to `through`, was recorded before the end of
 * `through`, and either holds from after `after` or was recorded after the end of `after`.
 */
export async function independentBrief(
  db: Kysely<DB>,
  opts: { tenantId: string; after: string; through: string },
) {
  const endOf = (date: string) => new Date(`${date}T24:00:00+08:00`).getTime();
  const knownBefore = endOf(opts.through);
  const knownAfter = endOf(opts.after);
  const isNew = (date: string, recorded: Date) =>
    date <= opts.through &&
    recorded.getTime() < knownBefore &&
    (date > opts.after || recorded.getTime() >= knownAfter);
  const minus7 = new Date(new Date(`${opts.through}T00:00:00Z`).getTime() - 7 * 86_400_000)
    .toISOString()
    .slice(0, 10);

  const leads = await db.selectFrom('lead').selectAll().where('tenant_id', '=', opts.tenantId).execute();
  const entries = await db
    .selectFrom('ledger_entry')
    .selectAll()
    .where('tenant_id', '=', opts.tenantId)
    .execute();
  const matters = await db.selectFrom('matter').selectAll().where('tenant_id', '=', opts.tenantId).execute();
  const events = await db
    .selectFrom('matter_event')
    .selectAll()
    .where('tenant_id', '=', opts.tenantId)
    .execute();

  /** When a ledger entry became known: recorded, or (基线) the start of its effective day. */
  const knownAt = (e: { baseline: boolean; effective_on: string; recorded_at: Date | string }) =>
    e.baseline ? new Date(`${e.effective_on}T00:00:00+08:00`) : new Date(e.recorded_at);
  const funds: Record<string, number> = {};
  for (const e of entries) {
    if (e.amount_fen !== null && isNew(e.effective_on, knownAt(e)))
      funds[e.project_id] = (funds[e.project_id] ?? 0) + Number(e.amount_fen);
  }

  const stale: string[] = [];
  for (const projectId of new Set(entries.map((e) => e.project_id))) {
    const known = entries
      .filter(
        (e) =>
          e.project_id === projectId && e.effective_on <= opts.through && knownAt(e).getTime() < knownBefore,
      )
      .sort((a, b) =>
        a.effective_on < b.effective_on
          ? -1
          : a.effective_on > b.effective_on
            ? 1
            : Number(a.id) - Number(b.id),
      );
    if (!known.length) continue;
    const last = known.at(-1)?.effective_on as string;
    const stage = known.filter((e) => e.stage_to).at(-1)?.stage_to;
    if (last <= minus7 && stage !== 'paused' && stage !== 'dropped') stale.push(projectId);
  }

  const overdue: string[] = [];
  for (const m of matters) {
    const facts = events
      .filter((e) => e.matter_id === m.id && new Date(e.recorded_at).getTime() < knownBefore)
      .sort((a, b) => Number(a.id) - Number(b.id));
    if (!facts.length || m.raised_on > opts.through) continue;
    const status = facts.filter((f) => f.status_to).at(-1)?.status_to;
    const deadline = facts.filter((f) => f.deadline_to).at(-1)?.deadline_to as string;
    if (status === 'open' && deadline < opts.through) overdue.push(m.id);
  }

  // Units behind pace: funds this year per unit against the allocation in force, below 序时进度 (months).
  const year = opts.through.slice(0, 4);
  const plan = await db
    .selectFrom('target_plan')
    .selectAll()
    .where('tenant_id', '=', opts.tenantId)
    .where('year', '=', Number(year))
    .where('metric', '=', 'funds_in_place')
    .where('basis', '=', 'all')
    .executeTakeFirst();
  const revisions = plan
    ? await db
        .selectFrom('target_revision')
        .selectAll()
        .where('plan_id', '=', plan.id)
        .orderBy('id')
        .execute()
    : [];
  const revision = revisions.filter((r) => r.effective_from <= opts.through).at(-1) ?? revisions[0];
  const allocation = (revision?.allocation ?? { units: [] }) as {
    units: { unitId: string; amount: number }[];
  };
  const projects = await db.selectFrom('project').select(['id', 'unit_id']).execute();
  const month = Number(opts.through.slice(5, 7));
  const lastDay = new Date(Date.UTC(Number(year), month, 0)).getUTCDate();
  const progress = (month - 1 + (Number(opts.through.slice(8, 10)) === lastDay ? 1 : 0)) / 12;
  const behindPace = allocation.units
    .filter((u) => {
      const actual = entries
        .filter(
          (e) =>
            e.amount_fen !== null &&
            e.effective_on >= `${year}-01-01` &&
            e.effective_on <= opts.through &&
            projects.find((p) => p.id === e.project_id)?.unit_id === u.unitId,
        )
        .reduce((s, e) => s + Number(e.amount_fen), 0);
      return u.amount > 0 && actual / u.amount < progress;
    })
    .map((u) => u.unitId);

  return {
    leads: leads.filter((l) => isNew(l.reported_on, new Date(l.created_at))).map((l) => l.id),
    projects: entries
      .filter((e) => e.kind === 'created' && isNew(e.effective_on, knownAt(e)))
      .map((e) => e.project_id),
    stageMoves: entries
      .filter((e) => e.kind === 'stage_move' && isNew(e.effective_on, knownAt(e)))
      .map((e) => e.project_id),
    funds,
    stale,
    mattersOpened: matters.filter((m) => isNew(m.raised_on, new Date(m.created_at))).map((m) => m.id),
    escalated: events
      .filter((e) => e.kind === 'escalated' && isNew(e.effective_on, new Date(e.recorded_at)))
      .map((e) => e.matter_id),
    overdue,
    behindPace,
  };
}
