import { useEffect } from 'react';
import { App, Button, Empty, Form, Input, Typography } from 'antd';
import { meetingUpdateSchema } from '@landfall/domain';
import type { Meeting } from '../../api/coordination-types.ts';
import { useReportError } from '../../components/useReportError.ts';
import { useZodRule } from '../../components/useZodRule.ts';
import { useI18n } from '../../i18n/useT.ts';
import { meetingUpdateBody } from './meetingBody.ts';
import { useUpdateMeeting } from './useMeetings.ts';

/** 纪要: the coordinator writes the minutes; everyone else reads them. */
export function MinutesPanel({ meeting, editable }: { meeting: Meeting; editable: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const rule = useZodRule();
  const reportError = useReportError();
  const update = useUpdateMeeting();
  const [form] = Form.useForm<{ minutes: string }>();
  // Re-seed the editor when the saved minutes change (after a save, or someone else's).
  useEffect(() => {
    if (editable) form.setFieldsValue({ minutes: meeting.minutes });
  }, [editable, form, meeting.minutes, meeting.version]);

  if (!editable) {
    return meeting.minutes ? (
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{meeting.minutes}</Typography.Paragraph>
    ) : (
      <Empty description={t('meetings.minutesEmpty')} />
    );
  }
  return (
    <Form
      form={form}
      name="minutes"
      layout="vertical"
      initialValues={{ minutes: meeting.minutes }}
      onFinish={({ minutes }) =>
        update.mutate(
          { id: meeting.id, input: meetingUpdateBody(meeting, { minutes: minutes ?? '' }) },
          {
            onSuccess: () => void message.success(t('meetings.minutesSaved')),
            onError: (error) => reportError(error, form),
          },
        )
      }
    >
      <Form.Item
        name="minutes"
        label={t('meetings.minutes')}
        rules={[rule(meetingUpdateSchema.shape.minutes)]}
      >
        <Input.TextArea rows={12} maxLength={20000} showCount />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={update.isPending}>
        {t('common.save')}
      </Button>
    </Form>
  );
}
