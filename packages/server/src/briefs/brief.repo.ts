import { sql, type RawBuilder } from 'kysely';
import type { Stage } from '@landfall/domain/stages';
import type { Tx } from '../context.ts';
import { completeStageMove, previousStage } from '../ledger/stage-moves.ts';
import {
  entryKnownAt as ledgerKnownAt,
  entryVisible,
  fundsIn,
  projectCounted,
  projectFacts,
  tenantIn,
  type LedgerView,
} from '../ledger/ledger.reads.ts';

/**
 * The brief's reads, all as of a date D over dated facts only. A fact has the date it holds
 * from (a ledger entry's effective date, a lead's report date…) and the instant it was
 * recorded (for a submission awaiting review: the instant it was approved, if later).
 *
 * A brief dated D knows the facts recorded before the end of D (`knownBefore`), so regenerating
 * it later gives the same brief. Its period is (after, through]: a fact is new in it when it holds
 * from a date up to `through` and was not already known to the previous brief — it holds from a
 * date after `after`, or it was recorded after the end of `after` (`knownAfter`): a late entry
 * (补录) appears once, in the first brief that could know it.
 */
export interface BriefWindow {
  /** The brief's tenant and every tenant below it: a city's brief covers its districts (纵向联动). */
  tenantIds: readonly string[];
  after: string;
  through: string;
  knownAfter: Date;
  knownBefore: Date;
}

function isNew(w: BriefWindow, date: RawBuilder<unknown>, knownAt: RawBuilder<unknown>) {
  return sql`(${date} <= ${w.through} and ${knownAt} < ${w.knownBefore}
    and (${date} > ${w.after} or ${knownAt} >= ${w.knownAfter}))`;
}

/**
 * When a ledger entry became known (ledger.reads.ts: when recorded, a baseline entry on its effective
 * day), or when its project was approved, if later.
 */
const entryKnownAt = sql`greatest(${ledgerKnownAt('e')}, coalesce(p.reviewed_at, ${ledgerKnownAt('e')}))`;

/** The ledger view of a brief dated D: as of D, as known by its end, over its tenants. */
function viewOf(w: BriefWindow, projectIds?: string[]): LedgerView {
  return { asOf: w.through, knownBefore: w.knownBefore, tenantIds: w.tenantIds, projectIds };
}

/** A tenant and every tenant below it (its districts), the tenant itself first, then by division code. */
export async function readTenantSubtree(db: Tx, tenantId: string) {
  const rows = await sql<{ id: string; name: string; level: string }>`
    select t.id, t.name, t.level from tenant t
    join tenant home on home.id = ${tenantId} and t.path like home.path || '%'
    order by t.id <> ${tenantId}, t.division_code, t.id`.execute(db);
  return rows.rows;
}

export async function listNewLeads(db: Tx, w: BriefWindow) {
  const knownAt = sql`coalesce(l.reviewed_at, l.created_at)`;
  const rows = await sql<{
    id: string;
    tenant_id: string;
    unit_id: string;
    reported_on: string;
    late: boolean;
  }>`
    select l.id, l.tenant_id, l.unit_id, l.reported_on, l.reported_on <= ${w.after} as late
    from lead l
    where ${tenantIn(w.tenantIds, sql`l.tenant_id`)} and l.review_status = 'approved' and ${isNew(w, sql`l.reported_on`, knownAt)}
    order by l.reported_on, l.created_at, l.id`.execute(db);
  return rows.rows;
}

/**
 * Ledger entries new in the period, of the kinds asked for (created, stage_move) or carrying an amount;
 * `late` (补录): effective before the period, or recorded for a closed month (封账) on the next open one (lateFor).
 * A stage move's payload is completed (from, to, kind) by the ledger's rule, `from` read as of D.
 */
export async function listNewEntries(db: Tx, w: BriefWindow, which: 'created' | 'stage_move' | 'funds') {
  // Visible in the brief's view (its tenants, as of D, known by its end); funds through the ledger's fundsIn.
  const kind =
    which === 'funds' ? fundsIn(viewOf(w)) : sql`(e.kind = ${which} and ${entryVisible(viewOf(w))})`;
  const previous = which === 'stage_move' ? previousStage('e', w.knownBefore) : sql`null`;
  const rows = await sql<{
    id: string;
    tenant_id: string;
    project_id: string;
    effective_on: string;
    amount_fen: string | null;
    stage_to: Stage | null;
    previous_stage: Stage | null;
    payload: Record<string, unknown>;
    late: boolean;
  }>`
    select e.id, e.tenant_id, e.project_id, e.effective_on, e.amount_fen, e.stage_to, ${previous} as previous_stage,
      e.payload, (e.effective_on <= ${w.after} or e.payload ? 'lateFor') as late
    from ledger_entry e join project p on p.id = e.project_id
    where ${projectCounted(w, 'p')} and ${kind} and ${isNew(w, sql`e.effective_on`, entryKnownAt)}
    order by e.effective_on, e.id`.execute(db);
  return rows.rows.map((r) => ({
    ...r,
    id: Number(r.id),
    amountFen: r.amount_fen === null ? null : Number(r.amount_fen),
    payload:
      which === 'stage_move'
        ? completeStageMove(r.payload, {
            stageTo: r.stage_to,
            previousStage: r.previous_stage,
            effectiveOn: r.effective_on,
          })
        : r.payload,
  }));
}

