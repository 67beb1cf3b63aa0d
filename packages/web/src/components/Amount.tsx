import { amountUnitLabels, chooseAmountUnit, formatAmount, formatWan } from '@landfall/domain';
import { useI18n } from '../i18n/useT.ts';

/**
 * Fen shown in 万元, or 亿元 once large. With `withWan`, a 亿元 figure also shows its
 * 万元 value ('1.23 亿元（12,345.67 万元）'), since 亿元 to two places rounds.
 */
export function Amount({ fen, withWan = false }: { fen: number; withWan?: boolean }) {
  const { locale } = useI18n();
  const text = formatAmount(fen, locale);
  const inWan = `${formatWan(fen)} ${amountUnitLabels.wan[locale]}`;
  if (chooseAmountUnit(fen) === 'wan') return <span>{text}</span>;
  return (
    <span title={inWan}>
      {text}
      {withWan ? `（${inWan}）` : null}
    </span>
  );
}
