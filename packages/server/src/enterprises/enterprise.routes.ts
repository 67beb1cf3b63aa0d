import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idSchema } from '@landfall/domain';
import {
  enterpriseInputSchema,
  enterpriseQuerySchema,
  enterpriseUpdateSchema,
} from '@landfall/domain/schemas/enterprise';
import { createEnterprise, getEnterprise, listEnterprises, updateEnterprise } from './enterprise.service.ts';

const params = z.object({ id: idSchema });

export const enterpriseRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/enterprises',
    { config: { action: 'enterprise.read' }, schema: { querystring: enterpriseQuerySchema } },
    async (request) => listEnterprises(request.ctx, request.query),
  );
  app.get(
    '/api/enterprises/:id',
    { config: { action: 'enterprise.read' }, schema: { params } },
    async (request) => getEnterprise(request.ctx, request.params.id),
  );
  app.post(
    '/api/enterprises',
    {
      config: { action: 'enterprise.create' },
      schema: { body: enterpriseInputSchema.extend({ tenantId: idSchema.optional() }) },
    },
    async (request, reply) => reply.status(201).send(await createEnterprise(request.ctx, request.body)),
  );
  app.put(
    '/api/enterprises/:id',
    { config: { action: 'enterprise.update' }, schema: { params, body: enterpriseUpdateSchema } },
    async (request) => updateEnterprise(request.ctx, request.params.id, request.body),
  );
};
