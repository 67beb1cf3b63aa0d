import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../audit/audit.service.ts';
import { writeBackup } from '../db/backup.ts';

/**
 * `GET /api/backup`: the whole database as one consistent backup (db/backup.ts), for the local
 * operator only (`landfall backup`, through the running server or in-process). The backup's own
 * audit row is written first, so the copy holds it.
 */
export async function backupRoutes(app: FastifyInstance) {
  app.get(
    '/api/backup',
    { config: { action: 'system.backup' }, schema: { hide: true } },
    async (request, reply) => {
      const ctx = request.ctx;
      await recordAudit(ctx.db, ctx, { action: 'system.backup', recordType: 'database' });
      const chunks: string[] = [];
      const header = await writeBackup(
        ctx.db,
        app.landfall.engine,
        (chunk) => void chunks.push(chunk),
        ctx.clock.now(),
      );
      const stamp = header.createdAt.replace(/[-:]/g, '').slice(0, 15);
      reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="landfall-${stamp}.backup"`)
        .type('application/x-ndjson; charset=utf-8');
      return Buffer.from(chunks.join(''), 'utf8');
    },
  );
}
