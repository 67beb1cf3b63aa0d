import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idSchema } from '@landfall/domain';
import { listFocusIndustries, listIndustries } from './industry.service.ts';

export const industryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/industries',
    {
      config: { action: 'reference.read' },
      schema: {
        querystring: z.object({
          parent: z
            .string()
            .regex(/^[A-T]$|^\d{2,4}$/)
            .optional(),
          q: z.string().trim().min(1).max(20).optional(),
        }),
      },
    },
    async (request) => listIndustries(request.ctx, request.query),
  );
  app.get(
    '/api/focus-industries',
    {
      config: { action: 'reference.read' },
      schema: { querystring: z.object({ tenantId: idSchema.optional() }) },
    },
    async (request) => listFocusIndustries(request.ctx, request.query.tenantId),
  );
};
