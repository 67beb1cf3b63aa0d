import { Link } from 'react-router';
import { Button, Progress, Result, Space } from 'antd';
import type { ImportSummary } from '../../api/imports.ts';
import { useI18n } from '../../i18n/useT.ts';
import { SummaryCards } from './SummaryCards.tsx';

/** 导入完成: the counts, the full bar, and the way to the library. */
export function ImportResult({
  filename,
  summary,
  onAgain,
}: {
  filename: string;
  summary: ImportSummary;
  onAgain: () => void;
}) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="import-done">
      <Progress percent={100} status="success" aria-label={t('imports.progress')} />
      <Result
        status="success"
        title={t('imports.done', { filename })}
        subTitle={t('imports.doneCounts', {
          rows: summary.rows,
          created: summary.projects.created,
          updated: summary.projects.updated,
          unchanged: summary.projects.unchanged,
          funding: summary.fundingRecords,
          cutOff: summary.cutOff,
        })}
        extra={[
          <Link key="library" to="/projects">
            <Button type="primary">{t('imports.openLibrary')}</Button>
          </Link>,
          <Button key="again" onClick={onAgain}>
            {t('imports.again')}
          </Button>,
        ]}
      />
      <SummaryCards summary={summary} />
    </Space>
  );
}
