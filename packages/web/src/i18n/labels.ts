import type { Locale } from '@landfall/domain';

/**
 * The label of a value that comes from stored data (a ledger payload, an event): a value the map
 * does not know — an older record, a newer server — shows as itself, a missing one as '—'.
 * Never throws: an unknown kind must not take a page down.
 */
export function labelOf<K extends string>(
  labels: Record<K, Record<Locale, string>>,
  value: unknown,
  locale: Locale,
): string {
  if (typeof value !== 'string' || value === '') return '—';
  return Object.hasOwn(labels, value) ? labels[value as K][locale] : value;
}
