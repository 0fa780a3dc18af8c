/**
 * The outbox table: inserting messages (inside the caller's transaction), the
 * worker's claim, outcome and take-over statements, and the reads the web shows.
 *
 * Concurrency rests on two things here:
 * - `claimNextDue` is one UPDATE … WHERE id = (the oldest due message) AND it is
 *   still due, RETURNING the row. Two workers, or two server processes, cannot
 *   both claim a message: SQLite runs one writer at a time, and on PostgreSQL the
 *   inner SELECT skips rows another transaction has locked (FOR UPDATE SKIP
 *   LOCKED) while the outer WHERE is checked again on the row as it is after any
 *   concurrent update.
 * - Every claim gets a fresh `lease_token`. A failure or a take-over is written
 *   only WHERE the token is still the one the writer holds, so a worker whose
 *   lease was taken over cannot overwrite the newer state. Success is written
 *   whatever the token: "the server accepted it" is the one fact that must never
 *   be lost, since losing it means sending again.
 */
import { PostgresAdapter, sql, type Kysely, type Selectable } from 'kysely';
import { isOutboxStatus, type OutboxState, type OutboxStatus } from '../core/outbox-policy.ts';
import type { Database, OutboxMessageTable } from '../db/schema.ts';
import { toIso } from './row-mapping.ts';

type Db = Kysely<Database>;

export interface MailAddress {
  name: string | null;
  address: string;
}

export interface StoredAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface OutboxCause {
  kind: string;
  id: string;
}

/** A message as the worker sends it and the web shows it. */
export interface OutboxMessage extends OutboxState {
  id: string;
  ownerId: string;
  /** With its angle brackets: `<…@…>`. */
  messageId: string;
  to: MailAddress[];
  replyTo: string | null;
  fromName: string | null;
  inReplyTo: string | null;
  subject: string;
  text: string;
  html: string | null;
  attachments: StoredAttachment[];
  cause: OutboxCause;
  leaseToken: string | null;
  lastAttemptAt: string | null;
  smtpResponse: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A list entry: everything but the bodies and attachment contents. */
export interface OutboxMessageSummary extends Omit<OutboxMessage, 'text' | 'html' | 'attachments' | 'leaseToken'> {
  attachments: { filename: string; contentType: string }[];
}

/** The row as written at enqueue. */
export interface NewOutboxRow {
  id: string;
  ownerId: string;
  messageId: string;
  to: MailAddress[];
  replyTo: string | null;
  fromName: string | null;
  inReplyTo: string | null;
  subject: string;
  text: string;
  html: string | null;
  attachments: StoredAttachment[];
  cause: OutboxCause;
  state: OutboxState;
  createdAt: string;
}

interface AttachmentJson {
  filename: string;
  contentType: string;
  contentBase64: string;
}

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

function isoOrNull(value: Date | string | null): string | null {
  return value === null ? null : toIso(value);
}

function statusOf(value: string): OutboxStatus {
  if (!isOutboxStatus(value)) throw new Error(`Unknown outbox status "${value}".`);
  return value;
}

function parseRecipients(json: string): MailAddress[] {
  return (JSON.parse(json) as MailAddress[]).map((r) => ({ name: r.name ?? null, address: r.address }));
}

function parseAttachments(json: string): AttachmentJson[] {
  return JSON.parse(json) as AttachmentJson[];
}

type SummaryRow = Omit<Selectable<OutboxMessageTable>, 'text_body' | 'html_body' | 'lease_token'>;

function toSummaryFields(row: SummaryRow): Omit<OutboxMessageSummary, 'attachments'> {
  return {
    id: row.id,
    ownerId: row.owner_id,
    messageId: row.message_id,
    to: parseRecipients(row.recipients),
    replyTo: row.reply_to,
    fromName: row.from_name,
    inReplyTo: row.in_reply_to,
    subject: row.subject,
    cause: { kind: row.cause_kind, id: row.cause_id },
    status: statusOf(row.status),
    attempts: Number(row.attempts),
    nextAttemptAt: toIso(row.next_attempt_at),
    lockedUntil: isoOrNull(row.locked_until),
    lastAttemptAt: isoOrNull(row.last_attempt_at),
    lastError: row.last_error,
    smtpResponse: row.smtp_response,
    sentAt: isoOrNull(row.sent_at),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

function toMessage(row: Selectable<OutboxMessageTable>): OutboxMessage {
  return {
    ...toSummaryFields(row),
    text: row.text_body,
    html: row.html_body,
    attachments: parseAttachments(row.attachments).map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.contentBase64, 'base64') })),
    leaseToken: row.lease_token,
  };
}

