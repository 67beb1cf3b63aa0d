import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getPasswordPolicy, updatePasswordPolicy } from '../../api/password-policy.ts';
import type { PasswordPolicyInfo } from '../../api/types.ts';

export const passwordPolicyKey = ['password-policy'] as const;

/** The rules in force for a tenant (the signed-in user's, a target account's); the top tenant's without one. */
export function usePasswordPolicy(tenantId?: string) {
  return useQuery({
    queryKey: [...passwordPolicyKey, tenantId ?? null],
    queryFn: () => getPasswordPolicy(tenantId),
    staleTime: 60_000,
  });
}

export function useUpdatePasswordPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PasswordPolicyInfo) => updatePasswordPolicy(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: passwordPolicyKey }),
  });
}
