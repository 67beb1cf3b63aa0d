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
}

/** A project picked by name, searched in the library on the server. */
export function ProjectSelect({ id, value, onChange, unitId }: ProjectSelectProps) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  // The chosen project keeps its label while the search shows others.
  const [chosen, setChosen] = useState<{ id: string; name: string; unitId: string } | null>(null);
  const library = useLibrary({ q: q.trim() || undefined, unitId, page: 1, pageSize: 20 });
  const found = library.data?.items ?? [];
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
