/**
 * Starts Rapport: opens and migrates the database, wires accounts and services,
 * and listens. Used by `rapport serve` and by the end-to-end tests.
 */
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createAuth, instanceSecret } from './auth/auth.ts';
import { ConfigError, type Config } from './config.ts';
import { migrateToLatest, openDatabase, type Db } from './db/database.ts';
import { createApp } from './http/app.ts';
import { createSmtpTransport, mailDomainOf, parseSmtpUrlOrThrow, startOutboxWorker } from './mail/sender.ts';
import { serviceContext, type ServiceContext } from './services/context.ts';
import { queueDueDigests } from './services/digest.service.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The built web app: dist/web beside src/ when run from source (tsx), or beside
 * dist/server/ when run from the bundle that `npm start` builds.
 */
export const DEFAULT_WEB_ROOT = [path.resolve(here, '../dist/web'), path.resolve(here, '../web')].find((dir) => existsSync(path.join(dir, 'index.html'))) ?? path.resolve(here, '../dist/web');

export interface RunningServer {
  url: string;
  db: Db;
  close(): Promise<void>;
}

export interface StartOptions {
  webRoot?: string;
  log?: (line: string) => void;
  /** The clock the rules read (follow-ups, Today); tests move it forward by days. */
  now?: () => Date;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const db = openDatabase(config);
  await migrateToLatest(db.kysely);
  const secret = await instanceSecret(db.kysely, config.secret);
  const ctx = serviceContext(db.kysely, db.dialect, { publicUrl: config.publicUrl, ...(options.now ? { now: options.now } : {}) });
  const log = options.log ?? ((line: string) => console.error(line));
  const mail = startMail(config, ctx, log);
  const auth = createAuth({ db: db.kysely, dialect: db.dialect, secret, publicUrl: config.publicUrl });
  const app = createApp({
    ctx,
    auth,
    publicUrl: config.publicUrl,
    trustProxy: config.trustProxy,
    webRoot: options.webRoot ?? DEFAULT_WEB_ROOT,
    log: options.log,
  });
  // The digest hour comes round once a day per seeker; looking each minute is plenty.
  const digestTimer = mail
    ? setInterval(() => {
        queueDueDigests(ctx).catch((error: unknown) => log(`digest: ${(error as Error).message}`));
      }, 60_000)
    : undefined;
  digestTimer?.unref();

  let server: ReturnType<typeof serve>;
  try {
    server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
      s.once('error', reject);
    });
  } catch (error) {
    if (digestTimer) clearInterval(digestTimer);
    await mail?.stop();
    await db.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new ConfigError([`PORT ${config.port} on ${config.host} is already in use; choose another with --port or PORT.`]);
    if (code === 'EACCES') throw new ConfigError([`PORT ${config.port} needs privileges this process lacks; use a port above 1023.`]);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new ConfigError([`HOST ${config.host} is not an address of this machine.`]);
    throw error;
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: config.port === 0 ? `http://${host}:${address.port}` : config.publicUrl,
    db,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (digestTimer) clearInterval(digestTimer);
      await mail?.stop();
      await db.close();
    },
  };
}

/**
 * With SMTP_URL set, an outbox worker sends what services queue; without it,
 * messages are drafts the seeker copies or opens in a mail app.
 */
function startMail(config: Config, ctx: ServiceContext, log: (line: string) => void): { stop(): Promise<void> } | null {
  if (!config.smtpUrl || !config.mailFrom) return null;
  const transport = createSmtpTransport(parseSmtpUrlOrThrow(config.smtpUrl));
  const worker = startOutboxWorker({ db: ctx.db, transport, from: config.mailFrom, now: ctx.now, log });
  ctx.mail = { from: config.mailFrom, messageIdDomain: mailDomainOf(config.mailFrom), wake: () => worker.wake() };
  return {
    async stop() {
      await worker.stop();
      transport.close();
    },
  };
}
