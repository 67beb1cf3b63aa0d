import type { FastifyInstance, FastifyRequest } from 'fastify';
import { withDynamicTenantScope, type TenantScope } from '../db/tenant-scope.ts';

/**
 * Row-level security per request (db/tenant-scope.ts): until the request's actor is known (session
 * lookup, login, setup, public routes) it runs as a system path and sees every tenant; once a user
 * is the actor, every query sees that user's subtree only; the operator (the CLI) sees all.
 * Entered again before the handler, as a body parser may have left the request's async context.
 */
export function registerTenantScope(app: FastifyInstance) {
  const scopeOf = (request: FastifyRequest) => (): TenantScope => {
    const actor = request.ctx?.actor;
    return actor?.kind === 'user' ? actor.subtreeTenantIds : 'all';
  };
  app.addHook('onRequest', (request, _reply, done) => withDynamicTenantScope(scopeOf(request), done));
  app.addHook('preValidation', (request, _reply, done) => withDynamicTenantScope(scopeOf(request), done));
}
