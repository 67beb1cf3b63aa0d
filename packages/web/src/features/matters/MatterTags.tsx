import { Tag } from 'antd';
import { matterLevelLabels, matterStatusLabels, type MatterLevel, type MatterStatus } from '@landfall/domain';
import { useI18n } from '../../i18n/useT.ts';

const levelColors: Record<MatterLevel, string> = { unit: 'blue', coordination: 'orange', joint: 'magenta' };
const statusColors: Record<MatterStatus, string> = {
  open: 'processing',
  resolved: 'success',
  closed: 'default',
};

/** Who holds the matter: 责任单位, 综合协调组, 联席会议. */
export function MatterLevelTag({ level }: { level: MatterLevel }) {
  const { locale } = useI18n();
  return (
    <Tag color={levelColors[level]} data-testid="matter-level">
      {matterLevelLabels[level][locale]}
    </Tag>
  );
}

/** 上级交办: a matter a city (province) raised down to the district (市级下达), with the city's name. */
export function RaisedDownTag({ tenantName }: { tenantName: string | null }) {
  const { t } = useI18n();
  if (!tenantName) return null;
  return (
    <Tag color="red" data-testid="matter-raised-down">
      {t('matters.raisedDown', { tenant: tenantName })}
    </Tag>
  );
}

export function MatterStatusTag({ status }: { status: MatterStatus }) {
  const { locale } = useI18n();
  return (
    <Tag color={statusColors[status]} data-testid="matter-status">
      {matterStatusLabels[status][locale]}
    </Tag>
  );
}
