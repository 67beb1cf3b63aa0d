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
