import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idSchema } from '@landfall/domain';
import {
  closingSettingSchema,
  monthCloseSchema,
  monthListQuerySchema,
  monthParamsSchema,
  monthReopenSchema,
  monthTenantQuerySchema,
} from '@landfall/domain/schemas/closing';
import {
  checkMonth,
  closeMonth,
  listMonths,
  readIssuedReport,
  reopenMonth,
  signOffMonth,
} from './closing.service.ts';
import { getClosingSetting, updateClosingSetting } from './closing.settings.ts';
import { recordExport } from '../audit/audit.service.ts';

/** 封账: months and their status, the check, close / sign-off / reopen, the issued reports. */
export const closingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/months',
    { config: { action: 'month.read' }, schema: { querystring: monthListQuerySchema } },
    async (request) => listMonths(request.ctx, request.query),
  );
  app.get(
    '/api/months/settings',
    { config: { action: 'month.read' }, schema: { querystring: monthTenantQuerySchema } },
    async (request) => getClosingSetting(request.ctx, request.query.tenantId),
  );
  app.put(
    '/api/months/settings',
    {
      config: { action: 'month.configure' },
      schema: { body: closingSettingSchema.extend({ tenantId: idSchema.optional() }) },
    },
    async (request) => updateClosingSetting(request.ctx, request.body),
  );
  app.get(
    '/api/months/:month/check',
    {
      config: { action: 'month.read' },
      schema: { params: monthParamsSchema, querystring: monthTenantQuerySchema },
    },
    async (request) => checkMonth(request.ctx, request.params.month, request.query.tenantId),
  );
  app.post(
    '/api/months/:month/close',
    { config: { action: 'month.close' }, schema: { params: monthParamsSchema, body: monthCloseSchema } },
    async (request) => closeMonth(request.ctx, request.params.month, request.body),
  );
  app.post(
    '/api/months/:month/sign-off',
    { config: { action: 'month.signOff' }, schema: { params: monthParamsSchema, body: monthCloseSchema } },
    async (request) => signOffMonth(request.ctx, request.params.month, request.body),
  );
  app.post(
    '/api/months/:month/reopen',
    { config: { action: 'month.reopen' }, schema: { params: monthParamsSchema, body: monthReopenSchema } },
    async (request) => reopenMonth(request.ctx, request.params.month, request.body),
  );
  /** The exact bytes issued; the SHA-256 in a header as well as in the month's list. */
  app.get(
    '/api/months/reports/:id',
    { config: { action: 'month.read' }, schema: { params: z.object({ id: idSchema }) } },
    async (request, reply) => {
      const report = await readIssuedReport(request.ctx, request.params.id);
      await recordExport(request.ctx, {
        action: 'month.downloadReport',
        filename: report.filename,
        bytes: report.content,
        recordType: 'issued_report',
        recordId: request.params.id,
        tenantId: report.tenant_id,
      });
      reply.header('content-type', report.media_type);
      reply.header(
        'content-disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent(report.filename)}`,
      );
      reply.header('content-length', String(report.content.length));
      reply.header('x-content-sha256', report.sha256);
      reply.header('cache-control', 'private, max-age=31536000, immutable');
      return reply.send(report.content);
    },
  );
};
