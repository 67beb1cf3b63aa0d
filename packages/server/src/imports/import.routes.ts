import { z } from 'zod';
import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { answerFor } from '../http/error-handler.ts';
import { idSchema } from '@landfall/domain';
import { importOptionsSchema } from '@landfall/domain/schemas/import';
import { AppError } from '../http/app-error.ts';
import { importLimits } from './file-format.ts';
import { readUploadedFile } from '../http/uploads.ts';
import {
  commitImport,
  getImport,
  importErrorReport,
  importProgress,
  listImports,
  previewImport,
  uploadImport,
} from './import.service.ts';
import { writeErrorReport } from './error-report.ts';

const params = z.object({ id: idSchema });

function sendXlsx(reply: FastifyReply, filename: string, bytes: Buffer) {
  reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
  reply.header('content-length', String(bytes.length));
  return reply.send(bytes);
}
export { sendXlsx };

/** JSON, or an NDJSON stream of progress lines and the outcome (see the preview/commit routes). */
async function respond(
  request: FastifyRequest<{ Params: { id: string } }>,
  reply: FastifyReply,
  work: () => Promise<unknown>,
) {
  if (!/application\/x-ndjson/.test(request.headers.accept ?? '')) return work();
  const stream = new PassThrough();
  reply.header('content-type', 'application/x-ndjson; charset=utf-8');
  reply.header('cache-control', 'no-store');
  void reply.send(stream);
  let last = '';
  const tick = () => {
    const progress = importProgress(request.params.id);
    const line = progress ? JSON.stringify({ progress }) : '';
    if (line && line !== last) stream.write(`${line}\n`);
    last = line;
  };
  const timer = setInterval(tick, 400);
  try {
    const body = await work();
    stream.write(`${JSON.stringify({ status: 200, body })}\n`);
  } catch (err) {
    const captured = answerFor(err as Error, request);
    stream.write(`${JSON.stringify(captured)}\n`);
  } finally {
    clearInterval(timer);
    stream.end();
  }
  return reply;
}

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  // The CLI sends the file as the raw body (application/octet-stream, name in ?filename=).
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: importLimits.fileBytes },
    (_request, body, done) => done(null, body),
  );

  /** multipart/form-data with one field `file`, or the raw file with ?filename=. */
  app.post(
    '/api/imports',
    {
      config: { action: 'import.run' },
      // After the global onRequest hook authenticated the caller, before any byte of the body is read.
      onRequest: app.landfall.uploads.hook,
      bodyLimit: importLimits.fileBytes + 1024 * 1024,
      schema: {
        querystring: z.object({ filename: z.string().max(255).optional(), tenantId: idSchema.optional() }),
      },
    },
    async (request, reply) => {
      let filename = request.query.filename ?? 'upload';
      let bytes: Buffer;
      if (request.isMultipart()) {
        const file = await readUploadedFile(request, importLimits.fileBytes);
        bytes = file.content;
        filename = file.filename || filename;
      } else if (Buffer.isBuffer(request.body)) {
        bytes = request.body;
      } else {
        throw new AppError('unsupported_media_type');
      }
      return reply
        .status(201)
        .send(await uploadImport(request.ctx, { filename, bytes, tenantId: request.query.tenantId }));
    },
  );

  app.get('/api/imports', { config: { action: 'import.read' } }, async (request) => ({
    items: await listImports(request.ctx),
  }));

  app.get('/api/imports/:id', { config: { action: 'import.read' }, schema: { params } }, async (request) =>
    getImport(request.ctx, request.params.id),
  );

  /** Progress of a running preview or commit (null when none runs). */
  app.get(
    '/api/imports/:id/progress',
    { config: { action: 'import.read' }, schema: { params } },
    async (request) => {
      await getImport(request.ctx, request.params.id);
      return { progress: importProgress(request.params.id) };
    },
  );

  /**
   * Preview and commit answer JSON; with `Accept: application/x-ndjson` they answer a stream of
   * lines instead — `{"progress": …}` about twice a second while the work runs, then one
   * `{"status": 200, "body": ImportBatch}` or `{"status": 4xx, "body": {"error": …}}`. The
   * stream is how the browser and the CLI show progress of a commit on the embedded engine,
   * whose single connection the commit's transaction holds (a poll would wait for it).
   */
  app.post(
    '/api/imports/:id/preview',
    {
      config: { action: 'import.run' },
      onRequest: app.landfall.uploads.hook,
      schema: { params, body: importOptionsSchema },
    },
    async (request, reply) =>
      respond(request, reply, () => previewImport(request.ctx, request.params.id, request.body)),
  );

  app.post(
    '/api/imports/:id/commit',
    {
      config: { action: 'import.run' },
      onRequest: app.landfall.uploads.hook,
      schema: { params, body: importOptionsSchema },
    },
    async (request, reply) =>
      respond(request, reply, () => commitImport(request.ctx, request.params.id, request.body)),
  );

  /** The last preview's errors and warnings as .xlsx (错误报告). */
  app.get(
    '/api/imports/:id/errors.xlsx',
    { config: { action: 'import.read' }, schema: { params } },
    async (request, reply) => {
      const { filename, summary } = await importErrorReport(request.ctx, request.params.id);
      if (!summary) {
        throw new AppError(
          'conflict',
          request.ctx.locale === 'zh-CN' ? '请先预览导入结果' : 'Preview the import first',
        );
      }
      const bytes = await writeErrorReport(filename, summary);
      return sendXlsx(reply, `${filename.replace(/\.[^.]+$/, '')}-错误报告.xlsx`, bytes);
    },
  );
};
