import { Space, Tag } from 'antd';
import type { Inspection } from '../../api/coordination-types.ts';
import { useI18n } from '../../i18n/useT.ts';
import { OverdueTag } from '../coordination/LoopTags.tsx';

export function InspectionStatusTag({ inspection }: { inspection: Inspection }) {
  const { t } = useI18n();
  return (
    <Tag color={inspection.status === 'done' ? 'success' : 'processing'}>
      {t(`inspectionStatus.${inspection.status}`)}
    </Tag>
  );
}

/** 整改: none, pending (with its deadline and overdue days) or done. */
export function RectificationTag({ inspection }: { inspection: Inspection }) {
  const { t } = useI18n();
  const { rectification } = inspection;
  if (inspection.status !== 'done') return <span>{t('common.none')}</span>;
  const color = { none: 'default', pending: 'warning', done: 'success' }[rectification.status];
  return (
    <Space size={4} wrap={false}>
      <Tag color={color}>{t(`rectification.${rectification.status}`)}</Tag>
      {rectification.status === 'pending' && rectification.dueOn ? <span>{rectification.dueOn}</span> : null}
      <OverdueTag days={rectification.daysOverdue} />
    </Space>
  );
}