/** Writes a new message; call it with the transaction of the event that causes it. */
export async function insertMessage(db: Db, row: NewOutboxRow): Promise<void> {
  const attachments: AttachmentJson[] = row.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, contentBase64: a.content.toString('base64') }));
  await db
    .insertInto('outbox_message')
    .values({
      id: row.id,
      owner_id: row.ownerId,
      message_id: row.messageId,
      recipients: JSON.stringify(row.to),
      reply_to: row.replyTo,
      from_name: row.fromName,
      in_reply_to: row.inReplyTo,
      subject: row.subject,
      text_body: row.text,
      html_body: row.html,
      attachments: JSON.stringify(attachments),
      cause_kind: row.cause.kind,
      cause_id: row.cause.id,
      status: row.state.status,
      attempts: row.state.attempts,
      next_attempt_at: row.state.nextAttemptAt,
      locked_until: row.state.lockedUntil,
      lease_token: null,
      last_attempt_at: null,
      last_error: row.state.lastError,
      smtp_response: null,
      sent_at: row.state.sentAt,
      created_at: row.createdAt,
      updated_at: row.createdAt,
    })
    .execute();
}

/**
 * Claims the oldest due message for one attempt, or returns undefined when none
 * is due. The WHERE is `isDue` of src/core/outbox-policy.ts; the SET is its `claim`.
 */
export async function claimNextDue(db: Db, claim: { now: string; lockedUntil: string; leaseToken: string }): Promise<OutboxMessage | undefined> {
  const due = ['queued', 'failed'];
  const row = await db
    .updateTable('outbox_message')
    .set({
      status: 'sending',
      attempts: sql<number>`attempts + 1`,
      locked_until: claim.lockedUntil,
      lease_token: claim.leaseToken,
      last_attempt_at: claim.now,
      updated_at: claim.now,
    })
    .where((eb) =>
      eb(
        'id',
        '=',
        eb
          .selectFrom('outbox_message as candidate')
          .select('candidate.id')
          .where('candidate.status', 'in', due)
          .where('candidate.next_attempt_at', '<=', claim.now)
          .orderBy('candidate.next_attempt_at')
          .orderBy('candidate.created_at')
          .orderBy('candidate.id')
          .limit(1)
          .$if(isPostgres(db), (q) => q.forUpdate().skipLocked()),
      ),
    )
    // Checked again on the row as it is now: on PostgreSQL another worker may have
    // claimed it between the inner SELECT and this UPDATE taking the row lock.
    .where('status', 'in', due)
    .where('next_attempt_at', '<=', claim.now)
    .returningAll()
    .executeTakeFirst();
  return row ? toMessage(row) : undefined;
}

/** A message held past its lease, with the token it is held under so a take-over can be fenced on it. */
export interface ExpiredLease {
  id: string;
  messageId: string;
  leaseToken: string;
  state: OutboxState;
}

/** Messages whose worker held them past the lease (`isLeaseExpired`), oldest lease first. */
export async function listExpiredLeases(db: Db, now: string, limit: number): Promise<ExpiredLease[]> {
  const rows = await db
    .selectFrom('outbox_message')
    .select(['id', 'message_id', 'lease_token', 'status', 'attempts', 'next_attempt_at', 'locked_until', 'last_error', 'sent_at'])
    .where('status', '=', 'sending')
    .where('locked_until', '<=', now)
    .orderBy('locked_until')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    messageId: row.message_id,
    leaseToken: row.lease_token ?? '',
    state: {
      status: statusOf(row.status),
      attempts: Number(row.attempts),
      nextAttemptAt: toIso(row.next_attempt_at),
      lockedUntil: isoOrNull(row.locked_until),
      lastError: row.last_error,
      sentAt: isoOrNull(row.sent_at),
    },
  }));
}

