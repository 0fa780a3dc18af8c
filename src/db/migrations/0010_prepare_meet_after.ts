import { sql, type Kysely } from 'kysely';
import { columnTypes } from '../column-types.ts';

/**
 * Prepare, meet, follow through (PRODUCT.md steps 5–8):
 *
 * - `question`: each account's question bank, seeded with Rapport's questions
 *   (`seed_key` names which, so seeding twice adds nothing) and the seeker's own.
 *   Questions are retired, never deleted, so an old agenda still reads.
 * - Research notes on the person and the organization, on the interview itself.
 * - `agenda_item`: the questions picked for one interview, in priority order,
 *   with the answer jotted in meeting mode. The text is copied from the bank so
 *   editing the bank never rewrites what was asked. Each answer has its own
 *   version: a phone syncing notes typed offline is refused, not overwritten,
 *   when the same answer changed elsewhere meanwhile.
 * - `meeting_session`: when meeting mode started, the agreed end, and the free
 *   notes typed in it (versioned the same way).
 * - `write_up`: the same-day write-up with the four measures of success, and the
 *   thank-you draft being edited.
 * - `referral`: a name the host gave, as a contact introduced by them, with
 *   "may I use your name?" and when the referrer was told it was used.
 * - `outcome` and `outcome_interview`: leads, job interviews and offers, and the
 *   conversations each came from.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const no = t.boolean === 'boolean' ? sql`false` : sql`0`;

  await db.schema
    .createTable('question')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    /** background | education | position | industry */
    .addColumn('category', 'text', (c) => c.notNull())
    /** trends | insights | advice | resources | assignments */
    .addColumn('tiara', 'text', (c) => c.notNull())
    /** "Answer readily available?": the agenda warns that asking it wastes their time. */
    .addColumn('readily_available', t.boolean, (c) => c.notNull().defaultTo(no))
    .addColumn('retired', t.boolean, (c) => c.notNull().defaultTo(no))
    /** Which of Rapport's seeded questions this is; null for the seeker's own. */
    .addColumn('seed_key', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('question_owner_seed_uq', ['owner_id', 'seed_key'])
    .execute();
  await db.schema.createIndex('question_owner_idx').on('question').columns(['owner_id', 'retired']).execute();

  await db.schema.alterTable('interview').addColumn('research_person', 'text').execute();
  await db.schema.alterTable('interview').addColumn('research_organization', 'text').execute();

  await db.schema
    .createTable('agenda_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('interview_id', 'text', (c) => c.notNull().references('interview.id').onDelete('cascade'))
    .addColumn('question_id', 'text', (c) => c.references('question.id').onDelete('set null'))
    .addColumn('text', 'text', (c) => c.notNull())
    /** Priority order, 0 first: the planner keeps the first ones that fit. */
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answer_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('answered_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('agenda_item_interview_idx').on('agenda_item').columns(['interview_id', 'position']).execute();

  await db.schema
    .createTable('meeting_session')
    .addColumn('interview_id', 'text', (c) => c.primaryKey().references('interview.id').onDelete('cascade'))
    .addColumn('owner_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('started_at', t.timestamp, (c) => c.notNull())
    /** The agreed end: the countdown's zero, honored even if questions remain. */
    .addColumn('ends_at', t.timestamp, (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('notes_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ended_at', t.timestamp)
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('write_up')
    .addColumn('interview_id', 'text', (c) => c.primaryKey().references('interview.id').onDelete('cascade'))
    .addColumn('owner_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('learned', 'text')
    /** Measure 1: good information, 1–5. */
    .addColumn('information_rating', 'integer')
    /** Measure 2: what the seeker gave back, if anything. */
    .addColumn('gave_back', 'text')
    /** Measure 3: a professional connection made. */
    .addColumn('connection_made', t.boolean)
    /** Measure 4: a lead, if any. */
    .addColumn('lead', 'text')
    /** The seeker's next step, named in the thank-you. */
    .addColumn('next_step', 'text')
    .addColumn('thank_you_subject', 'text')
    .addColumn('thank_you_body', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('referral')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('interview_id', 'text', (c) => c.notNull().references('interview.id').onDelete('cascade'))
    .addColumn('referrer_contact_id', 'text', (c) => c.notNull().references('contact.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contact.id').onDelete('cascade'))
    /** "May I use your name?": yes | no | not_asked */
    .addColumn('may_use_name', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    /** When the seeker told the referrer they had contacted this person. */
    .addColumn('referrer_told_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('referral_interview_contact_uq', ['interview_id', 'contact_id'])
    .execute();
  await db.schema.createIndex('referral_contact_idx').on('referral').columns(['contact_id']).execute();
  await db.schema.createIndex('referral_owner_idx').on('referral').columns(['owner_id']).execute();

  await db.schema
    .createTable('outcome')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    /** lead | job_interview | offer */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.references('organization.id').onDelete('set null'))
    /** A local date, YYYY-MM-DD. */
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outcome_owner_idx').on('outcome').columns(['owner_id', 'occurred_on']).execute();

  await db.schema
    .createTable('outcome_interview')
    .addColumn('outcome_id', 'text', (c) => c.notNull().references('outcome.id').onDelete('cascade'))
    .addColumn('interview_id', 'text', (c) => c.notNull().references('interview.id').onDelete('cascade'))
    .addColumn('owner_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('outcome_interview_pk', ['outcome_id', 'interview_id'])
    .execute();
  await db.schema.createIndex('outcome_interview_interview_idx').on('outcome_interview').columns(['interview_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['outcome_interview', 'outcome', 'referral', 'write_up', 'meeting_session', 'agenda_item']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('interview').dropColumn('research_organization').execute();
  await db.schema.alterTable('interview').dropColumn('research_person').execute();
  await db.schema.dropTable('question').execute();
}
