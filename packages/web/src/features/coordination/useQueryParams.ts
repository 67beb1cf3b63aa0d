import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

type Params<K extends string> = Partial<Record<K, string>>;
type Changes<K extends string> = Partial<Record<K | 'page' | 'pageSize', string | number | undefined>>;

export interface QueryParams<K extends string> {
  values: Params<K>;
  page: number;
  pageSize: number;
  update: (changes: Changes<K>) => void;
}

/**
 * A list page's filters kept in the address (a link such as /matters?overdue=true opens them,
 * and back from a record returns to them). A change of filter goes back to page 1. Pass a
 * module-level constant as `keys`.
 */
export function useQueryParams<K extends string>(keys: readonly K[]): QueryParams<K> {
  const [params, setParams] = useSearchParams();
  const text = params.toString();
  const values = useMemo(() => {
    const read = new URLSearchParams(text);
    const out: Params<K> = {};
    for (const key of keys) {
      const value = read.get(key);
      if (value) out[key] = value;
    }
    return out;
  }, [text, keys]);
  const positive = (value: string | null, fallback: number) => {
    const n = Number(value);
    return Number.isInteger(n) && n > 0 ? n : fallback;
  };
  const page = positive(params.get('page'), 1);
  const pageSize = positive(params.get('pageSize'), 20);
  const update = useCallback(
    (changes: Changes<K>) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value === undefined || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          if (!('page' in changes)) next.delete('page');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return { values, page, pageSize, update };
}
