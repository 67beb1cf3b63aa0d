import { useCallback, useMemo, useState } from 'react';
import type { Allocation, MetricUnitKind } from '@landfall/domain';
import { useI18n } from '../../i18n/useT.ts';
import {
  allocationToTexts,
  parseAllocation,
  type AllocationNode,
  type AllocationTexts,
  type ParsedAllocation,
} from './allocationModel.ts';

export interface AllocationForm {
  texts: AllocationTexts;
  parsed: ParsedAllocation;
  setText: (key: string, text: string) => void;
  /** Starts again from an allocation (after a stale version, or to discard edits). */
  reset: (allocation: Allocation) => void;
}

/** The typed breakdown and its live check: parsed exactly and run through the domain's checkAllocation. */
export function useAllocationForm(
  initial: Allocation,
  root: AllocationNode,
  kind: MetricUnitKind,
): AllocationForm {
  const { locale } = useI18n();
  const [texts, setTexts] = useState<AllocationTexts>(() => allocationToTexts(initial, kind));
  const parsed = useMemo(() => parseAllocation(root, texts, kind, locale), [root, texts, kind, locale]);
  const setText = useCallback(
    (key: string, text: string) => setTexts((current) => ({ ...current, [key]: text })),
    [],
  );
  const reset = useCallback(
    (allocation: Allocation) => setTexts(allocationToTexts(allocation, kind)),
    [kind],
  );
  return { texts, parsed, setText, reset };
}
