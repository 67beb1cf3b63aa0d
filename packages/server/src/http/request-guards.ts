import { isIP } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { localeOf, sendError } from './error-handler.ts';
import { rateLimitedMessage, type ApiRateLimiter } from './rate-limit.ts';
import { isOperatorRequest } from './auth-hook.ts';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The host the request names (Host, or X-Forwarded-Host from a trusted proxy), parsed; null if unparsable. */
function requestHost(request: FastifyRequest): URL | null {
  try {
    return new URL(`${request.protocol}://${request.host}`);
  } catch {
    return null;
  }
}

/** The origin of the page that sent the request: Origin, else Referer's origin; undefined when neither. */
function senderOrigin(request: FastifyRequest): string | undefined {
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== '') return origin;
  const referer = request.headers.referer;
  if (typeof referer !== 'string' || referer === '') return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return 'null';
  }
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

function message(request: FastifyRequest, zh: string, en: string) {
  return localeOf(request) === 'zh-CN' ? zh : en;
}

/**
 * The Host/Origin allow-list (against DNS rebinding and cross-site writes), first of all hooks:
 *
 * - LANDFALL_PUBLIC_URL set: a request naming another host than the public URL's gets 421 — loopback
 *   names (localhost, 127.0.0.1, [::1]) stay allowed for the CLI and the machine itself.
 * - LANDFALL_PUBLIC_URL unset (an office PC reached by address): every host works, but first-run setup
 *   is only accepted on a loopback name or an IP address — a DNS-rebinding page always names its own
 *   domain in Host, so it cannot complete setup; setting up under a DNS name needs LANDFALL_PUBLIC_URL.
 * - A write (POST, PUT, PATCH, DELETE) from a page (Origin, else Referer) must come from the same origin
 *   (the public URL when set, else the host the request names): 403 otherwise. The CLI sends neither.
 */
export function makeHostGuard(publicUrl: URL | undefined) {
  return async function hostGuard(request: FastifyRequest, reply: FastifyReply) {
    const host = requestHost(request);
    const loopback = !!host && LOOPBACK_NAMES.has(host.hostname);
    if (publicUrl && !loopback && host?.host !== publicUrl.host) {
      return sendError(request, reply, 'host_not_allowed');
    }
    if (SAFE_METHODS.has(request.method)) return;
    const path = request.url.split('?')[0];
    if (
      !publicUrl &&
      path === '/api/setup' &&
      !loopback &&
      !isIP(host?.hostname.replace(/^\[|\]$/g, '') ?? '')
    ) {
      return sendError(request, reply, 'host_not_allowed', {
        message: message(
          request,
          '首次设置只能通过 localhost、IP 地址或 LANDFALL_PUBLIC_URL 指定的地址进行',
          'First-run setup is only accepted on localhost, an IP address or the host of LANDFALL_PUBLIC_URL',
        ),
      });
    }
    const origin = senderOrigin(request);
    if (origin === undefined) return;
    if (publicUrl && origin === publicUrl.origin) return;
    // Without a public URL (or on a loopback name) the page must be on the host the request names; the
    // scheme is not compared, so a TLS proxy not (yet) trusted for X-Forwarded-Proto does not refuse writes.
    if ((!publicUrl || loopback) && host && hostOf(origin) === host.host) return;
    return sendError(request, reply, 'origin_not_allowed');
  };
}

/** HSTS on every answer to an https request (direct, or X-Forwarded-Proto from a trusted proxy). */
export async function strictTransportSecurity(request: FastifyRequest, reply: FastifyReply) {
  if (request.protocol === 'https') {
    reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  }
}

/**
 * API data, attachments and exports are never kept by a browser or proxy cache (a shared office PC);
 * only the web's hashed static assets are cached (app.ts).
 */
export async function noStoreOnApi(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  if (request.url.startsWith('/api')) reply.header('cache-control', 'no-store');
  return payload;
}

/** 429 with Retry-After for one rate-limit key, or undefined when the request may go on. */
export function refuseOverLimit(
  request: FastifyRequest,
  reply: FastifyReply,
  limiter: ApiRateLimiter,
  key: string,
  limit: number,
) {
  const waitMs = limiter.hit(key, limit, request.ctx.clock.now());
  if (waitMs === 0) return undefined;
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  reply.header('retry-after', String(seconds));
  return sendError(request, reply, 'rate_limited', {
    message: rateLimitedMessage(request.ctx.locale, seconds),
    details: { retryAfterSeconds: seconds },
  });
}

/** The per-address API limit, before authentication (anonymous requests count too; the operator does not). */
export function makeAddressLimit(limiter: ApiRateLimiter, operatorToken: string | undefined) {
  return async function addressLimit(request: FastifyRequest, reply: FastifyReply) {
    if (!request.routeOptions.config.action) return; // static files and the SPA fallback
    if (isOperatorRequest(request, operatorToken)) return;
    return refuseOverLimit(request, reply, limiter, `addr:${request.ip}`, limiter.limits.perAddress);
  };
}
