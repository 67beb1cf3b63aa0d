import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  changePasswordSchema,
  loginSchema,
  passwordPolicySchema,
  settingVersionSchema,
} from '@landfall/domain';
import { changeOwnPassword, login, logout, readMe } from './auth.service.ts';
import { SESSION_COOKIE } from './session.ts';
import { sessionCookieOptions } from '../http/auth-hook.ts';
import { getPasswordPolicy, updatePasswordPolicy } from '../settings/password-policy.service.ts';

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
        const { token, me } = await login(request.ctx, request.body, request.headers['user-agent'] ?? '');
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

    app.get('/api/password-policy', { config: { action: 'public' } }, async (request) =>
      getPasswordPolicy(request.ctx.db),
    );

    app.put(
      '/api/password-policy',
      {
        config: { action: 'settings.update' },
        schema: { body: passwordPolicySchema.extend({ version: settingVersionSchema }) },
      },
      async (request) => updatePasswordPolicy(request.ctx, request.body),
    );
  };
