import { sql } from 'kysely';
import type { Tx } from '../context.ts';
import {
  fundsByProject,
  projectCounted,
  projectFacts,
  projectUnit,
  type LedgerView,
} from '../ledger/ledger.reads.ts';
import type { Period } from './dashboard.repo.ts';

/** One counted project as of the period's end, with the funds it received in the period (its 口径). */
export interface ProjectFigure {
  tenantId: string;
  unitId: string;
  industryCode: string | null;
  stage: string;
  signedOn: string | null;
  agreedFen: number | null;
  periodFundsFen: bigint;
}

/**
 * Every counted project standing in the library at the period's end (projectFacts as of its end,
 * as known before its instant), with its signing date, agreed investment, industry and the funds
 * in place in the period: the input of 新签约/续建 and the tiers.
 */
export async function listProjectFigures(db: Tx, period: Period): Promise<ProjectFigure[]> {
  const view: LedgerView = { asOf: period.to, knownBefore: period.knownBefore, tenantIds: period.tenantIds };
  const rows = await sql<{
    tenant_id: string;
    unit_id: string;
    industry_code: string | null;
    stage: string;
    signed_on: string | null;
    agreed_fen: string | null;
    period_fen: string | null;
  }>`
    select p.tenant_id, pu.unit_id, p.industry_code, f.stage, f.signed_on, f.agreed_fen, y.funds_fen as period_fen
    from (${projectFacts(view)}) f join project p on p.id = f.project_id
    join (${projectUnit(view)}) pu on pu.project_id = p.id
    left join (${fundsByProject(view, { from: period.from, basis: period.basis })}) y on y.project_id = f.project_id
    where ${projectCounted(period, 'p')}`.execute(db);
  return rows.rows.map((r) => ({
    tenantId: r.tenant_id,
    unitId: r.unit_id,
    industryCode: r.industry_code,
    stage: r.stage,
    signedOn: r.signed_on,
    agreedFen: r.agreed_fen === null ? null : Number(r.agreed_fen),
    periodFundsFen: BigInt(r.period_fen ?? 0),
  }));
}
