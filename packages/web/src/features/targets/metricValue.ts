import {
  amountProblemMessages,
  formatAmount,
  formatYi,
  parseAmount,
  targetMetricUnitKinds,
  toHalfWidth,
  type Locale,
  type MetricUnitKind,
  type TargetMetric,
} from '@landfall/domain';
import { fenToWanText } from '../../components/formats.ts';

/** Whether a metric counts money (integer fen) or projects. */
export function metricKind(metric: TargetMetric): MetricUnitKind {
  return targetMetricUnitKinds[metric];
}

/** A metric value for display: '120.00 亿元' for money, '12 个' for counts. */
export function formatMetricValue(value: number | null, kind: MetricUnitKind, locale: Locale): string {
  if (value === null) return '—';
  if (kind === 'money') return formatAmount(value, locale);
  return locale === 'zh-CN' ? `${value} 个` : String(value);
}

/** With an explicit sign, for differences: '+2.00 亿元', '-10.00 亿元', '0.00 万元'. */
export function formatSignedValue(value: number, kind: MetricUnitKind, locale: Locale): string {
  const text = formatMetricValue(Math.abs(value), kind, locale);
  return value > 0 ? `+${text}` : value < 0 ? `-${text}` : text;
}

const trimZeros = (text: string) => (text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text);

/** An amount as editable text that parses back exactly: '12亿', '3500万', '7'. */
export function toAmountText(value: number | undefined, kind: MetricUnitKind): string {
  if (value === undefined) return '';
  if (kind === 'count') return String(value);
  if (value >= 10_000_000_000) return `${trimZeros(formatYi(value, { digits: 10, grouping: false }))}亿`;
  return `${fenToWanText(value)}万`;
}

export type ParsedAmount =
  { state: 'empty' } | { state: 'ok'; value: number } | { state: 'bad'; message: string };

const countMessages = {
  not_a_number: { 'zh-CN': '请填写整数个数，如 12', 'en-US': 'Enter a whole number, e.g. 12' },
  too_large: { 'zh-CN': '数值过大', 'en-US': 'The number is too large' },
} as const;

/**
 * Parses an amount typed into the breakdown: money with the domain's exact parser (万元 unless
 * the text says 亿/万/元), counts as whole numbers ('12', '12 个').
 */
export function parseTargetAmount(text: string, kind: MetricUnitKind, locale: Locale): ParsedAmount {
  if (text.trim() === '') return { state: 'empty' };
  if (kind === 'money') {
    const result = parseAmount(text, 'wan');
    return result.ok
      ? { state: 'ok', value: result.fen }
      : { state: 'bad', message: amountProblemMessages[result.problem][locale] };
  }
  const digits = toHalfWidth(text)
    .replace(/[\s,]/g, '')
    .replace(/[个项]$/, '');
  if (!/^\d+$/.test(digits)) return { state: 'bad', message: countMessages.not_a_number[locale] };
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) return { state: 'bad', message: countMessages.too_large[locale] };
  return { state: 'ok', value };
}
