import type { FormInstance } from 'antd';
import { errorMessages, type Locale } from '@landfall/domain';
import { isApiError } from '../api/client.ts';
import type { Translate } from '../i18n/context.ts';

/** The message to show for any error: the domain's wording for the code, in the UI language. */
export function describeError(error: unknown, locale: Locale, t: Translate): string {
  if (isApiError(error)) {
    // A conflict's own explanation ("funds are recorded once signed") says more than the code's.
    const specific = error.code === 'conflict' || error.code === 'not_found';
    if (specific && error.message && (locale === 'en-US' || /[\u4e00-\u9fff]/.test(error.message))) {
      return error.message;
    }
    const base = errorMessages[error.code][locale];
    if (error.code === 'internal' && error.requestId) {
      return `${base}（${t('errors.requestId', { id: error.requestId })}）`;
    }
    return base;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Puts the server's field errors onto the matching antd Form fields. Returns how many it placed. */
export function applyFieldErrors(error: unknown, form: FormInstance): number {
  if (!isApiError(error) || error.fields.length === 0) return 0;
  const byPath = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const field of error.fields) {
    if (field.path.length === 0) continue;
    const key = field.path.join('.');
    const entry = byPath.get(key) ?? { name: field.path, errors: [] };
    entry.errors.push(field.message);
    byPath.set(key, entry);
  }
  form.setFields([...byPath.values()]);
  return byPath.size;
}

/** On `stale_version` the server sends the current record in `details.current`. */
export function staleCurrent<T>(error: unknown): T | undefined {
  if (!isApiError(error) || error.code !== 'stale_version') return undefined;
  const details = error.details;
  if (typeof details === 'object' && details !== null && 'current' in details) {
    return (details as { current: T }).current;
  }
  return undefined;
}
