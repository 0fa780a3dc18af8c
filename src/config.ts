/**
 * Configuration of the server and the CLI, one contract for both:
 * command-line flags > environment > defaults. `resolveConfig` reports every
 * problem at once; `checkConfigAtRuntime` then checks what only the machine can
 * tell (a writable data directory, a reachable database). Rapport refuses to
 * start on any problem.
 */
import { checkMailSettings } from './mail/sender.ts';
import { accessSync, constants, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { loadPg, redactUrl } from './db/database.ts';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** The origin people open in their browser, e.g. https://rapport.example.edu. */
  publicUrl: string;
  /** Signs sessions. Unset: generated once and kept in the database. */
  secret: string | undefined;
  /** Behind a reverse proxy: trust the address it appends to X-Forwarded-For. */
  trustProxy: boolean;
  /** smtp[s]://user:pass@host:port; unset, every message is a draft to copy or open in a mail app. */
  smtpUrl?: string | undefined;
  /** The From address of Rapport's e-mail, e.g. "Rapport <rapport@example.org>". */
  mailFrom?: string | undefined;
}

export interface ConfigFlags {
  port?: string | undefined;
  host?: string | undefined;
  dataDir?: string | undefined;
  databaseUrl?: string | undefined;
  publicUrl?: string | undefined;
}

/** Where each setting comes from, for the README and `--help`. */
export const CONFIG_KEYS = [
  { env: 'PORT', flag: '--port', default: '7420', meaning: 'TCP port the server listens on' },
  { env: 'HOST', flag: '--host', default: '127.0.0.1', meaning: 'interface to listen on (0.0.0.0 for all)' },
  { env: 'RAPPORT_DATA_DIR', flag: '--data-dir', default: './data', meaning: 'where the SQLite database lives' },
  { env: 'DATABASE_URL', flag: '--database-url', default: '(unset: SQLite)', meaning: 'postgres://user:pass@host:5432/db to use PostgreSQL' },
  { env: 'RAPPORT_PUBLIC_URL', flag: '--public-url', default: 'http://HOST:PORT', meaning: 'the address people open; cookies are Secure when https' },
  { env: 'RAPPORT_SECRET', flag: '', default: '(generated)', meaning: 'signs sessions; at least 32 characters' },
  { env: 'RAPPORT_TRUST_PROXY', flag: '', default: 'false', meaning: 'true behind a reverse proxy: rate-limit by X-Forwarded-For' },
  { env: 'SMTP_URL', flag: '', default: '(unset: drafts only)', meaning: 'smtp[s]://user:pass@host:port to send e-mail through the outbox' },
  { env: 'RAPPORT_MAIL_FROM', flag: '', default: '(required with SMTP_URL)', meaning: 'the From address, e.g. "Rapport <rapport@example.org>"' },
] as const;

const portSchema = z.coerce
  .number({ message: 'must be a number' })
  .int({ message: 'must be a whole number' })
  .min(1, { message: 'must be between 1 and 65535' })
  .max(65535, { message: 'must be between 1 and 65535' });

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** Where the data would live: enough to check the machine even when other settings are wrong. */
export type StorageConfig = Pick<Config, 'dataDir' | 'databaseUrl'>;

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[]; storage: StorageConfig };

