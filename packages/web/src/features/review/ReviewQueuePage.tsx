import { useSearchParams } from 'react-router';
import { Alert, Card, Tabs } from 'antd';
import { LoadError } from '../../app/Guards.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { useMe } from '../auth/useMe.ts';
import { SubmissionTable } from './SubmissionTables.tsx';
import { useSubmissions } from './useReview.ts';

function SubmissionList({ status }: { status: 'pending' | 'refused' }) {
  const { t } = useI18n();
  const list = useSubmissions(status);
  if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <SubmissionTable
      projects={list.data?.projects ?? []}
      leads={list.data?.leads ?? []}
      loading={list.isFetching}
      empty={status === 'pending' ? t('review.emptyPending') : t('review.emptyRefused')}
    />
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
