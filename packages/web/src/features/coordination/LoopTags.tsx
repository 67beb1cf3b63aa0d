import { Space, Tag } from 'antd';
import { useI18n } from '../../i18n/useT.ts';

/** 逾期 N 天, in red; nothing when not overdue. */
export function OverdueTag({ days }: { days: number }) {
  const { t } = useI18n();
  if (days <= 0) return null;
  return (
    <Tag color="red" data-testid="overdue-tag">
      {t('loop.overdueDays', { n: days })}
    </Tag>
  );
}

/** A deadline with its overdue tag. */
export function Deadline({ date, daysOverdue }: { date: string; daysOverdue: number }) {
  return (
    <Space size={4} wrap={false}>
      <span>{date}</span>
      <OverdueTag days={daysOverdue} />
    </Space>
  );
}
