/**
 * The e-mail outbox, from the side of the code that wants a message sent.
 *
 * ## Sending a message because something happened
 *
 * Enqueue it with the transaction that records the event, so the message exists
 * exactly when the event does — a rolled-back event sends nothing, a committed
 * one is never without its message:
 *
 * @example
 * ```ts
 * await ctx.db.transaction().execute(async (trx) => {
 *   await interviews.insertEvent(trx, …);                  // the event
 *   await enqueueMessage(trx, {
 *     ownerId,
 *     to: [{ name: contact.name, address: contact.emails[0] }],
 *     replyTo: seeker.email,                               // answers go to the seeker
 *     fromName: `${seeker.name} (via Rapport)`,
 *     subject: 'Coffee on Tuesday?',
 *     text: body,
 *     attachments: [{ filename: 'invite.ics', contentType: 'text/calendar; method=REQUEST', content: ics }],
 *     cause: { kind: 'interview_event', id: eventId },
 *   }, { ...ctx, messageIdDomain: mailDomain });           // ctx supplies now() and newId()
 * });
 * worker.wake();                                           // after the commit: send now, not at the next poll
 * ```
 *
 * `enqueueMessage` returns `{ id, messageId }`: the outbox row and the RFC 5322
 * Message-ID every attempt will carry. Keep the Message-ID if a later message
 * should thread under this one (pass it as `inReplyTo`).
 *
 * The worker that sends (src/mail/sender.ts) and its guarantees are described
 * there. Without SMTP configured, nothing drains the outbox: messages stay
 * `queued` and the web can offer them as drafts (copy, mailto:, .ics download)
 * from `getOutboxMessage`.
 *
 * ## Showing the outbox
 *
 * `listOutbox`, `outboxCounts`, `getOutboxMessage` and `retryOutboxMessage` are
 * what routes call; every one is scoped to the owner.
 */
import type { Kysely } from 'kysely';
import { notFound, validationFailed, type FieldIssue } from '../core/errors.ts';
import { hasUnsafeText, isEmail } from '../core/normalize.ts';
import { initialState, retryNow, type OutboxStatus } from '../core/outbox-policy.ts';
import type { Database } from '../db/schema.ts';
import * as outbox from '../repositories/outbox.repository.ts';
import type { Page } from '../shared/api.ts';
import type { ServiceContext } from '../services/context.ts';

export type { MailAddress, OutboxCause, OutboxMessage, OutboxMessageSummary } from '../repositories/outbox.repository.ts';

/** A file to attach. Text content is sent as UTF-8. */
export interface OutgoingAttachment {
  filename: string;
  /** With parameters when they matter: `text/calendar; method=REQUEST`. */
  contentType: string;
  content: string | Uint8Array;
}

export interface OutgoingMessage {
  ownerId: string;
  /** One or more recipients: "dana@example.com" or { name, address }. */
  to: string | outbox.MailAddress | ReadonlyArray<string | outbox.MailAddress>;
  subject: string;
  text: string;
  html?: string | undefined;
  attachments?: readonly OutgoingAttachment[] | undefined;
  /** Where answers go, typically the seeker's own address (From is Rapport's). */
  replyTo?: string | undefined;
  /** The display name on Rapport's From address, e.g. "Dana Reyes (via Rapport)". */
  fromName?: string | undefined;
  /** The Message-ID (`<…@…>`) of the message this one answers, to keep a thread. */
  inReplyTo?: string | undefined;
  /** What caused it, for the outbox view and for finding an event's messages. */
  cause: outbox.OutboxCause;
}

export interface EnqueueOptions {
  now?: () => Date;
  newId?: () => string;
  /**
   * The right-hand side of the Message-ID: the domain of the From address
   * (`mailDomainOf(from)` in sender.ts). Defaults to `rapport.invalid`, which is
   * unique enough but reads oddly to spam filters.
   */
  messageIdDomain?: string | undefined;
}

export interface EnqueuedMessage {
  /** The outbox row. */
  id: string;
  /** The RFC 5322 Message-ID, with angle brackets. */
  messageId: string;
}

