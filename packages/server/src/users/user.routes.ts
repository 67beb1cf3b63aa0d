import { z } from 'zod';
import type { FastifyReply } from 'fastify';
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
  resetUserTotp,
  unlockUser,
  updateUser,
  type AccountOutcome,
} from './user.service.ts';
import type { User } from './user.mapper.ts';
import { approveRequest, listRequests, refuseRequest } from './account-request.service.ts';

const params = z.object({ id: idSchema });

/** Done: the account (with the route's status); waiting for a second of the three: 202 and the request. */
function answer(reply: FastifyReply, outcome: AccountOutcome<User>, status = 200) {
  return outcome.kind === 'pending'
    ? reply.status(202).send(outcome.request)
    : reply.status(status).send(outcome.value);
}
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
    async (request, reply) => answer(reply, await createUser(request.ctx, request.body), 201),
  );
  app.put(
    '/api/users/:id',
    { config: { action: 'user.update' }, schema: { params, body: userUpdateSchema } },
    async (request) => updateUser(request.ctx, request.params.id, request.body),
  );
  app.put(
    '/api/users/:id/role',
    { config: { action: 'user.changeRole' }, schema: { params, body: userRoleSchema } },
    async (request, reply) =>
      answer(reply, await changeUserRole(request.ctx, request.params.id, request.body)),
  );
  app.post(
    '/api/users/:id/disable',
    { config: { action: 'user.disable' }, schema: { params } },
    async (request, reply) => answer(reply, await disableUser(request.ctx, request.params.id)),
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
      const outcome = await resetUserPassword(request.ctx, request.params.id, request.body);
      return outcome.kind === 'pending' ? reply.status(202).send(outcome.request) : reply.status(204).send();
    },
  );
  app.post(
    '/api/users/:id/totp-reset',
    { config: { action: 'user.resetTotp' }, schema: { params } },
    async (request, reply) => {
      const outcome = await resetUserTotp(request.ctx, request.params.id);
      return outcome.kind === 'pending' ? reply.status(202).send(outcome.request) : reply.status(204).send();
    },
  );
  app.get(
    '/api/account-requests',
    {
      config: { action: 'accountRequest.read' },
      schema: { querystring: z.object({ status: z.enum(['pending', 'approved', 'refused']).optional() }) },
    },
    async (request) => listRequests(request.ctx, request.query.status),
  );
  app.post(
    '/api/account-requests/:id/approve',
    { config: { action: 'accountRequest.approve' }, schema: { params } },
    async (request) => approveRequest(request.ctx, request.params.id),
  );
  app.post(
    '/api/account-requests/:id/refuse',
    {
      config: { action: 'accountRequest.refuse' },
      schema: { params, body: z.object({ reason: z.string().trim().max(500).nullable().optional() }) },
    },
    async (request) => refuseRequest(request.ctx, request.params.id, request.body.reason || null),
  );
  app.get('/api/roles', { config: { action: 'role.read' } }, async (request) => listRoles(request.ctx));
};
