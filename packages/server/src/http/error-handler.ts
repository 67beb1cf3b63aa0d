import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import {
  errorMessages,
  errorStatus,
  type ErrorBody,
  type ErrorCode,
  type FieldIssue,
  type Locale,
} from '@landfall/domain';
import { ZodError } from 'zod';
import { AppError } from './app-error.ts';

export function localeOf(request: FastifyRequest): Locale {
  const header = request.headers['accept-language'];
  return typeof header === 'string' && /^en\b/i.test(header.trim()) ? 'en-US' : 'zh-CN';
}

/** The status and JSON body of one error code (the message in the request's language unless given). */
export function errorAnswer(
  request: FastifyRequest,
  code: ErrorCode,
  extra: { message?: string; fields?: FieldIssue[]; details?: unknown } = {},
): { status: number; body: { error: ErrorBody } } {
  const body: ErrorBody = {
    code,
    message: extra.message ?? errorMessages[code][localeOf(request)],
    requestId: String(request.id),
  };
  if (extra.fields) body.fields = extra.fields;
  if (extra.details !== undefined) body.details = extra.details;
  return { status: errorStatus[code], body: { error: body } };
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  extra: { message?: string; fields?: FieldIssue[]; details?: unknown } = {},
) {
  const { status, body } = errorAnswer(request, code, extra);
  return reply.status(status).send(body);
}

const pgUniqueViolation = '23505';
const pgForeignKeyViolation = '23503';
const pgCheckViolation = '23514';

/**
 * The one error handler: AppError → its status; validation → 400 with field
 * paths; unique violations → 409; anything unknown → 500 with the request id
 * only (the cause goes to the log, never to the client).
 */
export function answerFor(
  error: FastifyError | AppError | Error,
  request: FastifyRequest,
): { status: number; body: { error: ErrorBody } } {
  if (error instanceof AppError) {
    const { fields, ...details } = error.details ?? {};
    const hasDetails = Object.keys(details).length > 0;
    return errorAnswer(request, error.code, {
      message: error.message !== error.code ? error.message : undefined,
      fields,
      details: hasDetails ? details : undefined,
    });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields = error.validation.map((v) => ({
      path: v.instancePath
        .split('/')
        .filter(Boolean)
        .map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
      message: v.message ?? 'invalid',
    }));
    return errorAnswer(request, 'validation_failed', { fields });
  }
  if (error instanceof ZodError) {
    const fields = error.issues.map((i) => ({
      path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: i.message,
    }));
    return errorAnswer(request, 'validation_failed', { fields });
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code.startsWith('FST_CSRF')) return errorAnswer(request, 'csrf_invalid');
    if (code === pgUniqueViolation) return errorAnswer(request, 'duplicate');
    if (code === pgForeignKeyViolation || code === pgCheckViolation) return errorAnswer(request, 'conflict');
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return errorAnswer(request, 'payload_too_large');
    if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return errorAnswer(request, 'unsupported_media_type');
  }
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const mapped: ErrorCode =
      status === 404
        ? 'not_found'
        : status === 413
          ? 'payload_too_large'
          : status === 415
            ? 'unsupported_media_type'
            : status === 429
              ? 'rate_limited'
              : 'validation_failed';
    return errorAnswer(request, mapped);
  }
  request.log.error({ err: error }, 'unhandled error');
  return errorAnswer(request, 'internal');
}

/** The Fastify error handler: every error answered by `answerFor`. */
export function handleError(
  error: FastifyError | AppError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const { status, body } = answerFor(error, request);
  return reply.status(status).send(body);
}
