import { useState } from 'react';
import { App, Button, Popconfirm, Space } from 'antd';
import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { reviewDecisionSchema, type ReviewStatus } from '@landfall/domain';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useCan } from '../auth/useMe.ts';
import { TextActionModal } from '../coordination/TextActionModal.tsx';
import { useReviewSubmission } from './useReview.ts';

interface ReviewActionsProps {
  type: 'project' | 'lead';
  record: { id: string; reviewStatus: ReviewStatus };
  name: string;
  size?: 'small';
}

/** The coordination group's 通过 (confirmed) and 退回 (with a reason) on a pending submission. */
export function ReviewActions({ type, record, name, size }: ReviewActionsProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const reportError = useReportError();
  const review = useReviewSubmission();
  const [refusing, setRefusing] = useState(false);
  if (!can('review.decide') || record.reviewStatus !== 'pending') return null;
  return (
    <>
      <Space size={4}>
        <Popconfirm
          title={t('review.approveConfirm', { name })}
          onConfirm={() =>
            review.mutate(
              { type, id: record.id, input: { decision: 'approve', reason: '' } },
              {
                onSuccess: () => void message.success(t('review.approvedDone')),
                onError: (error) => reportError(error),
              },
            )
          }
        >
          <Button
            size={size}
            type="primary"
            icon={<CheckOutlined />}
            aria-label={`${t('review.approve')}：${name}`}
          >
            {t('review.approve')}
          </Button>
        </Popconfirm>
        <Button
          size={size}
          danger
          icon={<RollbackOutlined />}
          aria-label={`${t('review.refuse')}：${name}`}
          onClick={() => setRefusing(true)}
        >
          {t('review.refuse')}
        </Button>
      </Space>
      <TextActionModal
        open={refusing}
        name="reviewRefuse"
        title={t('review.refuseTitle', { name })}
        label={t('review.reason')}
        okText={t('review.refuse')}
        maxLength={500}
        schema={reviewDecisionSchema.shape.reason}
        onClose={() => setRefusing(false)}
        onSubmit={async (reason) => {
          await review.mutateAsync({ type, id: record.id, input: { decision: 'refuse', reason } });
          void message.success(t('review.refusedDone'));
        }}
      />
    </>
  );
}
