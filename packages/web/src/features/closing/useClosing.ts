import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClosingSetting } from '@landfall/domain/schemas/closing';
import {
  checkMonth,
  closeMonth,
  getClosingSetting,
  listMonths,
  reopenMonth,
  signOffMonth,
  updateClosingSetting,
} from '../../api/closing.ts';

export const closingKey = ['months'] as const;

export function useMonths(year: number) {
  return useQuery({ queryKey: [...closingKey, 'list', year], queryFn: () => listMonths(year) });
}

export function useMonthCheck(month: string | undefined) {
  return useQuery({
    queryKey: [...closingKey, 'check', month],
    queryFn: () => checkMonth(month!),
    enabled: !!month,
  });
}

export function useClosingSetting() {
  return useQuery({ queryKey: [...closingKey, 'setting'], queryFn: getClosingSetting });
}

export function useUpdateClosingSetting() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ClosingSetting) => updateClosingSetting(input),
    onSuccess: (setting) => queryClient.setQueryData([...closingKey, 'setting'], setting),
  });
}

type MonthAction =
  | { kind: 'close'; month: string; version: number }
  | { kind: 'signOff'; month: string; version: number }
  | { kind: 'reopen'; month: string; version: number; reason: string };

/** 封账 / 签发 / 重新开账: each refreshes the months and their checks. */
export function useMonthAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (a: MonthAction) =>
      a.kind === 'close'
        ? closeMonth(a.month, a.version)
        : a.kind === 'signOff'
          ? signOffMonth(a.month, a.version)
          : reopenMonth(a.month, a.version, a.reason),
    onSettled: () => queryClient.invalidateQueries({ queryKey: closingKey }),
  });
}
