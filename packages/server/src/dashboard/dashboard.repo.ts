import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../context.ts';
import { OVER_100M_FEN } from '../projects/project.repo.ts';

/** What the dashboard reads over: tenants, a period [from, to] of the year, and the metric's 口径. */
export interface Period {
  tenantIds: string[];
  from: string;
  to: string;
  basis: 'all' | 'outside_province' | 'foreign';
  includeSensitive: boolean;
  /**
   * Only entries recorded before this instant (a brief reads the dashboard as it could be known on
   * its date, so that regenerating it later gives the same figures); undefined = all entries.
   */
  knownBefore?: Date;
}

function tenantIn(period: Period, column: RawBuilder<unknown>) {
  return period.tenantIds.length ? sql`${column} in (${sql.join(period.tenantIds)})` : sql`false`;
}

/** Every 口径 counts funds from outside the city only (市外口径): inside-the-city funds are recorded, not counted. */
function basisFilter(basis: Period['basis']) {
  if (basis === 'outside_province') return sql`e.funding_source in ('outside_province', 'abroad')`;
  const outsideCity = sql`e.funding_source is distinct from 'inside_city'`;
  if (basis === 'foreign') return sql`e.capital_kind = 'foreign' and ${outsideCity}`;
  return outsideCity;
}

/** Entries recorded before period.knownBefore, when set. */
function knownFilter(period: Period, column: RawBuilder<unknown>) {
  return period.knownBefore ? sql`${column} < ${period.knownBefore}` : sql`true`;
}

/**
 * The projects that count (alias p): approved ones (报送审核: a submission awaiting review or refused
 * does not count), and sensitive ones only for those who see them.
 */
function sensitiveFilter(period: Period) {
  return period.includeSensitive
    ? sql`p.review_status = 'approved'`
    : sql`p.review_status = 'approved' and p.sensitivity = 'normal'`;
}

/**
 * Funds in place (到位资金) in the period, per unit and tenant, counted once for the
 * project's responsible unit; corrections (negative reversals) count on the date of
 * what they reverse.
 */
export async function sumFundsByUnit(db: Tx, period: Period) {
  const rows = await sql<{ tenant_id: string; unit_id: string; fen: string }>`
    select p.tenant_id, p.unit_id, sum(e.amount_fen) as fen
    from ledger_entry e join project p on p.id = e.project_id
    where ${tenantIn(period, sql`e.tenant_id`)} and e.amount_fen is not null
      and e.effective_on between ${period.from} and ${period.to} and ${basisFilter(period.basis)} and ${sensitiveFilter(period)}
      and ${knownFilter(period, sql`e.recorded_at`)}
    group by p.tenant_id, p.unit_id`.execute(db);
  return rows.rows.map((r) => ({ tenantId: r.tenant_id, unitId: r.unit_id, value: Number(r.fen) }));
}

/** Funds in place per month of the period ('YYYY-MM'). */
export async function sumFundsByMonth(db: Tx, period: Period) {
  const rows = await sql<{ month: string; fen: string }>`
    select to_char(e.effective_on, 'YYYY-MM') as month, sum(e.amount_fen) as fen
    from ledger_entry e join project p on p.id = e.project_id
    where ${tenantIn(period, sql`e.tenant_id`)} and e.amount_fen is not null
      and e.effective_on between ${period.from} and ${period.to} and ${basisFilter(period.basis)} and ${sensitiveFilter(period)}
      and ${knownFilter(period, sql`e.recorded_at`)}
    group by 1 order by 1`.execute(db);
  return rows.rows.map((r) => ({ month: r.month, value: Number(r.fen) }));
}

/** Funds in place in the period by a project attribute (focus industry or origin region). */
export async function sumFundsBy(db: Tx, period: Period, attribute: 'focus_industry_id' | 'region') {
  const column = sql.ref(`p.${attribute}`);
  const rows = await sql<{ key: string | null; fen: string; projects: string }>`
    select ${column} as key, sum(e.amount_fen) as fen, count(distinct p.id) as projects
    from ledger_entry e join project p on p.id = e.project_id
    where ${tenantIn(period, sql`e.tenant_id`)} and e.amount_fen is not null
      and e.effective_on between ${period.from} and ${period.to} and ${basisFilter(period.basis)} and ${sensitiveFilter(period)}
      and ${knownFilter(period, sql`e.recorded_at`)}
    group by 1 order by 2 desc`.execute(db);
  return rows.rows.map((r) => ({ key: r.key, value: Number(r.fen), projects: Number(r.projects) }));
}

