import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idSchema } from '@landfall/domain';
import { tierSettingSchema } from '@landfall/domain/tiers';
import { getTierSetting, updateTierSetting } from './tier-setting.service.ts';

/** 项目规模档次: the tiers a tenant counts, filters and ranks by. */
export const tierRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/settings/tiers',
    {
      config: { action: 'dashboard.read' },
      schema: { querystring: z.object({ tenantId: idSchema.optional() }) },
    },
    async (request) => getTierSetting(request.ctx, request.query.tenantId),
  );
  app.put(
    '/api/settings/tiers',
    {
      config: { action: 'tiers.configure' },
      schema: { body: tierSettingSchema.extend({ tenantId: idSchema.optional() }) },
    },
    async (request) => updateTierSetting(request.ctx, request.body),
  );
};
