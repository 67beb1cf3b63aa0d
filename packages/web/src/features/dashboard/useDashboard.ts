import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getDashboard, type DashboardQuery } from '../../api/dashboard.ts';

export const dashboardKey = ['dashboard'] as const;

/** Refetched on every visit: the ledger changes under it. The last figures stay while the next load. */
export function useDashboard(query: DashboardQuery) {
  return useQuery({
    queryKey: [...dashboardKey, query],
    queryFn: () => getDashboard(query),
    placeholderData: keepPreviousData,
  });
}
