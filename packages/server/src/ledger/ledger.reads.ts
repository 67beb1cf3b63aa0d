/**
 * The ledger's reads: every figure Landfall shows is read here, **as of** an effective date and
 * **as known** before a recording instant, over a scope of tenants. Other features compose these
 * SQL fragments (or call the functions below); none writes its own "latest value per project"
 * or "funds summed as of" over ledger_entry.
 *
 * The rules, in one place:
 * - An entry is visible in a view when its effective date is on or before `asOf`, it is known
 *   before `knownBefore` (see entryKnownAt), and its tenant is in scope.
 * - A project's value of a field (stage, agreed investment, fixed assets) is the one of its
 *   latest visible entry carrying it, in ledger order (effective date, then entry id). Funds in
 *   place are the sum of visible amounts (a correction is a negative amount on the date of what
 *   it reverses, so it counts from when it is known).
 * - A revert (更正回退, a stage move of kind `revert`) is a correction: once known, it undoes what it
 *   reverts from the date it happened — every stage entry since the project last stood at the
 *   revert's target stage, the revert included, counts nowhere (notReverted), at every as-of date.
 *   A signing reverted as a mistake (误录) is no signing at all, and its agreed amount no amount.
 * - A project marked 重复报送 (the same investment as another unit's project of the same investor,
 *   table duplicate_report) counts nowhere once the mark is known, at every as-of date, until the mark
 *   is undone; the project it duplicates counts, for its own unit (notDuplicate). Two projects of one
 *   investor that nobody marked are both real and both count.
 * - A stage is reached (签约, 开工, 投产) on the first counted entry at that stage or beyond after
 *   the project's last counted entry below it: a re-signing counts once on its own date; 解约 (a
 *   drop) keeps the signing.
 * - A project counts when approved (报送审核), and, as known before an instant, approved before it.
 * - A project's figures count for its responsible unit as of the view (projectUnit): the unit of its
 *   latest visible created/field_change entry's snapshot (a reassignment is an edit, effective on the
 *   day it is recorded), so a unit's June figure read as known on 5 July stays the unit's own after the
 *   project moves to another unit in the autumn.
 */
import { sql, type RawBuilder } from 'kysely';
import { addDays, startOfShanghaiDay } from '@landfall/domain/dates';
import type { FundsBasis } from '@landfall/domain/targets';

export interface LedgerView {
  /** Effective date, inclusive ('YYYY-MM-DD'). */
  asOf: string;
  /** Only entries known strictly before this instant; undefined = every entry recorded. */
  knownBefore?: Date;
  /** Tenants in scope; undefined = every tenant (the operator). */
  tenantIds?: readonly string[];
  /** Only these projects (a project page, an export's rows); undefined = every project in scope. */
  projectIds?: readonly string[];
}

/**
 * `knownOn` as the API and CLI take it: a calendar date means "as known at the end of that day"
 * (Asia/Shanghai), an ISO instant means that instant. Undefined stays undefined (now).
 */
export function knownBeforeOf(knownOn: string | undefined): Date | undefined {
  if (!knownOn) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(knownOn)) return startOfShanghaiDay(addDays(knownOn, 1));
  const at = new Date(knownOn);
  if (Number.isNaN(at.getTime())) throw new RangeError(`not a date or instant: ${knownOn}`);
  return at;
}

const col = (alias: string, name: string) => sql.ref(`${alias}.${name}`);

/**
 * When an entry became known: when it was recorded, or — for a baseline entry (基线, loaded at
 * go-live) — at the start of its effective day (Asia/Shanghai, UTC+8 without daylight saving).
 */
export function entryKnownAt(alias = 'e'): RawBuilder<Date> {
  return sql<Date>`(case when ${col(alias, 'baseline')}
    then (${col(alias, 'effective_on')}::timestamp - interval '8 hours') at time zone 'UTC'
    else ${col(alias, 'recorded_at')} end)`;
}

/** `column in (tenants)`, or true for every tenant, or false for none. */
export function tenantIn(tenantIds: readonly string[] | undefined, column: RawBuilder<unknown>) {
  if (!tenantIds) return sql<boolean>`true`;
  return tenantIds.length ? sql<boolean>`${column} in (${sql.join([...tenantIds])})` : sql<boolean>`false`;
}

/** Known before the view's instant (true when the view has none). */
export function knownIn(view: Pick<LedgerView, 'knownBefore'>, alias = 'e'): RawBuilder<boolean> {
  return view.knownBefore ? sql<boolean>`${entryKnownAt(alias)} < ${view.knownBefore}` : sql<boolean>`true`;
}

