/**
 * The real Hono app on a real database, driven in-process with `app.request()`,
 * with helpers that speak like a browser (Origin header, session cookie).
 */
import { createAuth } from '../../src/auth/auth.ts';
import type { Dialect } from '../../src/db/schema.ts';
import { createApp } from '../../src/http/app.ts';
import { addAccount } from '../../src/services/account.service.ts';
import { serviceContext, type ServiceContext } from '../../src/services/context.ts';
import { createTestDb, type TestDb } from './databases.ts';

export const ORIGIN = 'http://localhost';
export const PASSWORD = 'correct horse battery';

export interface RequestOptions {
  body?: unknown;
  rawBody?: string;
  cookie?: string | undefined;
  origin?: string | null;
  headers?: Record<string, string>;
}

export interface TestApp {
  db: TestDb;
  ctx: ServiceContext;
  errors: string[];
  request(method: string, path: string, options?: RequestOptions): Promise<Response>;
  /** Creates an account and signs it in through the API; returns its cookie header. */
  signUpAndIn(email: string): Promise<{ cookie: string; userId: string }>;
  signIn(email: string, password?: string): Promise<Response>;
  close(): Promise<void>;
}

/** `name=value` pairs from Set-Cookie headers, ready for a Cookie header. */
export function cookieHeader(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .filter((pair): pair is string => pair !== undefined && !pair.endsWith('='))
    .join('; ');
}

export async function createTestApp(dialect: Dialect, options: { webRoot?: string; trustProxy?: boolean } = {}): Promise<TestApp> {
  const db = await createTestDb(dialect);
  const ctx = serviceContext(db.kysely, db.dialect);
  const auth = createAuth({ db: db.kysely, dialect: db.dialect, secret: 'test-secret-that-is-long-enough-0123456789', publicUrl: ORIGIN, logLevel: 'error' });
  const errors: string[] = [];
  const app = createApp({ ctx, auth, publicUrl: ORIGIN, log: (line) => errors.push(line), webRoot: options.webRoot, trustProxy: options.trustProxy });

  const request = async (method: string, path: string, options: RequestOptions = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.origin !== null) headers.origin = options.origin ?? ORIGIN;
    if (options.cookie) headers.cookie = options.cookie;
    let body: string | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    return app.request(`${ORIGIN}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  };

  const signIn = (email: string, password = PASSWORD) => request('POST', '/api/session', { body: { email, password } });

  return {
    db,
    ctx,
    errors,
    request,
    signIn,
    async signUpAndIn(email) {
      const user = await addAccount(ctx, auth, { name: email.split('@')[0]!, email, password: PASSWORD });
      const response = await signIn(email);
      if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
      return { cookie: cookieHeader(response), userId: user.id };
    },
    close: () => db.close(),
  };
}
