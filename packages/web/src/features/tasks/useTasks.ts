import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { closeTask, getTask, listTasks, remindTask, type TaskListQuery } from '../../api/tasks.ts';
import { useLoopMutation } from '../coordination/useLoopMutation.ts';

export const tasksKey = ['tasks'] as const;

export function useTasks(query: TaskListQuery) {
  return useQuery({
    queryKey: [...tasksKey, 'list', query],
    queryFn: () => listTasks(query),
    placeholderData: keepPreviousData,
  });
}

export function useTask(id: string | undefined) {
  return useQuery({
    queryKey: [...tasksKey, 'one', id],
    queryFn: () => getTask(id ?? ''),
    enabled: !!id,
  });
}

/** 办结: may complete the decision and resolve its matter, so the whole loop refetches. */
export const useCloseTask = () =>
  useLoopMutation(({ id, result, version }: { id: string; result: string; version: number }) =>
    closeTask(id, { result, version }),
  );

export const useRemindTask = () =>
  useLoopMutation(({ id, note }: { id: string; note: string }) => remindTask(id, note));
