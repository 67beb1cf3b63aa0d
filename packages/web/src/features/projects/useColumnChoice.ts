import { useCallback, useState } from 'react';

/** Column keys chosen by the user, kept in localStorage per table. Unknown keys are dropped. */
export function useColumnChoice(
  storageKey: string,
  allKeys: readonly string[],
  defaults: readonly string[],
): [string[], (keys: string[]) => void] {
  const [chosen, setChosen] = useState<string[]>(() => {
    try {
      const stored: unknown = JSON.parse(window.localStorage.getItem(storageKey) ?? 'null');
      if (Array.isArray(stored)) return stored.filter((key): key is string => allKeys.includes(String(key)));
    } catch {
      // unreadable: the defaults
    }
    return [...defaults];
  });
  const choose = useCallback(
    (keys: string[]) => {
      setChosen(keys);
      try {
        window.localStorage.setItem(storageKey, JSON.stringify(keys));
      } catch {
        // storage disabled: the choice lasts for this page only
      }
    },
    [storageKey],
  );
  return [chosen, choose];
}
