import { Tag } from 'antd';
import { meetingKindLabels, type MeetingKind } from '@landfall/domain';
import type { MeetingStatus } from '../../api/coordination-types.ts';
import { useI18n } from '../../i18n/useT.ts';

const kindColors: Record<MeetingKind, string> = {
  weekly: 'blue',
  semimonthly: 'cyan',
  monthly: 'geekblue',
  joint: 'magenta',
  joint_planning: 'purple',
  joint_promotion: 'volcano',
};
const statusColors: Record<MeetingStatus, string> = {
  scheduled: 'processing',
  held: 'success',
  cancelled: 'default',
};

export function MeetingKindTag({ kind }: { kind: MeetingKind }) {
  const { locale } = useI18n();
  return <Tag color={kindColors[kind]}>{meetingKindLabels[kind][locale]}</Tag>;
}

export function MeetingStatusTag({ status }: { status: MeetingStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={statusColors[status]} data-testid="meeting-status">
      {t(`meetingStatus.${status}`)}
    </Tag>
  );
}
