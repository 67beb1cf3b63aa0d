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

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  extra: { message?: string; fields?: FieldIssue[]; details?: unknown } = {},
) {
  const body: ErrorBody = {
    code,
    message: extra.message ?? errorMessages[code][localeOf(request)],
    requestId: String(request.id),
  };
  if (extra.fields) body.fields = extra.fields;
  if (extra.details !== undefined) body.details = extra.details;
  return reply.status(errorStatus[code]).send({ error: body });
}

const pgUniqueViolation = '23505';
const pgForeignKeyViolation = '23503';
const pgCheckViolation = '23514';

/**
 * The one error handler: AppError → its status; validation → 400 with field
 * paths; unique violations → 409; anything unknown → 500 with the request id
 * only (the cause goes to the log, never to the client).
 */
export function handleError(
  error: FastifyError | AppError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  if (error instanceof AppError) {
    const { fields, ...details } = error.details ?? {};
    const hasDetails = Object.keys(details).length > 0;
    return sendError(request, reply, error.code, {
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
    return sendError(request, reply, 'validation_failed', { fields });
  }
  if (error instanceof ZodError) {
    const fields = error.issues.map((i) => ({
      path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: i.message,
    }));
    return sendError(request, reply, 'validation_failed', { fields });
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code.startsWith('FST_CSRF')) return sendError(request, reply, 'csrf_invalid');
    if (code === pgUniqueViolation) return sendError(request, reply, 'duplicate');
    if (code === pgForeignKeyViolation || code === pgCheckViolation)
      return sendError(request, reply, 'conflict');
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(request, reply, 'payload_too_large');
    if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendError(request, reply, 'unsupported_media_type');
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
    return sendError(request, reply, mapped);
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendError(request, reply, 'internal');
}
