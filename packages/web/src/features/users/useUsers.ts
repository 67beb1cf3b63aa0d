import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  UserCreateInput,
  UserPasswordResetInput,
  UserRoleInput,
  UserUpdateInput,
} from '@landfall/domain';
import {
  changeUserRole,
  createUser,
  disableUser,
  enableUser,
  listUsers,
  resetUserPassword,
  unlockUser,
  updateUser,
} from '../../api/users.ts';

export const usersKey = ['users'] as const;

export function useUsers(tenantId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [...usersKey, tenantId],
    queryFn: () => listUsers(tenantId),
    enabled: enabled && tenantId !== undefined,
  });
}

/** One mutation per user operation; each refreshes the user list when done. */
function useUserMutation<I, R>(mutationFn: (input: I) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

export const useCreateUser = () => useUserMutation((input: UserCreateInput) => createUser(input));

export const useUpdateUser = () =>
  useUserMutation(({ id, input }: { id: string; input: UserUpdateInput }) => updateUser(id, input));

export const useChangeUserRole = () =>
  useUserMutation(({ id, input }: { id: string; input: UserRoleInput }) => changeUserRole(id, input));

export const useSetUserDisabled = () =>
  useUserMutation(({ id, disabled }: { id: string; disabled: boolean }) =>
    disabled ? disableUser(id) : enableUser(id),
  );

export const useResetUserPassword = () =>
  useUserMutation(({ id, input }: { id: string; input: UserPasswordResetInput }) =>
    resetUserPassword(id, input),
  );

export const useUnlockUser = () => useUserMutation((id: string) => unlockUser(id));
