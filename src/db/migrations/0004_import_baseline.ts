import type { Kysely } from 'kysely';

/**
 * What the last import said a contact's title and organization were. A later
 * import changes those fields only when the file says something new, so an edit
 * the person made by hand survives re-importing the same file.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('contact').addColumn('imported_title', 'text').execute();
  await db.schema.alterTable('contact').addColumn('imported_organization', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('contact').dropColumn('imported_organization').execute();
  await db.schema.alterTable('contact').dropColumn('imported_title').execute();
}
