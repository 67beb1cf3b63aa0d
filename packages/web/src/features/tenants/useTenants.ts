import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TenantCreateInput, TenantUpdateInput } from '@landfall/domain';
import { createTenant, listTenants, updateTenant } from '../../api/tenants.ts';
import { meKey } from '../auth/useMe.ts';

export const tenantsKey = ['tenants'] as const;

export function useTenants(enabled = true) {
  return useQuery({ queryKey: tenantsKey, queryFn: listTenants, enabled });
}

export function useCreateTenant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TenantCreateInput) => createTenant(input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: tenantsKey }),
  });
}

export function useUpdateTenant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: TenantUpdateInput }) => updateTenant(id, input),
    onSettled: async () => {
      // The header shows the user's own tenant name.
      await queryClient.invalidateQueries({ queryKey: tenantsKey });
      await queryClient.invalidateQueries({ queryKey: meKey });
    },
  });
}
