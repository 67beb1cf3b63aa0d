import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idSchema, unitCreateSchema, unitUpdateSchema } from '@landfall/domain';
import { createUnit, listUnits, updateUnit } from './unit.service.ts';

const params = z.object({ id: idSchema });
const query = z.object({ tenantId: idSchema.optional() });

export const unitRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/units',
    { config: { action: 'unit.read' }, schema: { querystring: query } },
    async (request) => listUnits(request.ctx, request.query.tenantId),
  );
  app.post(
    '/api/units',
    { config: { action: 'unit.create' }, schema: { body: unitCreateSchema } },
    async (request, reply) => reply.status(201).send(await createUnit(request.ctx, request.body)),
  );
  app.put(
    '/api/units/:id',
    { config: { action: 'unit.update' }, schema: { params, body: unitUpdateSchema } },
    async (request) => updateUnit(request.ctx, request.params.id, request.body),
  );
};
