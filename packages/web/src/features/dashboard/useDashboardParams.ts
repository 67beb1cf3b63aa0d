import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import dayjs from 'dayjs';
import {
  fundsBases,
  targetMetrics,
  timeProgressModes,
  type FundsBasis,
  type TargetMetric,
  type TimeProgressMode,
} from '@landfall/domain';
import type { DashboardQuery } from '../../api/dashboard.ts';
import { useAsOf, useClearAsOf, useKnownOn } from '../projects/useAsOf.ts';

const oneOf = <T extends string>(list: readonly T[], value: string | null, fallback: T): T =>
  value !== null && (list as readonly string[]).includes(value) ? (value as T) : fallback;

export interface DashboardParams {
  year: number;
  metric: TargetMetric;
  basis: FundsBasis;
  timeMode: TimeProgressMode;
  tenantId: string | undefined;
  /** 数据截至; undefined = today. */
  asOf: string | undefined;
  setAsOf: (date: string | undefined) => void;
  /** 统计时点; undefined = now. */
  knownOn: string | undefined;
  setKnownOn: (date: string | undefined) => void;
  /** Back to today and now (both in one change of the address). */
  clearAsOf: () => void;
  update: (changes: Partial<Record<'year' | 'metric' | 'basis' | 'timeMode' | 'tenantId', string>>) => void;
  /** What GET /api/dashboard is asked. */
  query: DashboardQuery;
}

/**
 * The dashboard's selectors live in the address (?year=&metric=&basis=&timeMode=&tenantId=&asOf=&knownOn=),
 * so back from a drill-down returns to the same view. The year defaults to the as-of date's
 * and never runs past it.
 */
export function useDashboardParams(): DashboardParams {
  const [params, setParams] = useSearchParams();
  const [asOf, setAsOf] = useAsOf();
  const [knownOn, setKnownOn] = useKnownOn();
  const clearAsOf = useClearAsOf();
  const key = params.toString();
  const values = useMemo(() => {
    const read = new URLSearchParams(key);
    const lastYear = asOf ? Number(asOf.slice(0, 4)) : dayjs().year();
    const rawYear = Number(read.get('year'));
    const year = Number.isInteger(rawYear) && rawYear >= 2000 && rawYear <= lastYear ? rawYear : lastYear;
    const metric = oneOf(targetMetrics, read.get('metric'), 'funds_in_place');
    const basis = metric === 'funds_in_place' ? oneOf(fundsBases, read.get('basis'), 'all') : 'all';
    const timeMode = oneOf(timeProgressModes, read.get('timeMode'), 'month');
    const tenantId = read.get('tenantId') ?? undefined;
    return { year, metric, basis, timeMode, tenantId };
  }, [key, asOf]);

  const update = useCallback<DashboardParams['update']>(
    (changes) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [name, value] of Object.entries(changes)) {
            if (value) next.set(name, value);
            else next.delete(name);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const query: DashboardQuery = { ...values, asOf, knownOn };
  return { ...values, asOf, setAsOf, knownOn, setKnownOn, clearAsOf, update, query };
}
