import type { GroupCreateInput, GroupUpdateInput } from '@landfall/domain';
import { api } from './client.ts';
import type { Group } from './types.ts';

export function listGroups(tenantId?: string): Promise<Group[]> {
  return api.get<Group[]>('/api/groups', { tenantId });
}

export function createGroup(input: GroupCreateInput): Promise<Group> {
  return api.post<Group>('/api/groups', input);
}

export function updateGroup(id: string, input: GroupUpdateInput): Promise<Group> {
  return api.put<Group>(`/api/groups/${encodeURIComponent(id)}`, input);
}
