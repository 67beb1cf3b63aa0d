import { Form, Input, Select } from 'antd';
import { useI18n } from '../../i18n/useT.ts';
import { useMe } from '../auth/useMe.ts';
import { useConveners } from '../conveners/useConveners.ts';
import { useUnits } from '../units/useUnits.ts';

/** The values of a meeting both the create and the edit forms hold. */
export interface MeetingFieldValues {
  title?: string;
  location?: string;
  convenerId?: string | null;
  attendeeUnitIds?: string[];
  attendeeLeaders?: string[];
}

/** Name, place, convener (required for a joint meeting), attending units and leaders. */
export function MeetingFields({ joint }: { joint: boolean }) {
  const { t } = useI18n();
  const { data: me } = useMe();
  const units = useUnits(me?.tenantId);
  const conveners = useConveners(me?.tenantId);
  return (
    <>
      <Form.Item name="title" label={t('meetings.titleField')}>
        <Input maxLength={200} placeholder={t('meetings.titlePlaceholder')} />
      </Form.Item>
      <Form.Item name="location" label={t('meetings.location')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        name="convenerId"
        label={t('meetings.convener')}
        required={joint}
        extra={t('meetings.convenerHelp')}
        rules={joint ? [{ required: true, message: t('meetings.convenerHelp') }] : []}
      >
        <Select
          allowClear
          options={(conveners.data ?? [])
            .filter((c) => c.active)
            .map((c) => ({ value: c.id, label: c.title ? `${c.name}（${c.title}）` : c.name }))}
        />
      </Form.Item>
      <Form.Item name="attendeeUnitIds" label={t('meetings.attendeeUnits')}>
        <Select
          mode="multiple"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={(units.data ?? []).map((unit) => ({ value: unit.id, label: unit.name }))}
        />
      </Form.Item>
      <Form.Item
        name="attendeeLeaders"
        label={t('meetings.attendeeLeaders')}
        extra={t('meetings.attendeeLeadersHelp')}
      >
        <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} />
      </Form.Item>
    </>
  );
}
