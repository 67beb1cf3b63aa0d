import { useCallback, useEffect, useMemo, useState } from 'react';
import { Cascader } from 'antd';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { listDivisions } from '../../api/divisions.ts';
import type { Division } from '../../api/types.ts';
import { useReportError } from '../../components/useReportError.ts';

export interface DivisionOption {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: DivisionOption[];
}

interface DivisionCascaderProps {
  /** Set by Form.Item: links the label to the input. */
  id?: string;
  /** The path of codes from the top level down to the chosen division. */
  value?: string[];
  onChange?: (value: string[], chosen: DivisionOption[]) => void;
  /** Start below this division (its children are the first column); none = provinces. */
  rootCode?: string;
  placeholder?: string;
  allowClear?: boolean;
}

/** The codes from the province down to a GB/T 2260 code: 500101 → 500000, 500100, 500101. */
export function divisionPath(code: string | null | undefined): string[] {
  if (!code || !/^\d{6}$/.test(code)) return [];
  const province = `${code.slice(0, 2)}0000`;
  const city = `${code.slice(0, 4)}00`;
  if (code === province) return [province];
  if (code === city) return [province, city];
  return [province, city, code];
}

export function fetchDivisions(queryClient: QueryClient, parent: string | undefined): Promise<Division[]> {
  return queryClient.fetchQuery({
    queryKey: ['divisions', parent ?? ''],
    queryFn: () => listDivisions(parent),
    staleTime: Infinity,
  });
}

const rootKey = '';

function buildOptions(loaded: Record<string, Division[]>, parent: string): DivisionOption[] {
  return (loaded[parent] ?? []).map((division) => {
    const children = loaded[division.code];
    const isLeaf = division.level === 'county' || (children !== undefined && children.length === 0);
    return {
      value: division.code,
      label: division.name,
      isLeaf,
      children: children && children.length > 0 ? buildOptions(loaded, division.code) : undefined,
    };
  });
}

/** GB/T 2260 picker: province → city → county, loaded a level at a time; any level may be chosen. */
export function DivisionCascader(props: DivisionCascaderProps) {
  const { id, value, onChange, rootCode, placeholder, allowClear } = props;
  const queryClient = useQueryClient();
  const reportError = useReportError();
  const [loaded, setLoaded] = useState<Record<string, Division[]>>({});

  const load = useCallback(
    async (parent: string | undefined) => {
      const divisions = await fetchDivisions(queryClient, parent);
      setLoaded((current) => ({ ...current, [parent ?? rootKey]: divisions }));
    },
    [queryClient],
  );

  // The first column, and the columns above a value set from outside (an edit form).
  const pathKey = (value ?? []).slice(0, -1).join(',');
  useEffect(() => {
    let live = true;
    const parents = [rootCode, ...(pathKey ? pathKey.split(',') : [])];
    Promise.all(parents.map((parent) => fetchDivisions(queryClient, parent))).then(
      (lists) => {
        if (!live) return;
        setLoaded((current) => {
          const next = { ...current };
          parents.forEach((parent, index) => (next[parent ?? rootKey] = lists[index] ?? []));
          return next;
        });
      },
      (error: unknown) => live && reportError(error),
    );
    return () => {
      live = false;
    };
  }, [queryClient, rootCode, pathKey, reportError]);

  const options = useMemo(() => buildOptions(loaded, rootCode ?? rootKey), [loaded, rootCode]);

  return (
    <Cascader<DivisionOption>
      id={id}
      options={options}
      value={value}
      loadData={(chosen) => {
        const target = chosen.at(-1);
        if (!target || loaded[target.value]) return;
        load(target.value).catch(reportError);
      }}
      onChange={(next, chosen) => onChange?.((next ?? []).map(String), chosen ?? [])}
      changeOnSelect
      allowClear={allowClear}
      placeholder={placeholder}
      style={{ width: '100%' }}
      displayRender={(labels) => labels.join(' / ')}
    />
  );
}