/** The entry is visible in the view: effective by asOf, known before the instant, tenant in scope. */
export function entryVisible(view: LedgerView, alias = 'e'): RawBuilder<boolean> {
  const projects = view.projectIds
    ? view.projectIds.length
      ? sql`and ${col(alias, 'project_id')} in (${sql.join([...view.projectIds])})`
      : sql`and false`
    : sql``;
  return sql<boolean>`(${col(alias, 'effective_on')} <= ${view.asOf}
    and ${tenantIn(view.tenantIds, col(alias, 'tenant_id'))} and ${knownIn(view, alias)} ${projects})`;
}

/**
 * The project counts in the view's figures: approved (a submission awaiting review or refused does
 * not count) — and, as known before an instant, approved before it.
 */
export function projectCounted(view: Pick<LedgerView, 'knownBefore'>, alias = 'p'): RawBuilder<boolean> {
  return sql<boolean>`(${projectApproved(view, alias)} and ${notDuplicate(view, alias)})`;
}

/**
 * The project is in the library in the view: approved (and, as known before an instant, approved before
 * it). A project marked 重复报送 is listed (tagged) but counts in no figure: projectCounted.
 */
export function projectApproved(view: Pick<LedgerView, 'knownBefore'>, alias = 'p'): RawBuilder<boolean> {
  const approved = sql`${col(alias, 'review_status')} = 'approved'`;
  if (!view.knownBefore) return sql<boolean>`(${approved})`;
  return sql<boolean>`(${approved} and (${col(alias, 'reviewed_at')} is null
    or ${col(alias, 'reviewed_at')} < ${view.knownBefore}))`;
}

/**
 * The project is not marked 重复报送 in the view: no mark on it known before the view's instant and
 * not undone by then (without an instant: no mark in force). A mark, like a revert, is a correction:
 * once known it holds at every as-of date.
 */
export function notDuplicate(view: Pick<LedgerView, 'knownBefore'>, alias = 'p'): RawBuilder<boolean> {
  const inForce = view.knownBefore
    ? sql`d.marked_at < ${view.knownBefore} and (d.unmarked_at is null or d.unmarked_at >= ${view.knownBefore})`
    : sql`d.unmarked_at is null`;
  return sql<boolean>`not exists (select 1 from duplicate_report d where d.project_id = ${col(alias, 'id')} and ${inForce})`;
}

/** A funding entry counts toward a 口径 (domain/targets.ts matchesFundsBasis, in SQL). */
export function fundsBasisIn(basis: FundsBasis | 'every', alias = 'e'): RawBuilder<boolean> {
  const source = col(alias, 'funding_source');
  if (basis === 'every' || basis === 'total') return sql<boolean>`true`;
  const outsideCity = sql`${source} is distinct from 'inside_city'`;
  if (basis === 'outside_province') return sql<boolean>`${source} in ('outside_province', 'abroad')`;
  if (basis === 'foreign')
    return sql<boolean>`(${col(alias, 'capital_kind')} = 'foreign' and ${outsideCity})`;
  return sql<boolean>`${outsideCity}`;
}

/**
 * Funding entries of the view (alias e), optionally from a date (inclusive) and of a 口径:
 * the WHERE condition of every funds sum.
 */
export function fundsIn(
  view: LedgerView,
  opts: { from?: string; basis?: FundsBasis | 'every'; lateOnly?: boolean } = {},
  alias = 'e',
): RawBuilder<boolean> {
  const from = opts.from ? sql`and ${col(alias, 'effective_on')} >= ${opts.from}` : sql``;
  // 补录 for a closed month (封账): recorded on the next open month's first day, its own date in lateFor.
  const late = opts.lateOnly ? sql`and ${col(alias, 'payload')} ? 'lateFor'` : sql``;
  return sql<boolean>`(${col(alias, 'amount_fen')} is not null and ${entryVisible(view, alias)} ${from} ${late}
    and ${fundsBasisIn(opts.basis ?? 'every', alias)})`;
}

/** Ledger order: entry `a` comes before entry `b` (effective date, then id). */
const before = (a: string, b: string) =>
  sql`(${col(a, 'effective_on')}, ${col(a, 'id')}) < (${col(b, 'effective_on')}, ${col(b, 'id')})`;

/**
 * The ids of the stage entries undone by a revert known in the view (whatever the revert's
 * effective date): for each known revert r in the view's tenants, every stage entry x at or before r
 * such that the project stood at r's target stage before x, and not again from x (itself included)
 * up to r. Uncorrelated, so the engine builds it once (reverts are rare) and probes it per entry.
 */
