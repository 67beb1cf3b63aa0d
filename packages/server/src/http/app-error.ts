import type { ErrorCode, FieldIssue } from '@landfall/domain';

/** The one error type services throw; the error handler maps it to status and JSON. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: { fields?: FieldIssue[]; [key: string]: unknown },
  ) {
    super(message ?? code);
    this.name = 'AppError';
  }
}

/** A 400 naming one field, with its message in the request's language. */
export function invalidField(
  ctx: { locale: 'zh-CN' | 'en-US' },
  path: string | (string | number)[],
  message: { zh: string; en: string },
): AppError {
  return new AppError('validation_failed', undefined, {
    fields: [
      {
        path: Array.isArray(path) ? path : [path],
        message: ctx.locale === 'zh-CN' ? message.zh : message.en,
      },
    ],
  });
}