/**
 * First signings and first starts in the period, per unit: a project counts once,
 * at the first time it reached the stage (a revert and re-signing does not count
 * again); the agreed investment is the one signed then.
 */
export async function countFirstReached(db: Tx, period: Period, stage: 'signed' | 'construction') {
  const rows = await sql<{
    tenant_id: string;
    unit_id: string;
    n: string;
    agreed: string | null;
    over100m: string;
  }>`
    select p.tenant_id, p.unit_id, count(*) as n, sum(f.agreed_fen) as agreed,
      count(*) filter (where f.agreed_fen >= ${OVER_100M_FEN}) as over100m
    from (
      select distinct on (e.project_id) e.project_id, e.effective_on, e.agreed_fen
      from ledger_entry e
      where ${tenantIn(period, sql`e.tenant_id`)} and e.stage_to = ${stage} and e.kind in ('created', 'stage_move')
        and ${knownFilter(period, sql`e.recorded_at`)}
      order by e.project_id, e.effective_on, e.id
    ) f join project p on p.id = f.project_id
    where f.effective_on between ${period.from} and ${period.to} and ${sensitiveFilter(period)}
    group by p.tenant_id, p.unit_id`.execute(db);
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
  const asOf = period.to;
  const rows = await sql<{ unit_id: string; tenant_id: string; stage: string; remaining: string }>`
    select p.tenant_id, p.unit_id, st.stage_to as stage,
      sum(greatest(0, coalesce(ag.agreed_fen, 0) - coalesce(fu.funds, 0))) as remaining
    from project p
    join (
      select distinct on (project_id) project_id, stage_to from ledger_entry
      where ${tenantIn(period, sql`tenant_id`)} and effective_on <= ${asOf} and stage_to is not null
        and ${knownFilter(period, sql`recorded_at`)}
      order by project_id, effective_on desc, id desc
    ) st on st.project_id = p.id
    left join (
      select distinct on (project_id) project_id, agreed_fen from ledger_entry
      where ${tenantIn(period, sql`tenant_id`)} and effective_on <= ${asOf} and agreed_fen is not null
        and ${knownFilter(period, sql`recorded_at`)}
      order by project_id, effective_on desc, id desc
    ) ag on ag.project_id = p.id
    left join (
      select project_id, sum(amount_fen) as funds from ledger_entry
      where ${tenantIn(period, sql`tenant_id`)} and effective_on <= ${asOf} and amount_fen is not null
        and ${knownFilter(period, sql`recorded_at`)} group by project_id
    ) fu on fu.project_id = p.id
    where ${sensitiveFilter(period)}
    group by p.tenant_id, p.unit_id, st.stage_to`.execute(db);
  return rows.rows.map((r) => ({
    tenantId: r.tenant_id,
    unitId: r.unit_id,
    stage: r.stage,
    remainingFen: Number(r.remaining),
  }));
}

/** Investors (same enterprise, hence same credit code) whose projects sit with two or more units: 重复报送 to check. */
export async function findSharedInvestors(db: Tx, tenantIds: string[]) {
  if (!tenantIds.length) return [];
  const rows = await sql<{
    enterprise_id: string;
    name: string;
    credit_code: string | null;
    units: string[];
    projects: string[];
  }>`
    select e.id as enterprise_id, e.name, e.credit_code,
      array_agg(distinct p.unit_id::text) as units, array_agg(distinct p.id::text) as projects
    from project_enterprise pe join enterprise e on e.id = pe.enterprise_id join project p on p.id = pe.project_id
    where e.tenant_id in (${sql.join(tenantIds)}) and p.stage <> 'dropped' and p.review_status = 'approved'
    group by e.id, e.name, e.credit_code having count(distinct p.unit_id) > 1
    order by e.name`.execute(db);
  return rows.rows.map((r) => ({
    enterpriseId: r.enterprise_id,
    name: r.name,
    creditCode: r.credit_code,
    unitIds: r.units,
    projectIds: r.projects,
  }));
}

