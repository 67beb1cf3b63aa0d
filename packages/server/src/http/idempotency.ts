import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { sendError } from './error-handler.ts';

/**
 * Idempotent writes (issue 12 item 15): a funding, progress or stage post sent with an
 * `Idempotency-Key` header is done once per user and key. A retry with the same body gets the
 * first answer (status and body, `Idempotent-Replayed: true`) without writing again; the same key
 * with another body is a 409. A retry that arrives while the first is still running waits for its
 * answer. Keys are kept 24 hours (table `idempotency_key`, migration 0019).
 *
 * Crash safety: the row is claimed before the handler runs, marked `committed` inside the write's
 * own transaction (the request's `ctx.db` wraps `transaction()`), and given the answer when it is
 * sent. After a crash, a claimed row that never committed is taken over by the retry (the write did
 * not happen); one that committed without an answer is a 409 saying the write was recorded.
 */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
const routes = new Set([
  'POST /api/projects/:id/funding',
  'POST /api/projects/:id/progress',
  'POST /api/projects/:id/stage',
]);
const keepMs = 24 * 60 * 60 * 1000;
/** A claimed row older than this that never committed belonged to a request that died. */
const abandonedMs = 30_000;
const waitMs = 10_000;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { owner: string; key: string };
    /** SHA-256 of the method, URL and body as sent (before validation fills defaults). */
    idempotencyBodySha?: string;
  }
}

export function requestSha(method: string, url: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${url}\n${JSON.stringify(body ?? null)}`)
    .digest('hex');
}

export function registerIdempotency(app: FastifyInstance, db: Kysely<DB>) {
  app.addHook('preValidation', async (request) => {
    if (!routes.has(`${request.method} ${request.routeOptions.url}`)) return;
    if (request.headers[IDEMPOTENCY_HEADER] === undefined) return;
    request.idempotencyBodySha = requestSha(request.method, request.url, request.body);
  });
  app.addHook('preHandler', async (request, reply) => {
    if (!routes.has(`${request.method} ${request.routeOptions.url}`)) return;
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (header === undefined) return;
    const actor = request.ctx.actor;
    if (!actor || reply.sent) return;
    const zh = request.ctx.locale === 'zh-CN';
    if (typeof header !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(header)) {
      return sendError(request, reply, 'validation_failed', {
        fields: [
          {
            path: ['headers', IDEMPOTENCY_HEADER],
            message: zh
              ? 'Idempotency-Key 须为 1–200 个可见 ASCII 字符'
              : 'Idempotency-Key must be 1–200 visible ASCII characters',
          },
        ],
      });
    }
    const owner = actor.id ?? 'operator';
    const key = header;
    const bodySha = request.idempotencyBodySha ?? requestSha(request.method, request.url, request.body);
    const now = request.ctx.clock.now();
    const deadline = Date.now() + waitMs;
    for (;;) {
      // Expired keys (of anyone) go first; then this request claims the key, or finds who has.
      await db
        .deleteFrom('idempotency_key')
        .where('created_at', '<', new Date(now.getTime() - keepMs))
        .execute();
      const claimed = await db
        .insertInto('idempotency_key')
        .values({
          owner,
          key,
          tenant_id: actor.tenantId,
          method: request.method,
          url: request.url,
          body_sha256: bodySha,
          created_at: now,
        })
        .onConflict((oc) => oc.columns(['owner', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst();
      if (claimed) break;
      const first = await db
        .selectFrom('idempotency_key')
        .selectAll()
        .where('owner', '=', owner)
        .where('key', '=', key)
        .executeTakeFirst();
      if (!first) continue; // expired or released between the two statements: claim again
      if (first.body_sha256 !== bodySha) {
        return sendError(request, reply, 'conflict', {
          message: zh
            ? '该 Idempotency-Key 已用于另一个请求（内容不同）；新的操作请使用新的键'
            : 'This Idempotency-Key was used for a different request (another body); use a new key for a new write',
        });
      }
      if (first.status !== null && first.response !== null) {
        reply.header('idempotent-replayed', 'true');
        return reply.status(first.status).type('application/json; charset=utf-8').send(first.response);
      }
      const running = now.getTime() - new Date(first.created_at).getTime() <= abandonedMs;
      if (running) {
        // The first request is still at work (or between its commit and its answer): wait for its answer.
        if (Date.now() > deadline) {
          return sendError(request, reply, 'conflict', {
            message: zh
              ? '使用该 Idempotency-Key 的请求仍在处理中，请稍后重试'
              : 'A request with this Idempotency-Key is still being processed; retry shortly',
          });
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      if (first.committed) {
        return sendError(request, reply, 'conflict', {
          message: zh
            ? '使用该 Idempotency-Key 的操作已经记录，但答复未能保存；请刷新项目查看结果，不要重复登记'
            : 'The write with this Idempotency-Key was recorded but its answer was not kept; reload the project to see it rather than recording it again',
        });
      }
      // The request that claimed it died before its write committed: this retry does the write.
      await db
        .deleteFrom('idempotency_key')
        .where('owner', '=', owner)
        .where('key', '=', key)
        .where('committed', '=', false)
        .where('status', 'is', null)
        .execute();
    }
    request.idempotency = { owner, key };
    request.ctx.db = markingCommit(request.ctx.db, owner, key);
  });

  // The answer as the route gave it (before compression): kept to replay, unless it is a 5xx.
  app.addHook('preSerialization', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (!claim || reply.statusCode >= 500) return payload;
    request.idempotency = undefined;
    await db
      .updateTable('idempotency_key')
      .set({ status: reply.statusCode, response: JSON.stringify(payload) })
      .where('owner', '=', claim.owner)
      .where('key', '=', claim.key)
      .execute();
    return payload;
  });
  // No answer kept (a 5xx, a failure before the answer): a retry may try again, unless the write committed.
  app.addHook('onResponse', async (request) => {
    const claim = request.idempotency;
    if (!claim) return;
    request.idempotency = undefined;
    await db
      .deleteFrom('idempotency_key')
      .where('owner', '=', claim.owner)
      .where('key', '=', claim.key)
      .where('committed', '=', false)
      .where('status', 'is', null)
      .execute();
  });
}

/** `db` whose transactions also mark the claimed key committed, inside the same transaction. */
function markingCommit(db: Kysely<DB>, owner: string, key: string): Kysely<DB> {
  const wrapBuilder = (builder: object): object =>
    new Proxy(builder, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== 'function') return value;
        if (prop === 'execute') {
          return (fn: (trx: Kysely<DB>) => Promise<unknown>) =>
            (value as (f: typeof fn) => Promise<unknown>).call(target, async (trx: Kysely<DB>) => {
              const result = await fn(trx);
              await trx
                .updateTable('idempotency_key')
                .set({ committed: true })
                .where('owner', '=', owner)
                .where('key', '=', key)
                .execute();
              return result;
            });
        }
        return (...args: unknown[]) => {
          const out = (value as (...a: unknown[]) => unknown).apply(target, args);
          return out && typeof out === 'object' ? wrapBuilder(out) : out;
        };
      },
    });
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'transaction') return () => wrapBuilder(target.transaction());
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
