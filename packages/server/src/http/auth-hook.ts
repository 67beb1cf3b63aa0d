import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { decide, type Actor, type RouteAction } from '../auth/policy.ts';
import { passwordChangeActions, SESSION_COOKIE, validateSession } from '../auth/session.ts';
import { recordDenial } from '../audit/audit.service.ts';
import { sendError } from './error-handler.ts';
import { enrolmentActions, pendingActions } from '../auth/totp.ts';
import type { ApiRateLimiter } from './rate-limit.ts';
import { refuseOverLimit } from './request-guards.ts';

export const OPERATOR_HEADER = 'x-landfall-operator';

/** The local operator: whoever holds the token the server wrote into its data folder (the CLI). */
export const operatorActor: Actor = {
  kind: 'operator',
  id: null,
  username: 'cli',
  role: 'operator',
  tenantId: null,
  unitId: null,
  subtreeTenantIds: [],
};

export function isOperatorRequest(request: FastifyRequest, operatorToken: string | undefined): boolean {
  const header = request.headers[OPERATOR_HEADER];
  if (!operatorToken || typeof header !== 'string') return false;
  const a = Buffer.from(header);
  const b = Buffer.from(operatorToken);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function sessionCookieOptions(request: FastifyRequest, secure: 'auto' | 'always' | 'never') {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: secure === 'always' || (secure === 'auto' && request.protocol === 'https'),
  };
}

/**
 * Runs on every request before its body is read (onRequest): finds the actor (session cookie or operator
 * token) and checks the route's declared action against the policy by role.
 * Record-level scope is checked again by the service with the record in hand.
 */
export function makeAuthHook(opts: {
  operatorToken?: string;
  secureCookies: 'auto' | 'always' | 'never';
  limiter?: ApiRateLimiter;
}) {
  return async function authHook(request: FastifyRequest, reply: FastifyReply) {
    const action = request.routeOptions.config.action as RouteAction | undefined;
    if (!action) return; // static files and the SPA fallback; /api routes always declare one
    if (action === 'public') return;
    const ctx = request.ctx;
    if (isOperatorRequest(request, opts.operatorToken)) {
      ctx.actor = operatorActor;
    } else {
      const token = request.cookies[SESSION_COOKIE];
      if (!token) return sendError(request, reply, 'unauthenticated');
      const session = await validateSession(ctx.db, ctx.clock, token);
      if (session.status !== 'valid') {
        reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(request, opts.secureCookies));
        return sendError(
          request,
          reply,
          session.status === 'expired' ? 'session_expired' : 'unauthenticated',
        );
      }
      ctx.actor = session.actor;
      if (opts.limiter) {
        const limit = opts.limiter.limits.perUser;
        const refused = refuseOverLimit(request, reply, opts.limiter, `user:${session.actor.id}`, limit);
        if (refused) return refused;
      }
      // A session that passed the password awaits its code: it is not logged in for anything else.
      if (session.secondFactor === 'pending' && !(pendingActions as readonly string[]).includes(action)) {
        return sendError(request, reply, 'totp_required');
      }
      // An administrator (or an account whose tenant requires two factors) without TOTP may only enrol.
      if (session.secondFactor === 'enrol' && !(enrolmentActions as readonly string[]).includes(action)) {
        await recordDenial(ctx, action);
        return sendError(request, reply, 'totp_enrolment_required');
      }
      if (
        session.passwordChangeRequired &&
        action !== 'auth.totp' &&
        !passwordChangeActions.includes(action)
      ) {
        await recordDenial(ctx, action);
        return sendError(request, reply, 'password_change_required');
      }
    }
    if (decide(ctx.actor, action) !== 'allow') {
      await recordDenial(ctx, action);
      return sendError(request, reply, 'forbidden');
    }
  };
}
