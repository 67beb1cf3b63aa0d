import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { isValidDate, knownOnSchema } from '@landfall/domain';

type DateParam = [string | undefined, (value: string | undefined) => void];

function useDateParam(name: 'asOf' | 'knownOn', valid: (raw: string) => boolean): DateParam {
  const [params, setParams] = useSearchParams();
  const raw = params.get(name);
  const value = raw && valid(raw) ? raw : undefined;
  const setValue = useCallback(
    (next: string | undefined) =>
      setParams(
        (current) => {
          const updated = new URLSearchParams(current);
          if (next) updated.set(name, next);
          else updated.delete(name);
          updated.delete('page');
          return updated;
        },
        { replace: true },
      ),
    [setParams, name],
  );
  return [value, setValue];
}

/**
 * 数据截至: kept in the address (?asOf=YYYY-MM-DD), so a link from the library to a
 * project keeps the date, and the view can be shared. Undefined = today, editable.
 */
export function useAsOf(): DateParam {
  return useDateParam('asOf', isValidDate);
}

/**
 * 统计时点: as known at the end of a day (?knownOn=YYYY-MM-DD, or an ISO instant with its offset),
 * beside 数据截至 in the address. Undefined = now: everything recorded so far.
 */
export function useKnownOn(): DateParam {
  return useDateParam('knownOn', (raw) => knownOnSchema.safeParse(raw).success);
}

/** The query string that keeps the pair on a link (to a project, back to the library). */
export function asOfSearch(asOf: string | undefined, knownOn: string | undefined): string {
  const params = new URLSearchParams();
  if (asOf) params.set('asOf', asOf);
  if (knownOn) params.set('knownOn', knownOn);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Back to today and now: clears 数据截至 and 统计时点 in one change of the address. */
export function useClearAsOf(): () => void {
  const [, setParams] = useSearchParams();
  return useCallback(
    () =>
      setParams(
        (current) => {
          const updated = new URLSearchParams(current);
          for (const name of ['asOf', 'knownOn', 'page']) updated.delete(name);
          return updated;
        },
        { replace: true },
      ),
    [setParams],
  );
}
