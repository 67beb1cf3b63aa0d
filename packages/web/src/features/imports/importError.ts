import type { ErrorCode, Locale } from '@landfall/domain';
import { isApiError } from '../../api/client.ts';
import type { ImportSummary } from '../../api/imports.ts';
import { describeError } from '../../components/errors.ts';
import type { Translate } from '../../i18n/context.ts';

/** Codes whose server message says more than the code's wording (which file problem, which date, which project). */
const specific: ErrorCode[] = [
  'validation_failed',
  'duplicate',
  'stale_version',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
];

/**
 * What went wrong with an upload, preview or commit, in the server's words: its field
 * messages (no header found, a cut-off in the future, 项目名称 not mapped) or its message.
 */
export function importErrorText(error: unknown, locale: Locale, t: Translate): string {
  if (isApiError(error) && specific.includes(error.code)) {
    const fields = [...new Set(error.fields.map((field) => field.message).filter(Boolean))];
    if (fields.length > 0) return fields.join('；');
    if (error.message && (locale === 'en-US' || /[\u4e00-\u9fff]/.test(error.message))) return error.message;
  }
  return describeError(error, locale, t);
}

/** A refused commit's summary (400 `validation_failed` with `details.summary`), to show like a preview. */
export function refusedSummary(error: unknown): ImportSummary | undefined {
  if (!isApiError(error) || error.code !== 'validation_failed') return undefined;
  const details = error.details;
  if (typeof details === 'object' && details !== null && 'summary' in details) {
    return (details as { summary: ImportSummary }).summary;
  }
  return undefined;
}
