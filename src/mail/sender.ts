/**
 * Sends the outbox: an SMTP transport from `SMTP_URL`, and the worker that
 * claims due messages, sends them with nodemailer and records what happened.
 *
 * ## Wiring it in
 *
 * @example
 * ```ts
 * const problems = checkMailSettings({ smtpUrl: env.SMTP_URL, from: env.RAPPORT_MAIL_FROM });   // in config.ts
 * // at server start, after migrations, only when SMTP_URL is set:
 * const transport = createSmtpTransport(parseSmtpUrlOrThrow(config.smtpUrl));
 * const worker = startOutboxWorker({ db: db.kysely, transport, from: config.mailFrom, now: ctx.now, log });
 * // after a transaction that enqueued mail commits:
 * worker.wake();
 * // on shutdown, before closing the database:
 * await worker.stop(); transport.close();
 * ```
 *
 * Every server process may run a worker against the same database; they share
 * the work without sending a message twice at once (see the claim in
 * src/repositories/outbox.repository.ts).
 *
 * ## What is guaranteed, and what SMTP cannot give
 *
 * - **Never dropped.** A message is in the database from the commit of its event.
 *   It leaves the retry cycle only as `sent` (the SMTP server answered 250) or
 *   `dead` (a permanent 5xx answer, or every attempt of the backoff used), and
 *   both are visible with their reason. A worker that dies mid-send leaves the
 *   message `sending` with a lease; when the lease expires any worker takes it
 *   over and sends it again.
 * - **Never sent twice by Rapport's choice.** At most one worker holds a message
 *   at a time (a lease claimed in one UPDATE … WHERE). A message recorded `sent`
 *   is never claimed again. The send is aborted at half the lease, so a live
 *   worker finishes before anyone may take over (short of the whole process
 *   being frozen for longer than the lease).
 * - **The one window SMTP leaves open.** SMTP has no idempotency key, and the
 *   "message accepted" reply and our database commit cannot be one atomic step.
 *   If the process dies, or loses the database, or the connection drops, *after*
 *   the server has taken the message and *before* `sent` is committed (an instant
 *   on a healthy server; the RFC 1047 problem), the outcome is unknown, and the
 *   only choices are to risk a duplicate or to risk a loss. Rapport risks the
 *   duplicate, because the issue asks never to drop a message — and makes that
 *   duplicate harmless where it can: every attempt carries the same Message-ID
 *   (fixed at enqueue), the same Date and the same MIME boundaries, so the
 *   message is byte-for-byte the same, and receivers that de-duplicate by
 *   Message-ID (Gmail, for one; and calendar clients key an invite on the UID
 *   inside its .ics, so a second copy updates the same event) show it once. Recording `sent` *before* sending would close the window
 *   the other way — it would turn every crash into a silently lost message.
 *   The interrupted attempt is shown on the message (`lastError`), so a person
 *   can see that it may have arrived twice.
 *
 * So: exactly once into the outbox, at most one concurrent sender, and
 * at-least-once into SMTP with an identical, de-duplicable copy only after a
 * crash in the window above.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Kysely } from 'kysely';
import type { SendMailOptions, Transporter } from 'nodemailer';
import type addressparser from 'nodemailer/lib/addressparser';
import { isEmail } from '../core/normalize.ts';
import {
  DEFAULT_LEASE_MS,
  isPermanentSmtpError,
  recordFailure,
  recordInterrupted,
  recordSent,
  type SendFailure,
} from '../core/outbox-policy.ts';
import { redactUrl } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import * as outbox from '../repositories/outbox.repository.ts';

/**
 * nodemailer is loaded when mail is first configured or sent, not at start: most
 * servers run without SMTP, and loading it costs some 3 MB of resident memory.
 */
const requireModule = createRequire(import.meta.url);
const nodemailer = () => requireModule('nodemailer') as typeof import('nodemailer');
const mailboxesIn = (text: string) => (requireModule('nodemailer/lib/addressparser') as typeof addressparser)(text, { flatten: true });

// ---- settings ---------------------------------------------------------------

/**
 * How STARTTLS is used on smtp:// (smtps:// is TLS from the first byte):
 * `required` refuses a server that does not offer it, `optional` upgrades when
 * offered, `off` never does. Default: required, except towards this machine.
 */
export type StartTls = 'required' | 'optional' | 'off';

export interface SmtpSettings {
  host: string;
  port: number;
  /** smtps://: implicit TLS. */
  secure: boolean;
  startTls: StartTls;
  user: string | undefined;
  pass: string | undefined;
  /** The URL with the password masked, for logs and error messages. */
  display: string;
}