export const DEFAULT_MESSAGE_ID_DOMAIN = 'rapport.invalid';
/** All attachments of one message together; an outbox is not a file store. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const HEADER_BREAK = /[\r\n]/;
const CONTENT_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+(\s*;\s*[a-z0-9!#$&^_.+-]+=("[^"\r\n]*"|[^\s;"]+))*$/i;
const MESSAGE_ID = /^<[^<>\s@]+@[^<>\s@]+>$/;
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)*$/i;

function recipientsOf(to: OutgoingMessage['to']): outbox.MailAddress[] {
  // Array.isArray does not narrow a readonly array, hence the cast.
  const list = (Array.isArray(to) ? to : [to]) as ReadonlyArray<string | outbox.MailAddress>;
  return list.map((entry) =>
    typeof entry === 'string' ? { name: null, address: entry.trim() } : { name: entry.name?.trim() || null, address: entry.address.trim() },
  );
}

function checkMessage(message: OutgoingMessage, to: outbox.MailAddress[], attachments: outbox.StoredAttachment[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (to.length === 0) issues.push({ field: 'to', message: 'at least one recipient is needed' });
  to.forEach((r, i) => {
    if (!isEmail(r.address)) issues.push({ field: `to[${i}]`, message: `"${r.address}" is not an e-mail address` });
    if (r.name !== null && (HEADER_BREAK.test(r.name) || hasUnsafeText(r.name))) issues.push({ field: `to[${i}].name`, message: 'must be one line of text' });
  });
  if (message.subject.trim() === '') issues.push({ field: 'subject', message: 'must not be empty' });
  if (HEADER_BREAK.test(message.subject) || hasUnsafeText(message.subject)) issues.push({ field: 'subject', message: 'must be one line of text' });
  if (message.text.trim() === '') issues.push({ field: 'text', message: 'must not be empty' });
  if (hasUnsafeText(message.text)) issues.push({ field: 'text', message: 'holds characters that cannot be stored (NUL or broken Unicode)' });
  if (message.html !== undefined && hasUnsafeText(message.html)) issues.push({ field: 'html', message: 'holds characters that cannot be stored (NUL or broken Unicode)' });
  if (message.replyTo !== undefined && !isEmail(message.replyTo)) issues.push({ field: 'replyTo', message: `"${message.replyTo}" is not an e-mail address` });
  if (message.fromName !== undefined && (HEADER_BREAK.test(message.fromName) || hasUnsafeText(message.fromName))) issues.push({ field: 'fromName', message: 'must be one line of text' });
  if (message.inReplyTo !== undefined && !MESSAGE_ID.test(message.inReplyTo)) issues.push({ field: 'inReplyTo', message: 'must be a Message-ID like <id@domain>' });
  attachments.forEach((a, i) => {
    if (a.filename.trim() === '' || /[\r\n/\\]/.test(a.filename) || hasUnsafeText(a.filename)) issues.push({ field: `attachments[${i}].filename`, message: 'must be a file name without folders' });
    if (!CONTENT_TYPE.test(a.contentType)) issues.push({ field: `attachments[${i}].contentType`, message: `"${a.contentType}" is not a media type` });
  });
  const bytes = attachments.reduce((sum, a) => sum + a.content.length, 0);
  if (bytes > MAX_ATTACHMENT_BYTES) issues.push({ field: 'attachments', message: `total ${bytes} bytes; at most ${MAX_ATTACHMENT_BYTES}` });
  if (message.cause.kind.trim() === '' || message.cause.id.trim() === '') issues.push({ field: 'cause', message: 'kind and id are both needed' });
  return issues;
}

/**
 * Puts a message in the outbox, in the caller's transaction (`trx`), due at
 * once. Throws VALIDATION_FAILED (nothing written) when the message could never
 * be sent — better the event fails now than a message dies later.
 */
export async function enqueueMessage(trx: Kysely<Database>, message: OutgoingMessage, options: EnqueueOptions = {}): Promise<EnqueuedMessage> {
  const now = (options.now ?? (() => new Date()))();
  const newId = options.newId ?? (() => crypto.randomUUID());
  const domain = options.messageIdDomain ?? DEFAULT_MESSAGE_ID_DOMAIN;
  if (!DOMAIN.test(domain)) throw new Error(`"${domain}" is not a domain for a Message-ID.`);

  const to = recipientsOf(message.to);
  const attachments = (message.attachments ?? []).map((a) => ({
    filename: a.filename.trim(),
    contentType: a.contentType.trim(),
    content: typeof a.content === 'string' ? Buffer.from(a.content, 'utf8') : Buffer.from(a.content),
  }));
  const issues = checkMessage(message, to, attachments);
  if (issues.length > 0) throw validationFailed(issues);

  const id = newId();
  // A fresh random left part, not the row id, so the Message-ID reveals nothing.
  const messageId = `<${crypto.randomUUID()}@${domain.toLowerCase()}>`;
  await outbox.insertMessage(trx, {
    id,
    ownerId: message.ownerId,
    messageId,
    to,
    replyTo: message.replyTo ?? null,
    fromName: message.fromName?.trim() || null,
    inReplyTo: message.inReplyTo ?? null,
    subject: message.subject.trim(),
    text: message.text,
    html: message.html ?? null,
    attachments,
    cause: message.cause,
    state: initialState(now),
    createdAt: now.toISOString(),
  });
  return { id, messageId };
}

export interface OutboxQuery {
  status?: OutboxStatus | undefined;
  cause?: outbox.OutboxCause | undefined;
  offset?: number | undefined;
  limit?: number | undefined;
}

/** One owner's messages, newest first: status, attempts, next attempt, last error. */
export async function listOutbox(ctx: ServiceContext, ownerId: string, query: OutboxQuery = {}): Promise<Page<outbox.OutboxMessageSummary>> {
  const offset = query.offset ?? 0;
  const limit = query.limit ?? 50;
  const { items, total } = await outbox.listMessages(ctx.db, ownerId, { status: query.status, cause: query.cause, offset, limit });
  return { items, total, offset, limit };
}

/** How many messages are in each state, for a badge ("2 failed"). */
export function outboxCounts(ctx: ServiceContext, ownerId: string): Promise<Record<OutboxStatus, number>> {
  return outbox.countByStatus(ctx.db, ownerId);
}

/** One message with bodies and attachments: what the web shows, or offers as a draft without SMTP. */
export async function getOutboxMessage(ctx: ServiceContext, ownerId: string, id: string): Promise<outbox.OutboxMessage> {
  const message = await outbox.findMessage(ctx.db, ownerId, id);
  if (!message) throw notFound('That message');
  return message;
}

/**
 * Sends a failed or dead message again, with a fresh series of attempts and the
 * same Message-ID. A message already queued, sending or sent is left as it is:
 * asking twice never sends twice. Call `worker.wake()` afterwards.
 */
export async function retryOutboxMessage(ctx: ServiceContext, ownerId: string, id: string): Promise<outbox.OutboxMessage> {
  const message = await getOutboxMessage(ctx, ownerId, id);
  if (message.status === 'failed' || message.status === 'dead') {
    const now = ctx.now();
    await outbox.requeue(ctx.db, ownerId, id, retryNow(message, now), now.toISOString());
  }
  return getOutboxMessage(ctx, ownerId, id);
}
