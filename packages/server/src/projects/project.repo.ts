import { sql, type Insertable, type RawBuilder, type Updateable } from 'kysely';
import type { ProjectQuery } from '@landfall/domain/schemas/project';
import type { Tx } from '../context.ts';
import type { ProjectRow, ProjectTable } from '../db/schema.ts';
import type { ListScope } from '../auth/policy.ts';
import {
  fundsIn,
  knownBeforeOf,
  notDuplicate,
  projectApproved,
  projectCounted,
  projectFacts,
  projectUnit,
  tenantIn,
  type LedgerView,
} from '../ledger/ledger.reads.ts';

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

export type LibraryRow = ProjectRow & {
  investor_names: string | null;
  /** 区县: the project's tenant (name, and its GB/T 2260 code the column sorts by). */
  tenant_name: string;
  tenant_division_code: string;
  /** The responsible unit's name (a city's reader has no list of its districts' units). */
  unit_name?: string | null;
  /** Marked 重复报送 in the view: listed, counted in no figure. */
  duplicate?: boolean;
};

/**
 * The library as it stood on a date, as known before an instant (ledger/ledger.reads.ts): stage,
 * agreed investment, fixed assets, funds in place, last entry date and the dates of 签约/开工/投产
 * come from the visible ledger entries; projects not yet entered (or not yet known) are absent.
 * Without a date or instant the current columns are read directly.
 */
function librarySource(
  scope: ListScope,
  asOf: string | undefined,
  knownBefore?: Date,
  /** The list shows projects marked 重复报送 (tagged); figures never count them. */
  listDuplicates = false,
): RawBuilder<unknown> {
  const where = scopeWhere(scope, knownBefore, listDuplicates);
  const duplicate = sql`not ${notDuplicate({ knownBefore }, 'p')} as duplicate`;
  if (!asOf && !knownBefore) {
    return sql`select p.*, ${investorNames} as investor_names, ${tenantColumns}, ${duplicate}
      from project p join tenant t on t.id = p.tenant_id where ${where}`;
  }
  const view: LedgerView = { asOf: asOf ?? '9999-12-31', knownBefore, tenantIds: scope.tenantIds };
  return sql`
    select p.id, p.tenant_id, pu.unit_id, p.group_id, p.name, f.stage, f.stage_before, f.stage_on,
      p.origin_division_code, p.region, p.capital_kind, p.industry_code, p.focus_industry_id, p.strategic_emerging,
      p.chain_node, p.construction_content,
      coalesce(f.agreed_fen, 0) as agreed_investment_fen, coalesce(f.fixed_fen, 0) as fixed_asset_fen,
      case when f.signed_on is not null then p.agreement_kind end as agreement_kind, f.signed_on,
      case when f.stage in ('settled', 'construction', 'production') or f.stage_before in ('settled', 'construction', 'production')
        then p.registered_on end as registered_on,
      p.local_credit_code, p.planned_start_on,
      case when f.started_on is not null then coalesce(p.actual_start_on, f.started_on) end as actual_start_on,
      p.planned_production_on, f.produced_on as production_on, p.land_mu, p.referrer_enterprise_id, p.project_kind,
      p.leader_in_charge, p.contact_name, p.contact_phone, p.sensitivity, p.lead_id,
      f.funds_fen as funds_in_place_fen, f.last_entry_on,
      p.review_status, p.review_reason, p.reviewed_at, p.reviewed_by, p.evidence_missing, p.version, p.created_at, p.updated_at, ${investorNames} as investor_names,
      ${tenantColumns}, ${duplicate}
    from project p join tenant t on t.id = p.tenant_id
    join (${projectFacts(view)}) f on f.project_id = p.id
    join (${projectUnit(view)}) pu on pu.project_id = p.id
    where ${where}`;
}

const tenantColumns = sql`t.name as tenant_name, t.division_code as tenant_division_code`;

const investorNames = sql`(select string_agg(e.name, '、' order by e.name) from project_enterprise pe
  join enterprise e on e.id = pe.enterprise_id where pe.project_id = p.id)`;

/** The library counts approved projects only: those awaiting review (报送审核) or refused are left out. */
function scopeWhere(scope: ListScope, knownBefore?: Date, listDuplicates = false): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [
    listDuplicates ? projectApproved({ knownBefore }, 'p') : projectCounted({ knownBefore }, 'p'),
    tenantIn(scope.tenantIds, sql`p.tenant_id`),
  ];
  if (scope.unitId) parts.push(sql`p.unit_id = ${scope.unitId}`);
  // Sensitive projects' details only in their own tenant (their amounts count in every figure).
  const sensitive = scope.sensitiveTenantIds;
  if (sensitive)
    parts.push(
      sensitive.length
        ? sql`(p.sensitivity = 'normal' or p.tenant_id in (${sql.join(sensitive)}))`
        : sql`p.sensitivity = 'normal'`,
    );
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
  tenant: 'tenant_division_code',
};

