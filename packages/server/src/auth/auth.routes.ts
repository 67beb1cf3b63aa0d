import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  changePasswordSchema,
  idSchema,
  loginSchema,
  passwordPolicySchema,
  settingVersionSchema,
} from '@landfall/domain';
import { changeOwnPassword, login, logout, readMe } from './auth.service.ts';
import { SESSION_COOKIE } from './session.ts';
import { sessionCookieOptions } from '../http/auth-hook.ts';
import { readPasswordPolicy, updatePasswordPolicy } from '../settings/password-policy.service.ts';
import { AppError } from '../http/app-error.ts';

export const authRoutes =
  (opts: { secureCookies: 'auto' | 'always' | 'never' }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/csrf', { config: { action: 'public' } }, async (_request, reply) => ({
      token: reply.generateCsrf(),
    }));

    app.post(
      '/api/auth/login',
      { config: { action: 'public' }, schema: { body: loginSchema } },
      async (request, reply) => {
        const { token, me } = await login(
          request.ctx,
          request.body,
          request.headers['user-agent'] ?? '',
        ).catch((error: unknown) => {
          const wait = error instanceof AppError ? error.details?.retryAfterSeconds : undefined;
          if (typeof wait === 'number') reply.header('retry-after', String(wait));
          throw error;
        });
        reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(request, opts.secureCookies));
        return me;
      },
    );

    app.post('/api/auth/logout', { config: { action: 'auth.logout' } }, async (request, reply) => {
      await logout(request.ctx, request.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(request, opts.secureCookies));
      return reply.status(204).send();
    });

    app.get('/api/me', { config: { action: 'me.read' } }, async (request) => readMe(request.ctx));

    app.post(
      '/api/me/password',
      { config: { action: 'me.changePassword' }, schema: { body: changePasswordSchema } },
      async (request, reply) => {
        await changeOwnPassword(request.ctx, request.body);
        reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(request, opts.secureCookies));
        return reply.status(204).send();
      },
    );

    // Public: the setup, login and change-password forms show the rules before any session exists.
    app.get(
      '/api/password-policy',
      { config: { action: 'public' }, schema: { querystring: z.object({ tenantId: idSchema.optional() }) } },
      async (request) => readPasswordPolicy(request.ctx, request.query.tenantId),
    );

    app.put(
      '/api/password-policy',
      {
        config: { action: 'settings.update' },
        schema: {
          body: passwordPolicySchema.extend({
            tenantId: idSchema.optional(),
            version: settingVersionSchema,
          }),
        },
      },
      async (request) => updatePasswordPolicy(request.ctx, request.body),
    );
  };
