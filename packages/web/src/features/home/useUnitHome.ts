import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  getUnitHome,
  getUnitRankingSetting,
  updateUnitRankingSetting,
  type UnitHomeQuery,
  type UnitRankingSetting,
} from '../../api/unit-home.ts';

export const unitHomeKey = ['unit-home'] as const;
const settingKey = [...unitHomeKey, 'ranking-setting'] as const;

/** The unit's standing and lists; refetched on every visit, the last figures kept while loading. */
export function useUnitHome(query: UnitHomeQuery, enabled = true) {
  return useQuery({
    queryKey: [...unitHomeKey, query],
    queryFn: () => getUnitHome(query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useUnitRankingSetting(enabled = true) {
  return useQuery({ queryKey: settingKey, queryFn: getUnitRankingSetting, enabled });
}

export function useUpdateUnitRankingSetting() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UnitRankingSetting) => updateUnitRankingSetting(input),
    onSuccess: (setting) => {
      queryClient.setQueryData(settingKey, setting);
      void queryClient.invalidateQueries({ queryKey: unitHomeKey });
    },
  });
}
