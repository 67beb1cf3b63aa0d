import { api } from './client.ts';
import type { Notifications } from './coordination-types.ts';

/** The bell: what awaits the caller now (empty for administrators and viewers). */
export function getNotifications(): Promise<Notifications> {
  return api.get<Notifications>('/api/notifications');
}
