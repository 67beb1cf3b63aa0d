import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EnterpriseInput, EnterpriseQuery, EnterpriseUpdateInput } from '@landfall/domain';
import { createEnterprise, getEnterprise, listEnterprises, updateEnterprise } from '../../api/enterprises.ts';

export const enterprisesKey = ['enterprises'] as const;

export function useEnterprises(query: Partial<EnterpriseQuery>, enabled = true) {
  return useQuery({
    queryKey: [...enterprisesKey, 'list', query],
    queryFn: () => listEnterprises(query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useEnterprise(id: string | null | undefined) {
  return useQuery({
    queryKey: [...enterprisesKey, 'one', id],
    queryFn: () => getEnterprise(id ?? ''),
    enabled: !!id,
    staleTime: 60_000,
  });
}

export function useCreateEnterprise() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: EnterpriseInput & { tenantId?: string }) => createEnterprise(input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: enterprisesKey }),
  });
}

export function useUpdateEnterprise() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: EnterpriseUpdateInput }) => updateEnterprise(id, input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: enterprisesKey }),
  });
}