function undoneEntries(view: Pick<LedgerView, 'knownBefore' | 'tenantIds'>): RawBuilder<unknown> {
  const anchor = (name: string) => sql`${sql.ref(`${name}.project_id`)} = r.project_id
    and ${sql.ref(`${name}.stage_to`)} = r.stage_to and ${knownIn(view, name)}`;
  return sql`select x.id from ledger_entry r
    join ledger_entry x on x.project_id = r.project_id and x.stage_to is not null and ${knownIn(view, 'x')}
      and not ${before('r', 'x')}
    where r.kind = 'stage_move' and r.payload->>'kind' = 'revert' and ${knownIn(view, 'r')}
      and ${tenantIn(view.tenantIds, sql`r.tenant_id`)}
      and exists (select 1 from ledger_entry a where ${anchor('a')} and ${before('a', 'x')})
      and not exists (select 1 from ledger_entry b where ${anchor('b')} and not ${before('b', 'x')} and ${before('b', 'r')})`;
}

/** The stage entry `alias` is not undone by a known revert (undoneEntries). */
export function notReverted(
  view: Pick<LedgerView, 'knownBefore' | 'tenantIds'>,
  alias = 'e',
): RawBuilder<boolean> {
  return sql<boolean>`${col(alias, 'id')} not in (${undoneEntries(view)})`;
}

/**
 * Funds in place per project (project_id, funds_fen) over the view's funding entries, optionally
 * from a date and of a 口径 (as fundsIn): join it on the project to split a period's funds by a
 * project fact (新签约 / 续建, tier, unit).
 */
export function fundsByProject(
  view: LedgerView,
  opts: { from?: string; basis?: FundsBasis | 'every' } = {},
): RawBuilder<{ project_id: string; funds_fen: string }> {
  return sql<{ project_id: string; funds_fen: string }>`
    select e.project_id, sum(e.amount_fen) as funds_fen from ledger_entry e
    where ${fundsIn(view, opts)} group by e.project_id`;
}

/**
 * Every project in the view's tenants with its responsible unit as of the view (project_id,
 * unit_id): from the snapshot of its latest visible created or field_change entry, else its current
 * unit (entries written before snapshots carried one). Join it to count a figure per unit.
 */
export function projectUnit(view: LedgerView): RawBuilder<{ project_id: string; unit_id: string }> {
  const projects = view.projectIds
    ? view.projectIds.length
      ? sql`and p.id in (${sql.join([...view.projectIds])})`
      : sql`and false`
    : sql``;
  return sql<{ project_id: string; unit_id: string }>`
    select p.id as project_id, coalesce(u.unit_id, p.unit_id) as unit_id
    from project p
    left join (
      select distinct on (e.project_id) e.project_id, (e.snapshot->>'unitId')::uuid as unit_id
      from ledger_entry e
      where e.kind in ('created', 'field_change') and e.snapshot ? 'unitId' and ${entryVisible(view)}
      order by e.project_id, e.effective_on desc, e.id desc
    ) u on u.project_id = p.id
    where ${tenantIn(view.tenantIds, sql`p.tenant_id`)} ${projects}`;
}

/**
 * 增资 (an expansion of a signed project, by the unit or an import: `payload.expansion.agreedFen`) per
 * project over the view's entries from a date: the increments of agreed investment it adds (project_id,
 * agreed_fen). 协议投资额 of a period counts the projects signed in it at their agreed investment and,
 * for projects signed before it, the increments agreed in it.
 */
export function expansionIncrements(view: LedgerView, opts: { from: string }): RawBuilder<unknown> {
  return sql`
    select e.project_id, sum((e.payload->'expansion'->>'agreedFen')::bigint) as agreed_fen
    from ledger_entry e
    where e.payload->'expansion' ? 'agreedFen' and e.effective_on >= ${opts.from} and ${entryVisible(view)}
    group by e.project_id`;
}

/** The columns of projectFacts, one row per project with a visible stage. */
export interface ProjectFactsRow {
  project_id: string;
  stage: string;
  stage_on: string;
  /** The active stage a paused or dropped project stood at (else null). */
  stage_before: string | null;
  agreed_fen: string | null;
  fixed_fen: string | null;
  funds_fen: string;
  last_entry_on: string;
  entered_on: string | null;
  signed_on: string | null;
  started_on: string | null;
  produced_on: string | null;
}

