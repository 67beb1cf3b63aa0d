import type { FormInstance } from 'antd';
import type { Locale } from '@landfall/domain';
import type { Translate } from '../i18n/context.ts';
import { describeIssue, type IssueLike } from './zodRule.ts';

/** Thrown by a form's submit when the domain schema rejects the payload; FormModal puts it on the fields. */
export class FieldIssuesError extends Error {
  readonly fields: { name: (string | number)[]; errors: string[] }[];
  constructor(fields: { name: (string | number)[]; errors: string[] }[], message: string) {
    super(message);
    this.name = 'FieldIssuesError';
    this.fields = fields;
  }
}

interface SafeParser<T> {
  safeParse(
    value: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly IssueLike[] } };
}

/**
 * Runs the payload through the same domain schema the server uses, before sending it.
 * `fieldFor` maps an issue path (API names) to the form field that holds it.
 */
export function checkPayload<T>(
  schema: SafeParser<T>,
  payload: unknown,
  t: Translate,
  locale: Locale,
  fieldFor: (path: (string | number)[]) => (string | number)[] = (path) => path,
): T {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({
    name: fieldFor((issue.path ?? []).map((part) => (typeof part === 'number' ? part : String(part)))),
    errors: [describeIssue(issue, t, locale)],
  }));
  throw new FieldIssuesError(
    fields.filter((field) => field.name.length > 0),
    fields.map((field) => field.errors.join('')).join('；'),
  );
}

/** Places a FieldIssuesError on the form: 'placed', 'unplaced' (no field to show it on) or 'other'. */
export function applyFieldIssues(error: unknown, form: FormInstance): 'placed' | 'unplaced' | 'other' {
  if (!(error instanceof FieldIssuesError)) return 'other';
  if (error.fields.length === 0) return 'unplaced';
  form.setFields(error.fields);
  return 'placed';
}
