import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idSchema } from '@landfall/domain';
import {
  duplicateMarkSchema,
  duplicateUnmarkSchema,
  sharedInvestorSettingSchema,
} from '@landfall/domain/shared-investors';
import { markDuplicate, unmarkDuplicate } from './shared-investors.service.ts';
import {
  getSharedInvestorSetting,
  updateSharedInvestorSetting,
} from '../settings/shared-investor-setting.service.ts';

/** 多头报送: the tenant's counting rule, and marking a project as a second report of one investment. */
export const sharedInvestorRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/settings/shared-investors',
    {
      config: { action: 'dashboard.read' },
      schema: { querystring: z.object({ tenantId: idSchema.optional() }) },
    },
    async (request) => getSharedInvestorSetting(request.ctx, request.query.tenantId),
  );
  app.put(
    '/api/settings/shared-investors',
    {
      config: { action: 'dashboard.configure' },
      schema: { body: sharedInvestorSettingSchema.extend({ tenantId: idSchema.optional() }) },
    },
    async (request) => updateSharedInvestorSetting(request.ctx, request.body),
  );
  app.post(
    '/api/shared-investors/duplicates',
    { config: { action: 'dashboard.configure' }, schema: { body: duplicateMarkSchema } },
    async (request, reply) => reply.code(201).send(await markDuplicate(request.ctx, request.body)),
  );
  app.post(
    '/api/shared-investors/duplicates/:id/undo',
    {
      config: { action: 'dashboard.configure' },
      schema: { params: z.object({ id: idSchema }), body: duplicateUnmarkSchema },
    },
    async (request) => unmarkDuplicate(request.ctx, request.params.id, request.body),
  );
};
