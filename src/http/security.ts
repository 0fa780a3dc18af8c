/** Cross-cutting protections: security headers, CSRF origin check, body size limit. */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { AppError } from '../core/errors.ts';
import { isAllowedHost, isAllowedOrigin } from '../core/origin.ts';
import type { AppEnv } from './env.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

export const securityHeaders = () =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // Mantine writes its theme variables into a <style> element at run time.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'same-origin',
    strictTransportSecurity: false,
  });

export const limitBody = (): MiddlewareHandler<AppEnv> =>
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new AppError('BODY_TOO_LARGE', `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.`);
    },
  });

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses requests addressed to a host this instance does not serve, the defence
 * against DNS rebinding. `/healthz` stays open to monitors that use an IP address.
 */
export function hostGuard(publicUrl: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    if (c.req.path !== '/healthz' && !isAllowedHost(host, publicUrl)) {
      throw new AppError(
        'HOST_NOT_ALLOWED',
        `This Rapport answers at ${publicUrl}, not at ${host}. If that is the address people use, set RAPPORT_PUBLIC_URL to it.`,
      );
    }
    return next();
  };
}

/**
 * Refuses any state-changing request whose Origin is not this instance. Browsers
 * always send Origin on such requests, so a missing one is refused too.
 */
export function csrfGuard(publicUrl: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    if (origin === undefined || !isAllowedOrigin(origin, publicUrl)) {
      throw new AppError('CSRF_REJECTED', 'This request did not come from a Rapport page and was refused.');
    }
    return next();
  };
}
