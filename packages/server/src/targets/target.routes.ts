import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idSchema, versionSchema } from '@landfall/domain';
import { reallocationInputSchema, targetPlanInputSchema } from '@landfall/domain/targets';
import { calendarDateSchema } from '@landfall/domain/dates';
import {
  createTargetPlan,
  draftUpdateSchema,
  finalizeTargetPlan,
  getTargetPlan,
  listTargetPlans,
  reallocateTargetPlan,
  updateTargetDraft,
} from './target.service.ts';

const params = z.object({ id: idSchema });

export const targetRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/targets',
    {
      config: { action: 'target.read' },
      schema: {
        querystring: z.object({
          year: z.coerce.number().int().min(2000).max(2100).optional(),
          tenantId: idSchema.optional(),
        }),
      },
    },
    async (request) => listTargetPlans(request.ctx, request.query),
  );
  app.post(
    '/api/targets',
    {
      config: { action: 'target.write' },
      schema: { body: targetPlanInputSchema.and(z.object({ tenantId: idSchema.optional() })) },
    },
    async (request, reply) => reply.status(201).send(await createTargetPlan(request.ctx, request.body)),
  );
  app.get('/api/targets/:id', { config: { action: 'target.read' }, schema: { params } }, async (request) =>
    getTargetPlan(request.ctx, request.params.id),
  );
  app.put(
    '/api/targets/:id/draft',
    { config: { action: 'target.write' }, schema: { params, body: draftUpdateSchema } },
    async (request) => updateTargetDraft(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/targets/:id/finalize',
    {
      config: { action: 'target.write' },
      schema: {
        params,
        body: z.object({ version: versionSchema, effectiveFrom: calendarDateSchema.optional() }),
      },
    },
    async (request) => finalizeTargetPlan(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/targets/:id/reallocate',
    { config: { action: 'target.write' }, schema: { params, body: reallocationInputSchema } },
    async (request) => reallocateTargetPlan(request.ctx, request.params.id, request.body),
  );
};
