import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LeadInput, LeadUpdateInput, ProjectCreateInput } from '@landfall/domain';
import {
  acknowledgeLead,
  assessLead,
  closeLead,
  convertLead,
  createLead,
  getLead,
  listLeads,
  updateLead,
  type LeadListQuery,
} from '../../api/leads.ts';
import { projectsKey } from '../projects/useProjects.ts';

export const leadsKey = ['leads'] as const;

export function useLeads(query: LeadListQuery) {
  return useQuery({
    queryKey: [...leadsKey, query],
    queryFn: () => listLeads(query),
    placeholderData: keepPreviousData,
  });
}

export function useLead(id: string | undefined) {
  return useQuery({ queryKey: [...leadsKey, 'one', id], queryFn: () => getLead(id ?? ''), enabled: !!id });
}

function useLeadMutation<I, R>(mutationFn: (input: I) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: leadsKey }),
  });
}

export const useCreateLead = () => useLeadMutation((input: LeadInput) => createLead(input));

export const useUpdateLead = () =>
  useLeadMutation(({ id, input }: { id: string; input: LeadUpdateInput }) => updateLead(id, input));

export const useAcknowledgeLead = () => useLeadMutation((id: string) => acknowledgeLead(id));

export const useAssessLead = () =>
  useLeadMutation(({ id, assessment }: { id: string; assessment: string }) => assessLead(id, assessment));

export const useCloseLead = () =>
  useLeadMutation(({ id, reason }: { id: string; reason: string }) => closeLead(id, reason));

/** 转为项目: the lead and the library both change. */
export function useConvertLead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: ProjectCreateInput }) => convertLead(id, input),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: leadsKey });
      await queryClient.invalidateQueries({ queryKey: projectsKey });
    },
  });
}
