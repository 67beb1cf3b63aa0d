import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getPasswordPolicy, updatePasswordPolicy } from '../../api/password-policy.ts';
import type { PasswordPolicyInfo } from '../../api/types.ts';

export const passwordPolicyKey = ['password-policy'] as const;

export function usePasswordPolicy() {
  return useQuery({ queryKey: passwordPolicyKey, queryFn: getPasswordPolicy, staleTime: 60_000 });
}

export function useUpdatePasswordPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PasswordPolicyInfo) => updatePasswordPolicy(input),
    onSuccess: (policy) => queryClient.setQueryData(passwordPolicyKey, policy),
  });
}
