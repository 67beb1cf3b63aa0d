import { sql } from 'kysely';
import type { FundsBasis } from '@landfall/domain/targets';
import type { Tx } from '../context.ts';
import { OVER_100M_FEN } from '../projects/project.repo.ts';
import {
  entryVisible,
  expansionIncrements,
  fundsIn,
  projectCounted,
  projectFacts,
  projectUnit,
  type LedgerView,
} from '../ledger/ledger.reads.ts';

/** What the dashboard reads over: tenants, a period [from, to] of the year, and the metric's 口径. */
export interface Period {
  tenantIds: string[];
  from: string;
  to: string;
  basis: FundsBasis;
  includeSensitive: boolean;
  /**
   * Only entries recorded before this instant (a brief reads the dashboard as it could be known on
   * its date, so that regenerating it later gives the same figures); undefined = all entries.
   */
  knownBefore?: Date;
}

/** The ledger view of a period: as of its end, as known before its instant, over its tenants. */
function viewOf(period: Period, asOf = period.to): LedgerView {
  return { asOf, knownBefore: period.knownBefore, tenantIds: period.tenantIds };
}

/**
 * The projects that count (alias p): approved ones (报送审核: a submission awaiting review or refused
 * does not count; as known before an instant, approved before it). Sensitive projects count in every
 * figure, for every reader (纵向联动: a city's figure for a district is the district's own); only
 * their details are kept from those who do not see them.
 */
function counted(period: Period) {
  return projectCounted(period, 'p');
}

/** Funding entries of the period (from its start to its end) in its 口径. */
function periodFunds(period: Period) {
  return fundsIn(viewOf(period), { from: period.from, basis: period.basis });
}

/**
 * Funds in place (到位资金) in the period, per unit and tenant, counted once for the
 * project's responsible unit; corrections (negative reversals) count on the date of
 * what they reverse.
 */
export async function sumFundsByUnit(db: Tx, period: Period) {
  const rows = await sql<{ tenant_id: string; unit_id: string; fen: string }>`
    select p.tenant_id, pu.unit_id, sum(e.amount_fen) as fen
    from ledger_entry e join project p on p.id = e.project_id
    join (${projectUnit(viewOf(period))}) pu on pu.project_id = p.id
    where ${periodFunds(period)} and ${counted(period)}
    group by p.tenant_id, pu.unit_id`.execute(db);
  return rows.rows.map((r) => ({ tenantId: r.tenant_id, unitId: r.unit_id, value: Number(r.fen) }));
}

/** Funds in place per month of the period ('YYYY-MM'). */
export async function sumFundsByMonth(db: Tx, period: Period) {
  const rows = await sql<{ month: string; fen: string }>`
    select to_char(e.effective_on, 'YYYY-MM') as month, sum(e.amount_fen) as fen
    from ledger_entry e join project p on p.id = e.project_id
    where ${periodFunds(period)} and ${counted(period)}
    group by 1 order by 1`.execute(db);
  return rows.rows.map((r) => ({ month: r.month, value: Number(r.fen) }));
}

/** Funds in place in the period by a project attribute (focus industry or origin region). */
export async function sumFundsBy(db: Tx, period: Period, attribute: 'focus_industry_id' | 'region') {
  const column = sql.ref(`p.${attribute}`);
  const rows = await sql<{ key: string | null; fen: string; projects: string }>`
    select ${column} as key, sum(e.amount_fen) as fen, count(distinct p.id) as projects
    from ledger_entry e join project p on p.id = e.project_id
    where ${periodFunds(period)} and ${counted(period)}
    group by 1 order by 2 desc`.execute(db);
  return rows.rows.map((r) => ({ key: r.key, value: Number(r.fen), projects: Number(r.projects) }));
}

/**
 * Signings and starts in the period, per unit: a project counts once, on the date it reached the
 * stage by the ledger's rule (ledger.reads.ts: a signing reverted as 误录 is none, a re-signing
 * counts once on its date, 解约 keeps it); the agreed investment is the project's as of the period's end.
 */
export async function countFirstReached(db: Tx, period: Period, stage: 'signed' | 'construction') {
  const reached = stage === 'signed' ? sql.ref('f.signed_on') : sql.ref('f.started_on');
  const rows = await sql<{
    tenant_id: string;
    unit_id: string;
    n: string;
    agreed: string | null;
    over100m: string;
  }>`
    select p.tenant_id, pu.unit_id, count(*) as n, sum(f.agreed_fen) as agreed,
      count(*) filter (where f.agreed_fen >= ${OVER_100M_FEN}) as over100m
    from (${projectFacts(viewOf(period))}) f join project p on p.id = f.project_id
    join (${projectUnit(viewOf(period))}) pu on pu.project_id = p.id
    where ${reached} between ${period.from} and ${period.to} and ${counted(period)}
    group by p.tenant_id, pu.unit_id`.execute(db);
  return rows.rows.map((r) => ({
    tenantId: r.tenant_id,
    unitId: r.unit_id,
    count: Number(r.n),
    agreedFen: Number(r.agreed ?? 0),
    over100m: Number(r.over100m),
  }));
}

