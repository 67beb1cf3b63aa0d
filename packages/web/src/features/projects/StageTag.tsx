import { Tag } from 'antd';
import { missingEvidenceText, stageLabels, type Stage } from '@landfall/domain';
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

/** 重复报送: a second report of another project's investment — kept in the library, counted in no figure. */
export function DuplicateTag() {
  const { t } = useI18n();
  return (
    <Tag color="default" title={t('projects.duplicateHelp')} data-testid="duplicate-tag">
      {t('projects.duplicate')}
    </Tag>
  );
}

/** 待补证据: the project stands at a stage without all of the evidence its move needs (e.g. imported). */
export function EvidenceTag({ missing }: { missing: readonly string[] }) {
  const { t, locale } = useI18n();
  if (!missing.length) return null;
  return (
    <Tag color="volcano" title={missingEvidenceText(missing, locale)}>
      {t('projects.evidencePending')}
    </Tag>
  );
}
