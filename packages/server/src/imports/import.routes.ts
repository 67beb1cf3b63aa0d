import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idSchema } from '@landfall/domain';
import { importOptionsSchema } from '@landfall/domain/schemas/import';
import { AppError, invalidField } from '../http/app-error.ts';
import { importLimits } from './file-format.ts';
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

function sendXlsx(reply: import('fastify').FastifyReply, filename: string, bytes: Buffer) {
  reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
  reply.header('content-length', String(bytes.length));
  return reply.send(bytes);
}
export { sendXlsx };

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
      bodyLimit: importLimits.fileBytes + 1024 * 1024,
      schema: {
        querystring: z.object({ filename: z.string().max(255).optional(), tenantId: idSchema.optional() }),
      },
    },
    async (request, reply) => {
      let filename = request.query.filename ?? 'upload';
      let bytes: Buffer;
      if (request.isMultipart()) {
        const file = await request.file({ limits: { fileSize: importLimits.fileBytes, files: 1 } });
        if (!file) throw invalidField(request.ctx, 'file', { zh: '请选择文件', en: 'Choose a file' });
        bytes = await file.toBuffer();
        if (file.file.truncated) throw new AppError('payload_too_large');
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

  app.post(
    '/api/imports/:id/preview',
    { config: { action: 'import.run' }, schema: { params, body: importOptionsSchema } },
    async (request) => previewImport(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/imports/:id/commit',
    { config: { action: 'import.run' }, schema: { params, body: importOptionsSchema } },
    async (request) => commitImport(request.ctx, request.params.id, request.body),
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
