import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditQuerySchema } from '@landfall/domain';
import { listAudit } from './audit.service.ts';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit',
    { config: { action: 'audit.read' }, schema: { querystring: auditQuerySchema } },
    async (request) => listAudit(request.ctx, request.query),
  );
};
