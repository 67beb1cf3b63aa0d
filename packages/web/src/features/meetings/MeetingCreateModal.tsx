import { useNavigate } from 'react-router';
import { App, DatePicker, Form, Select } from 'antd';
import {
  meetingInputSchema,
  meetingKindAllowed,
  meetingKindLabels,
  meetingKinds,
  type MeetingKind,
} from '@landfall/domain';
import { FormModal } from '../../components/FormModal.tsx';
import { dateTextField } from '../../components/formats.ts';
import { checkPayload } from '../../components/payloadCheck.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useMe } from '../auth/useMe.ts';
import { MeetingFields, type MeetingFieldValues } from './MeetingFields.tsx';
import { useCreateMeeting } from './useMeetings.ts';

interface CreateValues extends MeetingFieldValues {
  kind: MeetingKind;
  heldOn: string;
}

/** 安排会议: kind and date (fixed afterwards), attendees; the server builds the agenda. */
export function MeetingCreateModal(props: { open: boolean; kind?: MeetingKind; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateValues>();
  const create = useCreateMeeting();
  const { data: me } = useMe();
  // 联合策划、联合招商: only a city or province holds them with its districts (the server refuses a district).
  const kinds = meetingKinds.filter((k) => me && meetingKindAllowed(k, me.tenantLevel));
  const kind = Form.useWatch('kind', form) ?? props.kind ?? 'weekly';
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <FormModal<CreateValues>
      open={props.open}
      name="meetingCreate"
      title={t('meetings.createTitle')}
      form={form}
      width={600}
      okText={t('common.create')}
      initialValues={{ kind: props.kind ?? 'weekly', attendeeUnitIds: [], attendeeLeaders: [] }}
      onClose={props.onClose}
      onSubmit={async (values) => {
        const input = checkPayload(
          meetingInputSchema,
          {
            ...values,
            title: values.title ?? '',
            location: values.location ?? '',
            convenerId: values.convenerId ?? null,
          },
          t,
          locale,
        );
        const meeting = await create.mutateAsync(input);
        void message.success(t('meetings.created'));
        void navigate(`/meetings/${meeting.id}`);
      }}
    >
      <Form.Item name="kind" label={t('meetings.kind')} required rules={required}>
        <Select
          data-testid="meeting-kind-select"
          options={kinds.map((value) => ({ value, label: meetingKindLabels[value][locale] }))}
        />
      </Form.Item>
      <Form.Item name="heldOn" label={t('meetings.heldOn')} required rules={required} {...dateTextField}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <MeetingFields joint={kind === 'joint'} />
    </FormModal>
  );
}
