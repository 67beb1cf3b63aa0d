import type {
  UserCreateInput,
  UserPasswordResetInput,
  UserRoleInput,
  UserUpdateInput,
} from '@landfall/domain';
import { api } from './client.ts';
import type { User } from './types.ts';

const userPath = (id: string) => `/api/users/${encodeURIComponent(id)}`;

export function listUsers(tenantId?: string): Promise<User[]> {
  return api.get<User[]>('/api/users', { tenantId });
}

export function createUser(input: UserCreateInput): Promise<User> {
  return api.post<User>('/api/users', input);
}

export function updateUser(id: string, input: UserUpdateInput): Promise<User> {
  return api.put<User>(userPath(id), input);
}

export function changeUserRole(id: string, input: UserRoleInput): Promise<User> {
  return api.put<User>(`${userPath(id)}/role`, input);
}

export function disableUser(id: string): Promise<User> {
  return api.post<User>(`${userPath(id)}/disable`);
}

export function enableUser(id: string): Promise<User> {
  return api.post<User>(`${userPath(id)}/enable`);
}

export function resetUserPassword(id: string, input: UserPasswordResetInput): Promise<void> {
  return api.post<void>(`${userPath(id)}/password`, input);
}

export function unlockUser(id: string): Promise<User> {
  return api.post<User>(`${userPath(id)}/unlock`);
}