/** Pipeline rank of a stage (paused and dropped have none). */
const rank = (
  stage: RawBuilder<unknown>,
) => sql`(case ${stage} when 'planning' then 0 when 'negotiating' then 1
  when 'signed' then 2 when 'settled' then 3 when 'construction' then 4 when 'production' then 5 end)`;

/**
 * Per project with a visible stage: its stage as of the view (and its date, and where a paused or
 * dropped one stood), and the dates it reached 签约 / 开工 / 投产 by the rule above.
 */
export function stageFacts(view: LedgerView): RawBuilder<unknown> {
  return sql`
    select r.project_id,
      (array_agg(r.stage_to order by r.seq desc))[1] as stage,
      (array_agg(r.effective_on order by r.seq desc))[1] as stage_on,
      (array_agg(r.stage_to order by r.seq desc) filter (where r.rnk is not null))[1] as last_active,
      min(r.effective_on) filter (where r.rnk >= 2 and r.seq > r.cut2) as signed_on,
      min(r.effective_on) filter (where r.rnk >= 4 and r.seq > r.cut4) as started_on,
      min(r.effective_on) filter (where r.rnk >= 5 and r.seq > r.cut5) as produced_on
    from (
      select q.*,
        coalesce(max(case when q.rnk < 2 then q.seq end) over (partition by q.project_id), 0) as cut2,
        coalesce(max(case when q.rnk < 4 then q.seq end) over (partition by q.project_id), 0) as cut4,
        coalesce(max(case when q.rnk < 5 then q.seq end) over (partition by q.project_id), 0) as cut5
      from (
        select e.project_id, e.effective_on, e.stage_to, ${rank(sql`e.stage_to`)} as rnk,
          row_number() over (partition by e.project_id order by e.effective_on, e.id) as seq
        from ledger_entry e
        where e.stage_to is not null and ${entryVisible(view)} and ${notReverted(view)}
      ) q
    ) r group by r.project_id`;
}

/**
 * Per project: the latest agreed and fixed amounts (an amount carried by an undone stage entry is
 * none), funds in place, last entry date, date entered — one pass for the sums and dates, and the
 * latest of the (few) entries carrying each amount.
 */
export function amountFacts(view: LedgerView): RawBuilder<unknown> {
  const latest = (column: 'agreed_fen' | 'fixed_fen') => sql`
    select distinct on (e.project_id) e.project_id, ${sql.ref(`e.${column}`)} as value from ledger_entry e
    where ${sql.ref(`e.${column}`)} is not null and ${entryVisible(view)}
      and (e.stage_to is null or ${notReverted(view)})
    order by e.project_id, e.effective_on desc, e.id desc`;
  return sql`
    select t.project_id, ag.value as agreed_fen, fx.value as fixed_fen, t.funds_fen, t.last_entry_on, t.entered_on
    from (
      select e.project_id, coalesce(sum(e.amount_fen), 0) as funds_fen, max(e.effective_on) as last_entry_on,
        min(e.effective_on) filter (where e.kind = 'created') as entered_on
      from ledger_entry e where ${entryVisible(view)}
      group by e.project_id
    ) t
    left join (${latest('agreed_fen')}) ag on ag.project_id = t.project_id
    left join (${latest('fixed_fen')}) fx on fx.project_id = t.project_id`;
}

/**
 * Every project's facts as of the view (ProjectFactsRow): join it on the project (`facts.project_id
 * = p.id`); a project with no visible stage entry (not yet entered by asOf, or not yet known) is
 * absent.
 */
export function projectFacts(view: LedgerView): RawBuilder<ProjectFactsRow> {
  return sql<ProjectFactsRow>`
    select s.project_id, s.stage, s.stage_on,
      case when s.stage in ('paused', 'dropped') then s.last_active end as stage_before,
      a.agreed_fen, a.fixed_fen, a.funds_fen, a.last_entry_on, a.entered_on,
      s.signed_on, s.started_on, s.produced_on
    from (${stageFacts(view)}) s join (${amountFacts(view)}) a on a.project_id = s.project_id`;
}

/**
 * The latest 目前进展 / 存在问题 / 下步计划 per project (progress entries and their restatements) as
 * of the view (narrow it with projectIds).
 */
export function latestProgress(view: LedgerView): RawBuilder<unknown> {
  return sql`
    select distinct on (e.project_id) e.project_id, e.payload from ledger_entry e
    where ${entryVisible(view)}
      and (e.kind = 'progress' or (e.kind = 'correction' and e.amount_fen is null))
    order by e.project_id, e.effective_on desc, e.id desc`;
}
