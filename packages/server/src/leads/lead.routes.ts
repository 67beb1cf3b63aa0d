import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idSchema } from '@landfall/domain';
import {
  leadAssessSchema,
  leadCloseSchema,
  leadInputSchema,
  leadQuerySchema,
  leadUpdateSchema,
} from '@landfall/domain/schemas/lead';
import { projectCreateSchema } from '@landfall/domain/schemas/project';
import {
  acknowledgeLead,
  assessLead,
  closeLead,
  createLead,
  getLead,
  listLeads,
  updateLead,
} from './lead.service.ts';
import { createProject } from '../projects/project.service.ts';
import { reviewDecisionSchema } from '@landfall/domain/schemas/coordination';
import { reviewLead } from './lead.review.ts';

const params = z.object({ id: idSchema });

export const leadRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/leads',
    { config: { action: 'lead.read' }, schema: { querystring: leadQuerySchema } },
    async (request) => listLeads(request.ctx, request.query),
  );
  app.post(
    '/api/leads',
    { config: { action: 'lead.create' }, schema: { body: leadInputSchema } },
    async (request, reply) => reply.status(201).send(await createLead(request.ctx, request.body)),
  );
  app.get('/api/leads/:id', { config: { action: 'lead.read' }, schema: { params } }, async (request) =>
    getLead(request.ctx, request.params.id),
  );
  app.put(
    '/api/leads/:id',
    { config: { action: 'lead.update' }, schema: { params, body: leadUpdateSchema } },
    async (request) => updateLead(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/leads/:id/acknowledge',
    { config: { action: 'lead.respond' }, schema: { params } },
    async (request) => acknowledgeLead(request.ctx, request.params.id),
  );
  app.post(
    '/api/leads/:id/assess',
    { config: { action: 'lead.respond' }, schema: { params, body: leadAssessSchema } },
    async (request) => assessLead(request.ctx, request.params.id, request.body.assessment),
  );
  app.post(
    '/api/leads/:id/close',
    { config: { action: 'lead.update' }, schema: { params, body: leadCloseSchema } },
    async (request) => closeLead(request.ctx, request.params.id, request.body.reason),
  );
  /** 报送审核: approve, or return to the unit with the reason. */
  app.post(
    '/api/leads/:id/review',
    { config: { action: 'review.decide' }, schema: { params, body: reviewDecisionSchema } },
    async (request) => reviewLead(request.ctx, request.params.id, request.body),
  );
  /** 线索转项目: the body is a new project; the lead is linked and marked converted in the same transaction. */
  app.post(
    '/api/leads/:id/convert',
    { config: { action: 'lead.convert' }, schema: { params, body: projectCreateSchema } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createProject(request.ctx, { ...request.body, leadId: request.params.id })),
  );
};
