import { useQueries } from '@tanstack/react-query';
import { listDivisions } from '../../api/divisions.ts';
import { divisionPath } from './DivisionCascader.tsx';

const grouping = new Set(['市辖区', '县']);

/** The full name of a GB/T 2260 code ('上海市 黄浦区'), from the same cached lists the cascader loads. */
export function useDivisionName(code: string | null | undefined): string | undefined {
  const path = divisionPath(code);
  const parents = path.length > 0 ? ['', ...path.slice(0, -1)] : [];
  const lists = useQueries({
    queries: parents.map((parent) => ({
      queryKey: ['divisions', parent],
      queryFn: () => listDivisions(parent || undefined),
      staleTime: Infinity,
    })),
  });
  if (!code || path.length === 0) return undefined;
  const names = path.map(
    (part, index) => lists[index]?.data?.find((division) => division.code === part)?.name,
  );
  if (names.some((name) => name === undefined)) return code;
  return names.filter((name): name is string => name !== undefined && !grouping.has(name)).join(' ');
}
