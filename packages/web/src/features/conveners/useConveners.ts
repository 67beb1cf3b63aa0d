import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConvenerCreateInput, ConvenerUpdateInput } from '@landfall/domain';
import { createConvener, listConveners, updateConvener } from '../../api/conveners.ts';

export const convenersKey = ['conveners'] as const;

export function useConveners(tenantId: string | undefined) {
  return useQuery({
    queryKey: [...convenersKey, tenantId],
    queryFn: () => listConveners(tenantId),
    enabled: tenantId !== undefined,
  });
}

export function useCreateConvener() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ConvenerCreateInput) => createConvener(input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: convenersKey }),
  });
}

export function useUpdateConvener() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: ConvenerUpdateInput }) => updateConvener(id, input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: convenersKey }),
  });
}
