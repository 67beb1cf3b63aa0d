import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReviewDecisionInput, ReviewSetting } from '@landfall/domain';
import {
  getReviewSetting,
  listSubmissions,
  reviewLead,
  reviewProject,
  updateReviewSetting,
} from '../../api/review.ts';
import type { Lead, Project } from '../../api/library-types.ts';
import { useLoopMutation } from '../coordination/useLoopMutation.ts';

export const reviewKey = ['review'] as const;
const settingKey = [...reviewKey, 'setting'] as const;

export function useSubmissions(status: 'pending' | 'refused', page: number, pageSize: number) {
  return useQuery({
    queryKey: [...reviewKey, 'list', status, page, pageSize],
    queryFn: () => listSubmissions(status, page, pageSize),
    placeholderData: (previous) => previous,
  });
}

export function useReviewSetting() {
  return useQuery({ queryKey: settingKey, queryFn: getReviewSetting });
}

export function useUpdateReviewSetting() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ReviewSetting) => updateReviewSetting(input),
    onSuccess: (setting) => queryClient.setQueryData(settingKey, setting),
  });
}

/** 通过 / 退回 a project or a lead; either lets it into (or keeps it out of) the library and the lists. */
export const useReviewSubmission = () =>
  useLoopMutation(
    ({
      type,
      id,
      input,
    }: {
      type: 'project' | 'lead';
      id: string;
      input: ReviewDecisionInput;
    }): Promise<Project | Lead> => (type === 'project' ? reviewProject(id, input) : reviewLead(id, input)),
  );
