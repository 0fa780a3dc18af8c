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

/**
 * The address sign-in attempts are counted against. Behind a reverse proxy every
 * socket is the proxy's, so with RAPPORT_TRUST_PROXY the address the nearest proxy
 * appended to X-Forwarded-For is used instead (earlier entries are the client's word).
 */
function clientIp(c: AppContext, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').map((part) => part.trim()).filter(Boolean);
    const nearest = forwarded?.at(-1);
    if (nearest) return nearest;
  }
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
  headers.set(CLIENT_IP_HEADER, clientIp(c, deps.trustProxy ?? false));
  headers.set('content-type', 'application/json');
  const url = new URL(`/api/auth${endpoint}`, deps.publicUrl);
  return deps.auth.handler(new Request(url, { method: 'POST', headers, body: JSON.stringify(body ?? {}) }));
}

async function authFailure(response: Response): Promise<AppError> {
  const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
  const byStatus: Record<number, ErrorCode> = { 400: 'VALIDATION_FAILED', 401: 'INVALID_CREDENTIALS', 403: 'CSRF_REJECTED', 429: 'RATE_LIMITED' };
  const code = byStatus[response.status] ?? 'INTERNAL';
  const messages: Partial<Record<ErrorCode, string>> = {
    INVALID_CREDENTIALS: 'That e-mail and password do not match an account.',
    RATE_LIMITED: 'Too many sign-in attempts. Wait a minute and try again.',
  };
  return new AppError(code, messages[code] ?? body.message ?? `Signing in failed (${response.status}).`, body.code ? { authCode: body.code } : undefined);
}

function copySetCookies(from: Response, c: AppContext): void {
  for (const cookie of from.headers.getSetCookie()) c.header('set-cookie', cookie, { append: true });
}

/**
 * The signed-in user, if any. When better-auth slides the session's expiry it
 * also reissues the cookie; those Set-Cookie headers are passed on so an active
 * user's browser keeps a cookie as long-lived as the session row.
 */
export async function sessionUser(deps: AppDeps, c: AppContext): Promise<SessionUser | undefined> {
  const { headers, response: session } = await deps.auth.api.getSession({ headers: c.req.raw.headers, returnHeaders: true });
  for (const cookie of headers.getSetCookie()) c.header('set-cookie', cookie, { append: true });
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
      const user = await sessionUser(deps, c);
      if (!user) throw new AppError('UNAUTHENTICATED', 'You are not signed in.');
      const info: SessionInfo = { user };
      return c.json(info);
    })
    .delete('/session', async (c) => {
      const response = await callAuth(c, deps, '/sign-out');
      if (!response.ok) throw await authFailure(response);
      copySetCookies(response, c);
      return c.body(null, 204);
    });
}

async function sessionUserFromSignIn(response: Response): Promise<SessionUser> {
  const body = (await response.json()) as { user: SessionUser };
  return { id: body.user.id, email: body.user.email, name: body.user.name };
}
