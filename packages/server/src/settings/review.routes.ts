import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idSchema } from '@landfall/domain';
import { reviewQueueQuerySchema, reviewSettingSchema } from '@landfall/domain/schemas/coordination';
import { getReviewSetting, updateReviewSetting } from './review-setting.service.ts';
import { listSubmissions } from './review-queue.service.ts';

/** 报送审核: the per-tenant switch and the list; decisions are POST /api/projects|leads/:id/review. */
export const reviewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/review/settings',
    {
      config: { action: 'review.read' },
      schema: { querystring: z.object({ tenantId: idSchema.optional() }) },
    },
    async (request) => getReviewSetting(request.ctx, request.query.tenantId),
  );
  app.put(
    '/api/review/settings',
    {
      config: { action: 'review.configure' },
      schema: { body: reviewSettingSchema.extend({ tenantId: idSchema.optional() }) },
    },
    async (request) => updateReviewSetting(request.ctx, request.body),
  );
  app.get(
    '/api/review/submissions',
    { config: { action: 'review.read' }, schema: { querystring: reviewQueueQuerySchema } },
    async (request) => listSubmissions(request.ctx, request.query),
  );
};
