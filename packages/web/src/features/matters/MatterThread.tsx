import { Link } from 'react-router';
import { Space, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { matterLevelLabels } from '@landfall/domain';
import type { MatterEvent, MatterEventKind } from '../../api/coordination-types.ts';
import { labelOf } from '../../i18n/labels.ts';
import { useI18n } from '../../i18n/useT.ts';

const kindColors: Record<MatterEventKind, string> = {
  raised: 'blue',
  update: 'gray',
  escalated: 'orange',
  assigned: 'blue',
  decision: 'purple',
  resolved: 'green',
  closed: 'gray',
};

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** 办理过程: the matter's thread, oldest first — who did what on which day, and why. */
export function MatterThread({
  events,
  unitName,
}: {
  events: MatterEvent[];
  unitName: (id: string) => string;
}) {
  const { t, locale } = useI18n();
  const detail = (event: MatterEvent) => {
    switch (event.kind) {
      case 'raised':
        return event.ownerUnitTo && event.deadlineTo
          ? t('matterEvent.raisedLine', { unit: unitName(event.ownerUnitTo), deadline: event.deadlineTo })
          : null;
      case 'escalated': {
        const from = text(event.payload.from);
        return event.levelTo
          ? t('matterEvent.escalatedLine', {
              from: from ? labelOf(matterLevelLabels, from, locale) : text(event.payload.fromLabel),
              to: labelOf(matterLevelLabels, event.levelTo, locale),
            })
          : null;
      }
      case 'assigned':
        return t('matterEvent.assignedLine', {
          unit: event.ownerUnitTo ? unitName(event.ownerUnitTo) : '',
          deadline: event.deadlineTo ?? '',
        });
      case 'decision': {
        const meetingId = text(event.payload.meetingId);
        return meetingId ? (
          <Link to={`/meetings/${meetingId}?tab=decisions`}>{t('matters.openMeeting')}</Link>
        ) : null;
      }
      default:
        return null;
    }
  };
  return (
    <Timeline
      items={events.map((event) => {
        const extra = detail(event);
        return {
          key: event.id,
          color: kindColors[event.kind],
          content: (
            <div data-testid={`matter-event-${event.kind}`}>
              <Space size={8} wrap>
                <Tag color={kindColors[event.kind]}>{t(`matterEvent.${event.kind}`)}</Tag>
                <Typography.Text strong>{event.effectiveOn}</Typography.Text>
                <Typography.Text type="secondary">
                  {t('matterEvent.by', {
                    actor: event.actorName,
                    at: dayjs(event.recordedAt).format('YYYY-MM-DD HH:mm'),
                  })}
                </Typography.Text>
              </Space>
              {extra ? <div>{extra}</div> : null}
              {event.body ? (
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                  {event.body}
                </Typography.Paragraph>
              ) : null}
            </div>
          ),
        };
      })}
    />
  );
}
