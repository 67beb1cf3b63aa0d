import { useSearchParams } from 'react-router';
import { useState } from 'react';
import { Alert, Card, Tabs, Typography } from 'antd';
import { LoadError } from '../../app/Guards.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { useMe } from '../auth/useMe.ts';
import { SubmissionTable } from './SubmissionTables.tsx';
import { useSubmissions } from './useReview.ts';

const pageSize = 50;

function SubmissionList({ status }: { status: 'pending' | 'refused' }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const list = useSubmissions(status, page, pageSize);
  if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  const projectsTotal = list.data?.projectsTotal ?? 0;
  const leadsTotal = list.data?.leadsTotal ?? 0;
  return (
    <>
      {projectsTotal + leadsTotal > 0 ? (
        <Typography.Paragraph type="secondary" data-testid="review-totals">
          {t('review.totals', { projects: projectsTotal, leads: leadsTotal })}
        </Typography.Paragraph>
      ) : null}
      <SubmissionTable
        projects={list.data?.projects ?? []}
        leads={list.data?.leads ?? []}
        loading={list.isFetching}
        empty={status === 'pending' ? t('review.emptyPending') : t('review.emptyRefused')}
        // Each page holds up to pageSize of each kind (projects, then leads): as many pages as the longer
        // list needs. The table is told twice the size so that it shows the page's rows as they come.
        pagination={{
          current: page,
          pageSize: 2 * pageSize,
          total: 2 * Math.max(projectsTotal, leadsTotal),
          showSizeChanger: false,
          showTotal: () => null,
          onChange: setPage,
        }}
      />
    </>
  );
}

/** 报送审核: the coordination group approves or returns what units submit; a unit follows its own. */
export function ReviewQueuePage() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') === 'refused' ? 'refused' : 'pending';
  return (
    <Card title={t('review.title')}>
      {me?.role === 'unit_staff' ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('review.unitHelp')} />
      ) : null}
      <Tabs
        activeKey={status}
        onChange={(key) => setParams({ status: key }, { replace: true })}
        items={[
          { key: 'pending', label: t('review.pending'), children: <SubmissionList status="pending" /> },
          { key: 'refused', label: t('review.refused'), children: <SubmissionList status="refused" /> },
        ]}
      />
    </Card>
  );
}
