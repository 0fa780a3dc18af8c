/**
 * Accounts and sessions through better-auth on our own Kysely connection:
 * scrypt password hashes, HTTP-only SameSite=Lax cookies, a fresh session on every
 * sign-in, sign-out that deletes the session row, and rate-limited sign-in.
 * Sign-up is not exposed over HTTP; accounts come from first-run setup or the CLI.
 */
import { randomBytes } from 'node:crypto';
import { betterAuth } from 'better-auth';
import type { Kysely } from 'kysely';
import { isAllowedOrigin } from '../core/origin.ts';
import type { Database, Dialect } from '../db/schema.ts';

/** The header our server sets from the socket; anything a client sends under this name is overwritten. */
export const CLIENT_IP_HEADER = 'x-rapport-client-ip';

export const SIGN_IN_LIMIT = { window: 60, max: 5 } as const;

export function createAuth(options: {
  db: Kysely<Database>;
  dialect: Dialect;
  secret: string;
  publicUrl: string;
  /** better-auth's own log; 'warn' keeps failed sign-ins visible to the operator. */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
}) {
  return betterAuth({
    appName: 'Rapport',
    logger: { level: options.logLevel ?? 'warn' },
    baseURL: options.publicUrl,
    basePath: '/api/auth',
    secret: options.secret,
    database: { db: options.db as Kysely<any>, type: options.dialect },
    telemetry: { enabled: false },
    emailAndPassword: { enabled: true, minPasswordLength: 10, maxPasswordLength: 256, autoSignIn: false },
    session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 300,
      customRules: { '/sign-in/email': SIGN_IN_LIMIT },
    },
    // Our own guards run first; this lets better-auth's matching origin check accept
    // the loopback names a laptop user may type (localhost, 127.0.0.1).
    trustedOrigins: (request) => {
      const origin = request?.headers.get('origin');
      return origin && isAllowedOrigin(origin, options.publicUrl) ? [options.publicUrl, origin] : [options.publicUrl];
    },
    advanced: {
      cookiePrefix: 'rapport',
      useSecureCookies: options.publicUrl.startsWith('https:'),
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** The configured secret, or the one this instance generated on first start and keeps in its database. */
export async function instanceSecret(db: Kysely<Database>, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  await db
    .insertInto('setting')
    .values({ key: 'auth_secret', value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('setting').select('value').where('key', '=', 'auth_secret').executeTakeFirstOrThrow();
  return row.value;
}
