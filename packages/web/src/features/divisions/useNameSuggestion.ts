import { useCallback, useRef } from 'react';
import type { FormInstance } from 'antd';
import type { DivisionOption } from './DivisionCascader.tsx';

/** The chosen division's own name, skipping the 市辖区/县 grouping rows of the municipalities. */
export function divisionName(chosen: DivisionOption[]): string | undefined {
  const named = chosen.filter((option) => option.label !== '市辖区' && option.label !== '县');
  return named.at(-1)?.label;
}

/**
 * Fills a name field from the chosen division while the field is empty or still
 * holds the previous suggestion; once the user types their own name it is kept.
 */
export function useNameSuggestion(form: FormInstance, field: string): (chosen: DivisionOption[]) => void {
  const lastSuggestion = useRef<string>(undefined);
  return useCallback(
    (chosen: DivisionOption[]) => {
      const suggestion = divisionName(chosen);
      const current: unknown = form.getFieldValue(field);
      if (!suggestion || (current && current !== lastSuggestion.current)) return;
      lastSuggestion.current = suggestion;
      form.setFields([{ name: field, value: suggestion, errors: [] }]);
    },
    [form, field],
  );
}
