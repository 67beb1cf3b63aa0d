import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  commitImport,
  getImport,
  listImports,
  previewImport,
  uploadImport,
  type ImportOptions,
  type ImportProgress,
} from '../../api/imports.ts';
import { dashboardKey } from '../dashboard/useDashboard.ts';
import { enterprisesKey } from '../enterprises/useEnterprises.ts';
import { projectsKey } from '../projects/useProjects.ts';
import { unitsKey } from '../units/useUnits.ts';

export const importsKey = ['imports'] as const;

/** 最近导入: the tenant's batches, newest first. */
export function useImportList() {
  return useQuery({ queryKey: [...importsKey, 'list'], queryFn: async () => (await listImports()).items });
}

const progressKey = (id: string | undefined) => [...importsKey, 'progress', id] as const;

/**
 * The progress of a running preview or commit, as the server streams it with the answer
 * (the mutations below put each line into the query cache).
 */
export function useImportProgress(id: string | undefined) {
  return useQuery<ImportProgress | null>({
    queryKey: progressKey(id),
    queryFn: () => null,
    enabled: false,
    initialData: null,
    gcTime: 0,
  });
}

export function useUploadImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadImport(file),
    onSettled: () => queryClient.invalidateQueries({ queryKey: importsKey }),
  });
}

/** Opens an earlier batch from the list (to map and preview it again). */
export function useOpenImport() {
  return useMutation({ mutationFn: (id: string) => getImport(id) });
}

export function usePreviewImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, options }: { id: string; options: ImportOptions }) => {
      queryClient.setQueryData(progressKey(id), null);
      return previewImport(id, options, (p) => queryClient.setQueryData(progressKey(id), p));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: importsKey }),
  });
}

/** A commit writes projects, enterprises and perhaps units: those pages refresh. */
export function useCommitImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, options }: { id: string; options: ImportOptions }) => {
      queryClient.setQueryData(progressKey(id), null);
      return commitImport(id, options, (p) => queryClient.setQueryData(progressKey(id), p));
    },
    onSettled: () =>
      Promise.all(
        [importsKey, projectsKey, unitsKey, enterprisesKey, dashboardKey].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      ),
  });
}
