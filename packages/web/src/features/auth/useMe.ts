import { useCallback } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useI18n } from '../../i18n/useT.ts';
import type { ChangePasswordInput, LoginInput } from '@landfall/domain';
import { changeOwnPassword, getMe, login, logout, verifyTotp } from '../../api/auth.ts';
import type { Me } from '../../api/types.ts';

export const meKey = ['me'] as const;

/** The signed-in user; `data` is null when not logged in. */
export function useMe(enabled = true) {
  return useQuery({ queryKey: meKey, queryFn: getMe, staleTime: 5 * 60_000, enabled });
}

/** `can('unit.create')`: whether the policy lists the action for this user (for showing UI only). */
export function useCan(): (action: string) => boolean {
  const { data: me } = useMe();
  return useCallback((action: string) => me?.actions.includes(action) ?? false, [me]);
}

/**
 * `canOnUnit('project.update', project.unitId)`: the action, on a record of that unit. Unit staff
 * act on their own unit's records only (for showing buttons; the server decides).
 */
export function useCanOnUnit(): (action: string, unitId: string | null | undefined) => boolean {
  const { data: me } = useMe();
  return useCallback(
    (action: string, unitId: string | null | undefined) =>
      (me?.actions.includes(action) ?? false) && (me?.role !== 'unit_staff' || me.unitId === unitId),
    [me],
  );
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => login(input),
    onSuccess: (result) => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meKey[0] });
      // With two factors the password opens only the code step: no user yet.
      if ('secondFactor' in result) return;
      queryClient.setQueryData<Me | null>(meKey, result);
    },
  });
}

/** The second step of login: the authenticator's code (or a recovery code). */
export function useVerifyTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => verifyTotp(code),
    onSuccess: (me) => queryClient.setQueryData<Me | null>(meKey, me),
  });
}

let loggedOutOnPurpose = false;

/**
 * True once after an explicit logout: the route guard then sends the visitor to the login
 * page without a "return to" (the next person to log in should not land on the page the
 * previous user was on). A session that merely expired keeps its "return to".
 */
export function takeExplicitLogout(): boolean {
  const value = loggedOutOnPurpose;
  loggedOutOnPurpose = false;
  return value;
}

/** Logs out; the route guard then shows the login page (callbacks here run even after the layout unmounts). */
export function useLogout() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useI18n();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      loggedOutOnPurpose = true;
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meKey[0] });
      queryClient.setQueryData<Me | null>(meKey, null);
      void message.success(t('login.loggedOut'));
    },
  });
}

/** The server ends every session of the user, this one included: forget the user, back to login. */
export function useChangeOwnPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => changeOwnPassword(input),
    onSuccess: () => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meKey[0] });
      queryClient.setQueryData<Me | null>(meKey, null);
    },
  });
}
