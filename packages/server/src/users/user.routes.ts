import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  idSchema,
  userCreateSchema,
  userPasswordResetSchema,
  userRoleSchema,
  userUpdateSchema,
} from '@landfall/domain';
import {
  changeUserRole,
  createUser,
  disableUser,
  enableUser,
  listRoles,
  listUsers,
  resetUserPassword,
  unlockUser,
  updateUser,
} from './user.service.ts';

const params = z.object({ id: idSchema });
const query = z.object({ tenantId: idSchema.optional() });

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/users',
    { config: { action: 'user.read' }, schema: { querystring: query } },
    async (request) => listUsers(request.ctx, request.query.tenantId),
  );
  app.post(
    '/api/users',
    { config: { action: 'user.create' }, schema: { body: userCreateSchema } },
    async (request, reply) => reply.status(201).send(await createUser(request.ctx, request.body)),
  );
  app.put(
    '/api/users/:id',
    { config: { action: 'user.update' }, schema: { params, body: userUpdateSchema } },
    async (request) => updateUser(request.ctx, request.params.id, request.body),
  );
  app.put(
    '/api/users/:id/role',
    { config: { action: 'user.changeRole' }, schema: { params, body: userRoleSchema } },
    async (request) => changeUserRole(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/users/:id/disable',
    { config: { action: 'user.disable' }, schema: { params } },
    async (request) => disableUser(request.ctx, request.params.id),
  );
  app.post(
    '/api/users/:id/enable',
    { config: { action: 'user.enable' }, schema: { params } },
    async (request) => enableUser(request.ctx, request.params.id),
  );
  app.post(
    '/api/users/:id/unlock',
    { config: { action: 'user.unlock' }, schema: { params } },
    async (request) => unlockUser(request.ctx, request.params.id),
  );
  app.post(
    '/api/users/:id/password',
    { config: { action: 'user.resetPassword' }, schema: { params, body: userPasswordResetSchema } },
    async (request, reply) => {
      await resetUserPassword(request.ctx, request.params.id, request.body);
      return reply.status(204).send();
    },
  );
  app.get('/api/roles', { config: { action: 'role.read' } }, async (request) => listRoles(request.ctx));
};
