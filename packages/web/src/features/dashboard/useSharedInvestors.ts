import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  getSharedInvestorSetting,
  markDuplicate,
  unmarkDuplicate,
  updateSharedInvestorSetting,
} from '../../api/dashboard.ts';
import { dashboardKey } from './useDashboard.ts';

const settingKey = ['settings', 'shared-investors'] as const;

export function useSharedInvestorSetting() {
  return useQuery({ queryKey: settingKey, queryFn: getSharedInvestorSetting });
}

/** Every change refetches the dashboard: a mark changes its figures. */
function useRefetching<A, R>(fn: (args: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: settingKey });
      await client.invalidateQueries({ queryKey: dashboardKey });
    },
  });
}

export const useUpdateSharedInvestorSetting = () => useRefetching(updateSharedInvestorSetting);
export const useMarkDuplicate = () => useRefetching(markDuplicate);
export const useUnmarkDuplicate = () =>
  useRefetching(({ id, reason }: { id: string; reason: string }) => unmarkDuplicate(id, reason));
