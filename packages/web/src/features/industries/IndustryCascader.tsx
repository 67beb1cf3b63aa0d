import { useCallback, useEffect, useMemo, useState } from 'react';
import { Cascader } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { Industry } from '../../api/library-types.ts';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/useT.ts';
import { fetchIndustryChildren, industryPath } from './useIndustries.ts';

interface IndustryOption {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: IndustryOption[];
}

interface IndustryCascaderProps {
  id?: string;
  /** A GB/T 4754-2017 code of any level (section letter, 2, 3 or 4 digits). */
  value?: string | null;
  onChange?: (code: string | null) => void;
  placeholder?: string;
  style?: React.CSSProperties;
}

const rootKey = '';

function buildOptions(loaded: Record<string, Industry[]>, parent: string): IndustryOption[] {
  return (loaded[parent] ?? []).map((industry) => {
    const children = loaded[industry.code];
    return {
      value: industry.code,
      label: industry.level === 'section' ? industry.name : `${industry.code} ${industry.name}`,
      isLeaf: industry.level === 'class' || (children !== undefined && children.length === 0),
      children: children && children.length > 0 ? buildOptions(loaded, industry.code) : undefined,
    };
  });
}

/** GB/T 4754-2017 picker: section → division → group → class, loaded a level at a time; any level may be chosen. */
export function IndustryCascader({ id, value, onChange, placeholder, style }: IndustryCascaderProps) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const reportError = useReportError();
  const [loaded, setLoaded] = useState<Record<string, Industry[]>>({});
  const [path, setPath] = useState<string[]>([]);

  const load = useCallback(
    async (parents: string[]) => {
      const lists = await Promise.all(
        parents.map((parent) => fetchIndustryChildren(queryClient, parent || undefined)),
      );
      setLoaded((current) => {
        const next = { ...current };
        parents.forEach((parent, index) => (next[parent] = lists[index] ?? []));
        return next;
      });
    },
    [queryClient],
  );

  // A value set from outside: find its path and load the columns above it.
  useEffect(() => {
    let live = true;
    (async () => {
      const nextPath = value ? await industryPath(queryClient, value) : [];
      await load([rootKey, ...nextPath.slice(0, -1)]);
      if (live) setPath(nextPath);
    })().catch((error: unknown) => live && reportError(error));
    return () => {
      live = false;
    };
  }, [queryClient, value, load, reportError]);

  const options = useMemo(() => buildOptions(loaded, rootKey), [loaded]);

  return (
    <Cascader<IndustryOption>
      id={id}
      options={options}
      value={path.length > 0 ? path : undefined}
      loadData={(chosen) => {
        const target = chosen.at(-1);
        if (!target || loaded[target.value]) return;
        load([target.value]).catch(reportError);
      }}
      onChange={(next) => {
        const codes = (next ?? []).map(String);
        setPath(codes);
        onChange?.(codes.at(-1) ?? null);
      }}
      changeOnSelect
      allowClear
      showSearch={false}
      placeholder={placeholder ?? t('projects.filterIndustry')}
      style={{ width: '100%', ...style }}
      displayRender={(labels) => String(labels.at(-1) ?? '')}
    />
  );
}
