import { lazy, Suspense, useState } from 'react';
import { Button, Card, Segmented, Space } from 'antd';
import { AppstoreOutlined, PlusOutlined, TableOutlined } from '@ant-design/icons';
import type { Stage } from '@landfall/domain';
import type { LibraryItem } from '../../api/library-types.ts';
import { LoadError } from '../../app/Guards.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { useCan, useCanOnUnit, useMe } from '../auth/useMe.ts';
import { useGroups } from '../groups/useGroups.ts';
import { useUnits } from '../units/useUnits.ts';
import { AsOfBanner, AsOfPicker, KnownOnPicker } from './AsOf.tsx';
import { LedgerExportButton } from './LedgerExportButton.tsx';
import { ProjectFilters } from './ProjectFilters.tsx';
import { ProjectKanban } from './ProjectKanban.tsx';
import { ProjectTable } from './ProjectTable.tsx';
import { asOfSearch, useAsOf, useClearAsOf, useKnownOn } from './useAsOf.ts';
import { useLibraryParams, type LibraryView } from './useLibraryParams.ts';
import { useLibrary, useLibraryTenants } from './useProjects.ts';

// The forms are fetched when first opened: they bring the cascaders, the upload and the schemas (first-load budget).
const ProjectCreateModal = lazy(() =>
  import('./ProjectFormModal.tsx').then((module) => ({ default: module.ProjectCreateModal })),
);
const StageMoveModal = lazy(() =>
  import('./StageMoveModal.tsx').then((module) => ({ default: module.StageMoveModal })),
);

/** 项目库: the filtered library as a server-paged table or a kanban by stage, optionally as of a past date. */
export function ProjectListPage() {
  const { t } = useI18n();
  const can = useCan();
  const canOnUnit = useCanOnUnit();
  const { data: me } = useMe();
  const params = useLibraryParams();
  const [asOf, setAsOf] = useAsOf();
  const [knownOn, setKnownOn] = useKnownOn();
  const clearAsOf = useClearAsOf();
  const past = !!asOf || !!knownOn;
  const units = useUnits(me?.tenantId);
  const groups = useGroups(me?.tenantId);
  const [creating, setCreating] = useState(false);
  const [moving, setMoving] = useState<{ item: LibraryItem; to: Stage } | null>(null);

  const kanban = params.view === 'kanban';
  const { page: _page, pageSize: _pageSize, ...filters } = params.query;
  // The table pages the library; the kanban's columns page each stage on their own.
  const library = useLibrary({ ...params.query, asOf, knownOn }, !kanban);
  // A city's or province's library spans its districts: a 区县 filter, column and card line.
  const tenants = useLibraryTenants().data ?? [];
  const districts = tenants.length > 1 ? tenants : [];
  const linkSearch = asOfSearch(asOf, knownOn);
  const unitList = units.data ?? [];
  const groupList = groups.data ?? [];

  if (library.isError && !library.data) {
    return <LoadError error={library.error} onRetry={() => void library.refetch()} />;
  }
  return (
    <Card
      title={t('projects.title')}
      extra={
        <Space wrap>
          <AsOfPicker value={asOf} onChange={setAsOf} />
          <KnownOnPicker value={knownOn} onChange={setKnownOn} />
          <Segmented<LibraryView>
            value={params.view}
            onChange={(view) => params.update({ view })}
            options={[
              { value: 'table', label: t('projects.viewTable'), icon: <TableOutlined /> },
              { value: 'kanban', label: t('projects.viewKanban'), icon: <AppstoreOutlined /> },
            ]}
          />
          {can('export.ledger') ? <LedgerExportButton query={{ ...params.query, asOf, knownOn }} /> : null}
          {can('project.create') && !past ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('projects.create')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <AsOfBanner asOf={asOf} knownOn={knownOn} onClear={clearAsOf} />
      <ProjectFilters
        params={params}
        units={unitList}
        groups={groupList}
        showUnit={me?.role !== 'unit_staff'}
        districts={districts}
      />
      {kanban ? (
        <ProjectKanban
          query={{ ...filters, asOf, knownOn }}
          units={unitList}
          showDistrict={districts.length > 0}
          linkSearch={linkSearch}
          canMove={(item) =>
            // Writes stay each tenant's: a city reads its districts' projects, their units move them.
            !past && item.tenantId === me?.tenantId && canOnUnit('project.moveStage', item.unitId)
          }
          onMove={(item, to) => setMoving({ item, to })}
        />
      ) : (
        <ProjectTable
          params={params}
          page={library.data}
          loading={library.isFetching}
          units={unitList}
          groups={groupList}
          showDistrict={districts.length > 0}
          linkSearch={linkSearch}
        />
      )}
      <Suspense fallback={null}>
        {creating ? <ProjectCreateModal open onClose={() => setCreating(false)} /> : null}
        {moving ? (
          <StageMoveModal project={moving.item} to={moving.to} onClose={() => setMoving(null)} />
        ) : null}
      </Suspense>
    </Card>
  );
}
