import { useEffect, useState } from 'react';
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
}

function toOption(division: Division): DivisionOption {
  return { value: division.code, label: division.name, isLeaf: division.level === 'county' };
}

function fetchChildren(queryClient: QueryClient, parent: string | undefined): Promise<DivisionOption[]> {
  return queryClient
    .fetchQuery({
      queryKey: ['divisions', parent ?? ''],
      queryFn: () => listDivisions(parent),
      staleTime: Infinity,
    })
    .then((divisions) => divisions.map(toOption));
}

function withChildren(options: DivisionOption[], code: string, children: DivisionOption[]): DivisionOption[] {
  return options.map((option) => {
    if (option.value === code) {
      return children.length === 0 ? { ...option, isLeaf: true } : { ...option, children };
    }
    return option.children ? { ...option, children: withChildren(option.children, code, children) } : option;
  });
}

/** GB/T 2260 picker: province → city → county, loaded a level at a time; any level may be chosen. */
export function DivisionCascader({ id, value, onChange, rootCode, placeholder }: DivisionCascaderProps) {
  const queryClient = useQueryClient();
  const reportError = useReportError();
  const [options, setOptions] = useState<DivisionOption[]>([]);

  useEffect(() => {
    let live = true;
    fetchChildren(queryClient, rootCode).then(
      (roots) => live && setOptions(roots),
      (error: unknown) => live && reportError(error),
    );
    return () => {
      live = false;
    };
  }, [queryClient, rootCode, reportError]);

  async function loadData(chosen: DivisionOption[]) {
    const target = chosen.at(-1);
    if (!target || target.children) return;
    try {
      const children = await fetchChildren(queryClient, target.value);
      setOptions((current) => withChildren(current, target.value, children));
    } catch (error) {
      reportError(error);
    }
  }

  return (
    <Cascader<DivisionOption>
      id={id}
      options={options}
      value={value}
      loadData={(chosen) => void loadData(chosen)}
      onChange={(next, chosen) => onChange?.((next ?? []).map(String), chosen ?? [])}
      changeOnSelect
      placeholder={placeholder}
      style={{ width: '100%' }}
      displayRender={(labels) => labels.join(' / ')}
    />
  );
}
