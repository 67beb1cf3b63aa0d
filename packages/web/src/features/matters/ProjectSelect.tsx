import { useState } from 'react';
import { Select } from 'antd';
import { useI18n } from '../../i18n/useT.ts';
import { useLibrary } from '../projects/useProjects.ts';

interface ProjectSelectProps {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null, project?: { id: string; unitId: string }) => void;
  /** Unit staff pick among their own unit's projects. */
  unitId?: string;
  /** A district's projects (a city raising a matter down to it). */
  tenantId?: string;
}

/** A project picked by name, searched in the library on the server. */
export function ProjectSelect({ id, value, onChange, unitId, tenantId }: ProjectSelectProps) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  // The chosen project keeps its label while the search shows others.
  const [chosen, setChosen] = useState<{ id: string; name: string; unitId: string } | null>(null);
  // A city's library spans its districts: a district's projects are those of its tenant.
  const library = useLibrary({ q: q.trim() || undefined, unitId, page: 1, pageSize: tenantId ? 100 : 20 });
  const found = (library.data?.items ?? []).filter((p) => !tenantId || p.tenantId === tenantId);
  const items = chosen && !found.some((p) => p.id === chosen.id) ? [chosen, ...found] : found;
  return (
    <Select<string>
      id={id}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={t('matters.projectSearch')}
      loading={library.isFetching}
      value={value ?? undefined}
      onChange={(next) => {
        const project = items.find((p) => p.id === next);
        setChosen(project ?? null);
        onChange?.(next ?? null, project ? { id: project.id, unitId: project.unitId } : undefined);
      }}
      options={items.map((p) => ({ value: p.id, label: p.name }))}
    />
  );
}
