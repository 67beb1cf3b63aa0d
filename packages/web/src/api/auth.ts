import type { ChangePasswordInput, LoginInput } from '@landfall/domain';
import { ApiError, api } from './client.ts';
import type { Me } from './types.ts';

/** The password step: the user, or `{ secondFactor: 'pending' }` when the authenticator's code is due. */
export function login(input: LoginInput): Promise<Me | { secondFactor: 'pending' }> {
  return api.post<Me | { secondFactor: 'pending' }>('/api/auth/login', input);
}

/** The second step: the authenticator's 6 digits, or a recovery code. */
export function verifyTotp(code: string): Promise<Me> {
  return api.post<Me>('/api/auth/totp', { code });
}

export interface TotpEnrolment {
  secret: string;
  uri: string;
  /** The QR code as an SVG data URL, rendered by the server. */
  qrCode: string;
}

export function startTotpEnrolment(): Promise<TotpEnrolment> {
  return api.post<TotpEnrolment>('/api/me/totp/enrolment', {});
}

export function confirmTotp(code: string): Promise<{ recoveryCodes: string[] }> {
  return api.post<{ recoveryCodes: string[] }>('/api/me/totp/confirm', { code });
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
