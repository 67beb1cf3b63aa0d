import { api } from './client.ts';
import type { PasswordPolicyInfo } from './types.ts';

export function getPasswordPolicy(): Promise<PasswordPolicyInfo> {
  return api.get<PasswordPolicyInfo>('/api/password-policy');
}

export function updatePasswordPolicy(input: PasswordPolicyInfo): Promise<PasswordPolicyInfo> {
  return api.put<PasswordPolicyInfo>('/api/password-policy', input);
}
