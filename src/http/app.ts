/**
 * The Hono application: security middleware, the JSON API and the built web app,
 * with one error handler that answers `{ error: { code, message, details } }`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';
import { AppError, type ErrorBody } from '../core/errors.ts';
import type { AppDeps, AppEnv } from './env.ts';
import { contactRoutes } from './routes/contacts.routes.ts';
import { exportRoutes } from './routes/exports.routes.ts';
import { importRoutes } from './routes/imports.routes.ts';
import { organizationRoutes } from './routes/organizations.routes.ts';
import { calendarFeedRoutes, publicFeedRoutes } from './routes/calendar-feed.routes.ts';
import { interviewRoutes } from './routes/interviews.routes.ts';
import { afterRoutes, outcomeRoutes } from './routes/after.routes.ts';
import { meetingRoutes } from './routes/meeting.routes.ts';
import { prepareRoutes, questionRoutes } from './routes/prepare.routes.ts';
import { mailRoutes, outboxRoutes } from './routes/mail.routes.ts';
import { preferenceRoutes } from './routes/preferences.routes.ts';
import { searchRoutes } from './routes/search.routes.ts';
import { targetRoutes } from './routes/targets.routes.ts';
import { taskRoutes, todayRoutes } from './routes/today.routes.ts';
import { sessionRoutes, sessionUser } from './routes/session.routes.ts';
import { csrfGuard, hostGuard, limitBody, securityHeaders } from './security.ts';

export function createApp(deps: AppDeps) {
  const log = deps.log ?? ((line: string) => console.error(line));
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    c.set('requestId', crypto.randomUUID());
    await next();
  });
  app.use('*', securityHeaders());
  app.use('*', hostGuard(deps.publicUrl));
  // Imports carry whole files and set their own, larger limit.
  const smallBodies = limitBody();
  app.use('/api/*', (c, next) => (c.req.path.startsWith('/api/imports/') ? next() : smallBodies(c, next)));
  app.use('/api/*', csrfGuard(deps.publicUrl));

  app.get('/healthz', async (c) => {
    await deps.ctx.db.selectFrom('setting').select('key').limit(1).execute();
    return c.json({ ok: true, db: deps.ctx.dialect });
  });

  // better-auth's own endpoints are reached only through /api/session and /api/setup.
  app.all('/api/auth/*', () => {
    throw new AppError('ROUTE_NOT_FOUND', 'No such API route.');
  });
  app.route('/api', sessionRoutes(deps));

  // Only the account's own routes require a session, so an unknown /api path is a 404 for everyone.
  const requireSession: MiddlewareHandler<AppEnv> = async (c, next) => {
    const user = await sessionUser(deps, c);
    if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
    c.set('user', user);
    await next();
  };
  for (const [path, ...routers] of [
    ['/api/contacts', contactRoutes(deps)],
    ['/api/organizations', organizationRoutes(deps)],
    ['/api/search', searchRoutes(deps)],
    ['/api/imports', importRoutes(deps)],
    ['/api/exports', exportRoutes(deps)],
    ['/api/preferences', preferenceRoutes(deps)],
    ['/api/targets', targetRoutes(deps)],
    // An interview's preparation, meeting and follow-through live under it, each in its own module.
    ['/api/interviews', interviewRoutes(deps), prepareRoutes(deps), meetingRoutes(deps), afterRoutes(deps)],
    ['/api/questions', questionRoutes(deps)],
    ['/api/outcomes', outcomeRoutes(deps)],
    ['/api/today', todayRoutes(deps)],
    ['/api/tasks', taskRoutes(deps)],
    ['/api/mail', mailRoutes(deps)],
    ['/api/outbox', outboxRoutes(deps)],
    ['/api/calendar-feed', calendarFeedRoutes(deps)],
  ] as const) {
    // `/x/*` also matches `/x` itself; registering both ran the session lookup twice.
    app.use(`${path}/*`, requireSession);
    for (const routes of routers) app.route(path, routes);
  }

  app.all('/api/*', () => {
    throw new AppError('ROUTE_NOT_FOUND', 'No such API route.');
  });
  app.route('/feed', publicFeedRoutes(deps));

  if (deps.webRoot && existsSync(path.join(deps.webRoot, 'index.html'))) {
    const webRoot = deps.webRoot;
    const indexHtml = readFileSync(path.join(webRoot, 'index.html'), 'utf8');
    // Vite names assets by content hash, so a browser may keep them for good.
    app.use('/assets/*', async (c, next) => {
      await next();
      if (c.res.status === 200) c.res.headers.set('cache-control', 'public, max-age=31536000, immutable');
    });
    app.use('*', serveStatic({ root: path.relative(process.cwd(), webRoot) || '.' }));
    // Client-side routes (/contacts/…) all load the single page; a missing file
    // (anything with an extension, or under /assets) stays a 404.
    app.get('*', (c, next) => {
      if (c.req.path.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(c.req.path)) return next();
      c.header('cache-control', 'no-cache');
      return c.html(indexHtml);
    });
  }

  app.notFound((c) => {
    const body: ErrorBody = { error: { code: 'ROUTE_NOT_FOUND', message: 'Nothing lives at this address.' } };
    return c.json(body, 404);
  });

  app.onError((error, c) => {
    if (error instanceof AppError && error.code !== 'INTERNAL') {
      const body: ErrorBody = { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } };
      return c.json(body, error.status as 400);
    }
    const requestId = c.get('requestId');
    log(`[${new Date().toISOString()}] error ${requestId} ${c.req.method} ${c.req.path}: ${error.stack ?? String(error)}`);
    const body: ErrorBody = {
      error: { code: 'INTERNAL', message: `Something went wrong on our side. Reference: ${requestId}.`, details: { requestId } },
    };
    return c.json(body, 500);
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
