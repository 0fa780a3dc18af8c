import type { Kysely } from 'kysely';
import { columnTypes } from '../column-types.ts';

/**
 * Accounts (better-auth's tables, with the columns it expects), instance
 * settings, organizations, contacts and their tags.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('user')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('emailVerified', t.boolean, (c) => c.notNull())
    .addColumn('image', 'text')
    .addColumn('createdAt', t.timestamp, (c) => c.notNull())
    .addColumn('updatedAt', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('expiresAt', t.timestamp, (c) => c.notNull())
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('createdAt', t.timestamp, (c) => c.notNull())
    .addColumn('updatedAt', t.timestamp, (c) => c.notNull())
    .addColumn('ipAddress', 'text')
    .addColumn('userAgent', 'text')
    .addColumn('userId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('session_userId_idx').on('session').column('userId').execute();

  await db.schema
    .createTable('account')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('accountId', 'text', (c) => c.notNull())
    .addColumn('providerId', 'text', (c) => c.notNull())
    .addColumn('userId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('accessToken', 'text')
    .addColumn('refreshToken', 'text')
    .addColumn('idToken', 'text')
    .addColumn('accessTokenExpiresAt', t.timestamp)
    .addColumn('refreshTokenExpiresAt', t.timestamp)
    .addColumn('scope', 'text')
    .addColumn('password', 'text')
    .addColumn('createdAt', t.timestamp, (c) => c.notNull())
    .addColumn('updatedAt', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('account_userId_idx').on('account').column('userId').execute();

  await db.schema
    .createTable('verification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('identifier', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('expiresAt', t.timestamp, (c) => c.notNull())
    .addColumn('createdAt', t.timestamp, (c) => c.notNull())
    .addColumn('updatedAt', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('verification_identifier_idx').on('verification').column('identifier').execute();

  await db.schema
    .createTable('rateLimit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('lastRequest', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('organization')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', t.sortKey, (c) => c.notNull())
    .addColumn('website', 'text')
    .addColumn('industry', 'text')
    .addColumn('notes', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('organization_owner_name_key_unique', ['owner_id', 'name_key'])
    .execute();

  await db.schema
    .createTable('contact')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', t.sortKey, (c) => c.notNull())
    .addColumn('emails', 'text', (c) => c.notNull())
    .addColumn('phones', 'text', (c) => c.notNull())
    .addColumn('linkedin_url', 'text')
    .addColumn('organization_id', 'text', (c) => c.references('organization.id').onDelete('set null'))
    .addColumn('title', 'text')
    .addColumn('location', 'text')
    .addColumn('time_zone', 'text')
    .addColumn('source', 'text')
    .addColumn('introduced_by_id', 'text', (c) => c.references('contact.id').onDelete('set null'))
    .addColumn('notes', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  // Every list is per owner; the id tail makes paging order total and stable.
  await db.schema.createIndex('contact_owner_name_idx').on('contact').columns(['owner_id', 'name_key', 'id']).execute();
  await db.schema.createIndex('contact_owner_updated_idx').on('contact').columns(['owner_id', 'updated_at', 'id']).execute();
  await db.schema.createIndex('contact_owner_created_idx').on('contact').columns(['owner_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('contact_organization_idx').on('contact').columns(['organization_id']).execute();
  await db.schema.createIndex('contact_introduced_by_idx').on('contact').columns(['introduced_by_id']).execute();

  await db.schema
    .createTable('contact_tag')
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contact.id').onDelete('cascade'))
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('tag_key', t.sortKey, (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('contact_tag_pk', ['contact_id', 'tag_key'])
    .execute();
  await db.schema.createIndex('contact_tag_owner_key_idx').on('contact_tag').columns(['owner_id', 'tag_key', 'contact_id']).execute();

}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['contact_tag', 'contact', 'organization', 'setting', 'rateLimit', 'verification', 'account', 'session', 'user']) {
    await db.schema.dropTable(table).execute();
  }
}
