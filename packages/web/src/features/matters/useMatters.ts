import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  MatterAssignInput,
  MatterEscalateInput,
  MatterInput,
  MatterRaiseDownInput,
} from '@landfall/domain';
import {
  addMatterUpdate,
  assignMatter,
  closeMatter,
  escalateMatter,
  getMatter,
  listMatters,
  raiseMatter,
  raiseMatterDown,
  remindMatter,
  resolveMatter,
  type MatterListQuery,
} from '../../api/matters.ts';
import { useLoopMutation } from '../coordination/useLoopMutation.ts';

export const mattersKey = ['matters'] as const;

export function useMatters(query: MatterListQuery, enabled = true) {
  return useQuery({
    queryKey: [...mattersKey, 'list', query],
    queryFn: () => listMatters(query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useMatter(id: string | undefined) {
  return useQuery({
    queryKey: [...mattersKey, 'one', id],
    queryFn: () => getMatter(id ?? ''),
    enabled: !!id,
  });
}

export const useRaiseMatter = () => useLoopMutation((input: MatterInput) => raiseMatter(input));

export const useRaiseMatterDown = () =>
  useLoopMutation((input: MatterRaiseDownInput) => raiseMatterDown(input));

export const useAddMatterUpdate = () =>
  useLoopMutation(({ id, body }: { id: string; body: string }) => addMatterUpdate(id, { body }));

export const useEscalateMatter = () =>
  useLoopMutation(({ id, input }: { id: string; input: MatterEscalateInput }) => escalateMatter(id, input));

export const useAssignMatter = () =>
  useLoopMutation(({ id, input }: { id: string; input: MatterAssignInput }) => assignMatter(id, input));

export const useResolveMatter = () =>
  useLoopMutation(({ id, result, version }: { id: string; result: string; version: number }) =>
    resolveMatter(id, { result, version }),
  );

export const useCloseMatter = () =>
  useLoopMutation(({ id, reason, version }: { id: string; reason: string; version: number }) =>
    closeMatter(id, { reason, version }),
  );

export const useRemindMatter = () =>
  useLoopMutation(({ id, note }: { id: string; note: string }) => remindMatter(id, note));
