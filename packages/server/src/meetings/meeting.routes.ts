import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idSchema, versionSchema } from '@landfall/domain';
import {
  decisionInputSchema,
  decisionQuerySchema,
  meetingCancelSchema,
  meetingInputSchema,
  meetingQuerySchema,
  meetingUpdateSchema,
  reminderInputSchema,
  taskCloseSchema,
  taskQuerySchema,
} from '@landfall/domain/schemas/coordination';
import {
  cancelMeeting,
  createMeeting,
  getMeeting,
  listMeetings,
  rebuildAgenda,
  updateMeeting,
} from './meeting.service.ts';
import {
  closeTask,
  getTask,
  listDecisions,
  listTasks,
  recordDecision,
  remindTask,
} from './decision.service.ts';

const params = z.object({ id: idSchema });

/** Meetings (每周业务通气, 半月信息沟通, 每月情况会商, 联席会议), their decisions and the follow-up (督办). */
export const meetingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/meetings',
    { config: { action: 'meeting.read' }, schema: { querystring: meetingQuerySchema } },
    async (request) => listMeetings(request.ctx, request.query),
  );
  app.post(
    '/api/meetings',
    { config: { action: 'meeting.write' }, schema: { body: meetingInputSchema } },
    async (request, reply) => reply.status(201).send(await createMeeting(request.ctx, request.body)),
  );
  app.get('/api/meetings/:id', { config: { action: 'meeting.read' }, schema: { params } }, async (request) =>
    getMeeting(request.ctx, request.params.id),
  );
  app.put(
    '/api/meetings/:id',
    { config: { action: 'meeting.write' }, schema: { params, body: meetingUpdateSchema } },
    async (request) => updateMeeting(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/meetings/:id/agenda/rebuild',
    { config: { action: 'meeting.write' }, schema: { params, body: z.object({ version: versionSchema }) } },
    async (request) => rebuildAgenda(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/meetings/:id/cancel',
    { config: { action: 'meeting.write' }, schema: { params, body: meetingCancelSchema } },
    async (request) => cancelMeeting(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/meetings/:id/decisions',
    { config: { action: 'decision.record' }, schema: { params, body: decisionInputSchema } },
    async (request, reply) =>
      reply.status(201).send(await recordDecision(request.ctx, request.params.id, request.body)),
  );

  app.get(
    '/api/decisions',
    { config: { action: 'meeting.read' }, schema: { querystring: decisionQuerySchema } },
    async (request) => listDecisions(request.ctx, request.query),
  );
  app.get(
    '/api/tasks',
    { config: { action: 'task.read' }, schema: { querystring: taskQuerySchema } },
    async (request) => listTasks(request.ctx, request.query),
  );
  app.get('/api/tasks/:id', { config: { action: 'task.read' }, schema: { params } }, async (request) =>
    getTask(request.ctx, request.params.id),
  );
  app.post(
    '/api/tasks/:id/close',
    { config: { action: 'task.close' }, schema: { params, body: taskCloseSchema } },
    async (request) => closeTask(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/tasks/:id/remind',
    { config: { action: 'followup.remind' }, schema: { params, body: reminderInputSchema } },
    async (request, reply) =>
      reply.status(201).send(await remindTask(request.ctx, request.params.id, request.body)),
  );
};
