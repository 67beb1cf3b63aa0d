import { Empty, Space, Typography } from 'antd';
import type { Reminder } from '../../api/coordination-types.ts';
import { useI18n } from '../../i18n/useT.ts';

/** 催办记录: the reminders issued on a matter or task, oldest first. */
export function ReminderList({ reminders }: { reminders: Reminder[] }) {
  const { t } = useI18n();
  if (reminders.length === 0) return <Empty description={t('loop.noReminders')} />;
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {reminders.map((r) => (
        <div key={r.id} data-testid="reminder">
          <Typography.Text>
            {t('loop.reminderLine', {
              date: r.issuedOn,
              actor: r.actorName,
              deadline: r.deadline,
              n: r.daysOverdue,
            })}
          </Typography.Text>
          {r.note ? <Typography.Paragraph type="secondary">{r.note}</Typography.Paragraph> : null}
        </div>
      ))}
    </Space>
  );
}
