import { sql, type Insertable, type RawBuilder, type Updateable } from 'kysely';
import type { ProjectQuery } from '@landfall/domain/schemas/project';
import type { Tx } from '../context.ts';
import type { ProjectRow, ProjectTable } from '../db/schema.ts';
import type { ListScope } from '../auth/policy.ts';

export async function findProject(db: Tx, id: string) {
  return db.selectFrom('project').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertProject(db: Tx, row: Insertable<ProjectTable>) {
  return db.insertInto('project').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Versioned edit: undefined when the version is stale. */
export async function updateProjectRow(db: Tx, id: string, version: number, patch: Updateable<ProjectTable>) {
  return db
    .updateTable('project')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** Ledger bookkeeping that is not an edit of the record (funds total, last entry date): no version bump. */
export async function touchProject(
  db: Tx,
  id: string,
  patch: { fundsDeltaFen?: number; lastEntryOn?: string; updatedAt: Date },
) {
  return db
    .updateTable('project')
    .set((eb) => ({
      funds_in_place_fen: eb('funds_in_place_fen', '+', patch.fundsDeltaFen ?? 0),
      last_entry_on: patch.lastEntryOn
        ? sql<string>`greatest(last_entry_on, ${patch.lastEntryOn}::date)`
        : eb.ref('last_entry_on'),
      updated_at: patch.updatedAt,
    }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setProjectEnterprises(db: Tx, projectId: string, enterpriseIds: string[]) {
  await db.deleteFrom('project_enterprise').where('project_id', '=', projectId).execute();
  if (enterpriseIds.length) {
    await db
      .insertInto('project_enterprise')
      .values([...new Set(enterpriseIds)].map((enterprise_id) => ({ project_id: projectId, enterprise_id })))
      .execute();
  }
}

export async function listProjectEnterprises(db: Tx, projectId: string) {
  return db
    .selectFrom('project_enterprise as pe')
    .innerJoin('enterprise as e', 'e.id', 'pe.enterprise_id')
    .select(['e.id', 'e.name', 'e.credit_code'])
    .where('pe.project_id', '=', projectId)
    .orderBy('e.name')
    .execute();
}

export type LibraryRow = ProjectRow & { investor_names: string | null };

/**
 * The library as it stood on a date: stage, agreed investment, fixed assets,
 * funds in place and last entry date come from the dated ledger entries
 * (effective_on <= date); projects not yet entered by then are absent.
 * Without a date the current columns are read directly.
 */
function librarySource(scope: ListScope, asOf: string | undefined): RawBuilder<unknown> {
  const where = scopeWhere(scope, sql`p`);
  if (!asOf) {
    return sql`select p.*, ${investorNames} as investor_names from project p where ${where}`;
  }
  return sql`
    select p.id, p.tenant_id, p.unit_id, p.group_id, p.name, st.stage_to as stage, p.stage_before, st.effective_on as stage_on,
      p.origin_division_code, p.region, p.capital_kind, p.industry_code, p.focus_industry_id, p.strategic_emerging,
      p.chain_node, p.construction_content,
      coalesce(ag.agreed_fen, 0) as agreed_investment_fen, coalesce(fx.fixed_fen, 0) as fixed_asset_fen,
      p.agreement_kind, p.signed_on, p.registered_on, p.local_credit_code, p.planned_start_on, p.actual_start_on,
      p.planned_production_on, p.production_on, p.land_mu, p.referrer_enterprise_id, p.project_kind,
      p.leader_in_charge, p.contact_name, p.contact_phone, p.sensitivity, p.lead_id,
      coalesce(fu.funds, 0) as funds_in_place_fen, le.last_on as last_entry_on,
      p.review_status, p.review_reason, p.reviewed_at, p.reviewed_by, p.evidence_missing, p.version, p.created_at, p.updated_at, ${investorNames} as investor_names
    from project p
    join (
      select distinct on (project_id) project_id, stage_to, effective_on from ledger_entry
      where effective_on <= ${asOf} and stage_to is not null order by project_id, effective_on desc, id desc
    ) st on st.project_id = p.id
    left join (
      select distinct on (project_id) project_id, agreed_fen from ledger_entry
      where effective_on <= ${asOf} and agreed_fen is not null order by project_id, effective_on desc, id desc
    ) ag on ag.project_id = p.id
    left join (
      select distinct on (project_id) project_id, fixed_fen from ledger_entry
      where effective_on <= ${asOf} and fixed_fen is not null order by project_id, effective_on desc, id desc
    ) fx on fx.project_id = p.id
    left join (
      select project_id, sum(amount_fen) as funds from ledger_entry
      where effective_on <= ${asOf} and amount_fen is not null group by project_id
    ) fu on fu.project_id = p.id
    left join (
      select project_id, max(effective_on) as last_on from ledger_entry where effective_on <= ${asOf} group by project_id
    ) le on le.project_id = p.id
    where ${where}`;
}

const investorNames = sql`(select string_agg(e.name, '、' order by e.name) from project_enterprise pe
  join enterprise e on e.id = pe.enterprise_id where pe.project_id = p.id)`;

/** The library counts approved projects only: those awaiting review (报送审核) or refused are left out. */
function scopeWhere(scope: ListScope, alias: RawBuilder<unknown>): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`${alias}.review_status = 'approved'`];
  if (scope.tenantIds) {
    parts.push(
      scope.tenantIds.length ? sql`${alias}.tenant_id in (${sql.join(scope.tenantIds)})` : sql`false`,
    );
  }
  if (scope.unitId) parts.push(sql`${alias}.unit_id = ${scope.unitId}`);
  if (!scope.includeSensitive) parts.push(sql`${alias}.sensitivity = 'normal'`);
  return sql.join(parts, sql` and `);
}

const sortColumns: Record<ProjectQuery['sort'], string> = {
  name: 'name',
  stage: 'stage',
  agreedInvestment: 'agreed_investment_fen',
  fundsInPlace: 'funds_in_place_fen',
  lastEntryOn: 'last_entry_on',
  signedOn: 'signed_on',
  createdAt: 'created_at',
};

export const OVER_100M_FEN = 10_000_000_000; // 1 亿元 = 10,000 万元
export const STALE_AFTER_DAYS = 7;

/** Library filters over the (current or as-of) source; `staleBefore` is the date an entry must be after. */
function filters(query: ProjectQuery, staleBefore: string): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  const stagesAsked =
    query.stage === undefined ? [] : Array.isArray(query.stage) ? query.stage : [query.stage];
  if (stagesAsked.length) parts.push(sql`lib.stage in (${sql.join(stagesAsked)})`);
  if (query.unitId) parts.push(sql`lib.unit_id = ${query.unitId}`);
  if (query.groupId) parts.push(sql`lib.group_id = ${query.groupId}`);
  if (query.industry) {
    // A section letter (门类, e.g. C 制造业) stands for its two-digit divisions, which codes start with.
    parts.push(
      /^[A-T]$/.test(query.industry)
        ? sql`left(lib.industry_code, 2) in (select code from industry where parent_code = ${query.industry})`
        : sql`lib.industry_code like ${`${query.industry.replace(/[^0-9]/g, '')}%`}`,
    );
  }
  if (query.focusIndustryId) parts.push(sql`lib.focus_industry_id = ${query.focusIndustryId}`);
  if (query.region) parts.push(sql`lib.region = ${query.region}`);
  if (query.over100m !== undefined) {
    parts.push(
      query.over100m
        ? sql`lib.agreed_investment_fen >= ${OVER_100M_FEN}`
        : sql`lib.agreed_investment_fen < ${OVER_100M_FEN}`,
    );
  }
  if (query.stale !== undefined) {
    const stale = sql`(lib.last_entry_on <= ${staleBefore}::date and lib.stage not in ('paused', 'dropped'))`;
    parts.push(query.stale ? stale : sql`not ${stale}`);
  }
  if (query.fundedFrom || query.fundedTo) {
    parts.push(sql`exists (select 1 from ledger_entry e where e.project_id = lib.id and e.amount_fen is not null
      and e.effective_on >= ${query.fundedFrom ?? '1900-01-01'} and e.effective_on <= ${query.fundedTo ?? '2999-12-31'})`);
  }
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(sql`(lib.name ilike ${like} or lib.investor_names ilike ${like})`);
  }
  return sql.join(parts, sql` and `);
}

export async function listLibrary(db: Tx, scope: ListScope, query: ProjectQuery, staleBefore: string) {
  const source = librarySource(scope, query.asOf);
  const where = filters(query, staleBefore);
  const total = await sql<{ n: string }>`select count(*) as n from (${source}) lib where ${where}`.execute(
    db,
  );
  const order = sql.raw(
    `lib.${sortColumns[query.sort]} ${query.order === 'asc' ? 'asc' : 'desc'} nulls last, lib.id`,
  );
  const rows = await sql<LibraryRow>`
    select lib.* from (${source}) lib where ${where}
    order by ${order} limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`.execute(db);
  return { rows: rows.rows, total: Number(total.rows[0]?.n ?? 0) };
}

/** Figures of the library (as of a date): counts per stage and region, sums of money — one pass over the source. */
export async function summariseLibrary(db: Tx, scope: ListScope, asOf: string | undefined) {
  const source = librarySource(scope, asOf);
  const rows = await sql<{
    stage: string;
    region: string | null;
    n: string;
    agreed: string | null;
    fixed: string | null;
    funds: string | null;
    over100m: string;
    evidence_pending: string;
  }>`
    select lib.stage, lib.region, count(*) as n, sum(lib.agreed_investment_fen) as agreed, sum(lib.fixed_asset_fen) as fixed,
      sum(lib.funds_in_place_fen) as funds, count(*) filter (where lib.agreed_investment_fen >= ${OVER_100M_FEN}) as over100m,
      count(*) filter (where cardinality(lib.evidence_missing) > 0) as evidence_pending
    from (${source}) lib group by lib.stage, lib.region`.execute(db);
  const byStage = new Map<string, number>();
  /** 待补证据 per stage: projects that stand at the stage without all of its evidence (counted apart, also in n). */
  const pendingByStage = new Map<string, number>();
  const byRegion = new Map<string | null, number>();
  let projects = 0;
  let agreed = 0n;
  let fixed = 0n;
  let funds = 0n;
  let over100m = 0;
  for (const r of rows.rows) {
    const n = Number(r.n);
    byStage.set(r.stage, (byStage.get(r.stage) ?? 0) + n);
    pendingByStage.set(r.stage, (pendingByStage.get(r.stage) ?? 0) + Number(r.evidence_pending));
    byRegion.set(r.region, (byRegion.get(r.region) ?? 0) + n);
    projects += n;
    agreed += BigInt(r.agreed ?? 0);
    fixed += BigInt(r.fixed ?? 0);
    funds += BigInt(r.funds ?? 0);
    over100m += Number(r.over100m);
  }
  return {
    byStage: [...byStage].map(([stage, n]) => ({
      stage,
      n: String(n),
      evidencePending: pendingByStage.get(stage) ?? 0,
    })),
    byRegion: [...byRegion].map(([region, n]) => ({ region, n: String(n) })),
    sums: {
      projects: String(projects),
      agreed: String(agreed),
      fixed: String(fixed),
      funds: String(funds),
      over100m: String(over100m),
    },
  };
}

/** Funds in place as of `asOf` by funding source (fen as text), over the projects the library counts. */
export async function summariseFundsBySource(db: Tx, scope: ListScope, asOf: string) {
  const source = librarySource(scope, asOf);
  const rows = await sql<{ source: string | null; funds: string | null }>`
    select e.funding_source as source, sum(e.amount_fen) as funds
    from ledger_entry e join (${source}) lib on lib.id = e.project_id
    where e.effective_on <= ${asOf} and e.amount_fen is not null
    group by e.funding_source`.execute(db);
  return rows.rows;
}

/** Records the review of a pending project; undefined when it was no longer pending. */
export async function setProjectReview(
  db: Tx,
  id: string,
  patch: Pick<Updateable<ProjectTable>, 'review_status' | 'review_reason' | 'reviewed_at' | 'reviewed_by'>,
) {
  return db
    .updateTable('project')
    .set(patch)
    .where('id', '=', id)
    .where('review_status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

export async function listProjectsInReview(db: Tx, scope: ListScope, status: 'pending' | 'refused') {
  let q = db.selectFrom('project').selectAll().where('review_status', '=', status);
  if (scope.tenantIds) {
    if (!scope.tenantIds.length) return [];
    q = q.where('tenant_id', 'in', scope.tenantIds);
  }
  if (scope.unitId) q = q.where('unit_id', '=', scope.unitId);
  return q.orderBy('created_at').limit(500).execute();
}
