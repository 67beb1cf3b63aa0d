import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Space, Tabs, Typography } from 'antd';
import { ArrowLeftOutlined, CloseCircleOutlined, EditOutlined } from '@ant-design/icons';
import { meetingCancelSchema } from '@landfall/domain';
import type { MeetingDetail } from '../../api/coordination-types.ts';
import { FullPageSpin, LoadError } from '../../app/Guards.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { useCan, useMe } from '../auth/useMe.ts';
import { TextActionModal } from '../coordination/TextActionModal.tsx';
import { useUnits } from '../units/useUnits.ts';
import { AgendaPanel } from './AgendaPanel.tsx';
import { BriefPanel } from './BriefPanel.tsx';
import { DecisionsPanel } from './DecisionsPanel.tsx';
import { MeetingEditModal } from './MeetingEditModal.tsx';
import { MeetingKindTag, MeetingStatusTag } from './MeetingTags.tsx';
import { MinutesPanel } from './MinutesPanel.tsx';
import { useCancelMeeting, useMeeting } from './useMeetings.ts';

const tabs = ['agenda', 'minutes', 'brief', 'decisions'] as const;
type Tab = (typeof tabs)[number];

function MeetingFacts({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useI18n();
  const { data: me } = useMe();
  const units = useUnits(me?.tenantId);
  const none = t('common.none');
  const unitNames = meeting.attendeeUnitIds
    .map((id) => units.data?.find((u) => u.id === id)?.name)
    .filter(Boolean)
    .join('、');
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 2 }}
      items={[
        { key: 'heldOn', label: t('meetings.heldOn'), children: meeting.heldOn },
        { key: 'location', label: t('meetings.location'), children: meeting.location || none },
        { key: 'convener', label: t('meetings.convener'), children: meeting.convenerName ?? none },
        {
          key: 'leaders',
          label: t('meetings.attendeeLeaders'),
          children: meeting.attendeeLeaders.join('、') || none,
        },
        { key: 'units', label: t('meetings.attendeeUnits'), span: 'filled', children: unitNames || none },
      ]}
    />
  );
}

/** A meeting: its facts, then 议程, 纪要, 简报 and 会议决定 as tabs (the tab is in the address). */
export function MeetingDetailPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const detail = useMeeting(id);
  const cancel = useCancelMeeting();
  const [dialog, setDialog] = useState<'edit' | 'cancel' | null>(null);
  const asked = params.get('tab');
  const tab: Tab = tabs.find((key) => key === asked) ?? 'agenda';

  if (detail.isPending) return <FullPageSpin />;
  if (detail.isError) return <LoadError error={detail.error} onRetry={() => void detail.refetch()} />;
  const meeting = detail.data;
  const writable = can('meeting.write') && meeting.status !== 'cancelled';

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <Link to="/meetings" aria-label={t('meetings.back')}>
              <ArrowLeftOutlined />
            </Link>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {meeting.title}
            </Typography.Title>
            <MeetingKindTag kind={meeting.kind} />
            <MeetingStatusTag status={meeting.status} />
          </Space>
        }
        extra={
          writable ? (
            <Space wrap>
              <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
                {t('meetings.edit')}
              </Button>
              {meeting.status === 'scheduled' ? (
                <Button danger icon={<CloseCircleOutlined />} onClick={() => setDialog('cancel')}>
                  {t('meetings.cancel')}
                </Button>
              ) : null}
            </Space>
          ) : null
        }
      >
        {meeting.status === 'cancelled' ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('meetings.cancelledBanner', { reason: meeting.cancelReason })}
          />
        ) : null}
        <MeetingFacts meeting={meeting} />
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          items={[
            {
              key: 'agenda',
              label: t('meetings.tabAgenda'),
              children: <AgendaPanel meeting={meeting} editable={writable} />,
            },
            {
              key: 'minutes',
              label: t('meetings.tabMinutes'),
              children: <MinutesPanel meeting={meeting} editable={writable} />,
            },
            ...(can('brief.read')
              ? [{ key: 'brief', label: t('meetings.tabBrief'), children: <BriefPanel meeting={meeting} /> }]
              : []),
            {
              key: 'decisions',
              label: t('meetings.tabDecisions'),
              children: <DecisionsPanel meeting={meeting} />,
            },
          ]}
        />
      </Card>
      <MeetingEditModal meeting={dialog === 'edit' ? meeting : null} onClose={() => setDialog(null)} />
      <TextActionModal
        open={dialog === 'cancel'}
        name="meetingCancel"
        title={t('meetings.cancelTitle', { title: meeting.title })}
        label={t('meetings.cancelReason')}
        okText={t('meetings.cancel')}
        maxLength={500}
        schema={meetingCancelSchema.shape.reason}
        onClose={() => setDialog(null)}
        onSubmit={async (reason) => {
          await cancel.mutateAsync({ id: meeting.id, reason, version: meeting.version });
          void message.success(t('meetings.cancelled'));
        }}
      />
    </Space>
  );
}
