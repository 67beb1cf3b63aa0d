import { useState } from 'react';
import { Link } from 'react-router';
import { Badge, Button, Empty, Popover, Space, Tag, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import type { Notification, NotificationKind } from '../../api/coordination-types.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useCan } from '../auth/useMe.ts';
import { recordPath } from '../meetings/meetingBody.ts';
import { useNotifications } from './useNotifications.ts';

const kindColors: Partial<Record<NotificationKind, string>> = {
  matter_overdue: 'red',
  task_overdue: 'red',
  reminder: 'volcano',
  matter_for_decision: 'magenta',
  matter_escalated: 'orange',
  review: 'gold',
  review_refused: 'red',
  meeting: 'blue',
};

function NotificationItem({ item, onOpen }: { item: Notification; onOpen: () => void }) {
  const { t } = useI18n();
  return (
    <Link to={recordPath(item.link.type, item.link.id)} onClick={onOpen} data-testid="bell-item">
      <Space orientation="vertical" size={0}>
        <Space size={4} wrap>
          <Tag color={item.overdue ? 'red' : (kindColors[item.kind] ?? 'default')}>
            {t(`bellKind.${item.kind}`)}
          </Tag>
          <Typography.Text>{item.title}</Typography.Text>
        </Space>
        {item.dueOn ? (
          <Typography.Text type={item.overdue ? 'danger' : 'secondary'}>
            {item.kind === 'meeting'
              ? t('bell.on', { date: item.dueOn })
              : t('bell.due', { date: item.dueOn })}
          </Typography.Text>
        ) : null}
      </Space>
    </Link>
  );
}

/** The bell in the header: how many things await the user, and a list that leads to each. */
export function NotificationBell() {
  const { t } = useI18n();
  const can = useCan();
  const [open, setOpen] = useState(false);
  const notifications = useNotifications(can('notification.read'));
  if (!can('notification.read')) return null;
  const items = notifications.data?.items ?? [];
  const count = notifications.data?.count ?? 0;
  const content = (
    <div className="bell-list" data-testid="bell-list">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bell.empty')} />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {items.map((item, i) => (
            <NotificationItem
              key={`${item.kind}-${item.link.id}-${i}`}
              item={item}
              onOpen={() => setOpen(false)}
            />
          ))}
        </Space>
      )}
    </div>
  );
  return (
    <Popover
      content={content}
      title={t('bell.label')}
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
    >
      <Button type="text" aria-label={t('bell.count', { n: count })} data-testid="bell">
        <Badge count={count} size="small" overflowCount={99}>
          <BellOutlined />
        </Badge>
      </Button>
    </Popover>
  );
}
