/**
 * Migrations 0003, 0006, 0009 and 0011 on each database: they come off cleanly, go back on
 * over existing contacts and interviews (the backfill), and 0003 on PostgreSQL
 * also works without unaccent.
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openSqlite } from '../../src/db/database.ts';
import * as m0003 from '../../src/db/migrations/0003_contact_search.ts';
import * as m0006 from '../../src/db/migrations/0006_interview_search.ts';
import * as m0009 from '../../src/db/migrations/0009_interview_search_marked_names.ts';
import * as m0011 from '../../src/db/migrations/0011_search_meeting_notes.ts';
import { migrations } from '../../src/db/migrations/index.ts';
import { searchContacts, searchInterviews } from '../../src/repositories/search.repository.ts';
import * as contacts from '../../src/services/contact.service.ts';
import { serviceContext } from '../../src/services/context.ts';
import * as organizations from '../../src/services/organization.service.ts';
import { ContactCreateSchema, OrganizationCreateSchema } from '../../src/shared/api.ts';
import { createTestDb, DIALECTS, dialectUnavailable, type TestDb } from '../support/databases.ts';

async function searchObjects(db: TestDb, prefix = 'contact'): Promise<string[]> {
  if (db.dialect === 'sqlite') {
    const { rows } = await sql<{ name: string }>`
      select name from sqlite_master where name like ${`${prefix}_search%`} or name like ${`${prefix}_fts%`} order by name`.execute(db.kysely);
    return rows.map((r) => r.name);
  }
  const { rows } = await sql<{ name: string }>`
    select relname::text as name from pg_class where relname like ${`${prefix}_search%`}
    union all select proname::text from pg_proc where proname like ${`${prefix}_search%`}
    union all select tgname::text from pg_trigger where tgname like ${`${prefix}_search%`}
    union all select cfgname::text from pg_ts_config where cfgname = 'rapport_search' and ${prefix} = 'contact'
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

  const names = async (text: string) => (await searchContacts(db.kysely, 'u', text, 10)).map((hit) => hit.result.name);

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
  it.skipIf(skip)('0011, 0009 and 0006 come off whole and go back on over existing interviews, oldest indexed first', async () => {
    const ctx = serviceContext(db.kysely, db.dialect);
    const contact = await contacts.createContact(ctx, 'u', ContactCreateSchema.parse({ name: "Ana O'Hara" }));
    const insert = (id: string, notes: string, at: string) =>
      db.kysely
        .insertInto('interview')
        .values({ id, owner_id: 'u', contact_id: contact.id, organization_id: null, stage: 'held', notes, version: 1, created_at: at, updated_at: at })
        .execute();
    await insert('iv-before', 'Beekeeping, before the migration came off.', '2026-01-02T10:00:00.000Z');
    expect(await searchObjects(db, 'interview')).not.toEqual([]);

    const marked = await searchObjects(db, 'interview');
    await inTransaction(db, (trx) => m0011.down(trx));
    await inTransaction(db, (trx) => m0009.down(trx));
    // 0006's form again: the same tables, without 0009's name query.
    const before0009 = await searchObjects(db, 'interview');
    expect(before0009).toContain('interview_search');
    if (dialect === 'postgres') {
      expect(marked).toContain('interview_search_name_query');
      expect(before0009).not.toContain('interview_search_name_query');
    }
    await inTransaction(db, (trx) => m0006.down(trx));
    expect(await searchObjects(db, 'interview')).toEqual([]);
    // Written without the search tables and their triggers; created earlier than the first.
    await insert('iv-meanwhile', 'Beekeeping, written meanwhile.', '2026-01-01T10:00:00.000Z');

    await inTransaction(db, (trx) => m0006.up(trx));
    await inTransaction(db, (trx) => m0009.up(trx));
    await inTransaction(db, (trx) => m0011.up(trx));
    expect(await searchObjects(db, 'interview')).toEqual(marked);
    const ids = async (text: string) => (await searchInterviews(db.kysely, 'u', text, 10)).map((r) => r.id);
    expect(await ids('beekeeping')).toEqual(['iv-before', 'iv-meanwhile']);
    expect(await ids('meanwhile')).toEqual(['iv-meanwhile']);
    expect(await ids('hara bee')).toEqual(['iv-before', 'iv-meanwhile']);
    // And later interviews come first.
    await insert('iv-after', 'Beekeeping again.', '2026-01-03T10:00:00.000Z');
    expect(await ids('beekeeping')).toEqual(['iv-after', 'iv-before', 'iv-meanwhile']);
  });
});

describe('interview search on a SQLite database that already holds interviews', () => {
  it('indexes them when migrated past 0005', async () => {
    const db = openSqlite(':memory:');
    try {
      const names = Object.keys(migrations);
      const upTo0005 = Object.fromEntries(Object.entries(migrations).slice(0, names.indexOf('0005_plan_and_ask') + 1));
      await migrateToLatest(db.kysely, upTo0005);
      const now = '2026-11-22T10:00:00.000Z';
      await db.kysely.insertInto('user').values({ id: 'u', name: 'u', email: 'u@example.com', emailVerified: 0, image: null, createdAt: now, updatedAt: now }).execute();
      const ctx = serviceContext(db.kysely, db.dialect);
      const contact = await contacts.createContact(ctx, 'u', ContactCreateSchema.parse({ name: 'Lena Park' }));
      await db.kysely
        .insertInto('interview')
        .values({ id: 'iv', owner_id: 'u', contact_id: contact.id, organization_id: null, stage: 'held', notes: 'Sourdough and **seed rounds**.', version: 1, created_at: now, updated_at: now })
        .execute();

      await migrateToLatest(db.kysely);
      const [hit] = await searchInterviews(db.kysely, 'u', 'seed', 10);
      expect(hit).toMatchObject({ kind: 'interview', id: 'iv', name: 'Lena Park', contact: { id: contact.id } });
      expect(hit?.snippet.text).toBe('Sourdough and seed rounds.');
      expect((await searchInterviews(db.kysely, 'u', 'lena sourdough', 10)).map((r) => r.id)).toEqual(['iv']);
    } finally {
      await db.close();
    }
  });
});
