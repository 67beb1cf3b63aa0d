import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DecisionInput, MeetingInput, MeetingUpdateInput } from '@landfall/domain';
import {
  cancelMeeting,
  createMeeting,
  getMeeting,
  getMeetingBrief,
  listMeetings,
  rebuildAgenda,
  recordDecision,
  updateMeeting,
  type MeetingListQuery,
} from '../../api/meetings.ts';
import { useLoopMutation } from '../coordination/useLoopMutation.ts';

export const meetingsKey = ['meetings'] as const;

export function useMeetings(query: MeetingListQuery) {
  return useQuery({
    queryKey: [...meetingsKey, 'list', query],
    queryFn: () => listMeetings(query),
    placeholderData: keepPreviousData,
  });
}

export function useMeeting(id: string | undefined) {
  return useQuery({
    queryKey: [...meetingsKey, 'one', id],
    queryFn: () => getMeeting(id ?? ''),
    enabled: !!id,
  });
}

/** The brief as of the meeting's date (refetched with the meeting after any change in the loop). */
export function useMeetingBrief(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...meetingsKey, 'brief', id],
    queryFn: () => getMeetingBrief(id ?? ''),
    enabled: !!id && enabled,
  });
}

export const useCreateMeeting = () => useLoopMutation((input: MeetingInput) => createMeeting(input));

export const useUpdateMeeting = () =>
  useLoopMutation(({ id, input }: { id: string; input: MeetingUpdateInput }) => updateMeeting(id, input));

export const useRebuildAgenda = () =>
  useLoopMutation(({ id, version }: { id: string; version: number }) => rebuildAgenda(id, version));

export const useCancelMeeting = () =>
  useLoopMutation(({ id, reason, version }: { id: string; reason: string; version: number }) =>
    cancelMeeting(id, { reason, version }),
  );

export const useRecordDecision = () =>
  useLoopMutation(({ meetingId, input }: { meetingId: string; input: DecisionInput }) =>
    recordDecision(meetingId, input),
  );
