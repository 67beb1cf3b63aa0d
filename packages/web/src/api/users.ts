import type {
  UserCreateInput,
  UserPasswordResetInput,
  UserRoleInput,
  UserUpdateInput,
} from '@landfall/domain';
import { api } from './client.ts';
import type { AccountRequest, User } from './types.ts';

const userPath = (id: string) => `/api/users/${encodeURIComponent(id)}`;

export function listUsers(tenantId?: string): Promise<User[]> {
  return api.get<User[]>('/api/users', { tenantId });
}

/** A user, or (202) a request awaiting a second of the three when the account is one of theirs. */
export type UserOrRequest = User | AccountRequest;

export function isPendingRequest(value: unknown): value is AccountRequest {
  return typeof value === 'object' && value !== null && 'status' in value && 'kind' in value;
}

export function createUser(input: UserCreateInput): Promise<UserOrRequest> {
  return api.post<UserOrRequest>('/api/users', input);
}

export function updateUser(id: string, input: UserUpdateInput): Promise<User> {
  return api.put<User>(userPath(id), input);
}

export function changeUserRole(id: string, input: UserRoleInput): Promise<UserOrRequest> {
  return api.put<UserOrRequest>(`${userPath(id)}/role`, input);
}

export function disableUser(id: string): Promise<UserOrRequest> {
  return api.post<UserOrRequest>(`${userPath(id)}/disable`);
}

export function enableUser(id: string): Promise<User> {
  return api.post<User>(`${userPath(id)}/enable`);
}

export function resetUserPassword(
  id: string,
  input: UserPasswordResetInput,
): Promise<AccountRequest | undefined> {
  return api.post<AccountRequest | undefined>(`${userPath(id)}/password`, input);
}

export function listAccountRequests(status?: 'pending'): Promise<AccountRequest[]> {
  return api.get<AccountRequest[]>('/api/account-requests', { status });
}

export function approveAccountRequest(id: string): Promise<AccountRequest> {
  return api.post<AccountRequest>(`/api/account-requests/${encodeURIComponent(id)}/approve`);
}

export function refuseAccountRequest(id: string, reason: string | null): Promise<AccountRequest> {
  return api.post<AccountRequest>(`/api/account-requests/${encodeURIComponent(id)}/refuse`, { reason });
}

export function unlockUser(id: string): Promise<User> {
  return api.post<User>(`${userPath(id)}/unlock`);
}
