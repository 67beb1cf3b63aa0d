import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { convenerCreateSchema, convenerUpdateSchema, idSchema } from '@landfall/domain';
import { createConvener, listConveners, updateConvener } from './convener.service.ts';

const params = z.object({ id: idSchema });
const query = z.object({ tenantId: idSchema.optional() });

export const convenerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/conveners',
    { config: { action: 'convener.read' }, schema: { querystring: query } },
    async (request) => listConveners(request.ctx, request.query.tenantId),
  );
  app.post(
    '/api/conveners',
    { config: { action: 'convener.create' }, schema: { body: convenerCreateSchema } },
    async (request, reply) => reply.status(201).send(await createConvener(request.ctx, request.body)),
  );
  app.put(
    '/api/conveners/:id',
    { config: { action: 'convener.update' }, schema: { params, body: convenerUpdateSchema } },
    async (request) => updateConvener(request.ctx, request.params.id, request.body),
  );
};
