import { Progress, Space, Typography } from 'antd';
import { useI18n } from '../../i18n/useT.ts';
import { progressPercent } from './importDraft.ts';
import { useImportProgress } from './useImports.ts';

/**
 * The bar under a running preview or commit: the progress the server streams with its answer
 * (rows of the known total, else the share of the file read); until the first figure arrives
 * the bar runs without a percentage.
 */
export function ImportProgress({ batchId, phase }: { batchId: string; phase: 'preview' | 'commit' }) {
  const { t } = useI18n();
  const progress = useImportProgress(batchId);
  const rows = progress.data?.rows ?? 0;
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }} data-testid="import-progress">
      <Typography.Text>
        {t(phase === 'commit' ? 'imports.committing' : 'imports.previewing')}
        {rows > 0 ? ` ${t('imports.rowsDone', { n: rows })}` : ''}
      </Typography.Text>
      <Progress
        percent={progressPercent(progress.data)}
        showInfo={!!progress.data}
        status="active"
        aria-label={t('imports.progress')}
      />
    </Space>
  );
}
