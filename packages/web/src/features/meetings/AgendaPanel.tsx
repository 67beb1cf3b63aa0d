import { Link } from 'react-router';
import { App, Button, Empty, Popconfirm, Space, Tooltip, Typography } from 'antd';
import { DeleteOutlined, SyncOutlined } from '@ant-design/icons';
import type { Meeting } from '../../api/coordination-types.ts';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/useT.ts';
import { meetingUpdateBody, recordPath } from './meetingBody.ts';
import { useRebuildAgenda, useUpdateMeeting } from './useMeetings.ts';

/** 议程: built when the meeting was scheduled; each item links its matter, task or project. */
export function AgendaPanel({ meeting, editable }: { meeting: Meeting; editable: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const rebuild = useRebuildAgenda();
  const update = useUpdateMeeting();
  const remove = (index: number) =>
    update.mutate(
      {
        id: meeting.id,
        input: meetingUpdateBody(meeting, { agenda: meeting.agenda.filter((_item, i) => i !== index) }),
      },
      { onSuccess: () => void message.success(t('common.saved')), onError: (error) => reportError(error) },
    );

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {editable ? (
        <Tooltip title={t('meetings.rebuildHelp')}>
          <Button
            icon={<SyncOutlined />}
            loading={rebuild.isPending}
            onClick={() =>
              rebuild.mutate(
                { id: meeting.id, version: meeting.version },
                {
                  onSuccess: () => void message.success(t('meetings.agendaRebuilt')),
                  onError: (error) => reportError(error),
                },
              )
            }
          >
            {t('meetings.rebuildAgenda')}
          </Button>
        </Tooltip>
      ) : null}
      {meeting.agenda.length === 0 ? (
        <Empty description={t('meetings.agendaEmpty')} />
      ) : (
        <ol className="numbered-list" data-testid="agenda">
          {meeting.agenda.map((item, index) => (
            <li key={`${index}-${item.title}`}>
              <Space size={4} align="start">
                <div>
                  {item.link ? (
                    <Link to={recordPath(item.link.type, item.link.id)}>{item.title}</Link>
                  ) : (
                    <Typography.Text>{item.title}</Typography.Text>
                  )}
                  {item.note ? (
                    <div>
                      <Typography.Text type="secondary">{item.note}</Typography.Text>
                    </div>
                  ) : null}
                </div>
                {editable ? (
                  <Popconfirm title={t('meetings.removeItem')} onConfirm={() => remove(index)}>
                    <Button
                      size="small"
                      type="text"
                      aria-label={`${t('meetings.removeItem')}：${item.title}`}
                      icon={<DeleteOutlined />}
                    />
                  </Popconfirm>
                ) : null}
              </Space>
            </li>
          ))}
        </ol>
      )}
    </Space>
  );
}
