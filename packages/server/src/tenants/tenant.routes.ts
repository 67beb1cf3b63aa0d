import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idSchema, tenantCreateSchema, tenantUpdateSchema } from '@landfall/domain';
import { createTenant, listTenants, updateTenant } from './tenant.service.ts';

const params = z.object({ id: idSchema });

export const tenantRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/tenants', { config: { action: 'tenant.read' } }, async (request) => listTenants(request.ctx));
  app.post(
    '/api/tenants',
    { config: { action: 'tenant.create' }, schema: { body: tenantCreateSchema } },
    async (request, reply) => reply.status(201).send(await createTenant(request.ctx, request.body)),
  );
  app.put(
    '/api/tenants/:id',
    { config: { action: 'tenant.update' }, schema: { params, body: tenantUpdateSchema } },
    async (request) => updateTenant(request.ctx, request.params.id, request.body),
  );
};
