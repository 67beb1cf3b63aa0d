import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldIssue } from '@landfall/domain';
import { sendError } from './error-handler.ts';

/**
 * Text PostgreSQL cannot store: a NUL (0x00 is refused in text and jsonb) or half of a UTF-16
 * surrogate pair (jsonb refuses the escape JSON.stringify writes for it).
 */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const unstorable = { test: (text: string) => text.includes('\u0000') || loneSurrogate.test(text) };

const message = {
  zh: '不能包含空字符（\\u0000）或无效的 Unicode 字符',
  en: 'Contains a NUL or an invalid Unicode character',
};

/** At most this many fields are named; deeper than this a value is not searched (bodies are ≤ 1 MB). */
const maxIssues = 20;
const maxDepth = 64;

/** The paths of every string (or key) in a parsed input that the database could not store. */
export function findUnstorableText(value: unknown): (string | number)[][] {
  const found: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[], depth: number) => {
    if (found.length >= maxIssues || depth > maxDepth) return;
    if (typeof v === 'string') {
      if (unstorable.test(v)) found.push(path);
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, [...path, i], depth + 1));
      return;
    }
    if (v && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const [key, item] of Object.entries(v)) {
        if (unstorable.test(key)) found.push([...path, key]);
        walk(item, [...path, key], depth + 1);
      }
    }
  };
  walk(value, [], 0);
  return found;
}

/**
 * preValidation, on every route: the query string, the path's parameters and a JSON body are
 * searched for text the database cannot store, and such a request is a 400 naming the field
 * (as a zod error names it: the query's and the body's fields by their own names) — once here,
 * instead of a 500 from whichever SQL statement would have met it first.
 */
export async function refuseUnstorableText(request: FastifyRequest, reply: FastifyReply) {
  const paths = [
    ...findUnstorableText(request.params),
    ...findUnstorableText(request.query),
    ...findUnstorableText(request.body),
  ].slice(0, maxIssues);
  if (!paths.length) return;
  const text = request.ctx.locale === 'zh-CN' ? message.zh : message.en;
  const fields: FieldIssue[] = paths.map((path) => ({ path, message: text }));
  return sendError(request, reply, 'validation_failed', { fields });
}