/**
 * Per unit and stage as of the period's end: the open remainder of agreed
 * investment (Σ max(0, agreed − funds in place)), the input of the forecast.
 */
export async function sumOpenRemainder(db: Tx, period: Period) {
  const rows = await sql<{ unit_id: string; tenant_id: string; stage: string; remaining: string }>`
    select p.tenant_id, pu.unit_id, f.stage,
      sum(greatest(0, coalesce(f.agreed_fen, 0) - f.funds_fen)) as remaining
    from (${projectFacts(viewOf(period))}) f join project p on p.id = f.project_id
    join (${projectUnit(viewOf(period))}) pu on pu.project_id = p.id
    where ${counted(period)}
    group by p.tenant_id, pu.unit_id, f.stage`.execute(db);
  return rows.rows.map((r) => ({
    tenantId: r.tenant_id,
    unitId: r.unit_id,
    stage: r.stage,
    remainingFen: Number(r.remaining),
  }));
}

/**
 * Projects signed on or before the period's end (by the ledger's rule), with their planned and
 * actual start and, as of that date, agreed investment and cumulative funds: the inputs of
 * 资金到位率 and 履约率.
 */
export async function listSignedProjects(db: Tx, period: Period) {
  const rows = await sql<{
    planned_start_on: string | null;
    actual_start_on: string | null;
    agreed: string | null;
    funds: string | null;
  }>`
    select p.planned_start_on, case when f.started_on is not null then coalesce(p.actual_start_on, f.started_on) end as actual_start_on,
      f.agreed_fen as agreed, f.funds_fen as funds
    from (${projectFacts(viewOf(period))}) f join project p on p.id = f.project_id
    where f.signed_on is not null and ${counted(period)}`.execute(db);
  return rows.rows.map((r) => ({
    plannedStartOn: r.planned_start_on,
    actualStartOn: r.actual_start_on,
    agreedFen: Number(r.agreed ?? 0),
    fundsFen: Number(r.funds ?? 0),
  }));
}

/**
 * The tenant's own history for the forecast: for every project that stood in the library on
 * 1 January of `year` (as of 31 December before), its stage and open remainder that day and the
 * funds it received during that year — as known before the period's instant.
 */
export async function readYearHistory(db: Tx, tenantIds: string[], year: number, knownBefore?: Date) {
  if (!tenantIds.length) return [];
  const before: LedgerView = { asOf: `${year - 1}-12-31`, knownBefore, tenantIds };
  const during: LedgerView = { asOf: `${year}-12-31`, knownBefore, tenantIds };
  const rows = await sql<{ stage: string; remaining: string; received: string | null }>`
    select f.stage, greatest(0, coalesce(f.agreed_fen, 0) - f.funds_fen) as remaining, y.received
    from (${projectFacts(before)}) f join project p on p.id = f.project_id
    left join (
      select e.project_id, sum(e.amount_fen) as received from ledger_entry e
      where ${fundsIn(during, { from: `${year}-01-01` })} group by e.project_id
    ) y on y.project_id = f.project_id
    where ${projectCounted({ knownBefore }, 'p')}`.execute(db);
  return rows.rows.map((r) => ({
    stage: r.stage,
    remainingFen: Number(r.remaining),
    receivedFen: Number(r.received ?? 0),
  }));
}

/**
 * The dated ledger of the period's projects for ledger punctuality: every stage fact up to the
 * period's end, and every entry date from `entriesFrom` (the Monday of the first week counted).
 */
export async function listPunctualityLedger(db: Tx, period: Period, entriesFrom: string) {
  const rows = await sql<{
    unit_id: string;
    project_id: string;
    effective_on: string;
    stage_to: string | null;
  }>`
    select pu.unit_id, e.project_id, e.effective_on, e.stage_to
    from ledger_entry e join project p on p.id = e.project_id
    join (${projectUnit(viewOf(period))}) pu on pu.project_id = p.id
    where ${entryVisible(viewOf(period))} and ${counted(period)}
      and (e.stage_to is not null or e.effective_on >= ${entriesFrom})
    order by e.project_id, e.effective_on, e.id`.execute(db);
  return rows.rows.map((r) => ({
    unitId: r.unit_id,
    projectId: r.project_id,
    effectiveOn: r.effective_on,
    stageTo: r.stage_to,
  }));
}

/**
 * 增资 agreed in the period on projects signed before it, per unit (the unit that had the project
 * then): what 协议投资额 of the period adds to the signings' (countFirstReached).
 */
export async function sumExpansionsByUnit(db: Tx, period: Period) {
  const view = viewOf(period);
  const rows = await sql<{ tenant_id: string; unit_id: string; fen: string }>`
    select p.tenant_id, pu.unit_id, sum(x.agreed_fen) as fen
    from (${expansionIncrements(view, { from: period.from })}) x
    join (${projectFacts(view)}) f on f.project_id = x.project_id
    join project p on p.id = x.project_id
    join (${projectUnit(view)}) pu on pu.project_id = p.id
    where f.signed_on < ${period.from} and ${counted(period)}
    group by p.tenant_id, pu.unit_id`.execute(db);
  return rows.rows.map((r) => ({ tenantId: r.tenant_id, unitId: r.unit_id, value: Number(r.fen) }));
}
