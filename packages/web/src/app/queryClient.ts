import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { meKey } from '../features/auth/useMe.ts';
import { notificationsKey } from '../features/notifications/useNotifications.ts';

/** A 401 other than a failed login means the session is gone: forget the user, the guard sends them to /login. */
function forgetSessionOn401(error: unknown): void {
  if (isApiError(error) && error.status === 401 && error.code !== 'invalid_credentials') {
    queryClient.setQueryData<Me | null>(meKey, null);
  }
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: forgetSessionOn401 }),
  mutationCache: new MutationCache({
    onError: forgetSessionOn401,
    // Any write can change what awaits the user (a lead acknowledged, a project edited after a refusal…): the bell looks again.
    // Not awaited: the write's own callbacks need not wait for the bell.
    onSuccess: (): void => {
      void queryClient.invalidateQueries({ queryKey: notificationsKey });
    },
  }),
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      // Client errors will not change on retry; network and 5xx may.
      retry: (failures, error) =>
        !(isApiError(error) && error.status >= 400 && error.status < 500) && failures < 2,
    },
    mutations: { retry: false },
  },
});