export type SmtpUrlResult = { ok: true; settings: SmtpSettings } | { ok: false; problem: string };

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?)$/i;

/** Reads `smtp[s]://user:pass@host:port[?starttls=required|optional|off]`; user and password percent-encoded. */
export function parseSmtpUrl(text: string): SmtpUrlResult {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, problem: 'SMTP_URL is not a URL; expected smtp://user:password@host:587 or smtps://user:password@host:465.' };
  }
  const display = redactUrl(url.toString());
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') return { ok: false, problem: `SMTP_URL must start with smtp:// or smtps:// (got ${url.protocol}//).` };
  if (url.hostname === '') return { ok: false, problem: 'SMTP_URL has no host.' };
  if (url.pathname !== '' && url.pathname !== '/') return { ok: false, problem: `SMTP_URL ${display} must not have a path.` };
  const secure = url.protocol === 'smtps:';
  const port = url.port === '' ? (secure ? 465 : 587) : Number(url.port);
  let user: string | undefined;
  let pass: string | undefined;
  try {
    user = url.username === '' ? undefined : decodeURIComponent(url.username);
    pass = url.password === '' ? undefined : decodeURIComponent(url.password);
  } catch {
    return { ok: false, problem: `SMTP_URL ${display} has a badly percent-encoded user or password.` };
  }
  if (pass !== undefined && user === undefined) return { ok: false, problem: `SMTP_URL ${display} has a password but no user.` };
  let startTls: StartTls = LOOPBACK.test(url.hostname) ? 'optional' : 'required';
  for (const [key, value] of url.searchParams) {
    if (key !== 'starttls' || (value !== 'required' && value !== 'optional' && value !== 'off')) {
      return { ok: false, problem: `SMTP_URL ${display}: unknown option "${key}=${value}"; the one option is starttls=required|optional|off.` };
    }
    if (secure) return { ok: false, problem: `SMTP_URL ${display}: starttls does not apply to smtps://, which is TLS from the start.` };
    startTls = value;
  }
  return { ok: true, settings: { host: url.hostname.replace(/^\[|\]$/g, ''), port, secure, startTls, user, pass, display } };
}

export function parseSmtpUrlOrThrow(text: string): SmtpSettings {
  const result = parseSmtpUrl(text);
  if (!result.ok) throw new Error(result.problem);
  return result.settings;
}

export type FromResult = { ok: true; from: outbox.MailAddress } | { ok: false; problem: string };

/** Reads Rapport's From address: `rapport@example.org` or `Rapport <rapport@example.org>`. */
export function parseFromAddress(text: string): FromResult {
  const parsed = mailboxesIn(text.trim());
  const only = parsed.length === 1 ? parsed[0] : undefined;
  if (!only || !isEmail(only.address)) return { ok: false, problem: `The From address "${text}" is not one e-mail address, e.g. "Rapport <rapport@example.org>".` };
  return { ok: true, from: { name: only.name.trim() || null, address: only.address } };
}

/** The domain of a From address, for Message-IDs (`enqueueMessage`'s `messageIdDomain`). */
export function mailDomainOf(from: string): string {
  const result = parseFromAddress(from);
  if (!result.ok) throw new Error(result.problem);
  return result.from.address.slice(result.from.address.lastIndexOf('@') + 1).toLowerCase();
}

/**
 * Every problem with the mail settings, for config.ts to report with the rest.
 * No SMTP_URL is fine (messages wait as drafts); an SMTP_URL needs a From.
 */
export function checkMailSettings(settings: { smtpUrl?: string | undefined; from?: string | undefined }): string[] {
  const problems: string[] = [];
  const smtpUrl = settings.smtpUrl?.trim() || undefined;
  const from = settings.from?.trim() || undefined;
  if (smtpUrl !== undefined) {
    const parsed = parseSmtpUrl(smtpUrl);
    if (!parsed.ok) problems.push(parsed.problem);
    if (from === undefined) problems.push('SMTP_URL is set but the From address is not; set it to an address the SMTP server may send from.');
  }
  if (from !== undefined) {
    const parsed = parseFromAddress(from);
    if (!parsed.ok) problems.push(parsed.problem);
  }
  return problems;
}

// ---- transport --------------------------------------------------------------

/** What the worker needs of a transport; a nodemailer transporter is one. */
export interface MailTransport {
  sendMail(mail: SendMailOptions): Promise<{ response?: string | undefined; rejected?: ReadonlyArray<string | { address: string }> | undefined }>;
}

/** Connecting, greeting and idle waits: together well under the send timeout (half the lease). */
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 } as const;

