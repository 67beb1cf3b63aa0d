import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditQuerySchema, auditVerifyQuerySchema } from '@landfall/domain';
import { listAudit } from './audit.service.ts';
import { verifyChains } from './chain.service.ts';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit',
    { config: { action: 'audit.read' }, schema: { querystring: auditQuerySchema } },
    async (request) => listAudit(request.ctx, request.query),
  );
  app.get(
    '/api/audit/verify',
    { config: { action: 'audit.verify' }, schema: { querystring: auditVerifyQuerySchema } },
    async (request) => verifyChains(request.ctx, request.query),
  );
};
