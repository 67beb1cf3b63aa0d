import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idSchema } from '@landfall/domain';
import { calendarMonthSchema, knownOnSchema } from '@landfall/domain/dates';
import { projectQuerySchema } from '@landfall/domain/schemas/project';
import { exportLedger } from './ledger-export.ts';
import { exportMonthly } from './monthly-export.ts';
import { sendXlsx } from '../imports/import.routes.ts';
import { recordExport } from '../audit/audit.service.ts';

export const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  /** 推进台账 with the library's filters (same query as GET /api/projects; paging ignored). */
  app.get(
    '/api/exports/ledger.xlsx',
    {
      config: { action: 'export.ledger' },
      schema: {
        querystring: projectQuerySchema.omit({ page: true, pageSize: true, sort: true, order: true }),
      },
    },
    async (request, reply) => {
      const { bytes, filename } = await exportLedger(request.ctx, request.query);
      await recordExport(request.ctx, { action: 'export.ledger', filename, bytes, query: request.query });
      return sendXlsx(reply, filename, bytes);
    },
  );

  /** 月度统计表 of funds in place by unit. */
  app.get(
    '/api/exports/monthly.xlsx',
    {
      config: { action: 'export.monthly' },
      schema: {
        querystring: z.object({
          month: calendarMonthSchema,
          tenantId: idSchema.optional(),
          knownOn: knownOnSchema.optional(),
        }),
      },
    },
    async (request, reply) => {
      const { bytes, filename } = await exportMonthly(request.ctx, request.query);
      await recordExport(request.ctx, { action: 'export.monthly', filename, bytes, query: request.query });
      return sendXlsx(reply, filename, bytes);
    },
  );
};
