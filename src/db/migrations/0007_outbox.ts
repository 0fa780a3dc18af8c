import type { Kysely } from 'kysely';
import { columnTypes } from '../column-types.ts';

/**
 * The e-mail outbox: every message Rapport will send, written in the same
 * transaction as the event that causes it, then claimed, sent and recorded by
 * the worker in src/mail/sender.ts. Rows are never deleted by the worker, so the
 * outbox doubles as the record of what was sent, when, and why not.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('outbox_message')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    // The RFC 5322 Message-ID, fixed at enqueue so every attempt carries the same one.
    .addColumn('message_id', 'text', (c) => c.notNull().unique())
    /** JSON array of { name, address }. */
    .addColumn('recipients', 'text', (c) => c.notNull())
    .addColumn('reply_to', 'text')
    .addColumn('from_name', 'text')
    .addColumn('in_reply_to', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text')
    /** JSON array of { filename, contentType, contentBase64 }. */
    .addColumn('attachments', 'text', (c) => c.notNull())
    .addColumn('cause_kind', 'text', (c) => c.notNull())
    .addColumn('cause_id', 'text', (c) => c.notNull())
    // queued | sending | sent | failed | dead (src/core/outbox-policy.ts).
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', t.timestamp, (c) => c.notNull())
    // The claim: who holds the message (lease_token) and until when (locked_until).
    .addColumn('locked_until', t.timestamp)
    .addColumn('lease_token', 'text')
    .addColumn('last_attempt_at', t.timestamp)
    .addColumn('last_error', 'text')
    .addColumn('smtp_response', 'text')
    .addColumn('sent_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  // What the worker asks every poll: the due messages, oldest first.
  await db.schema.createIndex('outbox_message_due_idx').on('outbox_message').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_message_owner_idx').on('outbox_message').columns(['owner_id', 'created_at']).execute();
  await db.schema.createIndex('outbox_message_cause_idx').on('outbox_message').columns(['owner_id', 'cause_kind', 'cause_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbox_message').execute();
}
