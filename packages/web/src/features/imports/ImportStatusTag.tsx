import { Tag } from 'antd';
import type { ImportStatus } from '../../api/imports.ts';
import { useI18n } from '../../i18n/useT.ts';

const colors: Record<ImportStatus, string> = {
  uploaded: 'default',
  previewed: 'processing',
  committed: 'success',
};

export function ImportStatusTag({ status }: { status: ImportStatus }) {
  const { t } = useI18n();
  return <Tag color={colors[status]}>{t(`imports.status.${status}`)}</Tag>;
}
