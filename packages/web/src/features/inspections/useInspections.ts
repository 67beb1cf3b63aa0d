import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { InspectionInput, InspectionResultInput } from '@landfall/domain';
import {
  getInspection,
  listInspections,
  recordInspectionResult,
  reportRectification,
  scheduleInspection,
  type InspectionListQuery,
} from '../../api/inspections.ts';
import { useLoopMutation } from '../coordination/useLoopMutation.ts';

export const inspectionsKey = ['inspections'] as const;

export function useInspections(query: InspectionListQuery) {
  return useQuery({
    queryKey: [...inspectionsKey, 'list', query],
    queryFn: () => listInspections(query),
    placeholderData: keepPreviousData,
  });
}

export function useInspection(id: string | undefined) {
  return useQuery({
    queryKey: [...inspectionsKey, 'one', id],
    queryFn: () => getInspection(id ?? ''),
    enabled: !!id,
  });
}

export const useScheduleInspection = () =>
  useLoopMutation((input: InspectionInput) => scheduleInspection(input));

/** A score moves the ranking's 检查得分: the loop's refresh includes the dashboard. */
export const useRecordInspectionResult = () =>
  useLoopMutation(({ id, input }: { id: string; input: InspectionResultInput }) =>
    recordInspectionResult(id, input),
  );

export const useReportRectification = () =>
  useLoopMutation(({ id, report, version }: { id: string; report: string; version: number }) =>
    reportRectification(id, { report, version }),
  );
