/**
 * Migration 0003 on each database: it comes off cleanly, goes back on over
 * existing contacts (the backfill), and on PostgreSQL also works without unaccent.
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as m0003 from '../../src/db/migrations/0003_contact_search.ts';
import { searchContacts } from '../../src/repositories/search.repository.ts';
import * as contacts from '../../src/services/contact.service.ts';
import { serviceContext } from '../../src/services/context.ts';
import * as organizations from '../../src/services/organization.service.ts';
import { ContactCreateSchema, OrganizationCreateSchema } from '../../src/shared/api.ts';
import { createTestDb, DIALECTS, dialectUnavailable, type TestDb } from '../support/databases.ts';

async function searchObjects(db: TestDb): Promise<string[]> {
  if (db.dialect === 'sqlite') {
    const { rows } = await sql<{ name: string }>`
      select name from sqlite_master where name like 'contact_search%' or name like 'contact_fts%' order by name`.execute(db.kysely);
    return rows.map((r) => r.name);
  }
  const { rows } = await sql<{ name: string }>`
    select relname::text as name from pg_class where relname like 'contact_search%'
    union all select proname::text from pg_proc where proname like 'contact_search%'
    union all select tgname::text from pg_trigger where tgname like 'contact_search%'
    union all select cfgname::text from pg_ts_config where cfgname = 'rapport_search'
    order by 1`.execute(db.kysely);
  return rows.map((r) => r.name);
}

const inTransaction = (db: TestDb, work: (trx: Kysely<any>) => Promise<void>) => db.kysely.transaction().execute(work);

describe.each(DIALECTS)('search migration on %s', (dialect) => {
  const skip = dialectUnavailable(dialect);
  let db: TestDb;
  const now = '2026-11-22T10:00:00.000Z';

  beforeAll(async () => {
    if (skip) return;
    db = await createTestDb(dialect);
    await db.kysely
      .insertInto('user')
      .values({ id: 'u', name: 'u', email: 'u@example.com', emailVerified: dialect === 'sqlite' ? 0 : false, image: null, createdAt: now, updatedAt: now })
      .execute();
  });
  afterAll(async () => {
    await db?.close();
  });

  const names = async (text: string) => (await searchContacts(db.kysely, 'u', text, 10)).map((r) => r.name);

  it.skipIf(skip)('comes off whole and goes back on over existing contacts', async () => {
    const ctx = serviceContext(db.kysely, db.dialect);
    const org = await organizations.createOrganization(ctx, 'u', OrganizationCreateSchema.parse({ name: 'Łódź Works' }));
    await contacts.createContact(ctx, 'u', ContactCreateSchema.parse({ name: 'Émile Straße', organizationId: org.id, tags: ['Œuvre'], notes: 'Søren said hi.' }));
    expect(await searchObjects(db)).not.toEqual([]);

    await inTransaction(db, (trx) => m0003.down(trx));
    expect(await searchObjects(db)).toEqual([]);
    // Writes go on without the search tables and their triggers.
    await contacts.createContact(ctx, 'u', ContactCreateSchema.parse({ name: 'Written Meanwhile' }));

    await inTransaction(db, (trx) => m0003.up(trx));
    expect(await names('emile')).toEqual(['Émile Straße']);
    expect(await names('meanwhile')).toEqual(['Written Meanwhile']);
    expect(await names('works')).toEqual(['Émile Straße']);
  });

  it.skipIf(skip || dialect !== 'postgres')('folds accents itself where unaccent is not installed', async () => {
    await inTransaction(db, (trx) => m0003.down(trx));
    await inTransaction(db, (trx) => m0003.upPostgres(trx, false));
    const { rows } = await sql<{ folded: string }>`select contact_search_text('Émile Straße, Łódź; ÆSIR—Œuvre Søren Ångström') as folded`.execute(db.kysely);
    expect(rows[0]?.folded).toBe('Emile Strasse  Lodz  AESIR OEuvre Soren Angstrom');
    expect(await names('emile')).toEqual(['Émile Straße']);
    expect(await names('Émile')).toEqual(['Émile Straße']);
    expect(await names('strasse')).toEqual(['Émile Straße']);
    expect(await names('lodz')).toEqual(['Émile Straße']);
    expect(await names('oeuvre')).toEqual(['Émile Straße']);
    expect(await names('soren')).toEqual(['Émile Straße']);
    // And back, for the tests that share this database.
    await inTransaction(db, (trx) => m0003.down(trx));
    await inTransaction(db, (trx) => m0003.up(trx));
    expect(await names('soren')).toEqual(['Émile Straße']);
  });
});
