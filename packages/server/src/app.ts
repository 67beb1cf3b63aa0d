import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Clock } from './clock.ts';
import { systemClock } from './clock.ts';
import type { Ctx } from './context.ts';
import type { Database } from './db/database.ts';
import type { RouteAction } from './auth/policy.ts';
import { handleError, localeOf, sendError } from './http/error-handler.ts';
import { isOperatorRequest, makeAuthHook } from './http/auth-hook.ts';
import { refuseUnstorableText } from './http/text-guard.ts';
import { ApiRateLimiter, type ApiRateLimits } from './http/rate-limit.ts';
import {
  makeAddressLimit,
  makeHostGuard,
  noStoreOnApi,
  strictTransportSecurity,
} from './http/request-guards.ts';
import { csrfUserInfo } from './auth/session.ts';
import { serverSecret } from './auth/server-secret.ts';
import { createUploadSlots, type UploadLimits, type UploadSlots } from './http/uploads.ts';
import { registerTenantScope } from './http/tenant-scope.ts';
import { registerIdempotency } from './http/idempotency.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { setupRoutes } from './setup/setup.routes.ts';
import { tenantRoutes } from './tenants/tenant.routes.ts';
import { unitRoutes } from './units/unit.routes.ts';
import { groupRoutes } from './groups/group.routes.ts';
import { convenerRoutes } from './conveners/convener.routes.ts';
import { userRoutes } from './users/user.routes.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import fastifyMultipart from '@fastify/multipart';
import { industryRoutes } from './industries/industry.routes.ts';
import { enterpriseRoutes } from './enterprises/enterprise.routes.ts';
import { leadRoutes } from './leads/lead.routes.ts';
import { projectRoutes } from './projects/project.routes.ts';
import { attachmentRoutes } from './attachments/attachment.routes.ts';
import { statsRoutes } from './stats/stats.routes.ts';
import { targetRoutes } from './targets/target.routes.ts';
import { dashboardRoutes } from './dashboard/dashboard.routes.ts';
import { unitHomeRoutes } from './dashboard/unit-home.routes.ts';
import { matterRoutes } from './matters/matter.routes.ts';
import { meetingRoutes } from './meetings/meeting.routes.ts';
import { briefRoutes } from './briefs/brief.routes.ts';
import { inspectionRoutes } from './inspections/inspection.routes.ts';
import { notificationRoutes } from './notifications/notification.routes.ts';
import { reviewRoutes } from './settings/review.routes.ts';
import { closingRoutes } from './closing/closing.routes.ts';
import { tierRoutes } from './settings/tier.routes.ts';
import { sharedInvestorRoutes } from './dashboard/shared-investors.routes.ts';
import { importRoutes } from './imports/import.routes.ts';
import { exportRoutes } from './exports/export.routes.ts';
import { backupRoutes } from './backup/backup.routes.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The policy action this route performs, or 'public'. Every /api route must declare one. */
    action?: RouteAction;
  }
  interface FastifyRequest {
    ctx: Ctx;
  }
  interface FastifyInstance {
    landfall: { engine: Database['engine']; routes: RegisteredRoute[]; uploads: UploadSlots; clock: Clock };
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
  action: RouteAction | undefined;
}

export interface AppOptions {
  database: Database;
  clock?: Clock;
  /** Folder of the built web app; served with an SPA fallback when present. */
  webDir?: string;
  /** Token that authenticates the local operator (the CLI); absent means no operator access. */
  operatorToken?: string;
  /** Secure cookies: 'auto' follows the request protocol (set trustProxy behind a TLS proxy). */
  secureCookies?: 'auto' | 'always' | 'never';
  /** Which peers' X-Forwarded-* headers count: proxy addresses/CIDRs or a hop count (env.ts), never `true`. */
  trustProxy?: false | number | string[];
  /** LANDFALL_PUBLIC_URL: when set, the only host (besides loopback names) requests may name. */
  publicUrl?: URL;
  /** API requests per minute per user and per address; absent means no limit beyond login's (tests). */
  rateLimits?: ApiRateLimits;
  /** How many uploads and import runs at once, per instance and per tenant. */
  uploadLimits?: UploadLimits;
  logger?: FastifyServerOptions['logger'];
}

const csp = {
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    // Ant Design injects its CSS-in-JS as <style> elements; scripts stay strictly 'self'.
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    upgradeInsecureRequests: null,
  },
};

