import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SetupInput } from '@landfall/domain';
import { isApiError } from '../../api/client.ts';
import { getSetupStatus, runSetup } from '../../api/setup.ts';
import type { SetupStatus } from '../../api/types.ts';

export const setupKey = ['setup'] as const;

export function useSetupStatus() {
  return useQuery({ queryKey: setupKey, queryFn: getSetupStatus, staleTime: Infinity });
}

export function useRunSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SetupInput) => runSetup(input),
    onSuccess: () => queryClient.setQueryData<SetupStatus>(setupKey, { needed: false }),
    onError: (error) => {
      // Someone else finished setup first: the status is stale.
      if (isApiError(error) && error.code === 'setup_done') {
        queryClient.setQueryData<SetupStatus>(setupKey, { needed: false });
      }
    },
  });
}
