import type { ChangePasswordInput, LoginInput } from '@landfall/domain';
import { ApiError, api } from './client.ts';
import type { Me } from './types.ts';

export function login(input: LoginInput): Promise<Me> {
  return api.post<Me>('/api/auth/login', input);
}

export function logout(): Promise<void> {
  return api.post<void>('/api/auth/logout');
}

/** The signed-in user, or null when the server answers 401. */
export async function getMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/api/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function changeOwnPassword(input: ChangePasswordInput): Promise<void> {
  return api.post<void>('/api/me/password', input);
}
