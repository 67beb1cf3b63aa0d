import { useI18n } from '../../i18n/useT.ts';
import { useDivisionName } from './useDivisionName.ts';

/** '上海市 黄浦区' for a GB/T 2260 code. */
export function DivisionName({ code }: { code: string | null | undefined }) {
  const { t } = useI18n();
  const name = useDivisionName(code);
  return <>{name ?? t('common.none')}</>;
}
