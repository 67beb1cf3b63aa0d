import { Card, Select, Space } from 'antd';
import { taskStatuses, type TaskStatus } from '@landfall/domain';
import { LoadError } from '../../app/Guards.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { OverdueSwitch, UnitFilter } from '../coordination/LoopFilters.tsx';
import { useQueryParams } from '../coordination/useQueryParams.ts';
import { TaskTable } from './TaskTable.tsx';
import { useTasks } from './useTasks.ts';

const filterKeys = ['status', 'overdue', 'unitId'] as const;
const isStatus = (v: string | undefined): v is TaskStatus => taskStatuses.some((s) => s === v);

/** 督办任务: the tasks meetings assigned (a unit sees its own), open first by deadline. */
export function TaskListPage() {
  const { t } = useI18n();
  const { values, page, pageSize, update } = useQueryParams(filterKeys);
  const status = isStatus(values.status) ? values.status : undefined;
  const tasks = useTasks({
    status,
    overdue: values.overdue === 'true' ? true : undefined,
    unitId: values.unitId,
    page,
    pageSize,
  });
  if (tasks.isError && !tasks.data)
    return <LoadError error={tasks.error} onRetry={() => void tasks.refetch()} />;
  return (
    <Card title={t('tasks.title')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<TaskStatus>
          allowClear
          aria-label={t('tasks.status')}
          placeholder={t('tasks.status')}
          style={{ width: 120 }}
          value={status}
          onChange={(value) => update({ status: value })}
          options={taskStatuses.map((value) => ({ value, label: t(`taskStatus.${value}`) }))}
        />
        <UnitFilter value={values.unitId} onChange={(unitId) => update({ unitId })} />
        <OverdueSwitch
          id="tasks-overdue"
          value={values.overdue}
          onChange={(overdue) => update({ overdue })}
        />
      </Space>
      <TaskTable
        tasks={tasks.data?.items ?? []}
        loading={tasks.isFetching}
        pagination={{
          current: page,
          pageSize,
          total: tasks.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (next, size) => update({ page: size === pageSize ? next : 1, pageSize: size }),
        }}
      />
    </Card>
  );
}