/** Builds the HTTP application without listening: main.ts listens, tests and the CLI use inject(). */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const clock = opts.clock ?? systemClock;
  const secureCookies = opts.secureCookies ?? 'auto';
  const app = Fastify({
    logger: opts.logger ?? false,
    // A hop count trusts that many proxies nearest to Landfall (Fastify's types omit the number form).
    trustProxy:
      typeof opts.trustProxy === 'number'
        ? (
            (hops: number) => (_address: string, hop: number) =>
              hop < hops
          )(opts.trustProxy)
        : (opts.trustProxy ?? false),
    bodyLimit: 1024 * 1024,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);

  const routes: RegisteredRoute[] = [];
  app.decorate('landfall', {
    engine: opts.database.engine,
    routes,
    uploads: createUploadSlots(opts.uploadLimits),
    clock,
  });
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const action = (route.config as { action?: RouteAction } | undefined)?.action;
    if (route.url.startsWith('/api') && !action) {
      throw new Error(`route ${methods.join(',')} ${route.url} declares no policy action`);
    }
    for (const method of methods) if (method !== 'HEAD') routes.push({ method, url: route.url, action });
  });

  // Hosts and origins first: a DNS-rebinding page or a foreign site's form is refused before anything else.
  app.addHook('onRequest', makeHostGuard(opts.publicUrl));
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: csp,
    referrerPolicy: { policy: 'same-origin' },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
    // HSTS follows the request's protocol instead (request-guards.ts): every https answer carries it.
    hsts: false,
  });
  app.addHook('onRequest', strictTransportSecurity);
  app.addHook('onSend', noStoreOnApi);
  // API answers above 1 KB go out compressed (br/gzip as the browser accepts); xlsx, docx and images are
  // already compressed and are left alone (mime-db's compressible flag); the web's files are precompressed.
  await app.register(fastifyCompress, { threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(fastifyCookie);
  // The CSRF token is bound to the session cookie it was issued with (an attacker's own cookie+token pair
  // fails under the victim's session), with a key every instance shares.
  await app.register(fastifyCsrf, {
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'strict', signed: false },
    getUserInfo: csrfUserInfo,
    csrfOpts: { hmacKey: await serverSecret(opts.database.db, 'csrf_hmac_key') },
  });
  await app.register(fastifySwagger, {
    openapi: { info: { title: 'Landfall API', version: '0.1.0' } },
    transform: jsonSchemaTransform,
  });

  app.decorateRequest('ctx', null as unknown as Ctx);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    request.ctx = {
      db: opts.database.db,
      clock,
      actor: null,
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
      requestId: String(request.id),
      locale: localeOf(request),
    };
  });
  const limiter = opts.rateLimits ? new ApiRateLimiter(opts.rateLimits) : undefined;
  // Row-level security per request (PostgreSQL): every query from here on runs in the request's tenant scope.
  registerTenantScope(app);
  if (limiter) app.addHook('onRequest', makeAddressLimit(limiter, opts.operatorToken));
  // CSRF: every state-changing request carries the token from GET /api/csrf,
  // except the operator's (the CLI sends no cookie, so there is nothing to forge).
  app.addHook('onRequest', (request, reply, done) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return done();
    if (isOperatorRequest(request, opts.operatorToken)) return done();
    app.csrfProtection(request, reply, done);
  });
  // Authentication and the route's action by role come before any body is read (a 60 MB upload
  // from an anonymous address is refused with its first bytes), and before validation.
  app.addHook('onRequest', makeAuthHook({ operatorToken: opts.operatorToken, secureCookies, limiter }));
  // Text the database cannot store (NUL, half a surrogate pair) anywhere in the input: a 400, never a 500.
  app.addHook('preValidation', refuseUnstorableText);
  registerIdempotency(app, opts.database.db);

  await app.register(setupRoutes);
  await app.register(authRoutes({ secureCookies }));
  await app.register(tenantRoutes);
  await app.register(unitRoutes);
  await app.register(groupRoutes);
  await app.register(convenerRoutes);
  await app.register(userRoutes);
  await app.register(auditRoutes);
  await app.register(fastifyMultipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(industryRoutes);
  await app.register(enterpriseRoutes);
  await app.register(leadRoutes);
  await app.register(projectRoutes);
  await app.register(attachmentRoutes);
  await app.register(statsRoutes);
  await app.register(targetRoutes);
  await app.register(dashboardRoutes);
  await app.register(unitHomeRoutes);
  await app.register(matterRoutes);
  await app.register(meetingRoutes);
  await app.register(briefRoutes);
  await app.register(inspectionRoutes);
  await app.register(notificationRoutes);
  await app.register(reviewRoutes);
  await app.register(closingRoutes);
  await app.register(tierRoutes);
  await app.register(sharedInvestorRoutes);
  await app.register(importRoutes);
  await app.register(exportRoutes);
  await app.register(backupRoutes);
  app.get('/api/openapi.json', { config: { action: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  const webDir = opts.webDir;
  const hasWeb = !!webDir && existsSync(`${webDir}/index.html`);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: true,
      index: ['index.html'],
      // The build writes .br and .gz beside each asset (packages/web/scripts/precompress.mjs).
      preCompressed: true,
      setHeaders(res, path) {
        res.header(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (hasWeb && request.method === 'GET' && !path.startsWith('/api') && !/\.[a-z0-9]+$/i.test(path)) {
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html');
    }
    return sendError(request, reply, 'not_found');
  });
  return app;
}
