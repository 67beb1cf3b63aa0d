import { Tag } from 'antd';
import type { TargetPlan } from '../../api/targets.ts';
import { useI18n } from '../../i18n/useT.ts';

/** 草稿 (being allocated) or 已下达 (released, changed only by 年中调整). */
export function TargetStatusTag({ plan }: { plan: Pick<TargetPlan, 'status'> }) {
  const { t } = useI18n();
  return plan.status === 'final' ? (
    <Tag color="green">{t('targets.statusFinal')}</Tag>
  ) : (
    <Tag color="gold">{t('targets.statusDraft')}</Tag>
  );
}
