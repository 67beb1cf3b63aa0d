import { api } from './client.ts';
import type { PasswordPolicyInfo } from './types.ts';

/** The rules in force for a tenant (the top tenant's when none is given: setup, login). */
export function getPasswordPolicy(tenantId?: string): Promise<PasswordPolicyInfo> {
  return api.get<PasswordPolicyInfo>('/api/password-policy', { tenantId });
}

export function updatePasswordPolicy(input: PasswordPolicyInfo): Promise<PasswordPolicyInfo> {
  const { inherited: _inherited, ...body } = input;
  return api.put<PasswordPolicyInfo>('/api/password-policy', body);
}
