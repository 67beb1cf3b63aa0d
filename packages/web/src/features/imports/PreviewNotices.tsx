import { Alert, Button, Space } from 'antd';
import type { ImportSummary } from '../../api/imports.ts';
import { useI18n } from '../../i18n/useT.ts';
import { needsUsdRate } from './usdRate.ts';

/**
 * The preview's sentences: how its entries will be known (基线 or 补录), and what needs a person: USD amounts without a rate (with the way to the
 * 美元汇率 field), projects that will wait for 待补证据, and new projects that wait for 报送审核.
 */
export function PreviewNotices({
  summary,
  busy,
  onUsdRate,
  onShowEvidence,
}: {
  summary: ImportSummary;
  busy: boolean;
  /** Back to the settings, the cursor in 美元汇率. */
  onUsdRate: () => void;
  /** Opens the 待补证据 list. */
  onShowEvidence: () => void;
}) {
  const { t } = useI18n();
  const evidence = summary.evidencePending?.count ?? 0;
  const review = summary.projects.pendingReview ?? 0;
  const usd = needsUsdRate(summary);
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {summary.entries ? (
        <Alert
          type="info"
          showIcon
          data-testid="import-entries-notice"
          title={t(`imports.entriesChosen.${summary.entries}`)}
        />
      ) : null}
      {usd ? (
        <Alert
          type="error"
          showIcon
          data-testid="import-usd-rate-needed"
          title={t('imports.usdRateNeeded')}
          description={t('imports.usdRateNeededHelp')}
          action={
            <Button size="small" type="primary" disabled={busy} onClick={onUsdRate}>
              {t('imports.usdRateGo')}
            </Button>
          }
        />
      ) : null}
      {evidence > 0 ? (
        <Alert
          type="warning"
          showIcon
          data-testid="import-evidence-notice"
          title={t('imports.evidence.notice', { n: evidence })}
          description={t('imports.evidence.noticeHelp')}
          action={
            <Button size="small" onClick={onShowEvidence}>
              {t('imports.evidence.show')}
            </Button>
          }
        />
      ) : null}
      {review > 0 ? (
        <Alert
          type="info"
          showIcon
          data-testid="import-review-notice"
          title={t('imports.review.notice', { n: review })}
        />
      ) : null}
    </Space>
  );
}
