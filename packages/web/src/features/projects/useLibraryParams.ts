import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { isValidDate, projectSortFields, regions, stages, type Region, type Stage } from '@landfall/domain';
import type { LibraryQuery } from '../../api/projects.ts';

export type LibraryView = 'table' | 'kanban';
type SortField = (typeof projectSortFields)[number];

export interface LibraryParams {
  query: LibraryQuery;
  view: LibraryView;
  /** Changes some parameters; filters go back to page 1 unless the page is given. */
  update: (changes: Partial<LibraryQuery> & { view?: LibraryView }) => void;
  reset: () => void;
}

const flag = (value: string | null) => (value === 'true' ? true : value === 'false' ? false : undefined);
const isStage = (value: string): value is Stage => (stages as readonly string[]).includes(value);
const isRegion = (value: string | null): value is Region =>
  value !== null && (regions as readonly string[]).includes(value);
const isSort = (value: string | null): value is SortField =>
  value !== null && (projectSortFields as readonly string[]).includes(value);
const date = (value: string | null) => (value && isValidDate(value) ? value : undefined);
const positive = (value: string | null, fallback: number) => {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : fallback;
};

/** The library's filters, sort, page and view live in the address, so back from a project returns to them. */
export function useLibraryParams(): LibraryParams {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const query = useMemo<LibraryQuery>(() => {
    const read = new URLSearchParams(key);
    const sort = read.get('sort');
    const region = read.get('region');
    return {
      q: read.get('q') ?? undefined,
      stage: read.getAll('stage').filter(isStage),
      tenantId: read.getAll('tenantId').filter(Boolean),
      unitId: read.get('unitId') ?? undefined,
      groupId: read.get('groupId') ?? undefined,
      industry: read.get('industry') ?? undefined,
      focusIndustryId: read.get('focusIndustryId') ?? undefined,
      region: isRegion(region) ? region : undefined,
      over100m: flag(read.get('over100m')),
      tier: read.get('tier') ?? undefined,
      stale: flag(read.get('stale')),
      asOf: read.get('asOf') ?? undefined,
      knownOn: read.get('knownOn') ?? undefined,
      fundedFrom: date(read.get('fundedFrom')),
      fundedTo: date(read.get('fundedTo')),
      sort: isSort(sort) ? sort : undefined,
      order: read.get('order') === 'asc' ? 'asc' : read.get('order') === 'desc' ? 'desc' : undefined,
      page: positive(read.get('page'), 1),
      pageSize: positive(read.get('pageSize'), 20),
    };
  }, [key]);
  const view: LibraryView = params.get('view') === 'kanban' ? 'kanban' : 'table';

  const update = useCallback(
    (changes: Partial<LibraryQuery> & { view?: LibraryView }) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [name, value] of Object.entries(changes)) {
            next.delete(name);
            if (Array.isArray(value)) for (const item of value) next.append(name, String(item));
            else if (value !== undefined && value !== null && value !== '') next.set(name, String(value));
          }
          if (!('page' in changes) && !('view' in changes)) next.delete('page');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const reset = useCallback(
    () =>
      setParams(
        (current) => {
          const next = new URLSearchParams();
          for (const keep of ['view', 'asOf', 'knownOn', 'pageSize']) {
            const value = current.get(keep);
            if (value) next.set(keep, value);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  return { query, view, update, reset };
}