/** A nodemailer SMTP transport, one connection per message. Close it on shutdown. */
export function createSmtpTransport(settings: SmtpSettings): Transporter {
  return nodemailer().createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: !settings.secure && settings.startTls === 'required',
    ignoreTLS: !settings.secure && settings.startTls === 'off',
    auth: settings.user === undefined ? undefined : { user: settings.user, pass: settings.pass ?? '' },
    ...SMTP_TIMEOUTS,
    // Messages come from the database; nothing in them may make nodemailer read a file or a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
}

/**
 * The message as nodemailer sends it. The same on every attempt, byte for byte:
 * Message-ID and Date from enqueue, MIME boundaries derived from the Message-ID.
 */
export function composeMail(message: outbox.OutboxMessage, from: outbox.MailAddress): SendMailOptions {
  const fromName = message.fromName ?? from.name;
  return {
    from: fromName ? { name: fromName, address: from.address } : from.address,
    to: message.to.map((r) => (r.name ? { name: r.name, address: r.address } : r.address)),
    replyTo: message.replyTo ?? undefined,
    inReplyTo: message.inReplyTo ?? undefined,
    references: message.inReplyTo ?? undefined,
    subject: message.subject,
    text: message.text,
    html: message.html ?? undefined,
    attachments: message.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
    messageId: message.messageId,
    date: new Date(message.createdAt),
    baseBoundary: createHash('sha256').update(message.messageId).digest('hex').slice(0, 24),
  };
}

/** nodemailer's error, as a reason a person can read and a verdict on retrying. */
export function describeSendError(error: unknown): SendFailure {
  const e = (error ?? {}) as { message?: string; code?: string; responseCode?: number; response?: string; command?: string; name?: string };
  const permanent = isPermanentSmtpError({ responseCode: e.responseCode, code: e.code });
  const parts: string[] = [];
  if (e.code === 'EABORT' || e.name === 'TimeoutError' || e.name === 'AbortError') parts.push('The SMTP server took too long; the attempt was abandoned.');
  if (e.command) parts.push(`${e.command}:`);
  parts.push(e.response ?? e.message ?? String(error));
  if (e.code && !e.response) parts.push(`(${e.code})`);
  const reason = parts.join(' ').replace(/\s+/g, ' ').trim();
  return { reason: reason.length > 1000 ? `${reason.slice(0, 999)}…` : reason, permanent };
}

// ---- worker -----------------------------------------------------------------

export interface OutboxWorkerOptions {
  db: Kysely<Database>;
  transport: MailTransport;
  /** Rapport's From address: `Rapport <rapport@example.org>`. A message's `fromName` replaces the name. */
  from: string;
  now?: () => Date;
  log?: (line: string) => void;
  /** How often to look for due messages, in ms. null: never on its own; call `drainOnce`. Default 5000. */
  pollMs?: number | null;
  /** How long a claim holds a message (default 5 min). A worker that holds it longer is presumed dead. */
  leaseMs?: number;
  /** A send still running after this long is abandoned and counts as a failed attempt. Default: half the lease. */
  sendTimeoutMs?: number;
  /** Most messages one drain sends before yielding to the next (default 50). */
  batchSize?: number;
  /**
   * Test seam: runs after the SMTP server accepted a message and before that is
   * recorded. Throwing here is a crash at the worst moment: the drain rejects and
   * the message stays `sending` until its lease expires.
   */
  afterSendBeforeRecord?: (message: outbox.OutboxMessage) => void | Promise<void>;
}

export interface DrainReport {
  sent: number;
  /** Failed with a retry scheduled. */
  failed: number;
  /** Given up: permanent error or no attempts left. */
  dead: number;
  /** Taken over from a worker whose lease had expired. */
  interrupted: number;
  /** The batch was full: more may be due right now. */
  more: boolean;
}

export interface OutboxWorker {
  /** Sends every message due now (up to the batch size); runs after any drain in progress. */
  drainOnce(): Promise<DrainReport>;
  /** Drain soon instead of at the next poll: call after committing a transaction that enqueued mail. A no-op without polling. */
  wake(): void;
  /** Stops polling and waits for the message in hand to be sent and recorded. */
  stop(): Promise<void>;
}