/**
 * Projects signed on or before the period's end (first signing), with their planned and
 * actual start and, as of that date, agreed investment and cumulative funds: the inputs of
 * 资金到位率 and 履约率.
 */
export async function listSignedProjects(db: Tx, period: Period) {
  const asOf = period.to;
  const rows = await sql<{
    planned_start_on: string | null;
    actual_start_on: string | null;
    agreed: string | null;
    funds: string | null;
  }>`
    select p.planned_start_on, p.actual_start_on,
      (select e.agreed_fen from ledger_entry e where e.project_id = p.id and e.agreed_fen is not null and e.effective_on <= ${asOf}
        and ${knownFilter(period, sql`e.recorded_at`)}
        order by e.effective_on desc, e.id desc limit 1) as agreed,
      (select sum(e.amount_fen) from ledger_entry e where e.project_id = p.id and e.effective_on <= ${asOf}
        and ${knownFilter(period, sql`e.recorded_at`)}) as funds
    from project p
    where ${tenantIn(period, sql`p.tenant_id`)} and ${sensitiveFilter(period)}
      and exists (select 1 from ledger_entry s where s.project_id = p.id and s.stage_to = 'signed' and s.effective_on <= ${asOf}
        and ${knownFilter(period, sql`s.recorded_at`)})`.execute(db);
  return rows.rows.map((r) => ({
    plannedStartOn: r.planned_start_on,
    actualStartOn: r.actual_start_on,
    agreedFen: Number(r.agreed ?? 0),
    fundsFen: Number(r.funds ?? 0),
  }));
}

/**
 * The tenant's own history for the forecast: for every project that stood in the library on
 * 1 January of `year`, its stage and open remainder that day and the funds it received during
 * that year.
 */
export async function readYearHistory(db: Tx, tenantIds: string[], year: number) {
  if (!tenantIds.length) return [];
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const rows = await sql<{ stage: string; remaining: string; received: string }>`
    select s.stage,
      greatest(0, coalesce(s.agreed, 0) - coalesce(s.funds, 0)) as remaining,
      coalesce((select sum(e.amount_fen) from ledger_entry e where e.project_id = s.id
        and e.effective_on between ${start} and ${end}), 0) as received
    from (
      select p.id,
        (select e.stage_to from ledger_entry e where e.project_id = p.id and e.stage_to is not null and e.effective_on < ${start}
          order by e.effective_on desc, e.id desc limit 1) as stage,
        (select e.agreed_fen from ledger_entry e where e.project_id = p.id and e.agreed_fen is not null and e.effective_on < ${start}
          order by e.effective_on desc, e.id desc limit 1) as agreed,
        (select sum(e.amount_fen) from ledger_entry e where e.project_id = p.id and e.effective_on < ${start}) as funds
      from project p where p.tenant_id in (${sql.join(tenantIds)}) and p.review_status = 'approved'
    ) s where s.stage is not null`.execute(db);
  return rows.rows.map((r) => ({
    stage: r.stage,
    remainingFen: Number(r.remaining),
    receivedFen: Number(r.received),
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
    select p.unit_id, e.project_id, e.effective_on, e.stage_to
    from ledger_entry e join project p on p.id = e.project_id
    where ${tenantIn(period, sql`e.tenant_id`)} and ${sensitiveFilter(period)} and e.effective_on <= ${period.to}
      and ${knownFilter(period, sql`e.recorded_at`)} and (e.stage_to is not null or e.effective_on >= ${entriesFrom})
    order by e.project_id, e.effective_on, e.id`.execute(db);
  return rows.rows.map((r) => ({
    unitId: r.unit_id,
    projectId: r.project_id,
    effectiveOn: r.effective_on,
    stageTo: r.stage_to,
  }));
}
