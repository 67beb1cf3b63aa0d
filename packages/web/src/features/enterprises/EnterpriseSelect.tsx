import { useState } from 'react';
import { Select } from 'antd';
import { useQueries } from '@tanstack/react-query';
import { getEnterprise } from '../../api/enterprises.ts';
import { useI18n } from '../../i18n/useT.ts';
import { enterprisesKey, useEnterprises } from './useEnterprises.ts';

interface Known {
  id: string;
  name: string;
}

type EnterpriseSelectProps = {
  id?: string;
  /** Names of enterprises already chosen, so they show without a lookup. */
  known?: Known[];
  placeholder?: string;
} & (
  | { mode: 'multiple'; value?: string[]; onChange?: (value: string[]) => void }
  | { mode?: undefined; value?: string | null; onChange?: (value: string | null) => void }
);

/** Picks enterprises of the library by name; the server searches substrings ("三雄" finds 三雄极光). */
export function EnterpriseSelect(props: EnterpriseSelectProps) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const found = useEnterprises({ q: search.trim() || undefined, pageSize: 30 });
  const chosen = props.mode === 'multiple' ? (props.value ?? []) : props.value ? [props.value] : [];
  const knownIds = new Set([...(props.known ?? []), ...(found.data?.items ?? [])].map((item) => item.id));
  const missing = chosen.filter((id) => !knownIds.has(id));
  const lookups = useQueries({
    queries: missing.map((id) => ({
      queryKey: [...enterprisesKey, 'one', id],
      queryFn: () => getEnterprise(id),
      staleTime: 60_000,
    })),
  });

  const lookedUp = lookups.flatMap((lookup) => (lookup.data ? [lookup.data] : []));
  const byId = new Map<string, string>();
  for (const item of [...(props.known ?? []), ...lookedUp, ...(found.data?.items ?? [])]) {
    byId.set(item.id, item.name);
  }
  const options = [...byId].map(([value, label]) => ({ value, label }));

  const common = {
    id: props.id,
    showSearch: { filterOption: false, onSearch: setSearch },
    allowClear: true,
    loading: found.isFetching,
    options,
    placeholder: props.placeholder ?? t('enterprises.searchInvestors'),
    onBlur: () => setSearch(''),
  };
  if (props.mode === 'multiple') {
    const onChange = props.onChange;
    return (
      <Select<string[]>
        {...common}
        mode="multiple"
        value={props.value}
        onChange={(v) => onChange?.(v ?? [])}
      />
    );
  }
  const onChange = props.onChange;
  return (
    <Select<string | null> {...common} value={props.value ?? null} onChange={(v) => onChange?.(v ?? null)} />
  );
}
