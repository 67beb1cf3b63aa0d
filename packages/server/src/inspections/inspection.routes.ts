import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idSchema } from '@landfall/domain';
import {
  inspectionInputSchema,
  inspectionQuerySchema,
  inspectionRectifySchema,
  inspectionResultSchema,
} from '@landfall/domain/schemas/coordination';
import {
  getInspection,
  listInspections,
  recordInspectionResult,
  reportRectification,
  scheduleInspection,
} from './inspection.service.ts';

const params = z.object({ id: idSchema });

/** 督促检查: the coordination group inspects units, scores them and asks for rectification. */
export const inspectionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/inspections',
    { config: { action: 'inspection.read' }, schema: { querystring: inspectionQuerySchema } },
    async (request) => listInspections(request.ctx, request.query),
  );
  app.post(
    '/api/inspections',
    { config: { action: 'inspection.write' }, schema: { body: inspectionInputSchema } },
    async (request, reply) => reply.status(201).send(await scheduleInspection(request.ctx, request.body)),
  );
  app.get(
    '/api/inspections/:id',
    { config: { action: 'inspection.read' }, schema: { params } },
    async (request) => getInspection(request.ctx, request.params.id),
  );
  app.post(
    '/api/inspections/:id/result',
    { config: { action: 'inspection.write' }, schema: { params, body: inspectionResultSchema } },
    async (request) => recordInspectionResult(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/inspections/:id/rectification',
    { config: { action: 'inspection.rectify' }, schema: { params, body: inspectionRectifySchema } },
    async (request) => reportRectification(request.ctx, request.params.id, request.body),
  );
};
