/**
 * The rules of the e-mail outbox: the states a message goes through, when it is
 * due, how long to wait after a failure, and when to give up.
 *
 *     queued ──claim──▶ sending ──accepted──▶ sent
 *                          │
 *                          ├─ transient failure, attempts left ──▶ failed ──(next attempt due)──▶ sending …
 *                          ├─ transient failure, none left ──────▶ dead
 *                          ├─ permanent failure (5xx) ───────────▶ dead
 *                          └─ lease expired (worker stopped mid-send) ──▶ failed, due at once | dead
 *
 *     failed | dead ──retry (a person asked)──▶ queued, attempts from zero
 *
 * `attempts` counts attempts *started* (a claim counts one), so a message whose
 * sending crashes the process every time still reaches `dead` instead of
 * looping forever.
 *
 * The waits after the 1st…5th failed attempt are 1 min, 5 min, 30 min, 2 h and
 * 12 h; the 6th failure makes the message dead, about 14 h 36 min after the first
 * try. A message whose lease expired is retried at once: the lease itself was the
 * wait, and the sooner it goes, the smaller the chance the recipient sees the
 * first copy (if there was one) long before the second.
 *
 * The repository runs `isDue` and the lease check as SQL (a claim must be one
 * UPDATE … WHERE); test/mail/outbox.test.ts checks both agree.
 *
 * Pure: no clock (pass `now`), no I/O.
 */

export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed', 'dead'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The wait after the 1st, 2nd … failed attempt before the next one. */
export const RETRY_DELAYS_MS: readonly number[] = [1 * MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 12 * HOUR];
/** The first try and one retry per delay above. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/**
 * How long a claim holds a message. Must exceed the longest send (the worker
 * aborts a send after half of it) so a slow but live worker is never taken over.
 */
export const DEFAULT_LEASE_MS = 5 * MINUTE;

/** What the rules read and write of a message. Times are ISO strings. */
export interface OutboxState {
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lockedUntil: string | null;
  lastError: string | null;
  sentAt: string | null;
}

/** Why an attempt failed, and whether trying again could help. */
export interface SendFailure {
  reason: string;
  permanent: boolean;
}

export function isOutboxStatus(value: string): value is OutboxStatus {
  return (OUTBOX_STATUSES as readonly string[]).includes(value);
}

/** A newly enqueued message: due at once. */
export function initialState(now: Date): OutboxState {
  return { status: 'queued', attempts: 0, nextAttemptAt: now.toISOString(), lockedUntil: null, lastError: null, sentAt: null };
}

/** A worker may claim it now: queued or failed, and its next attempt is due. */
export function isDue(state: OutboxState, now: Date): boolean {
  return (state.status === 'queued' || state.status === 'failed') && Date.parse(state.nextAttemptAt) <= now.getTime();
}

/** Its worker held it past the lease: it stopped (crash, restart, lost connection) before recording the outcome. */
export function isLeaseExpired(state: OutboxState, now: Date): boolean {
  return state.status === 'sending' && state.lockedUntil !== null && Date.parse(state.lockedUntil) <= now.getTime();
}

/** The wait before the next attempt after `attempts` attempts, or null when none is left. */
export function retryDelayAfter(attempts: number): number | null {
  if (attempts < 1 || attempts >= MAX_ATTEMPTS) return null;
  return RETRY_DELAYS_MS[attempts - 1] ?? null;
}

function refuse(state: OutboxState, action: string): never {
  throw new Error(`An outbox message that is ${state.status} cannot be ${action}.`);
}

/** A worker takes the message for `leaseMs`: one more attempt started. */
export function claim(state: OutboxState, now: Date, leaseMs: number): OutboxState {
  if (!isDue(state, now)) refuse(state, 'claimed now');
  return { ...state, status: 'sending', attempts: state.attempts + 1, lockedUntil: new Date(now.getTime() + leaseMs).toISOString() };
}

/** The SMTP server accepted it. Recorded whatever the lease says: the truth is better than a retry. */
export function recordSent(state: OutboxState, now: Date): OutboxState {
  if (state.status === 'sent') refuse(state, 'sent again');
  return { ...state, status: 'sent', lockedUntil: null, sentAt: now.toISOString() };
}

/** An attempt failed: wait and retry, or give up (permanent error, or no attempts left). */
export function recordFailure(state: OutboxState, now: Date, failure: SendFailure): OutboxState {
  if (state.status !== 'sending') refuse(state, 'marked failed');
  const delay = failure.permanent ? null : retryDelayAfter(state.attempts);
  if (delay === null) return { ...state, status: 'dead', lockedUntil: null, lastError: failure.reason };
  return { ...state, status: 'failed', lockedUntil: null, lastError: failure.reason, nextAttemptAt: new Date(now.getTime() + delay).toISOString() };
}

export const INTERRUPTED_REASON =
  'The attempt was interrupted before its outcome was recorded (the server stopped or lost the database mid-send). ' +
  'The message may have reached the mail server; it is sent again with the same Message-ID.';

export const INTERRUPTED_GIVE_UP_REASON =
  'The last attempt was interrupted before its outcome was recorded and no attempts are left. ' +
  'The message may or may not have reached the mail server.';

/** The lease expired: due again at once, or dead when that was the last attempt. */
export function recordInterrupted(state: OutboxState, now: Date): OutboxState {
  if (!isLeaseExpired(state, now)) refuse(state, 'taken over before its lease expired');
  if (state.attempts >= MAX_ATTEMPTS) return { ...state, status: 'dead', lockedUntil: null, lastError: INTERRUPTED_GIVE_UP_REASON };
  return { ...state, status: 'failed', lockedUntil: null, lastError: INTERRUPTED_REASON, nextAttemptAt: now.toISOString() };
}

/** A person asked to send a failed or dead message again: a fresh series of attempts, due now. */
export function retryNow(state: OutboxState, now: Date): OutboxState {
  if (state.status !== 'failed' && state.status !== 'dead') refuse(state, 'retried');
  return { ...state, status: 'queued', attempts: 0, nextAttemptAt: now.toISOString(), lockedUntil: null };
}

/** What an SMTP client reports about a failed send (nodemailer's error fields). */
export interface SmtpErrorFacts {
  /** The SMTP reply code, when the server answered. */
  responseCode?: number | undefined;
  /** nodemailer's code: ECONNECTION, ETIMEDOUT, EAUTH, EENVELOPE, EMESSAGE… */
  code?: string | undefined;
}

/**
 * Reply codes in the 5xx class that describe our configuration, not the message:
 * 530 authentication required, 534/535/538 authentication refused or too weak.
 * A wrong password must not kill every queued message; the administrator fixes
 * it and the retries deliver them.
 */
const CONFIGURATION_REPLY_CODES = new Set([530, 534, 535, 538]);

/**
 * Whether trying again could help. Permanent: the server answered 5xx about this
 * message or its recipients (550 no such user, 552 too big, 554 rejected…),
 * except 503 (bad sequence: a client or connection hiccup) and the
 * authentication codes above. Everything else — 4xx, no answer at all
 * (refused, timed out, TLS failure, aborted) — is transient.
 */
export function isPermanentSmtpError(facts: SmtpErrorFacts): boolean {
  const code = facts.responseCode;
  if (code === undefined || code < 500 || code > 599) return false;
  if (code === 503 || CONFIGURATION_REPLY_CODES.has(code)) return false;
  return facts.code !== 'EAUTH' && facts.code !== 'ENOAUTH';
}
