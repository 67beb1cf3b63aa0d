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
import {
  completeTotpLogin,
  confirmTotpEnrolment,
  readTotpStatus,
  startTotpEnrolment,
  twoFactorSetting,
} from './totp.ts';
import { csrfUserInfo, SESSION_COOKIE } from './session.ts';
import { sessionCookieOptions } from '../http/auth-hook.ts';
import { readPasswordPolicy, updatePasswordPolicy } from '../settings/password-policy.service.ts';
import { AppError } from '../http/app-error.ts';

/** A 429's wait goes out as Retry-After. */
const withRetryAfter =
  (reply: { header(name: string, value: string): unknown }) =>
  (error: unknown): never => {
    const wait = error instanceof AppError ? error.details?.retryAfterSeconds : undefined;
    if (typeof wait === 'number') reply.header('retry-after', String(wait));
    throw error;
  };

export const authRoutes =
  (opts: { secureCookies: 'auto' | 'always' | 'never' }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/csrf', { config: { action: 'public' } }, async (request, reply) => ({
      token: reply.generateCsrf({ userInfo: csrfUserInfo(request) }),
    }));

    app.post(
      '/api/auth/login',
      { config: { action: 'public' }, schema: { body: loginSchema } },
      async (request, reply) => {
        const result = await login(
          request.ctx,
          request.body,
          request.headers['user-agent'] ?? '',
          request.cookies[SESSION_COOKIE],
        ).catch(withRetryAfter(reply));
        reply.setCookie(SESSION_COOKIE, result.token, sessionCookieOptions(request, opts.secureCookies));
        // With TOTP on, the password opens only the second step (POST /api/auth/totp).
        return result.secondFactor === 'pending' ? { secondFactor: 'pending' as const } : result.me;
      },
    );

    app.post(
      '/api/auth/totp',
      {
        config: { action: 'auth.totp' },
        schema: { body: z.object({ code: z.string().trim().min(1).max(40) }) },
      },
      async (request, reply) => {
        const token = await completeTotpLogin(
          request.ctx,
          request.cookies[SESSION_COOKIE] as string,
          request.body.code,
          request.headers['user-agent'] ?? '',
        ).catch(withRetryAfter(reply));
        reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(request, opts.secureCookies));
        request.cookies[SESSION_COOKIE] = token;
        return readMe(request.ctx, token);
      },
    );

    app.get('/api/me/totp', { config: { action: 'me.totp' } }, async (request) =>
      readTotpStatus(request.ctx),
    );
    app.post(
      '/api/me/totp/enrolment',
      {
        config: { action: 'me.totp' },
        schema: {
          body: z
            .object({
              currentCode: z
                .string()
                .regex(/^\d{6}$/)
                .optional(),
            })
            .optional(),
        },
      },
      async (request) => startTotpEnrolment(request.ctx, request.body?.currentCode),
    );
    app.post(
      '/api/me/totp/confirm',
      {
        config: { action: 'me.totp' },
        schema: { body: z.object({ code: z.string().trim().min(1).max(10) }) },
      },
      async (request) =>
        confirmTotpEnrolment(request.ctx, request.cookies[SESSION_COOKIE], request.body.code),
    );

    app.get(
      '/api/two-factor-policy',
      {
        config: { action: 'settings.update' },
        schema: { querystring: z.object({ tenantId: idSchema.optional() }) },
      },
      async (request) => twoFactorSetting.get(request.ctx, request.query.tenantId),
    );
    app.put(
      '/api/two-factor-policy',
      {
        config: { action: 'settings.update' },
        schema: {
          body: z.object({
            requiredForAll: z.boolean(),
            tenantId: idSchema.optional(),
            version: settingVersionSchema,
          }),
        },
      },
      async (request) =>
        twoFactorSetting.update(
          request.ctx,
          { requiredForAll: request.body.requiredForAll },
          request.body.version,
          request.body.tenantId,
        ),
    );

    app.post('/api/auth/logout', { config: { action: 'auth.logout' } }, async (request, reply) => {
      await logout(request.ctx, request.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(request, opts.secureCookies));
      return reply.status(204).send();
    });

    app.get('/api/me', { config: { action: 'me.read' } }, async (request) =>
      readMe(request.ctx, request.cookies[SESSION_COOKIE]),
    );

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
