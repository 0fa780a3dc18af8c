import type { Kysely } from 'kysely';
import { columnTypes } from '../column-types.ts';

/**
 * When a LinkedIn connection was made, and the history of a contact's title and
 * organization: an import that finds a new position keeps the earlier one here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('contact').addColumn('connected_on', 'text').execute();
  await db.schema
    .createTable('contact_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contact.id').onDelete('cascade'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('changed_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contact_history_contact_idx').on('contact_history').columns(['contact_id', 'changed_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contact_history').execute();
  await db.schema.alterTable('contact').dropColumn('connected_on').execute();
}
