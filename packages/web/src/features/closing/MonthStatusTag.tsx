import { Tag } from 'antd';
import type { MonthStatus } from '@landfall/domain/schemas/closing';
import { useI18n } from '../../i18n/useT.ts';

const colors: Record<MonthStatus, string | undefined> = {
  open: undefined,
  awaiting_signoff: 'gold',
  closed: 'green',
};

export function MonthStatusTag({ status }: { status: MonthStatus }) {
  const { t } = useI18n();
  return <Tag color={colors[status]}>{t(`closing.status.${status}`)}</Tag>;
}
