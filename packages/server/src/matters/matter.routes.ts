import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idSchema } from '@landfall/domain';
import {
  matterAssignSchema,
  matterCloseSchema,
  matterEscalateSchema,
  matterInputSchema,
  matterQuerySchema,
  matterRaiseDownSchema,
  matterResolveSchema,
  matterUpdateSchema,
  reminderInputSchema,
} from '@landfall/domain/schemas/coordination';
import {
  addMatterUpdate,
  assignMatter,
  closeMatter,
  escalateMatter,
  getMatter,
  listMatters,
  raiseMatter,
  raiseMatterDown,
  remindMatter,
  resolveMatter,
} from './matter.service.ts';

const params = z.object({ id: idSchema });

/** 协调事项: raised on a project or unit, a thread of updates, escalation unit → 综合协调组 → 联席会议. */
export const matterRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/matters',
    { config: { action: 'matter.read' }, schema: { querystring: matterQuerySchema } },
    async (request) => listMatters(request.ctx, request.query),
  );
  app.post(
    '/api/matters',
    { config: { action: 'matter.create' }, schema: { body: matterInputSchema } },
    async (request, reply) => reply.status(201).send(await raiseMatter(request.ctx, request.body)),
  );
  /** 下达协调事项: a city's coordinator raises a matter to a district below it (its 综合协调组). */
  app.post(
    '/api/matters/raise-down',
    { config: { action: 'matter.raiseDown' }, schema: { body: matterRaiseDownSchema } },
    async (request, reply) => reply.status(201).send(await raiseMatterDown(request.ctx, request.body)),
  );
  app.get('/api/matters/:id', { config: { action: 'matter.read' }, schema: { params } }, async (request) =>
    getMatter(request.ctx, request.params.id),
  );
  app.post(
    '/api/matters/:id/updates',
    { config: { action: 'matter.update' }, schema: { params, body: matterUpdateSchema } },
    async (request, reply) =>
      reply.status(201).send(await addMatterUpdate(request.ctx, request.params.id, request.body)),
  );
  /** One level up; the service asks for `matter.escalateToJoint` when the next level is the joint meeting. */
  app.post(
    '/api/matters/:id/escalate',
    { config: { action: 'matter.escalate' }, schema: { params, body: matterEscalateSchema } },
    async (request) => escalateMatter(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/matters/:id/assign',
    { config: { action: 'matter.assign' }, schema: { params, body: matterAssignSchema } },
    async (request) => assignMatter(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/matters/:id/resolve',
    { config: { action: 'matter.update' }, schema: { params, body: matterResolveSchema } },
    async (request) => resolveMatter(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/matters/:id/close',
    { config: { action: 'matter.update' }, schema: { params, body: matterCloseSchema } },
    async (request) => closeMatter(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/matters/:id/remind',
    { config: { action: 'followup.remind' }, schema: { params, body: reminderInputSchema } },
    async (request, reply) =>
      reply.status(201).send(await remindMatter(request.ctx, request.params.id, request.body)),
  );
};