export function resolveConfig(flags: ConfigFlags, env: Record<string, string | undefined>, cwd: string): ConfigResult {
  const problems: string[] = [];

  const portText = nonEmpty(flags.port) ?? nonEmpty(env.PORT) ?? '7420';
  const port = portSchema.safeParse(portText);
  if (!port.success) problems.push(`PORT "${portText}" ${port.error.issues[0]?.message ?? 'is invalid'}.`);

  const host = nonEmpty(flags.host) ?? nonEmpty(env.HOST) ?? '127.0.0.1';
  if (/[\s/]/.test(host)) problems.push(`HOST "${host}" is not a host name or address.`);

  const dataDir = path.resolve(cwd, nonEmpty(flags.dataDir) ?? nonEmpty(env.RAPPORT_DATA_DIR) ?? './data');

  const databaseUrl = nonEmpty(flags.databaseUrl) ?? nonEmpty(env.DATABASE_URL);
  let databaseUrlValid = true;
  if (databaseUrl !== undefined) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(databaseUrl);
    } catch {
      problems.push('DATABASE_URL is not a URL; expected postgres://user:password@host:5432/database.');
      databaseUrlValid = false;
    }
    if (parsed && parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
      problems.push(`DATABASE_URL must start with postgres:// (got ${parsed.protocol}//).`);
      databaseUrlValid = false;
    }
  }

  const listenHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const defaultPublicUrl = `http://${listenHost.includes(':') ? `[${listenHost}]` : listenHost}:${port.success ? port.data : 7420}`;
  const publicUrlText = nonEmpty(flags.publicUrl) ?? nonEmpty(env.RAPPORT_PUBLIC_URL) ?? defaultPublicUrl;
  let publicUrl = defaultPublicUrl;
  try {
    const url = new URL(publicUrlText);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') problems.push(`RAPPORT_PUBLIC_URL must be http:// or https:// (got ${url.protocol}//).`);
    else if (url.pathname !== '/' || url.search !== '') problems.push('RAPPORT_PUBLIC_URL must be an origin without a path, e.g. https://rapport.example.org.');
    else publicUrl = url.origin;
  } catch {
    problems.push(`RAPPORT_PUBLIC_URL "${publicUrlText}" is not a URL.`);
  }

  const secret = nonEmpty(env.RAPPORT_SECRET);
  if (secret !== undefined && secret.length < 32) problems.push('RAPPORT_SECRET must be at least 32 characters.');

  const trustProxyText = (nonEmpty(env.RAPPORT_TRUST_PROXY) ?? 'false').toLowerCase();
  if (!['true', 'false', '1', '0', 'yes', 'no'].includes(trustProxyText)) problems.push(`RAPPORT_TRUST_PROXY must be true or false (got "${trustProxyText}").`);
  const trustProxy = ['true', '1', 'yes'].includes(trustProxyText);

  const smtpUrl = nonEmpty(env.SMTP_URL);
  const mailFrom = nonEmpty(env.RAPPORT_MAIL_FROM);
  problems.push(...checkMailSettings({ smtpUrl, from: mailFrom }));

  if (problems.length > 0 || !port.success) {
    // An invalid URL is already reported; checking it again would only repeat that.
    return { ok: false, problems, storage: { dataDir, databaseUrl: databaseUrlValid ? databaseUrl : undefined } };
  }
  return {
    ok: true,
    config: { port: port.data, host, dataDir, databaseUrl, publicUrl, secret, trustProxy, ...(smtpUrl ? { smtpUrl, mailFrom } : {}) },
  };
}

/** Checks the machine can hold the data: a writable data directory, a reachable PostgreSQL. */
export async function checkConfigAtRuntime(config: StorageConfig): Promise<string[]> {
  const problems: string[] = [];
  if (config.databaseUrl === undefined) {
    try {
      mkdirSync(config.dataDir, { recursive: true });
      accessSync(config.dataDir, constants.W_OK);
      const probe = path.join(config.dataDir, `.write-probe-${process.pid}`);
      writeFileSync(probe, '');
      rmSync(probe);
    } catch (error) {
      problems.push(`RAPPORT_DATA_DIR ${config.dataDir} is not writable (${(error as Error).message}).`);
    }
  } else {
    const client = new (loadPg().Client)({ connectionString: config.databaseUrl, connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
      await client.query('select 1');
    } catch (error) {
      problems.push(`DATABASE_URL ${redactUrl(config.databaseUrl)} is unreachable (${(error as Error).message || String(error)}).`);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return problems;
}

/** Every problem with the configuration: what the settings say and what the machine says. */
export async function loadConfig(flags: ConfigFlags, env: Record<string, string | undefined>, cwd: string): Promise<Config> {
  const result = resolveConfig(flags, env, cwd);
  const storage = result.ok ? result.config : result.storage;
  const invalidUrl = !result.ok && storage.databaseUrl === undefined && nonEmpty(flags.databaseUrl ?? env.DATABASE_URL) !== undefined;
  const machineProblems = invalidUrl ? [] : await checkConfigAtRuntime(storage);
  const problems = [...(result.ok ? [] : result.problems), ...machineProblems];
  if (problems.length > 0 || !result.ok) throw new ConfigError(problems);
  return result.config;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Rapport cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}
