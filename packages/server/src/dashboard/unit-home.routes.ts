import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idSchema, settingVersionSchema } from '@landfall/domain';
import { dashboardQuerySchema } from './dashboard.routes.ts';
import { readUnitHome } from './unit-home.service.ts';
import { getUnitRankingSetting, updateUnitRankingSetting } from '../settings/unit-ranking-setting.service.ts';

/** 单位工作台 and the tenant's switch for showing units the full ranking (赛马榜). */
export const unitHomeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/dashboard/unit',
    {
      config: { action: 'dashboard.readUnit' },
      schema: {
        querystring: dashboardQuerySchema.omit({ tenantId: true }).extend({ unitId: idSchema.optional() }),
      },
    },
    async (request) => readUnitHome(request.ctx, request.query),
  );
  app.get(
    '/api/settings/unit-ranking',
    {
      config: { action: 'dashboard.readUnit' },
      schema: { querystring: z.object({ tenantId: idSchema.optional() }) },
    },
    async (request) => getUnitRankingSetting(request.ctx, request.query.tenantId),
  );
  app.put(
    '/api/settings/unit-ranking',
    {
      config: { action: 'dashboard.configure' },
      schema: {
        body: z.object({
          showRanking: z.boolean(),
          version: settingVersionSchema,
          tenantId: idSchema.optional(),
        }),
      },
    },
    async (request) => updateUnitRankingSetting(request.ctx, request.body),
  );
};
