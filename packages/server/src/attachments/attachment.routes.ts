import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idSchema } from '@landfall/domain';
import { AppError, invalidField } from '../http/app-error.ts';
import { downloadAttachment, uploadAttachment } from './attachment.service.ts';
import { MAX_ATTACHMENT_BYTES } from './file-type.ts';
import { readUploadedFile } from '../http/uploads.ts';

const params = z.object({ id: idSchema });

export const attachmentRoutes: FastifyPluginAsyncZod = async (app) => {
  /** multipart/form-data with one field `file`. */
  app.post(
    '/api/projects/:id/attachments',
    { config: { action: 'attachment.upload' }, onRequest: app.landfall.uploads.hook, schema: { params } },
    async (request, reply) => {
      if (!request.isMultipart()) throw new AppError('unsupported_media_type');
      const file = await readUploadedFile(request, MAX_ATTACHMENT_BYTES);
      const content = file.content;
      if (!content.length)
        throw invalidField(request.ctx, 'file', { zh: '文件为空', en: 'The file is empty' });
      return reply
        .status(201)
        .send(await uploadAttachment(request.ctx, request.params.id, { filename: file.filename, content }));
    },
  );

  app.get(
    '/api/attachments/:id',
    { config: { action: 'attachment.read' }, schema: { params } },
    async (request, reply) => {
      const { meta, content } = await downloadAttachment(request.ctx, request.params.id);
      reply.header('content-type', meta.media_type);
      reply.header(
        'content-disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent(meta.filename)}`,
      );
      reply.header('content-length', String(content.length));
      return reply.send(content);
    },
  );
};
