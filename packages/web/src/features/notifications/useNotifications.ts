import { useQuery } from '@tanstack/react-query';
import { getNotifications } from '../../api/notifications.ts';

export const notificationsKey = ['notifications'] as const;

/** What awaits the caller; refreshed every minute, and after every write in the loop (useLoopMutation). */
export function useNotifications(enabled: boolean) {
  return useQuery({
    queryKey: notificationsKey,
    queryFn: getNotifications,
    enabled,
    refetchInterval: 60_000,
    refetchIntervalInBackground: false,
  });
}
