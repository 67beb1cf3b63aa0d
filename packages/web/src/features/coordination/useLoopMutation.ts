import { useMutation, useQueryClient } from '@tanstack/react-query';

/**
 * The queries a change in the coordination loop can move: a decision closes tasks and matters,
 * a task closing resolves a matter, a review lets a project into the library, an inspection
 * moves the ranking, and the bell shows all of them.
 */
const loopKeys = new Set([
  'matters',
  'meetings',
  'tasks',
  'inspections',
  'review',
  'notifications',
  'projects',
  'leads',
  'dashboard',
]);

/** A write in the coordination loop: afterwards every query it can affect refetches (the bell included). */
export function useLoopMutation<I, R>(mutationFn: (input: I) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () =>
      queryClient.invalidateQueries({
        predicate: (query) => typeof query.queryKey[0] === 'string' && loopKeys.has(query.queryKey[0]),
      }),
  });
}
