/**
 * The upload door: how many files are being read at once, and reading one file of a multipart body.
 *
 * Reading an upload (and an import's preview or commit, which inflate and parse the whole file)
 * costs memory and CPU that other requests do not: each instance runs at most `perInstance` of
 * them at once and each tenant at most `perTenant`, so one district's coordinator cannot starve the
 * others nor eight crafted files exhaust the heap. A request over the bound is refused before its
 * body is read: 429 with Retry-After. The slot is taken in the route's onRequest hook — after the
 * global one that authenticated the caller — and given back when the answer is finished.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { AppError, invalidField } from './app-error.ts';
import { sendError } from './error-handler.ts';

export interface UploadLimits {
  perInstance: number;
  perTenant: number;
  /** Seconds a refused client is asked to wait. */
  retryAfter: number;
}

export const defaultUploadLimits: UploadLimits = { perInstance: 4, perTenant: 2, retryAfter: 10 };

export interface UploadSlots {
  limits: UploadLimits;
  /** Files being read now, in all and per tenant. */
  running(): { total: number; byTenant: Record<string, number> };
  /** Route-level onRequest hook: takes a slot or answers 429. */
  hook(request: FastifyRequest, reply: FastifyReply): Promise<unknown>;
}

export function createUploadSlots(limits: UploadLimits = defaultUploadLimits): UploadSlots {
  let total = 0;
  const byTenant = new Map<string, number>();
  return {
    limits,
    running: () => ({ total, byTenant: Object.fromEntries(byTenant) }),
    async hook(request, reply) {
      const actor = request.ctx.actor;
      const tenant = actor?.tenantId ?? actor?.kind ?? 'anonymous';
      const mine = byTenant.get(tenant) ?? 0;
      if (total >= limits.perInstance || mine >= limits.perTenant) {
        reply.header('retry-after', String(limits.retryAfter));
        const message =
          request.ctx.locale === 'zh-CN'
            ? `服务器正在处理其他导入或上传的文件，请约 ${limits.retryAfter} 秒后再试`
            : `The server is busy reading other uploaded files; try again in about ${limits.retryAfter} seconds`;
        return sendError(request, reply, 'rate_limited', { message });
      }
      total += 1;
      byTenant.set(tenant, mine + 1);
      let held = true;
      const release = () => {
        if (!held) return;
        held = false;
        total -= 1;
        const left = (byTenant.get(tenant) ?? 1) - 1;
        if (left > 0) byTenant.set(tenant, left);
        else byTenant.delete(tenant);
      };
      // 'finish' when the answer is sent (a streamed answer: when its stream ends), 'close' when the
      // client goes away first.
      reply.raw.once('finish', release);
      reply.raw.once('close', release);
    },
  };
}

/** Busboy's words for a body that is not multipart as it claims (no boundary, a part never closed). */
const brokenMultipart = /boundary|unexpected end|malformed|part terminated|multipart/i;

/**
 * The one file of a multipart/form-data body, read into memory up to `maxBytes` (413 beyond), or a
 * 400 on `file` for a body that is broken, empty or carries no file.
 */
export async function readUploadedFile(
  request: FastifyRequest,
  maxBytes: number,
): Promise<{ filename: string; content: Buffer }> {
  const noFile = () => invalidField(request.ctx, 'file', { zh: '请选择文件', en: 'Choose a file' });
  const broken = () =>
    invalidField(request.ctx, 'file', {
      zh: '上传的内容不完整或格式不正确，请重新选择文件上传',
      en: 'The upload is incomplete or malformed; choose the file again',
    });
  let file: MultipartFile | undefined;
  let content: Buffer;
  try {
    file = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
    if (!file) throw noFile();
    content = await file.toBuffer();
  } catch (err) {
    if (err instanceof AppError) throw err;
    const e = err as { code?: string; statusCode?: number; message?: string };
    if (e.code === 'FST_REQ_FILE_TOO_LARGE' || e.statusCode === 413) throw new AppError('payload_too_large');
    if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) throw broken();
    if (brokenMultipart.test(e.message ?? '')) throw broken();
    throw err;
  }
  if (file.file.truncated) throw new AppError('payload_too_large');
  return { filename: file.filename, content };
}
