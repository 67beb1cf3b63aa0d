import { api } from './client.ts';
import type { RoleActions } from './types.ts';

export function listRoles(): Promise<RoleActions[]> {
  return api.get<RoleActions[]>('/api/roles');
}
