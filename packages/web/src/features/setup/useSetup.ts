import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SetupInput } from '@landfall/domain';
import { isApiError } from '../../api/client.ts';
import { getSetupStatus, loadDemo, runSetup } from '../../api/setup.ts';
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

/**
 * 载入演示数据: first run with the demo district instead of an empty one. On success the caller
 * marks setup done (`markSetupDone`) in the same callback as it leaves the page, so the setup
 * page does not redirect first and lose the navigation state.
 */
export function useLoadDemo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (password: string) => loadDemo(password),
    onError: (error) => {
      if (isApiError(error) && error.code === 'setup_done') {
        queryClient.setQueryData<SetupStatus>(setupKey, { needed: false });
      }
    },
  });
}

export function useMarkSetupDone(): () => void {
  const queryClient = useQueryClient();
  return () => queryClient.setQueryData<SetupStatus>(setupKey, { needed: false });
}
