import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idSchema } from '@landfall/domain';
import {
  asOfQuerySchema,
  correctionSchema,
  fundingEntrySchema,
  progressEntrySchema,
  projectCreateSchema,
  projectQuerySchema,
  projectUpdateSchema,
  stageMoveSchema,
} from '@landfall/domain/schemas/project';
import { createProject, getProject, listProjects, updateProject } from './project.service.ts';
import { addProgress, correctEntry, moveStage, recordFunding } from '../ledger/ledger.service.ts';
import { reviewDecisionSchema } from '@landfall/domain/schemas/coordination';
import { reviewProject } from './project.review.ts';
import { evidenceRecordSchema } from '@landfall/domain/evidence';
import { recordEvidence } from './project.evidence.ts';
import { expansionInputSchema } from '@landfall/domain/expansion';
import { recordExpansion } from '../ledger/ledger-expansion.ts';

const params = z.object({ id: idSchema });

export const projectRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/projects',
    { config: { action: 'project.read' }, schema: { querystring: projectQuerySchema } },
    async (request) => listProjects(request.ctx, request.query),
  );
  app.post(
    '/api/projects',
    { config: { action: 'project.create' }, schema: { body: projectCreateSchema } },
    async (request, reply) => reply.status(201).send(await createProject(request.ctx, request.body)),
  );
  app.get(
    '/api/projects/:id',
    { config: { action: 'project.read' }, schema: { params, querystring: asOfQuerySchema } },
    async (request) => getProject(request.ctx, request.params.id, request.query.asOf, request.query.knownOn),
  );
  app.put(
    '/api/projects/:id',
    { config: { action: 'project.update' }, schema: { params, body: projectUpdateSchema } },
    async (request) => updateProject(request.ctx, request.params.id, request.body),
  );
  /** 报送审核: approve, or return to the unit with the reason. */
  app.post(
    '/api/projects/:id/review',
    { config: { action: 'review.decide' }, schema: { params, body: reviewDecisionSchema } },
    async (request) => reviewProject(request.ctx, request.params.id, request.body),
  );
  /** 补录证据: evidence the project's stage lacks (待补证据), recorded afterwards. */
  app.post(
    '/api/projects/:id/evidence',
    { config: { action: 'project.update' }, schema: { params, body: evidenceRecordSchema } },
    async (request) => recordEvidence(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/projects/:id/stage',
    { config: { action: 'project.moveStage' }, schema: { params, body: stageMoveSchema } },
    async (request) => moveStage(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/projects/:id/progress',
    { config: { action: 'project.addEntry' }, schema: { params, body: progressEntrySchema } },
    async (request, reply) =>
      reply.status(201).send(await addProgress(request.ctx, request.params.id, request.body)),
  );
  app.post(
    '/api/projects/:id/funding',
    { config: { action: 'project.addEntry' }, schema: { params, body: fundingEntrySchema } },
    async (request, reply) =>
      reply.status(201).send(await recordFunding(request.ctx, request.params.id, request.body)),
  );
  app.post(
    '/api/projects/:id/expansions',
    { config: { action: 'project.addEntry' }, schema: { params, body: expansionInputSchema } },
    async (request, reply) =>
      reply.status(201).send(await recordExpansion(request.ctx, request.params.id, request.body)),
  );
  app.post(
    '/api/ledger-entries/:id/correction',
    {
      config: { action: 'project.addEntry' },
      schema: {
        params: z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
        body: correctionSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(await correctEntry(request.ctx, request.params.id, request.body)),
  );
};
