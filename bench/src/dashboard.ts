import type { Database } from '../../packages/server/src/db/database.ts';
import {
  countFirstReached,
  sumFundsByMonth,
  sumFundsByUnit,
  sumOpenRemainder,
  type Period,
} from '../../packages/server/src/dashboard/dashboard.repo.ts';
import { readDashboard } from '../../packages/server/src/dashboard/dashboard.service.ts';
import { systemClock } from '../../packages/server/src/clock.ts';
import type { Actor } from '../../packages/server/src/auth/policy.ts';

export interface Result {
  query: string;
  landfallMs: number;
  rawMs: number;
}

/**
 * Each dashboard query through Landfall (repository function, or the whole
 * dashboard service) against a hand-written SQL statement giving the same
 * figures, sent straight to the engine.
 */
export async function benchDashboard(
  database: Database,
  tenantId: string,
  time: (fn: () => Promise<unknown>) => Promise<number>,
): Promise<Result[]> {
  const { db } = database;
  const year = new Date().getFullYear();
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const period: Period = { tenantIds: [tenantId], from, to, basis: 'all', includeSensitive: true };
  const results: Result[] = [];
  const add = async (query: string, landfall: () => Promise<unknown>, raw: string, params: unknown[]) => {
    results.push({
      query,
      landfallMs: await time(landfall),
      rawMs: await time(() => database.raw(raw, params)),
    });
  };

  await add(
    'unit ranking: funds in place by unit',
    () => sumFundsByUnit(db, period),
    `select p.unit_id, sum(e.amount_fen) from ledger_entry e join project p on p.id = e.project_id
     where e.tenant_id = $1 and e.amount_fen is not null and e.effective_on between $2 and $3 group by p.unit_id`,
    [tenantId, from, to],
  );
  await add(
    'funds month by month',
    () => sumFundsByMonth(db, period),
    `select to_char(effective_on, 'YYYY-MM'), sum(amount_fen) from ledger_entry
     where tenant_id = $1 and amount_fen is not null and effective_on between $2 and $3 group by 1 order by 1`,
    [tenantId, from, to],
  );
  await add(
    'first signings by unit',
    () => countFirstReached(db, period, 'signed'),
    `select p.unit_id, count(*), sum(f.agreed_fen) from (
       select distinct on (project_id) project_id, effective_on, agreed_fen from ledger_entry
       where tenant_id = $1 and stage_to = 'signed' and kind in ('created', 'stage_move') order by project_id, effective_on, id) f
     join project p on p.id = f.project_id where f.effective_on between $2 and $3 group by p.unit_id`,
    [tenantId, from, to],
  );
  await add(
    'forecast input: open remainder by unit and stage',
    () => sumOpenRemainder(db, period),
    `select p.unit_id, st.stage_to, sum(greatest(0, coalesce(ag.agreed_fen, 0) - coalesce(fu.funds, 0))) from project p
     join (select distinct on (project_id) project_id, stage_to from ledger_entry where tenant_id = $1 and effective_on <= $2
           and stage_to is not null order by project_id, effective_on desc, id desc) st on st.project_id = p.id
     left join (select distinct on (project_id) project_id, agreed_fen from ledger_entry where tenant_id = $1 and effective_on <= $2
           and agreed_fen is not null order by project_id, effective_on desc, id desc) ag on ag.project_id = p.id
     left join (select project_id, sum(amount_fen) as funds from ledger_entry where tenant_id = $1 and effective_on <= $2
           and amount_fen is not null group by project_id) fu on fu.project_id = p.id
     group by p.unit_id, st.stage_to`,
    [tenantId, to],
  );
  const actor: Actor = {
    kind: 'operator',
    id: null,
    username: 'bench',
    role: 'operator',
    tenantId: null,
    unitId: null,
    subtreeTenantIds: [],
  };
  const ctx = { db, clock: systemClock, actor, ip: 'bench', requestId: 'bench', locale: 'zh-CN' as const };
  const rawDashboard = results.reduce((s, r) => s + r.rawMs, 0);
  results.push({
    query: 'whole dashboard (service) vs the sum of the raw statements above',
    landfallMs: await time(() => readDashboard(ctx, { year, asOf: to })),
    rawMs: rawDashboard,
  });
  return results;
}
