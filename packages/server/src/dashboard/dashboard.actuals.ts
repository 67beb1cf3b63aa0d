import type { Tx } from '../context.ts';
import type { TargetMetricColumn } from '../db/schema.ts';
import { countFirstReached, sumFundsByUnit, type Period } from './dashboard.repo.ts';

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
  return rows.map((r) => ({
    tenantId: r.tenantId,
    unitId: r.unitId,
    value:
      metric === 'agreed_investment'
        ? r.agreedFen
        : metric === 'projects_over100m_signed'
          ? r.over100m
          : r.count,
  }));
}
