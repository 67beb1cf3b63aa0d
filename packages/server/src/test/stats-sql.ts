import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export const zeroStages = {
  planning: 0,
  negotiating: 0,
  signed: 0,
  settled: 0,
  construction: 0,
  production: 0,
  paused: 0,
  dropped: 0,
};
export const zeroRegions = { yrd: 0, prd: 0, bohai: 0, other: 0, local: 0 };

/** The same figures, by a query written independently of the library's (correlated subqueries). */
export async function statsBySql(db: Kysely<DB>, asOf: string) {
  const rows = await sql<{
    id: string;
    stage: string;
    agreed: string;
    fixed: string;
    funds: string;
    region: string | null;
  }>`
    select p.id, p.region,
      (select e.stage_to from ledger_entry e where e.project_id = p.id and e.stage_to is not null and e.effective_on <= ${asOf}
        order by e.effective_on desc, e.id desc limit 1) as stage,
      coalesce((select e.agreed_fen from ledger_entry e where e.project_id = p.id and e.agreed_fen is not null and e.effective_on <= ${asOf}
        order by e.effective_on desc, e.id desc limit 1), 0) as agreed,
      coalesce((select e.fixed_fen from ledger_entry e where e.project_id = p.id and e.fixed_fen is not null and e.effective_on <= ${asOf}
        order by e.effective_on desc, e.id desc limit 1), 0) as fixed,
      coalesce((select sum(e.amount_fen) from ledger_entry e where e.project_id = p.id and e.effective_on <= ${asOf}), 0) as funds
    from project p`.execute(db);
  const live = rows.rows.filter((r) => r.stage !== null);
  const byStage = { ...zeroStages } as Record<string, number>;
  const byRegion = { ...zeroRegions } as Record<string, number>;
  for (const r of live) {
    byStage[r.stage] = (byStage[r.stage] ?? 0) + 1;
    byRegion[r.region ?? 'other'] = (byRegion[r.region ?? 'other'] ?? 0) + 1;
  }
  const sum = (k: 'agreed' | 'fixed' | 'funds') => live.reduce((s, r) => s + BigInt(r[k]), 0n);
  // Funds by source: summed per entry of the live projects, independently of the per-project sums.
  const liveIds = new Set(live.map((r) => r.id));
  const entries = await sql<{ project_id: string; funding_source: string | null; amount_fen: string }>`
    select project_id, funding_source, amount_fen from ledger_entry
    where amount_fen is not null and effective_on <= ${asOf}`.execute(db);
  const bySource: Record<string, bigint> = {
    outside_city_in_province: 0n,
    outside_province: 0n,
    abroad: 0n,
    inside_city: 0n,
  };
  for (const e of entries.rows) {
    if (liveIds.has(e.project_id) && e.funding_source) bySource[e.funding_source]! += BigInt(e.amount_fen);
  }
  return {
    projects: live.length,
    byStage,
    agreedInvestmentWan: Number(sum('agreed')) / 1_000_000,
    fixedAssetWan: Number(sum('fixed')) / 1_000_000,
    fundsInPlaceWan: Number(sum('funds')) / 1_000_000,
    fundsOutsideCityWan: Number(sum('funds') - bySource.inside_city!) / 1_000_000,
    fundsBySource: Object.fromEntries(Object.entries(bySource).map(([k, v]) => [k, Number(v) / 1_000_000])),
    over100mProjects: live.filter((r) => BigInt(r.agreed) >= 10_000_000_000n).length,
    byRegion,
  };
}
