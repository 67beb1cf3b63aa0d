import { Link, useParams } from 'react-router';
import { Card, Col, Descriptions, Row, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { meetingKindLabels } from '@landfall/domain';
import { FullPageSpin, LoadError } from '../../app/Guards.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { Deadline, OverdueTag } from '../coordination/LoopTags.tsx';
import { ReminderList } from '../coordination/ReminderList.tsx';
import { TaskActions } from './TaskActions.tsx';
import { TaskStatusTag } from './TaskTable.tsx';
import { useTask } from './useTasks.ts';

/** 交办单: what was assigned, by which meeting's decision, to whom, by when; the result once closed. */
export function TaskDetailPage() {
  const { id } = useParams();
  const { t, locale } = useI18n();
  const detail = useTask(id);
  if (detail.isPending) return <FullPageSpin />;
  if (detail.isError) return <LoadError error={detail.error} onRetry={() => void detail.refetch()} />;
  const task = detail.data;
  const none = t('common.none');
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <Card
          title={
            <Space wrap>
              <Link to="/tasks" aria-label={t('tasks.back')}>
                <ArrowLeftOutlined />
              </Link>
              <Typography.Title level={4} style={{ margin: 0 }}>
                {task.content}
              </Typography.Title>
              <TaskStatusTag task={task} />
              <OverdueTag days={task.daysOverdue} />
            </Space>
          }
          extra={<TaskActions task={task} />}
        >
          <Descriptions
            size="small"
            bordered
            column={1}
            items={[
              { key: 'unit', label: t('tasks.unit'), children: task.unitName },
              {
                key: 'deadline',
                label: t('loop.deadline'),
                children: <Deadline date={task.deadline} daysOverdue={task.daysOverdue} />,
              },
              {
                key: 'meeting',
                label: t('tasks.meeting'),
                children: (
                  <Link to={`/meetings/${task.meetingId}?tab=decisions`}>
                    {`${task.meetingHeldOn} ${meetingKindLabels[task.meetingKind][locale]}`}
                  </Link>
                ),
              },
              { key: 'decision', label: t('tasks.decision'), children: task.decisionText },
              {
                key: 'matter',
                label: t('decisions.matter'),
                children: task.matterId ? (
                  <Link to={`/matters/${task.matterId}`}>{t('common.view')}</Link>
                ) : (
                  none
                ),
              },
              {
                key: 'result',
                label: t('tasks.result'),
                children: (
                  <span style={{ whiteSpace: 'pre-wrap' }} data-testid="task-result">
                    {task.result || none}
                  </span>
                ),
              },
              { key: 'closedOn', label: t('tasks.closedOn'), children: task.closedOn ?? none },
              { key: 'closedBy', label: t('tasks.closedBy'), children: task.closedByName ?? none },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card size="small" title={t('loop.reminders')}>
          <ReminderList reminders={task.reminders} />
        </Card>
      </Col>
    </Row>
  );
}
