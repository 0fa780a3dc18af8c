import type { Kysely } from 'kysely';

/**
 * A version on each referral, as every other record the seeker edits has: an edit
 * of the note or of "may I use your name?" made over an older version (another
 * device, another tab) is refused rather than silently overwriting the newer one.
 * Referrals written before this start at version 1.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('referral')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('referral').dropColumn('version').execute();
}
