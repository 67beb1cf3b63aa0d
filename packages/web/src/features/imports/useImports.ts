import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  commitImport,
  getImport,
  getImportProgress,
  listImports,
  previewImport,
  uploadImport,
  type ImportOptions,
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

/**
 * The progress of a running preview or commit, polled every 500 ms while `active`. On PGlite a
 * commit holds the one connection, so the answer may only come once the commit is done.
 */
export function useImportProgress(id: string | undefined, active: boolean) {
  return useQuery({
    queryKey: [...importsKey, 'progress', id],
    queryFn: async () => (await getImportProgress(id ?? '')).progress,
    enabled: active && !!id,
    refetchInterval: active ? 500 : false,
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
    mutationFn: ({ id, options }: { id: string; options: ImportOptions }) => previewImport(id, options),
    onSettled: () => queryClient.invalidateQueries({ queryKey: importsKey }),
  });
}

/** A commit writes projects, enterprises and perhaps units: those pages refresh. */
export function useCommitImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, options }: { id: string; options: ImportOptions }) => commitImport(id, options),
    onSettled: () =>
      Promise.all(
        [importsKey, projectsKey, unitsKey, enterprisesKey, dashboardKey].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      ),
  });
}
