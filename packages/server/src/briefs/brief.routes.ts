import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { idSchema } from '@landfall/domain';
import {
  briefQuerySchema,
  meetingBriefQuerySchema,
  type BriefFormat,
} from '@landfall/domain/schemas/coordination';
import { readBrief, readMeetingBrief, type Brief } from './brief.service.ts';
import { writeBriefDocx } from './brief.docx.ts';
import { writeBriefXlsx } from './brief.xlsx.ts';
import { recordExport } from '../audit/audit.service.ts';
import type { Ctx } from '../context.ts';

const mediaTypes = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** The brief as JSON, or as a download (.docx / .xlsx) named after its title and issue. */
async function sendBrief(
  ctx: Ctx,
  reply: FastifyReply,
  brief: Brief,
  format: BriefFormat,
  meetingId?: string,
) {
  if (format === 'json') return brief;
  const bytes = format === 'docx' ? await writeBriefDocx(brief) : await writeBriefXlsx(brief);
  const filename = `${brief.title}${brief.issueNumber}.${format}`;
  await recordExport(ctx, {
    action: 'brief.export',
    filename,
    bytes,
    recordType: meetingId ? 'meeting' : 'brief',
    recordId: meetingId,
    query: { kind: brief.kind, date: brief.date, format },
  });
  reply.header('content-type', mediaTypes[format]);
  reply.header(
    'content-disposition',
    `attachment; filename="brief-${brief.kind}-${brief.date}.${format}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
  );
  reply.header('content-length', String(bytes.length));
  return reply.send(bytes);
}

/** 简报: generated for a meeting (or a kind and date), as of that date. */
export const briefRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/briefs',
    { config: { action: 'brief.read' }, schema: { querystring: briefQuerySchema } },
    async (request, reply) =>
      sendBrief(request.ctx, reply, await readBrief(request.ctx, request.query), request.query.format),
  );
  app.get(
    '/api/meetings/:id/brief',
    {
      config: { action: 'brief.read' },
      schema: { params: z.object({ id: idSchema }), querystring: meetingBriefQuerySchema },
    },
    async (request, reply) =>
      sendBrief(
        request.ctx,
        reply,
        await readMeetingBrief(request.ctx, request.params.id),
        request.query.format,
        request.params.id,
      ),
  );
};
