import { Link } from 'react-router';
import { Table, Tag, Typography, type TableColumnsType, type TablePaginationConfig } from 'antd';
import { meetingKindLabels } from '@landfall/domain';
import type { Task } from '../../api/coordination-types.ts';
import { useI18n } from '../../i18n/useT.ts';
import { Deadline } from '../coordination/LoopTags.tsx';
import { TaskActions } from './TaskActions.tsx';

export function TaskStatusTag({ task }: { task: Task }) {
  const { t } = useI18n();
  return (
    <Tag color={task.status === 'done' ? 'success' : 'processing'} data-testid="task-status">
      {t(`taskStatus.${task.status}`)}
    </Tag>
  );
}

interface TaskTableProps {
  tasks: Task[];
  loading?: boolean;
  pagination: TablePaginationConfig | false;
  /** Inside a decision the meeting and decision columns say nothing new. */
  showMeeting?: boolean;
}

/** 交办单 as rows: unit, content, deadline (overdue in red), status, result, and what the caller may do. */
export function TaskTable({ tasks, loading, pagination, showMeeting = true }: TaskTableProps) {
  const { t, locale } = useI18n();
  const columns: TableColumnsType<Task> = [
    {
      title: t('tasks.content'),
      key: 'content',
      render: (_v, task) => <Link to={`/tasks/${task.id}`}>{task.content}</Link>,
    },
    { title: t('tasks.unit'), key: 'unit', render: (_v, task) => task.unitName },
    ...(showMeeting
      ? [
          {
            title: t('tasks.meeting'),
            key: 'meeting',
            render: (_v: unknown, task: Task) => (
              <Link to={`/meetings/${task.meetingId}?tab=decisions`}>
                {`${task.meetingHeldOn} ${meetingKindLabels[task.meetingKind][locale]}`}
              </Link>
            ),
          },
        ]
      : []),
    {
      title: t('loop.deadline'),
      key: 'deadline',
      render: (_v, task) => <Deadline date={task.deadline} daysOverdue={task.daysOverdue} />,
    },
    { title: t('tasks.status'), key: 'status', render: (_v, task) => <TaskStatusTag task={task} /> },
    {
      title: t('tasks.result'),
      key: 'result',
      render: (_v, task) =>
        task.result ? (
          <Typography.Text>
            {task.result}
            <Typography.Text type="secondary">{` （${task.closedOn ?? ''}）`}</Typography.Text>
          </Typography.Text>
        ) : (
          t('common.none')
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, task) => <TaskActions task={task} size="small" />,
    },
  ];
  return (
    <Table<Task>
      rowKey="id"
      size="small"
      loading={loading}
      columns={columns}
      dataSource={tasks}
      scroll={{ x: 'max-content' }}
      rowClassName={(task) => (task.overdue ? 'row-overdue' : '')}
      locale={{ emptyText: t('tasks.empty') }}
      pagination={pagination}
    />
  );
}
