import { useQuery, type QueryClient } from '@tanstack/react-query';
import { listFocusIndustries, listIndustries, searchIndustries } from '../../api/industries.ts';
import type { Industry } from '../../api/library-types.ts';

export function fetchIndustryChildren(
  queryClient: QueryClient,
  parent: string | undefined,
): Promise<Industry[]> {
  return queryClient.fetchQuery({
    queryKey: ['industries', parent ?? ''],
    queryFn: () => listIndustries(parent),
    staleTime: Infinity,
  });
}

/** One GB/T 4754 entry by its code (a code search answers the code itself first). */
export function fetchIndustry(queryClient: QueryClient, code: string): Promise<Industry | undefined> {
  return queryClient
    .fetchQuery({
      queryKey: ['industry', code],
      queryFn: async () => (await searchIndustries(code)).find((item) => item.code === code) ?? null,
      staleTime: Infinity,
    })
    .then((item) => item ?? undefined);
}

export function useIndustry(code: string | null | undefined) {
  return useQuery({
    queryKey: ['industry', code ?? ''],
    queryFn: async () => (await searchIndustries(code ?? '')).find((item) => item.code === code) ?? null,
    enabled: !!code,
    staleTime: Infinity,
  });
}

/**
 * The codes from the section down to a code: '3670' → C, 36, 367, 3670. The section of
 * a division is not in its code, so it is looked up.
 */
export async function industryPath(queryClient: QueryClient, code: string): Promise<string[]> {
  if (/^[A-T]$/.test(code)) return [code];
  const division = code.slice(0, 2);
  const section = (await fetchIndustry(queryClient, division))?.parentCode;
  if (!section) return [];
  const path = [section, division];
  if (code.length >= 3) path.push(code.slice(0, 3));
  if (code.length === 4) path.push(code);
  return path;
}

export function useFocusIndustries(tenantId?: string) {
  return useQuery({
    queryKey: ['focus-industries', tenantId ?? ''],
    queryFn: () => listFocusIndustries(tenantId),
    staleTime: 5 * 60_000,
  });
}
