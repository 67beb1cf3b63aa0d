import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { isValidDate } from '@landfall/domain';

/**
 * 截至日期: kept in the address (?asOf=YYYY-MM-DD), so a link from the library to a
 * project keeps the date, and the view can be shared. Undefined = today, editable.
 */
export function useAsOf(): [string | undefined, (date: string | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('asOf');
  const asOf = raw && isValidDate(raw) ? raw : undefined;
  const setAsOf = useCallback(
    (date: string | undefined) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (date) next.set('asOf', date);
          else next.delete('asOf');
          next.delete('page');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [asOf, setAsOf];
}
