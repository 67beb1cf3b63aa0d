import type { ExpansionInput } from '@landfall/domain/expansion';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type {
  CorrectionInput,
  EvidenceRecordInput,
  FundingEntryInput,
  ProgressEntryInput,
  ProjectCreateInput,
  ProjectUpdateInput,
  Stage,
} from '@landfall/domain';
import {
  addProgress,
  correctEntry,
  createProject,
  getProject,
  listProjects,
  moveProjectStage,
  recordEvidence,
  recordExpansion,
  recordFunding,
  updateProject,
  uploadAttachment,
  type LibraryQuery,
} from '../../api/projects.ts';

export const projectsKey = ['projects'] as const;

export function useLibrary(query: LibraryQuery, enabled = true) {
  return useQuery({
    queryKey: [...projectsKey, 'list', query],
    queryFn: () => listProjects(query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** A kanban column's page size: each stage pages on its own (加载更多). */
export const kanbanPageSize = 30;
export const kanbanKey = [...projectsKey, 'kanban'] as const;

/**
 * One kanban column: the library's filters at one stage, page after page, with the column's true
 * total from the server. Under `projectsKey`, so every project write (a move) refreshes the columns.
 */
export function useKanbanColumn(query: LibraryQuery, stage: Stage, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: [...kanbanKey, stage, query],
    queryFn: ({ pageParam }) =>
      listProjects({ ...query, stage: [stage], page: pageParam, pageSize: kanbanPageSize }),
    initialPageParam: 1,
    getNextPageParam: (last, pages) =>
      pages.length * kanbanPageSize < last.total ? pages.length + 1 : undefined,
    enabled,
  });
}

/**
 * The tenants the reader's library spans (the 区县 filter's choices; more than one above a
 * district), whatever the filters: one small request, kept apart from the project queries.
 */
export function useLibraryTenants() {
  return useQuery({
    queryKey: ['library-tenants'],
    queryFn: async () => (await listProjects({ page: 1, pageSize: 1 })).tenants,
    staleTime: 10 * 60_000,
  });
}

export function useProject(id: string | undefined, asOf: string | undefined, knownOn?: string) {
  return useQuery({
    queryKey: [...projectsKey, 'one', id, asOf ?? null, knownOn ?? null],
    queryFn: () => getProject(id ?? '', asOf, knownOn),
    enabled: !!id,
  });
}

/** Every project write refreshes the library and the project pages. */
function useProjectMutation<I, R>(mutationFn: (input: I) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: projectsKey }),
  });
}

export const useCreateProject = () => useProjectMutation((input: ProjectCreateInput) => createProject(input));

export const useUpdateProject = () =>
  useProjectMutation(({ id, input }: { id: string; input: ProjectUpdateInput }) => updateProject(id, input));

export const useMoveStage = () =>
  useProjectMutation(
    ({ id, ...input }: { id: string; to: Stage; evidence: Record<string, unknown>; version: number }) =>
      moveProjectStage(id, input),
  );

export const useRecordEvidence = () =>
  useProjectMutation(({ id, input }: { id: string; input: EvidenceRecordInput }) =>
    recordEvidence(id, input),
  );

export const useRecordExpansion = () =>
  useProjectMutation(({ id, input }: { id: string; input: ExpansionInput }) => recordExpansion(id, input));

export const useAddProgress = () =>
  useProjectMutation(({ id, input }: { id: string; input: ProgressEntryInput }) => addProgress(id, input));

export const useRecordFunding = () =>
  useProjectMutation(({ id, input }: { id: string; input: FundingEntryInput }) => recordFunding(id, input));

export const useCorrectEntry = () =>
  useProjectMutation(({ entryId, input }: { entryId: number; input: CorrectionInput }) =>
    correctEntry(entryId, input),
  );

export const useUploadAttachment = () =>
  useProjectMutation(({ projectId, file }: { projectId: string; file: File }) =>
    uploadAttachment(projectId, file),
  );
