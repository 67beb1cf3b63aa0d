import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { divisionCodeSchema, setupSchema } from '@landfall/domain';
import { isSetupNeeded, runSetup } from './setup.service.ts';
import { loadDemo } from '../demo/demo.service.ts';
import { listDivisions } from '../divisions/division.service.ts';

export const setupRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/health', { config: { action: 'public' } }, async (request) => ({
    ok: true,
    engine: request.server.landfall.engine,
  }));

  app.get('/api/setup', { config: { action: 'public' } }, async (request) => ({
    needed: await isSetupNeeded(request.ctx),
  }));

  app.post(
    '/api/setup',
    { config: { action: 'public' }, schema: { body: setupSchema } },
    async (request, reply) => {
      const result = await runSetup(request.ctx, request.body);
      return reply.status(201).send(result);
    },
  );

  /** First run with the demo district instead of an empty one (all demo accounts get the given password). */
  app.post(
    '/api/setup/demo',
    { config: { action: 'public' }, schema: { body: z.object({ password: z.string().min(1).max(256) }) } },
    async (request, reply) => reply.status(201).send(await loadDemo(request.ctx, request.body)),
  );

  app.get(
    '/api/divisions',
    {
      config: { action: 'public' },
      schema: {
        querystring: z.object({
          parent: divisionCodeSchema.optional(),
          q: z.string().trim().min(1).max(20).optional(),
        }),
      },
    },
    async (request) => listDivisions(request.ctx, request.query),
  );
};