/**
 * Writes a failed, dead or taken-over state — only while `leaseToken` still holds
 * the message. False when it does not (the lease was taken over meanwhile).
 */
export async function recordAttemptOutcome(db: Db, id: string, leaseToken: string, next: OutboxState, at: string): Promise<boolean> {
  const result = await db
    .updateTable('outbox_message')
    .set({
      status: next.status,
      next_attempt_at: next.nextAttemptAt,
      locked_until: next.lockedUntil,
      lease_token: null,
      last_error: next.lastError,
      updated_at: at,
    })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('lease_token', '=', leaseToken)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Records that the SMTP server accepted the message. Not fenced on the lease:
 * even a worker whose lease was taken over writes it, because every moment the
 * message looks unsent is a moment another worker may send it again.
 * False when it was already recorded as sent.
 */
export async function recordSent(db: Db, id: string, sent: { sentAt: string; smtpResponse: string; note: string | null }): Promise<boolean> {
  const result = await db
    .updateTable('outbox_message')
    .set((eb) => ({
      status: 'sent',
      sent_at: sent.sentAt,
      smtp_response: sent.smtpResponse,
      locked_until: null,
      lease_token: null,
      last_error: sent.note === null ? eb.ref('last_error') : sent.note,
      updated_at: sent.sentAt,
    }))
    .where('id', '=', id)
    .where('status', '<>', 'sent')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A person asked to send it again (`retryNow`): only from failed or dead. False otherwise. */
export async function requeue(db: Db, ownerId: string, id: string, next: OutboxState, at: string): Promise<boolean> {
  const result = await db
    .updateTable('outbox_message')
    .set({ status: next.status, attempts: next.attempts, next_attempt_at: next.nextAttemptAt, locked_until: null, lease_token: null, updated_at: at })
    .where('owner_id', '=', ownerId)
    .where('id', '=', id)
    .where('status', 'in', ['failed', 'dead'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

const SUMMARY_COLUMNS = [
  'id',
  'owner_id',
  'message_id',
  'recipients',
  'reply_to',
  'from_name',
  'in_reply_to',
  'subject',
  'attachments',
  'cause_kind',
  'cause_id',
  'status',
  'attempts',
  'next_attempt_at',
  'locked_until',
  'last_attempt_at',
  'last_error',
  'smtp_response',
  'sent_at',
  'created_at',
  'updated_at',
] as const;

function toSummary(row: SummaryRow): OutboxMessageSummary {
  return {
    ...toSummaryFields(row),
    attachments: parseAttachments(row.attachments).map((a) => ({ filename: a.filename, contentType: a.contentType })),
  };
}

export interface OutboxFilter {
  status?: OutboxStatus | undefined;
  cause?: OutboxCause | undefined;
  offset: number;
  limit: number;
}

/** One owner's messages, newest first. */
export async function listMessages(db: Db, ownerId: string, filter: OutboxFilter): Promise<{ items: OutboxMessageSummary[]; total: number }> {
  let query = db.selectFrom('outbox_message').where('owner_id', '=', ownerId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.cause) query = query.where('cause_kind', '=', filter.cause.kind).where('cause_id', '=', filter.cause.id);
  const [rows, count] = await Promise.all([
    query.select(SUMMARY_COLUMNS).orderBy('created_at', 'desc').orderBy('id', 'desc').offset(filter.offset).limit(filter.limit).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toSummary), total: Number(count.n) };
}

/** How many of one owner's messages are in each state; states with none are 0. */
export async function countByStatus(db: Db, ownerId: string): Promise<Record<OutboxStatus, number>> {
  const rows = await db
    .selectFrom('outbox_message')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('owner_id', '=', ownerId)
    .groupBy('status')
    .execute();
  const counts: Record<OutboxStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0, dead: 0 };
  for (const row of rows) if (isOutboxStatus(row.status)) counts[row.status] = Number(row.n);
  return counts;
}

/** One message with its bodies and attachments, scoped to its owner. */
export async function findMessage(db: Db, ownerId: string, id: string): Promise<OutboxMessage | undefined> {
  const row = await db.selectFrom('outbox_message').selectAll().where('owner_id', '=', ownerId).where('id', '=', id).executeTakeFirst();
  return row ? toMessage(row) : undefined;
}
