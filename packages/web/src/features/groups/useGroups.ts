import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GroupCreateInput, GroupUpdateInput } from '@landfall/domain';
import { createGroup, listGroups, updateGroup } from '../../api/groups.ts';

export const groupsKey = ['groups'] as const;

export function useGroups(tenantId: string | undefined) {
  return useQuery({
    queryKey: [...groupsKey, tenantId],
    queryFn: () => listGroups(tenantId),
    enabled: tenantId !== undefined,
  });
}

export function useCreateGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: GroupCreateInput) => createGroup(input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: groupsKey }),
  });
}

export function useUpdateGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: GroupUpdateInput }) => updateGroup(id, input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: groupsKey }),
  });
}
