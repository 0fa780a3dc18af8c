import { sql, type Kysely } from 'kysely';
import { columnTypes } from '../column-types.ts';

/**
 * Planning and asking: target organizations, informational interviews with
 * their event timeline, the seeker's decisions on follow-up tasks, "knows"
 * links between contacts, and the seeker's working calendar and goals.
 *
 * An interview keeps its folded state in columns (stage, dates) for listing and
 * Today; its events are the record the state was folded from.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const no = t.boolean === 'boolean' ? sql`false` : sql`0`;
  const yes = t.boolean === 'boolean' ? sql`true` : sql`1`;

  // Everyone already in the address book came from the seeker's own network.
  await db.schema.alterTable('contact').addColumn('known_personally', t.boolean, (c) => c.notNull().defaultTo(yes)).execute();
  await db.schema.alterTable('contact').addColumn('responsiveness', 'text').execute();

  await db.schema
    .createTable('contact_link')
    .addColumn('owner_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    // Stored once per pair, smaller id first, so "A knows B" and "B knows A" are the same row.
    .addColumn('contact_a_id', 'text', (c) => c.notNull().references('contact.id').onDelete('cascade'))
    .addColumn('contact_b_id', 'text', (c) => c.notNull().references('contact.id').onDelete('cascade'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_link_pk', ['contact_a_id', 'contact_b_id'])
    .execute();
  await db.schema.createIndex('contact_link_owner_idx').on('contact_link').columns(['owner_id']).execute();
  await db.schema.createIndex('contact_link_b_idx').on('contact_link').columns(['contact_b_id']).execute();

  await db.schema
    .createTable('target')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('motivation', 'integer', (c) => c.notNull())
    .addColumn('open_postings', t.boolean, (c) => c.notNull().defaultTo(no))
    .addColumn('active', t.boolean, (c) => c.notNull().defaultTo(no))
    .addColumn('notes', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('target_owner_organization_uq', ['owner_id', 'organization_id'])
    .execute();

  await db.schema
    .createTable('interview')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contact.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (c) => c.references('organization.id').onDelete('set null'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('host_invited_again', t.boolean, (c) => c.notNull().defaultTo(no))
    .addColumn('request_template', 'text')
    .addColumn('request_subject', 'text')
    .addColumn('request_body', 'text')
    .addColumn('request_channel', 'text')
    .addColumn('request_sent_at', t.timestamp)
    .addColumn('follow_up_sent_at', t.timestamp)
    .addColumn('replied_at', t.timestamp)
    .addColumn('reply_answer', 'text')
    .addColumn('meeting_at', t.timestamp)
    .addColumn('held_at', t.timestamp)
    .addColumn('thanked_at', t.timestamp)
    .addColumn('notes', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('interview_owner_stage_idx').on('interview').columns(['owner_id', 'stage']).execute();
  await db.schema.createIndex('interview_contact_idx').on('interview').columns(['contact_id']).execute();
  // At most one open interview per contact, even when two tabs start one at the same moment.
  await db.schema
    .createIndex('interview_one_open_uq')
    .on('interview')
    .columns(['owner_id', 'contact_id'])
    .unique()
    .where(sql.ref('stage'), 'in', ['idea', 'requested', 'scheduled', 'confirmed'])
    .execute();

  await db.schema
    .createTable('interview_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('interview_id', 'text', (c) => c.notNull().references('interview.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contact.id').onDelete('cascade'))
    // Position in the interview's history; unique so two concurrent writers cannot both append event n.
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('occurred_at', t.timestamp, (c) => c.notNull())
    /** JSON with the event's own fields (channel, answer, meeting time…). */
    .addColumn('detail', 'text')
    .addColumn('recorded_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('interview_event_seq_uq', ['interview_id', 'seq'])
    .execute();
  await db.schema.createIndex('interview_event_contact_idx').on('interview_event').columns(['contact_id', 'occurred_at']).execute();

  await db.schema
    .createTable('task_decision')
    .addColumn('owner_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('task_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('snoozed_until', 'text')
    .addColumn('decided_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('task_decision_pk', ['owner_id', 'task_key'])
    .execute();

  await db.schema
    .createTable('seeker_preference')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('user.id').onDelete('cascade'))
    .addColumn('time_zone', 'text', (c) => c.notNull())
    /** ISO weekdays, comma-separated: "1,2,3,4,5". */
    .addColumn('working_days', 'text', (c) => c.notNull())
    .addColumn('weekly_request_goal', 'integer', (c) => c.notNull())
    .addColumn('active_target_limit', 'integer', (c) => c.notNull())
    /** JSON array of tag keys: the seeker's schools and past employers. */
    .addColumn('affinity_tags', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['seeker_preference', 'task_decision', 'interview_event', 'interview', 'target', 'contact_link']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('contact').dropColumn('responsiveness').execute();
  await db.schema.alterTable('contact').dropColumn('known_personally').execute();
}
