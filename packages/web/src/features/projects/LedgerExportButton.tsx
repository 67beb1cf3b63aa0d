import { Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { exportLedger } from '../../api/exports.ts';
import type { LibraryQuery } from '../../api/projects.ts';
import { useDownload } from '../../components/useDownload.ts';
import { useI18n } from '../../i18n/useT.ts';

/** 导出台账: the 推进台账 .xlsx of the projects the library shows (its filters and as-of date). */
export function LedgerExportButton({ query }: { query: LibraryQuery }) {
  const { t } = useI18n();
  const download = useDownload(exportLedger, 'ledger.xlsx');
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={download.isPending}
      onClick={() => download.mutate(query)}
      data-testid="export-ledger"
    >
      {t('exports.ledger')}
    </Button>
  );
}
