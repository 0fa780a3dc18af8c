import type { Kysely } from 'kysely';
import { columnTypes } from '../column-types.ts';

/**
 * Scheduling: a meeting's length, place and travel time, the slots offered,
 * the invite's revision (its iCalendar SEQUENCE), when something of value was
 * last shared; the seeker's reminder cadence and digest hour; and the secret
 * token of each account's calendar feed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  for (const [column, type] of [
    ['meeting_minutes', 'integer'],
    /** JSON: { kind, address } | { kind: 'phone', whoCalls, number } | { kind: 'video', url }. */
    ['meeting_place', 'text'],
    ['travel_minutes', 'integer'],
    /** JSON array of { start, minutes }. */
    ['proposed_slots', 'text'],
    ['last_touch_at', t.timestamp],
  ] as const) {
    await db.schema.alterTable('interview').addColumn(column, type).execute();
  }
  await db.schema.alterTable('interview').addColumn('schedule_revision', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  await db.schema.alterTable('seeker_preference').addColumn('stay_in_touch_first_weeks', 'integer', (c) => c.notNull().defaultTo(8)).execute();
  await db.schema.alterTable('seeker_preference').addColumn('stay_in_touch_every_months', 'integer', (c) => c.notNull().defaultTo(3)).execute();
  /** Local hour (0–23) of the daily digest e-mail; null sends none. */
  await db.schema.alterTable('seeker_preference').addColumn('digest_hour', 'integer').execute();
  /** The local date the last digest went out, so a restart never sends the day's digest twice. */
  await db.schema.alterTable('seeker_preference').addColumn('digest_sent_on', 'text').execute();

  await db.schema
    .createTable('calendar_feed')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('user.id').onDelete('cascade'))
    // Only a hash is kept: the database alone does not let anyone read the feed.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calendar_feed').execute();
  for (const column of ['digest_sent_on', 'digest_hour', 'stay_in_touch_every_months', 'stay_in_touch_first_weeks']) {
    await db.schema.alterTable('seeker_preference').dropColumn(column).execute();
  }
  for (const column of ['schedule_revision', 'last_touch_at', 'proposed_slots', 'travel_minutes', 'meeting_place', 'meeting_minutes']) {
    await db.schema.alterTable('interview').dropColumn(column).execute();
  }
}
