import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createTargetPlan,
  finalizeTargetPlan,
  getTargetPlan,
  listTargetPlans,
  reallocateTargetPlan,
  saveTargetDraft,
  type AllocationBody,
  type TargetPlan,
  type TargetPlanCreate,
} from '../../api/targets.ts';

export const targetsKey = ['targets'] as const;

export function useTargetPlans(year: number, tenantId?: string) {
  return useQuery({
    queryKey: [...targetsKey, 'list', year, tenantId ?? null],
    queryFn: () => listTargetPlans(year, tenantId),
  });
}

export function useTargetPlan(id: string | undefined) {
  return useQuery({
    queryKey: [...targetsKey, 'one', id],
    queryFn: () => getTargetPlan(id ?? ''),
    enabled: !!id,
  });
}

/** Target writes refresh the plans and the dashboard (its targets come from them). */
function useTargetMutation<I>(mutationFn: (input: I) => Promise<TargetPlan>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (plan) => queryClient.setQueryData([...targetsKey, 'one', plan.id], plan),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: targetsKey }),
        queryClient.invalidateQueries({ queryKey: ['dashboard'] }),
      ]),
  });
}

export const useCreateTargetPlan = () =>
  useTargetMutation((input: TargetPlanCreate) => createTargetPlan(input));

export const useSaveTargetDraft = () =>
  useTargetMutation(({ id, input }: { id: string; input: AllocationBody & { version: number } }) =>
    saveTargetDraft(id, input),
  );

/** 下达: saves the breakdown as shown, then finalises that version. */
export const useFinalizeTargetPlan = () =>
  useTargetMutation(
    async ({
      plan,
      body,
      effectiveFrom,
    }: {
      plan: TargetPlan;
      body: AllocationBody;
      effectiveFrom: string;
    }) => {
      const saved = await saveTargetDraft(plan.id, { ...body, version: plan.version });
      return finalizeTargetPlan(plan.id, { version: saved.version, effectiveFrom });
    },
  );

export const useReallocateTargetPlan = () =>
  useTargetMutation(
    ({ id, input }: { id: string; input: AllocationBody & { effectiveFrom: string; reason: string } }) =>
      reallocateTargetPlan(id, input),
  );