/**
 * Projects stale on D (no ledger entry for `staleDays` days or more, neither paused nor dropped),
 * from the entries known by the end of D.
 */
export async function listStaleProjects(db: Tx, w: BriefWindow, staleBefore: string) {
  const rows = await sql<{ id: string; tenant_id: string; last_on: string }>`
    select p.id, p.tenant_id, f.last_entry_on as last_on
    from (${projectFacts(viewOf(w))}) f join project p on p.id = f.project_id
    where ${projectCounted(w, 'p')} and f.last_entry_on <= ${staleBefore}
      and f.stage not in ('paused', 'dropped')
    order by f.last_entry_on, p.id`.execute(db);
  return rows.rows;
}

/**
 * Projects as they stood on D from the entries known by then: name and unit from the latest
 * snapshot (as the project page's as-of view), stage and agreed investment from the ledger's facts.
 */
export async function readProjectsAsOf(db: Tx, w: BriefWindow, ids: string[]) {
  if (!ids.length) return [];
  const view = viewOf(w, ids);
  const rows = await sql<{
    id: string;
    tenant_id: string;
    sensitivity: string;
    name: string | null;
    unit_id: string | null;
    stage: string | null;
    agreed: string | null;
  }>`
    select p.id, p.tenant_id, p.sensitivity, coalesce(sn.snapshot->>'name', p.name) as name, coalesce(sn.snapshot->>'unitId', p.unit_id::text) as unit_id,
      f.stage, f.agreed_fen as agreed
    from project p
    left join (${projectFacts(view)}) f on f.project_id = p.id
    left join (
      select distinct on (e.project_id) e.project_id, e.snapshot from ledger_entry e
      where ${entryVisible(view)} and e.snapshot is not null order by e.project_id, e.id desc
    ) sn on sn.project_id = p.id
    where p.id in (${sql.join(ids)})`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    tenantId: r.tenant_id,
    sensitive: r.sensitivity === 'sensitive',
    name: r.name ?? '',
    unitId: r.unit_id ?? '',
    stage: r.stage,
    agreedFen: Number(r.agreed ?? 0),
  }));
}

/** The matters of the brief's tenants known by the end of D, with their facts recorded by then, in order. */
export async function readMattersAsOf(db: Tx, w: BriefWindow) {
  if (!w.tenantIds.length) return { matters: [], events: [] };
  const matters = await db
    .selectFrom('matter')
    .select([
      'id',
      'tenant_id',
      'project_id',
      'unit_id',
      'title',
      'description',
      'blocker_kind',
      'raised_on',
      'created_at',
    ])
    .where('tenant_id', 'in', w.tenantIds)
    .where('created_at', '<', w.knownBefore)
    .where('raised_on', '<=', w.through)
    .orderBy('raised_on')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const events = await db
    .selectFrom('matter_event')
    .select([
      'id',
      'matter_id',
      'kind',
      'effective_on',
      'recorded_at',
      'actor_name',
      'body',
      'level_to',
      'status_to',
      'owner_unit_to',
      'deadline_to',
      'payload',
    ])
    .where('tenant_id', 'in', w.tenantIds)
    .where('recorded_at', '<', w.knownBefore)
    .orderBy('id')
    .execute();
  return { matters, events: events.map((e) => ({ ...e, id: Number(e.id) })) };
}

/** Tasks (交办单) known by the end of D, still open then, whose deadline had passed by D. */
export async function listOverdueTasksAsOf(db: Tx, w: BriefWindow) {
  if (!w.tenantIds.length) return [];
  return db
    .selectFrom('task as t')
    .innerJoin('meeting as m', 'm.id', 't.meeting_id')
    .select([
      't.id',
      't.tenant_id',
      't.unit_id',
      't.content',
      't.deadline',
      'm.held_on as meeting_held_on',
      'm.kind as meeting_kind',
    ])
    .where('t.tenant_id', 'in', w.tenantIds)
    .where('t.created_at', '<', w.knownBefore)
    .where((eb) => eb.or([eb('t.closed_at', 'is', null), eb('t.closed_at', '>=', w.knownBefore)]))
    .where('t.deadline', '<', w.through)
    .orderBy('t.deadline')
    .orderBy('t.id')
    .execute();
}

/** Current names, the fallback of the audit log's snapshots (audit.service recordsAsOf). */
export async function readCurrentNames(db: Tx, table: 'unit' | 'lead' | 'tenant', ids: string[]) {
  if (!ids.length) return new Map<string, { name: string; amountFen: number | null }>();
  if (table === 'lead') {
    const rows = await db
      .selectFrom('lead')
      .select(['id', 'title', 'estimated_amount_fen'])
      .where('id', 'in', ids)
      .execute();
    return new Map(
      rows.map((r) => [
        r.id,
        { name: r.title, amountFen: r.estimated_amount_fen === null ? null : Number(r.estimated_amount_fen) },
      ]),
    );
  }
  const rows = await db.selectFrom(table).select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, amountFen: null }]));
}
