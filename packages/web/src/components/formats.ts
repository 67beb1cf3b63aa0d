import dayjs, { type Dayjs } from 'dayjs';
import { formatWan, parseAmount, type CalendarDate } from '@landfall/domain';

/** Fen as exact 万元 text for an amount field ('1234.5' for 12 345 000 fen); '' for none. */
export function fenToWanText(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  const text = formatWan(fen, { digits: 6, grouping: false });
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** 万元 text (a unit suffix overrides) as exact fen; undefined when blank. Validate with the amount rule first. */
export function wanTextToFen(text: string | null | undefined): number | undefined {
  if (text === null || text === undefined || text.trim() === '') return undefined;
  const result = parseAmount(text, 'wan');
  if (!result.ok) throw new RangeError(`invalid amount ${text}`);
  return result.fen;
}

/** A DatePicker value as the API's 'YYYY-MM-DD'. */
export function toDateText(value: Dayjs | null | undefined): CalendarDate | undefined {
  return value ? value.format('YYYY-MM-DD') : undefined;
}

/** An API date as a DatePicker value. */
export function fromDateText(value: string | null | undefined): Dayjs | undefined {
  return value ? dayjs(value, 'YYYY-MM-DD') : undefined;
}

/** For DatePicker `disabledDate`: ledger dates are not in the future. */
export function isFutureDay(value: Dayjs): boolean {
  return value.isAfter(dayjs(), 'day');
}

/** Blank text as null (optional API fields), trimmed otherwise. */
export function blankToNull(value: string | null | undefined): string | null {
  const text = value?.trim() ?? '';
  return text === '' ? null : text;
}

/** Form.Item props that keep a DatePicker's value as 'YYYY-MM-DD' text in the form. */
export const dateTextField = {
  getValueProps: (value: unknown) => ({ value: typeof value === 'string' ? fromDateText(value) : undefined }),
  normalize: (value: Dayjs | null | undefined) => toDateText(value) ?? null,
};
