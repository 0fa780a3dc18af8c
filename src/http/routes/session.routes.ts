/**
 * Setup, sign-in, sign-out and "who am I". Sign-in and sign-out go through
 * better-auth's own handler so its rate limiting and session handling apply; its
 * answers are translated into our error model.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { CLIENT_IP_HEADER } from '../../auth/auth.ts';
import { AppError, type ErrorCode } from '../../core/errors.ts';
import { instanceIsSetUp, setUpOwner } from '../../services/account.service.ts';
import { CredentialsSchema, SetupSchema, type InstanceStatus, type SessionInfo } from '../../shared/api.ts';
import type { AppContext, AppDeps, AppEnv, SessionUser } from '../env.ts';
import { jsonBody } from '../validate.ts';

function clientIp(c: AppContext): string {
  try {
    return getConnInfo(c).remote.address ?? '127.0.0.1';
  } catch {
    // In-process requests (tests) have no socket.
    return '127.0.0.1';
  }
}

/** Calls better-auth's handler for one of its endpoints with the caller's cookies and origin. */
async function callAuth(c: AppContext, deps: AppDeps, endpoint: string, body?: unknown): Promise<Response> {
  const headers = new Headers();
  for (const name of ['cookie', 'origin', 'user-agent', 'host']) {
    const value = c.req.header(name);
    if (value) headers.set(name, value);
  }
  headers.set(CLIENT_IP_HEADER, clientIp(c));
  headers.set('content-type', 'application/json');
  const url = new URL(`/api/auth${endpoint}`, deps.publicUrl);
  return deps.auth.handler(new Request(url, { method: 'POST', headers, body: JSON.stringify(body ?? {}) }));
}

async function authFailure(response: Response): Promise<AppError> {
  const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
  const byStatus: Record<number, ErrorCode> = { 400: 'VALIDATION_FAILED', 401: 'INVALID_CREDENTIALS', 403: 'INVALID_CREDENTIALS', 429: 'RATE_LIMITED' };
  const code = byStatus[response.status] ?? 'INTERNAL';
  const messages: Partial<Record<ErrorCode, string>> = {
    INVALID_CREDENTIALS: 'That e-mail and password do not match an account.',
    RATE_LIMITED: 'Too many sign-in attempts. Wait a minute and try again.',
  };
  return new AppError(code, messages[code] ?? body.message ?? 'Signing in failed.', body.code ? { authCode: body.code } : undefined);
}

function copySetCookies(from: Response, c: AppContext): void {
  for (const cookie of from.headers.getSetCookie()) c.header('set-cookie', cookie, { append: true });
}

export async function sessionUser(deps: AppDeps, headers: Headers): Promise<SessionUser | undefined> {
  const session = await deps.auth.api.getSession({ headers });
  if (!session) return undefined;
  return { id: session.user.id, email: session.user.email, name: session.user.name };
}

export function sessionRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/setup', async (c) => {
      const status: InstanceStatus = { setUp: await instanceIsSetUp(deps.ctx) };
      return c.json(status);
    })
    .post('/setup', async (c) => {
      const input = await jsonBody(c, SetupSchema);
      const user = await setUpOwner(deps.ctx, deps.auth, input);
      // Sign the new owner straight in, as any sign-in would.
      const response = await callAuth(c, deps, '/sign-in/email', { email: input.email, password: input.password });
      if (!response.ok) throw await authFailure(response);
      copySetCookies(response, c);
      const info: SessionInfo = { user };
      return c.json(info, 201);
    })
    .post('/session', async (c) => {
      const input = await jsonBody(c, CredentialsSchema);
      const response = await callAuth(c, deps, '/sign-in/email', { ...input, rememberMe: true });
      if (!response.ok) throw await authFailure(response);
      copySetCookies(response, c);
      const user = await sessionUserFromSignIn(response);
      const info: SessionInfo = { user };
      return c.json(info);
    })
    .get('/session', async (c) => {
      const user = await sessionUser(deps, c.req.raw.headers);
      if (!user) throw new AppError('UNAUTHENTICATED', 'You are not signed in.');
      const info: SessionInfo = { user };
      return c.json(info);
    })
    .delete('/session', async (c) => {
      const response = await callAuth(c, deps, '/sign-out');
      copySetCookies(response, c);
      return c.body(null, 204);
    });
}

async function sessionUserFromSignIn(response: Response): Promise<SessionUser> {
  const body = (await response.json()) as { user: SessionUser };
  return { id: body.user.id, email: body.user.email, name: body.user.name };
}
