import type { Tx } from '../context.ts';
import type { TargetMetricColumn } from '../db/schema.ts';
import { countFirstReached, sumExpansionsByUnit, sumFundsByUnit, type Period } from './dashboard.repo.ts';

export type ActualRow = { tenantId: string; unitId: string; value: number };

/** The actual value of a metric in the period, per tenant and unit. */
export async function actualsByUnit(
  db: Tx,
  period: Period,
  metric: TargetMetricColumn,
): Promise<ActualRow[]> {
  if (metric === 'funds_in_place') return sumFundsByUnit(db, period);
  const stage = metric === 'projects_started' ? 'construction' : 'signed';
  const rows = await countFirstReached(db, period, stage);
  // 协议投资额: the signings' agreed investment, and the 增资 agreed in the period on earlier projects.
  const expansions = metric === 'agreed_investment' ? await sumExpansionsByUnit(db, period) : [];
  return [
    ...rows.map((r) => ({
      tenantId: r.tenantId,
      unitId: r.unitId,
      value:
        metric === 'agreed_investment'
          ? r.agreedFen
          : metric === 'projects_over100m_signed'
            ? r.over100m
            : r.count,
    })),
    ...expansions,
  ];
}
