import { App, Form } from 'antd';
import { meetingUpdateSchema } from '@landfall/domain';
import type { Meeting } from '../../api/coordination-types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { checkPayload } from '../../components/payloadCheck.ts';
import { useI18n } from '../../i18n/useT.ts';
import { meetingUpdateBody } from './meetingBody.ts';
import { MeetingFields, type MeetingFieldValues } from './MeetingFields.tsx';
import { useUpdateMeeting } from './useMeetings.ts';

/** 编辑会议信息: name, place, convener and attendees (agenda and minutes have their own panels). */
export function MeetingEditModal({ meeting, onClose }: { meeting: Meeting | null; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<MeetingFieldValues>();
  const update = useUpdateMeeting();
  return (
    <FormModal<MeetingFieldValues, Meeting>
      open={meeting !== null}
      name="meetingEdit"
      title={t('meetings.editTitle')}
      form={form}
      width={600}
      initialValues={
        meeting
          ? {
              title: meeting.title,
              location: meeting.location,
              convenerId: meeting.convenerId,
              attendeeUnitIds: meeting.attendeeUnitIds,
              attendeeLeaders: meeting.attendeeLeaders,
            }
          : undefined
      }
      onClose={onClose}
      onSubmit={async (values) => {
        if (!meeting) return;
        const input = checkPayload(
          meetingUpdateSchema,
          meetingUpdateBody(meeting, {
            title: values.title ?? '',
            location: values.location ?? '',
            convenerId: values.convenerId ?? null,
            attendeeUnitIds: values.attendeeUnitIds ?? [],
            attendeeLeaders: values.attendeeLeaders ?? [],
          }),
          t,
          locale,
        );
        await update.mutateAsync({ id: meeting.id, input });
        void message.success(t('common.saved'));
      }}
    >
      <MeetingFields joint={meeting?.kind === 'joint'} />
    </FormModal>
  );
}
