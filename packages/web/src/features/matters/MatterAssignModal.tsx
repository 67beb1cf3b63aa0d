import { App, DatePicker, Form, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { matterAssignSchema } from '@landfall/domain';
import type { Matter } from '../../api/coordination-types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { dateTextField } from '../../components/formats.ts';
import { checkPayload } from '../../components/payloadCheck.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useUnits } from '../units/useUnits.ts';
import { useAssignMatter } from './useMatters.ts';

interface AssignValues {
  ownerUnitId: string;
  deadline: string;
  reason?: string;
}

/** 交办: the coordination group names the unit that must act and the deadline. */
export function MatterAssignModal({ matter, onClose }: { matter: Matter | null; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<AssignValues>();
  const units = useUnits(matter?.tenantId, matter !== null);
  const assign = useAssignMatter();
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <FormModal<AssignValues>
      open={matter !== null}
      name="matterAssign"
      title={t('matters.assignTitle', { title: matter?.title ?? '' })}
      form={form}
      okText={t('matters.assign')}
      initialValues={matter ? { ownerUnitId: matter.ownerUnitId, deadline: matter.deadline } : undefined}
      onClose={onClose}
      onSubmit={async (values) => {
        if (!matter) return;
        const input = checkPayload(
          matterAssignSchema,
          { ...values, reason: values.reason ?? '', version: matter.version },
          t,
          locale,
        );
        await assign.mutateAsync({ id: matter.id, input });
        void message.success(t('matters.assigned'));
      }}
    >
      <Form.Item name="ownerUnitId" label={t('matters.ownerUnit')} required rules={required}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={(units.data ?? []).map((unit) => ({ value: unit.id, label: unit.name }))}
        />
      </Form.Item>
      <Form.Item name="deadline" label={t('loop.deadline')} required rules={required} {...dateTextField}>
        <DatePicker
          disabledDate={(d) => !!matter && d.isBefore(dayjs(matter.raisedOn), 'day')}
          style={{ width: '100%' }}
        />
      </Form.Item>
      <Form.Item name="reason" label={t('matters.assignReason')}>
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
    </FormModal>
  );
}