export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { db, transport } = options;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((line: string) => console.error(line));
  const pollMs = options.pollMs === undefined ? 5000 : options.pollMs;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const sendTimeoutMs = options.sendTimeoutMs ?? Math.floor(leaseMs / 2);
  const batchSize = options.batchSize ?? 50;
  if (sendTimeoutMs >= leaseMs) throw new Error('The send timeout must be shorter than the lease, or a slow send could be taken over while it runs.');
  const parsedFrom = parseFromAddress(options.from);
  if (!parsedFrom.ok) throw new Error(parsedFrom.problem);
  const from = parsedFrom.from;

  const say = (line: string) => log(`[${now().toISOString()}] outbox: ${line}`);

  let stopped = false;
  let tail: Promise<unknown> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ticking = false;
  let wakeRequested = false;

  async function deliver(message: outbox.OutboxMessage, leaseToken: string): Promise<'sent' | 'failed' | 'dead'> {
    let info: Awaited<ReturnType<MailTransport['sendMail']>>;
    try {
      info = await transport.sendMail({ ...composeMail(message, from), signal: AbortSignal.timeout(sendTimeoutMs) });
    } catch (error) {
      const failure = describeSendError(error);
      const at = now();
      const next = recordFailure(message, at, failure);
      if (!(await outbox.recordAttemptOutcome(db, message.id, leaseToken, next, at.toISOString()))) {
        say(`message ${message.id} failed after its lease was taken over; the newer attempt decides (${failure.reason})`);
      } else if (next.status === 'dead') {
        say(`message ${message.id} ${message.messageId} is dead after ${message.attempts} attempt(s): ${failure.reason}`);
      } else {
        say(`message ${message.id} attempt ${message.attempts} failed, next at ${next.nextAttemptAt}: ${failure.reason}`);
      }
      return next.status === 'dead' ? 'dead' : 'failed';
    }
    // From here until recordSent commits is the window the module comment describes.
    await options.afterSendBeforeRecord?.(message);
    const at = now();
    const sent = recordSent(message, at);
    const rejected = (info.rejected ?? []).map((r) => (typeof r === 'string' ? r : r.address));
    const note = rejected.length > 0 ? `The SMTP server refused some recipients: ${rejected.join(', ')}` : null;
    const recorded = await outbox.recordSent(db, message.id, { sentAt: sent.sentAt ?? at.toISOString(), smtpResponse: info.response ?? '', note });
    if (!recorded) say(`message ${message.id} ${message.messageId} was sent but could not be recorded: another worker had recorded it sent (this copy is a duplicate), or its account was deleted`);
    if (message.lockedUntil !== null && Date.parse(message.lockedUntil) < at.getTime()) say(`message ${message.id} was sent after its lease expired; another worker may have sent it too`);
    return 'sent';
  }

  async function drain(): Promise<DrainReport> {
    const report: DrainReport = { sent: 0, failed: 0, dead: 0, interrupted: 0, more: false };
    if (stopped) return report;
    const checkedAt = now();
    for (const lease of await outbox.listExpiredLeases(db, checkedAt.toISOString(), batchSize)) {
      const next = recordInterrupted(lease.state, checkedAt);
      if (await outbox.recordAttemptOutcome(db, lease.id, lease.leaseToken, next, checkedAt.toISOString())) {
        report.interrupted++;
        if (next.status === 'dead') report.dead++;
        say(`message ${lease.id} ${lease.messageId} was left mid-send after attempt ${lease.state.attempts}; ${next.status === 'dead' ? 'no attempts left' : 'sending it again'}`);
      }
    }
    for (let i = 0; i < batchSize; i++) {
      if (stopped) return report;
      const claimedAt = now();
      const leaseToken = randomUUID();
      const message = await outbox.claimNextDue(db, {
        now: claimedAt.toISOString(),
        lockedUntil: new Date(claimedAt.getTime() + leaseMs).toISOString(),
        leaseToken,
      });
      if (!message) return report;
      report[await deliver(message, leaseToken)]++;
    }
    report.more = true;
    return report;
  }

  function drainOnce(): Promise<DrainReport> {
    const run = tail.then(drain, drain);
    tail = run.catch(() => undefined);
    return run;
  }

  function schedule(ms: number): void {
    if (stopped || pollMs === null) return;
    clearTimeout(timer);
    timer = setTimeout(tick, ms);
    // The worker alone should not keep a process (a CLI command, a test) alive.
    timer.unref?.();
  }

  async function tick(): Promise<void> {
    timer = undefined;
    ticking = true;
    wakeRequested = false;
    let more = false;
    try {
      more = (await drainOnce()).more;
    } catch (error) {
      // The database is unreachable or a write failed: messages in hand stay
      // `sending` and are taken over when their lease expires.
      say(`drain failed, trying again in ${pollMs} ms: ${(error as Error).message}`);
    } finally {
      ticking = false;
    }
    schedule(more || wakeRequested ? 0 : (pollMs ?? 0));
  }

  schedule(0);

  return {
    drainOnce,
    wake() {
      if (ticking) wakeRequested = true;
      else schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      await tail;
    },
  };
}
