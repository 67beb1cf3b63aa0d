import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { fundsBases, idSchema } from '@landfall/domain';
import { calendarDateSchema, knownOnSchema } from '@landfall/domain/dates';
import { readDashboard } from './dashboard.service.ts';

export const dashboardQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  asOf: calendarDateSchema.optional(),
  /** 统计时点: as known at the end of this day (or at this instant); default now. */
  knownOn: knownOnSchema.optional(),
  metric: z
    .enum([
      'funds_in_place',
      'agreed_investment',
      'projects_signed',
      'projects_started',
      'projects_over100m_signed',
    ])
    .optional(),
  basis: z.enum(fundsBases).optional(),
  tenantId: idSchema.optional(),
  timeMode: z.enum(['month', 'day']).optional(),
});

export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/dashboard',
    { config: { action: 'dashboard.read' }, schema: { querystring: dashboardQuerySchema } },
    async (request) => readDashboard(request.ctx, request.query),
  );
};
