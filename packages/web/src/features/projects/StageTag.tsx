import { Tag } from 'antd';
import { stageLabels, type Stage } from '@landfall/domain';
import { useI18n } from '../../i18n/useT.ts';

export const stageColors: Record<Stage, string> = {
  planning: 'default',
  negotiating: 'blue',
  signed: 'cyan',
  settled: 'geekblue',
  construction: 'purple',
  production: 'green',
  paused: 'gold',
  dropped: 'red',
};

export function StageTag({ stage }: { stage: Stage }) {
  const { locale } = useI18n();
  return <Tag color={stageColors[stage]}>{stageLabels[stage][locale]}</Tag>;
}

/** Shown on rows whose ledger has not moved for 7 days or more. */
export function StaleTag() {
  const { t } = useI18n();
  return (
    <Tag color="orange" title={t('projects.staleHelp')}>
      {t('projects.stale')}
    </Tag>
  );
}
