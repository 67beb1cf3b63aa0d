import { App, Button, Card, DatePicker, Form, Input, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { decisionInputSchema, matterLevelLabels, taskInputSchema } from '@landfall/domain';
import type { Meeting } from '../../api/coordination-types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { dateTextField } from '../../components/formats.ts';
import { checkPayload } from '../../components/payloadCheck.ts';
import { useZodRule } from '../../components/useZodRule.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useMatters } from '../matters/useMatters.ts';
import { useUnits } from '../units/useUnits.ts';
import { useRecordDecision } from './useMeetings.ts';

interface DecisionValues {
  text: string;
  matterId?: string | null;
  tasks?: { unitId?: string; content?: string; deadline?: string }[];
}

/** 记录决定: the decision, the matter it decides (if any), and its 交办单 — unit, content, deadline. */
export function DecisionModal({ meeting, onClose }: { meeting: Meeting | null; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const rule = useZodRule();
  const [form] = Form.useForm<DecisionValues>();
  const open = meeting !== null;
  const units = useUnits(meeting?.tenantId, open);
  const matters = useMatters({ status: 'open', pageSize: 200 }, open);
  const record = useRecordDecision();
  // The joint meeting decides the matters escalated to it: list those first.
  const openMatters = [...(matters.data?.items ?? [])].sort(
    (a, b) => Number(b.level === 'joint') - Number(a.level === 'joint'),
  );
  const required = [{ required: true, message: t('validation.required') }];
  const task = taskInputSchema.shape;

  return (
    <FormModal<DecisionValues>
      open={open}
      name="decision"
      title={t('decisions.recordTitle')}
      form={form}
      width={720}
      okText={t('decisions.record')}
      initialValues={{ tasks: [{}] }}
      onClose={onClose}
      onSubmit={async (values) => {
        if (!meeting) return;
        const input = checkPayload(
          decisionInputSchema,
          { text: values.text, matterId: values.matterId ?? null, tasks: values.tasks ?? [] },
          t,
          locale,
        );
        await record.mutateAsync({ meetingId: meeting.id, input });
        void message.success(t('decisions.recorded'));
      }}
    >
      <Form.Item
        name="text"
        label={t('decisions.text')}
        required
        rules={[rule(decisionInputSchema.shape.text)]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name="matterId" label={t('decisions.matter')} extra={t('decisions.matterHelp')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={matters.isFetching}
          options={openMatters.map((m) => ({
            value: m.id,
            label: `【${matterLevelLabels[m.level][locale]}】${m.title}${m.projectName ? `（${m.projectName}）` : ''}`,
          }))}
        />
      </Form.Item>
      <Typography.Text strong>{t('decisions.tasks')}</Typography.Text>
      <Typography.Paragraph type="secondary">{t('decisions.tasksHelp')}</Typography.Paragraph>
      <Form.List name="tasks">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => {
              const n = index + 1;
              return (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  title={`${t('decisions.tasks')} ${n}`}
                  extra={
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('decisions.removeTask', { n })}
                      onClick={() => remove(field.name)}
                    />
                  }
                >
                  <Form.Item
                    name={[field.name, 'unitId']}
                    label={t('decisions.taskUnit', { n })}
                    required
                    rules={required}
                  >
                    <Select
                      showSearch={{ optionFilterProp: 'label' }}
                      options={(units.data ?? []).map((unit) => ({ value: unit.id, label: unit.name }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'content']}
                    label={t('decisions.taskContent', { n })}
                    required
                    rules={[rule(task.content)]}
                  >
                    <Input.TextArea rows={2} maxLength={1000} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'deadline']}
                    label={t('decisions.taskDeadline', { n })}
                    required
                    rules={required}
                    {...dateTextField}
                  >
                    <DatePicker
                      style={{ width: '100%' }}
                      disabledDate={(d) => !!meeting && d.isBefore(dayjs(meeting.heldOn), 'day')}
                    />
                  </Form.Item>
                </Card>
              );
            })}
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})}>
              {t('decisions.addTask')}
            </Button>
          </>
        )}
      </Form.List>
    </FormModal>
  );
}
