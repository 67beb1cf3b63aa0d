import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { groupCreateSchema, groupUpdateSchema, idSchema } from '@landfall/domain';
import { createGroup, listGroups, updateGroup } from './group.service.ts';

const params = z.object({ id: idSchema });
const query = z.object({ tenantId: idSchema.optional() });

export const groupRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/groups',
    { config: { action: 'group.read' }, schema: { querystring: query } },
    async (request) => listGroups(request.ctx, request.query.tenantId),
  );
  app.post(
    '/api/groups',
    { config: { action: 'group.create' }, schema: { body: groupCreateSchema } },
    async (request, reply) => reply.status(201).send(await createGroup(request.ctx, request.body)),
  );
  app.put(
    '/api/groups/:id',
    { config: { action: 'group.update' }, schema: { params, body: groupUpdateSchema } },
    async (request) => updateGroup(request.ctx, request.params.id, request.body),
  );
};
