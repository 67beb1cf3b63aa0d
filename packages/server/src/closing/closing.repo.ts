/** 封账's SQL: the month rows, the issued reports, the per-unit check's figures. */
import { sql, type Insertable, type Updateable } from 'kysely';
import type { Tx } from '../context.ts';
import type { IssuedReportTable, MonthCloseTable } from '../db/schema.ts';
import {
  fundsIn,
  projectCounted,
  projectFacts,
  projectUnit,
  type LedgerView,
} from '../ledger/ledger.reads.ts';

export async function findMonth(db: Tx, tenantId: string, month: string) {
  return db
    .selectFrom('month_close')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('month', '=', month)
    .executeTakeFirst();
}

export async function listMonthRows(db: Tx, tenantId: string, from: string, to: string) {
  return db
    .selectFrom('month_close')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('month', '>=', from)
    .where('month', '<=', to)
    .orderBy('month')
    .execute();
}

/**
 * A tenant's months are closed under an exclusive transaction lock and every dated entry is placed
 * under a shared one, so on PostgreSQL an entry committing while a month closes cannot slip into the
 * closed month after its report was generated (PGlite has one connection: nothing to race).
 */
const MONTH_LOCK = 11;
export async function lockMonthsForClose(db: Tx, tenantId: string) {
  await sql`select pg_advisory_xact_lock(${MONTH_LOCK}, hashtext(${tenantId}))`.execute(db);
}
export async function lockMonthsForEntry(db: Tx, tenantId: string) {
  await sql`select pg_advisory_xact_lock_shared(${MONTH_LOCK}, hashtext(${tenantId}))`.execute(db);
}

/** The months of a tenant from `month` on that take no entries (closed or awaiting sign-off), in order. */
export async function listShutMonthsFrom(db: Tx, tenantId: string, month: string): Promise<string[]> {
  const rows = await db
    .selectFrom('month_close')
    .select('month')
    .where('tenant_id', '=', tenantId)
    .where('month', '>=', month)
    .where('status', '!=', 'open')
    .orderBy('month')
    .execute();
  return rows.map((r) => r.month);
}

/** The statuses of one month across tenants (a city's districts). */
export async function listMonthStatuses(db: Tx, tenantIds: string[], month: string) {
  if (!tenantIds.length) return [];
  return db
    .selectFrom('month_close')
    .select(['tenant_id', 'status'])
    .where('tenant_id', 'in', tenantIds)
    .where('month', '=', month)
    .execute();
}

export async function insertMonth(db: Tx, row: Insertable<MonthCloseTable>) {
  return db
    .insertInto('month_close')
    .values(row)
    .onConflict((oc) => oc.columns(['tenant_id', 'month']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** A versioned update; undefined when someone changed the month first. */
export async function updateMonth(
  db: Tx,
  tenantId: string,
  month: string,
  version: number,
  patch: Updateable<MonthCloseTable>,
) {
  return db
    .updateTable('month_close')
    .set({ ...patch, version: version + 1 })
    .where('tenant_id', '=', tenantId)
    .where('month', '=', month)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

const reportColumns = [
  'id',
  'tenant_id',
  'month',
  'issue',
  'kind',
  'filename',
  'media_type',
  'size_bytes',
  'sha256',
  'issued_at',
  'issued_by_name',
  'superseded_at',
] as const;

export async function insertReport(db: Tx, row: Insertable<IssuedReportTable>) {
  return db.insertInto('issued_report').values(row).returning(reportColumns).executeTakeFirstOrThrow();
}

/** Reports of a tenant's months (without their bytes), newest issue first. */
export async function listReports(db: Tx, tenantId: string, from: string, to: string) {
  return db
    .selectFrom('issued_report')
    .select(reportColumns)
    .where('tenant_id', '=', tenantId)
    .where('month', '>=', from)
    .where('month', '<=', to)
    .orderBy('month')
    .orderBy('issue', 'desc')
    .orderBy('kind')
    .execute();
}

export async function findReport(db: Tx, id: string) {
  return db.selectFrom('issued_report').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Marks a month's earlier reports superseded (their bytes stay as issued). */
export async function supersedeReports(db: Tx, tenantId: string, month: string, at: Date) {
  await db
    .updateTable('issued_report')
    .set({ superseded_at: at })
    .where('tenant_id', '=', tenantId)
    .where('month', '=', month)
    .where('superseded_at', 'is', null)
    .execute();
}

/**
 * The check screen's figures per unit of the tenant for [from, to] (a month): funds in place this
 * month and this year (fen, exact), projects signed and started in the month, and what stops or
 * warns — projects awaiting review (报送审核) with entries in the month, stale projects (no entry in
 * the `staleDays` before the month's end), projects with 待补证据 — and the month's 补录 entries
 * (recorded here for a closed month: `lateFor`).
 */
export async function unitCheckFigures(
  db: Tx,
  tenantId: string,
  range: { yearFrom: string; from: string; to: string; staleBefore: string },
) {
  const { yearFrom, from, to, staleBefore } = range;
  // The ledger's reads (ledger.reads.ts): funds in the 口径 the 月度统计表 counts (市外), signings and
  // starts by the reached-stage rule (a 误录 is none), staleness from the facts as of the month's end.
  const view: LedgerView = { asOf: to, tenantIds: [tenantId] };
  const rows = await sql<{
    unit_id: string;
    unit_name: string;
    funds_month: string | null;
    funds_year: string | null;
    signed: string;
    started: string;
    pending_review: string;
    stale: string;
    evidence_pending: string;
    late: string;
  }>`
    select u.id as unit_id, u.name as unit_name,
      fu.month::text as funds_month, fu.year::text as funds_year,
      coalesce(fa.signed, 0)::text as signed, coalesce(fa.started, 0)::text as started,
      (select count(distinct p.id) from project p join ledger_entry e on e.project_id = p.id
        where p.unit_id = u.id and p.review_status = 'pending'
          and e.effective_on between ${from} and ${to})::text as pending_review,
      coalesce(fa.stale, 0)::text as stale,
      (select count(*) from project p
        where p.unit_id = u.id and p.review_status = 'approved'
          and cardinality(p.evidence_missing) > 0)::text as evidence_pending,
      (select count(*) from ledger_entry e join project p on p.id = e.project_id
        where p.unit_id = u.id and e.effective_on between ${from} and ${to}
          and e.payload->>'lateFor' is not null)::text as late
    from unit u
    left join (
      select pu.unit_id, sum(e.amount_fen) filter (where e.effective_on >= ${from}) as month, sum(e.amount_fen) as year
      from ledger_entry e join project p on p.id = e.project_id
      join (${projectUnit(view)}) pu on pu.project_id = p.id
      where ${fundsIn(view, { from: yearFrom, basis: 'all' })} and ${projectCounted(view, 'p')}
      group by pu.unit_id
    ) fu on fu.unit_id = u.id
    left join (
      select pu.unit_id,
        count(*) filter (where f.signed_on between ${from} and ${to}) as signed,
        count(*) filter (where f.started_on between ${from} and ${to}) as started,
        count(*) filter (where f.last_entry_on <= ${staleBefore} and f.stage not in ('paused', 'dropped')) as stale
      from (${projectFacts(view)}) f join project p on p.id = f.project_id
      join (${projectUnit(view)}) pu on pu.project_id = p.id
      where ${projectCounted(view, 'p')}
      group by pu.unit_id
    ) fa on fa.unit_id = u.id
    where u.tenant_id = ${tenantId}
    order by u.name`.execute(db);
  return rows.rows;
}
