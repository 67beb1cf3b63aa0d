import { Link } from 'react-router';
import { Table, type TableColumnsType, type TablePaginationConfig } from 'antd';
import { toShanghaiDate } from '@landfall/domain';
import type { Lead, Project } from '../../api/library-types.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useMe } from '../auth/useMe.ts';
import { useUnits } from '../units/useUnits.ts';
import { ReviewActions } from './ReviewActions.tsx';
import { ReviewTag } from './ReviewTag.tsx';

interface Row {
  type: 'project' | 'lead';
  id: string;
  name: string;
  unitId: string;
  date: string;
  record: Project | Lead;
}

/** Projects and leads under review (or refused) as one table: name, unit, date, reason, and the decision. */
export function SubmissionTable({
  projects,
  leads,
  loading,
  empty,
  pagination,
}: {
  projects: Project[];
  leads: Lead[];
  loading: boolean;
  empty: string;
  /** Server pages (the page's rows are this page of each list); none: every row given. */
  pagination?: TablePaginationConfig;
}) {
  const { t } = useI18n();
  const { data: me } = useMe();
  const units = useUnits(me?.tenantId);
  const rows: Row[] = [
    ...projects.map((p) => ({
      type: 'project' as const,
      id: p.id,
      name: p.name,
      unitId: p.unitId,
      date: toShanghaiDate(new Date(p.createdAt)),
      record: p,
    })),
    ...leads.map((l) => ({
      type: 'lead' as const,
      id: l.id,
      name: l.title,
      unitId: l.unitId,
      date: l.reportedOn,
      record: l,
    })),
  ];
  const columns: TableColumnsType<Row> = [
    {
      title: t('review.name'),
      key: 'name',
      render: (_v, row) => (
        <Link to={row.type === 'project' ? `/projects/${row.id}` : `/leads/${row.id}`}>{row.name}</Link>
      ),
    },
    {
      title: t('review.kind'),
      key: 'kind',
      render: (_v, row) => (
        <>
          {row.type === 'project' ? t('review.projects') : t('review.leads')}{' '}
          <ReviewTag record={row.record} />
        </>
      ),
    },
    {
      title: t('review.unit'),
      key: 'unit',
      render: (_v, row) => units.data?.find((u) => u.id === row.unitId)?.name ?? t('common.none'),
    },
    { title: t('review.date'), key: 'date', render: (_v, row) => row.date },
    {
      title: t('review.reason'),
      key: 'reason',
      render: (_v, row) => row.record.reviewReason || t('common.none'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, row) => <ReviewActions type={row.type} record={row.record} name={row.name} size="small" />,
    },
  ];
  return (
    <Table<Row>
      rowKey={(row) => `${row.type}-${row.id}`}
      size="middle"
      loading={loading}
      columns={columns}
      dataSource={rows}
      pagination={pagination ? { ...pagination, hideOnSinglePage: true } : false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: empty }}
    />
  );
}
