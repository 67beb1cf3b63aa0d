import { useState } from 'react';
import { App, Button, Space } from 'antd';
import { AlertOutlined, CheckOutlined } from '@ant-design/icons';
import { taskCloseSchema } from '@landfall/domain';
import type { Task } from '../../api/coordination-types.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useCanOnUnit } from '../auth/useMe.ts';
import { RemindModal } from '../coordination/RemindModal.tsx';
import { TextActionModal } from '../coordination/TextActionModal.tsx';
import { useCloseTask, useRemindTask } from './useTasks.ts';

/** 办结 (the task's unit, or the coordinator; a result is required) and 催办 (the coordinator, overdue only). */
export function TaskActions({ task, size }: { task: Task; size?: 'small' }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const canOnUnit = useCanOnUnit();
  const [dialog, setDialog] = useState<'close' | 'remind' | null>(null);
  const close = useCloseTask();
  const remind = useRemindTask();
  if (task.status !== 'open') return null;
  const canClose = canOnUnit('task.close', task.unitId);
  const canRemind = task.overdue && canOnUnit('followup.remind', task.unitId);
  if (!canClose && !canRemind) return null;
  return (
    <>
      <Space size={4} wrap>
        {canClose ? (
          <Button
            size={size}
            type="primary"
            icon={<CheckOutlined />}
            onClick={() => setDialog('close')}
            aria-label={`${t('tasks.close')}：${task.content}`}
          >
            {t('tasks.close')}
          </Button>
        ) : null}
        {canRemind ? (
          <Button
            size={size}
            danger
            icon={<AlertOutlined />}
            onClick={() => setDialog('remind')}
            aria-label={`${t('loop.remind')}：${task.content}`}
          >
            {t('loop.remind')}
          </Button>
        ) : null}
      </Space>
      <TextActionModal
        open={dialog === 'close'}
        name="taskClose"
        title={t('tasks.closeTitle', { content: task.content })}
        label={t('tasks.result')}
        help={t('tasks.closeHelp')}
        okText={t('tasks.close')}
        maxLength={2000}
        schema={taskCloseSchema.shape.result}
        onClose={() => setDialog(null)}
        onSubmit={async (result) => {
          await close.mutateAsync({ id: task.id, result, version: task.version });
          void message.success(t('tasks.closed'));
        }}
      />
      <RemindModal
        target={dialog === 'remind' ? { title: task.content, unitName: task.unitName } : null}
        onClose={() => setDialog(null)}
        send={(note) => remind.mutateAsync({ id: task.id, note })}
      />
    </>
  );
}
