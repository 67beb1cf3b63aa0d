import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idSchema } from '@landfall/domain';
import { calendarDateSchema, knownOnSchema } from '@landfall/domain/dates';
import { readStats } from './stats.service.ts';

export const statsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/stats',
    {
      config: { action: 'stats.read' },
      schema: {
        querystring: z.object({
          asOf: calendarDateSchema.optional(),
          knownOn: knownOnSchema.optional(),
          tenantId: idSchema.optional(),
          year: z.coerce.number().int().min(2000).max(2100).optional(),
        }),
      },
    },
    async (request) => readStats(request.ctx, request.query),
  );
};
