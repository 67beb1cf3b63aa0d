import { Link } from 'react-router';
import { Table, type TableColumnsType, type TablePaginationConfig } from 'antd';
import { blockerKindLabels, stageLabels } from '@landfall/domain';
import type { Matter } from '../../api/coordination-types.ts';
import { useI18n } from '../../i18n/useT.ts';
import { Deadline } from '../coordination/LoopTags.tsx';
import { MatterLevelTag, MatterStatusTag, RaisedDownTag } from './MatterTags.tsx';

interface MatterTableProps {
  matters: Matter[];
  loading: boolean;
  pagination: TablePaginationConfig | false;
  /** On a project's page: no project column. */
  showProject?: boolean;
  /** A city's list spans its districts: a 区县 column. */
  showTenant?: boolean;
}

/** Matters as rows; an overdue one is highlighted and says by how many days. */
export function MatterTable({
  matters,
  loading,
  pagination,
  showProject = true,
  showTenant = false,
}: MatterTableProps) {
  const { t, locale } = useI18n();
  const columns: TableColumnsType<Matter> = [
    ...(showTenant
      ? [
          {
            title: t('matters.district'),
            key: 'tenant',
            render: (_v: unknown, m: Matter) => <span data-testid="matter-district">{m.tenantName}</span>,
          },
        ]
      : []),
    {
      title: t('matters.titleField'),
      key: 'title',
      render: (_v, m) => (
        <>
          <Link to={`/matters/${m.id}`}>{m.title}</Link> <RaisedDownTag tenantName={m.raisedByTenantName} />
        </>
      ),
    },
    {
      title: t('loop.deadline'),
      key: 'deadline',
      render: (_v, m) => <Deadline date={m.deadline} daysOverdue={m.daysOverdue} />,
    },
    { title: t('matters.level'), key: 'level', render: (_v, m) => <MatterLevelTag level={m.level} /> },
    { title: t('matters.status'), key: 'status', render: (_v, m) => <MatterStatusTag status={m.status} /> },
    ...(showProject
      ? [
          {
            title: t('matters.project'),
            key: 'project',
            render: (_v: unknown, m: Matter) =>
              m.projectId ? <Link to={`/projects/${m.projectId}`}>{m.projectName}</Link> : t('common.none'),
          },
        ]
      : []),
    { title: t('matters.unit'), key: 'unit', render: (_v, m) => m.unitName },
    { title: t('matters.ownerUnit'), key: 'owner', render: (_v, m) => m.ownerUnitName },
    {
      title: t('matters.blockerKind'),
      key: 'blocker',
      render: (_v, m) => blockerKindLabels[m.blockerKind][locale],
    },
    {
      title: t('matters.blocksStage'),
      key: 'stage',
      render: (_v, m) => (m.blocksStage ? stageLabels[m.blocksStage][locale] : t('common.none')),
    },
    { title: t('matters.raisedOn'), key: 'raisedOn', render: (_v, m) => m.raisedOn },
  ];
  return (
    <Table<Matter>
      rowKey="id"
      size="middle"
      loading={loading}
      columns={columns}
      dataSource={matters}
      scroll={{ x: 'max-content' }}
      rowClassName={(m) => (m.overdue ? 'row-overdue' : '')}
      locale={{ emptyText: t('matters.empty') }}
      pagination={pagination}
    />
  );
}
