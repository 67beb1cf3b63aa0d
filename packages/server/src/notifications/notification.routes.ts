import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listNotifications } from './notification.service.ts';

/** The bell: what awaits the signed-in user, computed from state (no mail service). */
export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/notifications', { config: { action: 'notification.read' } }, async (request) =>
    listNotifications(request.ctx),
  );
};
