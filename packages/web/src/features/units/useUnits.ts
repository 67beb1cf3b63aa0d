import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UnitCreateInput, UnitUpdateInput } from '@landfall/domain';
import { createUnit, listUnits, updateUnit } from '../../api/units.ts';

export const unitsKey = ['units'] as const;

export function useUnits(tenantId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [...unitsKey, tenantId],
    queryFn: () => listUnits(tenantId),
    enabled: enabled && tenantId !== undefined,
  });
}

export function useCreateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UnitCreateInput) => createUnit(input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: unitsKey }),
  });
}

export function useUpdateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UnitUpdateInput }) => updateUnit(id, input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: unitsKey }),
  });
}