export const OVER_100M_FEN = 10_000_000_000; // 1 亿元 = 10,000 万元
export const STALE_AFTER_DAYS = 7;

/** A tier's rule (domain/tiers.ts inTier) in SQL over agreed investment and a GB/T 4754 code. */
export function tierCondition(
  tier: { minFen: number; industrialOnly: boolean },
  agreed: RawBuilder<unknown>,
  industry: RawBuilder<unknown>,
): RawBuilder<boolean> {
  const industrial = sql`(${industry} in ('B', 'C', 'D')
    or (${industry} ~ '^[0-9]{2}' and left(${industry}, 2)::int between 6 and 46))`;
  return tier.industrialOnly
    ? sql<boolean>`(${agreed} >= ${tier.minFen} and ${industrial})`
    : sql<boolean>`${agreed} >= ${tier.minFen}`;
}

/** Library filters over the (current or as-of) source; `staleBefore` is the date an entry must be after. */
function filters(query: LibraryQuery, staleBefore: string): RawBuilder<unknown> {
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
  if (query.tierRule)
    parts.push(
      tierCondition(query.tierRule, sql.ref('lib.agreed_investment_fen'), sql.ref('lib.industry_code')),
    );
  if (query.stale !== undefined) {
    const stale = sql`(lib.last_entry_on <= ${staleBefore}::date and lib.stage not in ('paused', 'dropped'))`;
    parts.push(query.stale ? stale : sql`not ${stale}`);
  }
  if (query.fundedFrom || query.fundedTo) {
    const asOf = [query.fundedTo, query.asOf].filter((d): d is string => !!d).sort()[0] ?? '9999-12-31';
    const view: LedgerView = { asOf, knownBefore: knownBeforeOf(query.knownOn) };
    parts.push(sql`exists (select 1 from ledger_entry e where e.project_id = lib.id
      and ${fundsIn(view, { from: query.fundedFrom })})`);
  }
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(sql`(lib.name ilike ${like} or lib.investor_names ilike ${like})`);
  }
  return sql.join(parts, sql` and `);
}

/** The library's query with the tier's rule resolved by the service (the tenant's tiers). */
export type LibraryQuery = ProjectQuery & { tierRule?: { minFen: number; industrialOnly: boolean } };

export async function listLibrary(
  db: Tx,
  scope: ListScope,
  query: LibraryQuery,
  staleBefore: string,
  /** The library page lists 重复报送 too (tagged); the 推进台账, whose 合计 is a figure, does not. */
  opts: { listDuplicates?: boolean } = {},
) {
  const source = librarySource(scope, query.asOf, knownBeforeOf(query.knownOn), !!opts.listDuplicates);
  const where = filters(query, staleBefore);
  const total = await sql<{ n: string }>`select count(*) as n from (${source}) lib where ${where}`.execute(
    db,
  );
  // By 区县, a district's projects by name; every order ends on the id, so pages never overlap.
  const order = sql.raw(
    `lib.${sortColumns[query.sort]} ${query.order === 'asc' ? 'asc' : 'desc'} nulls last${
      query.sort === 'tenant' ? ', lib.name' : ''
    }, lib.id`,
  );
  const rows = await sql<LibraryRow>`
    select lib.*, (select u.name from unit u where u.id = lib.unit_id) as unit_name
    from (${source}) lib where ${where}
    order by ${order} limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`.execute(db);
  return { rows: rows.rows, total: Number(total.rows[0]?.n ?? 0) };
}

/**
 * Figures of the library (as of a date, as known before an instant): counts per stage and region,
 * sums of money — one pass over the source.
 */
export async function summariseLibrary(
  db: Tx,
  scope: ListScope,
  asOf: string | undefined,
  knownBefore?: Date,
) {
  const source = librarySource(scope, asOf, knownBefore);
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
export async function summariseFundsBySource(db: Tx, scope: ListScope, asOf: string, knownBefore?: Date) {
  const source = librarySource(scope, asOf, knownBefore);
  const view: LedgerView = { asOf, knownBefore, tenantIds: scope.tenantIds };
  const rows = await sql<{ source: string | null; funds: string | null }>`
    select e.funding_source as source, sum(e.amount_fen) as funds
    from ledger_entry e join (${source}) lib on lib.id = e.project_id
    where ${fundsIn(view)}
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

/** A page of the projects awaiting review (or refused), oldest first, and how many there are in all. */
export async function listProjectsInReview(
  db: Tx,
  scope: ListScope,
  status: 'pending' | 'refused',
  page: { offset: number; limit: number },
) {
  let q = db.selectFrom('project').where('review_status', '=', status);
  if (scope.tenantIds) {
    if (!scope.tenantIds.length) return { rows: [], total: 0 };
    q = q.where('tenant_id', 'in', scope.tenantIds);
  }
  if (scope.unitId) q = q.where('unit_id', '=', scope.unitId);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('created_at').orderBy('id').offset(page.offset).limit(page.limit).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
