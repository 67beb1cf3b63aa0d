import { Alert, Tag, Tooltip } from 'antd';
import type { ReviewStatus } from '@landfall/domain';
import { useI18n } from '../../i18n/useT.ts';

interface Reviewed {
  reviewStatus: ReviewStatus;
  reviewReason: string;
}

/** 待审核 / 已退回 (with the reason on hover); nothing once approved. */
export function ReviewTag({ record }: { record: Reviewed }) {
  const { t } = useI18n();
  if (record.reviewStatus === 'pending') {
    return (
      <Tag color="gold" data-testid="review-tag">
        {t('review.pending')}
      </Tag>
    );
  }
  if (record.reviewStatus === 'refused') {
    return (
      <Tooltip title={record.reviewReason}>
        <Tag color="red" data-testid="review-tag">
          {t('review.refused')}
        </Tag>
      </Tooltip>
    );
  }
  return null;
}

/** The same, spelled out on a record's page: what pending means, or why it was refused. */
export function ReviewBanner({ record }: { record: Reviewed }) {
  const { t } = useI18n();
  if (record.reviewStatus === 'approved') return null;
  const refused = record.reviewStatus === 'refused';
  return (
    <Alert
      type={refused ? 'error' : 'warning'}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="review-banner"
      title={refused ? t('review.refusedBanner', { reason: record.reviewReason }) : t('review.pendingBanner')}
    />
  );
}
