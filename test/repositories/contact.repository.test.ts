/**
 * The contact repository's queries on each database: the same rows must come
 * back in the same order, scoped to one owner, with LIKE wildcards taken literally.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as contacts from '../../src/repositories/contact.repository.ts';
import { insertOrganization } from '../../src/repositories/organization.repository.ts';
import { contactRowFixture, insertTestUser } from '../support/factories.ts';
import { createTestDb, DIALECTS, dialectUnavailable, type TestDb } from '../support/databases.ts';

describe.each(DIALECTS)('contact repository on %s', (dialect) => {
  const skip = dialectUnavailable(dialect);
  let db: TestDb;
  const now = '2026-11-22T10:00:00.000Z';

  const user = (id: string) => insertTestUser(db.kysely, dialect, id, now);

  async function contact(owner: string, name: string, extra: Partial<contacts.ContactRow> = {}, tags: string[] = []): Promise<string> {
    const row = contactRowFixture(owner, name, extra, now);
    await contacts.insertContact(db.kysely, row, tags);
    return row.id;
  }

  beforeAll(async () => {
    if (skip) return;
    db = await createTestDb(dialect);
    await user('owner');
    await user('other');
    await insertOrganization(db.kysely, { id: 'org-1', owner_id: 'owner', name: 'Big_Co', name_key: 'big_co', website: null, industry: null, notes: null, version: 1, created_at: now, updated_at: now });
    for (const name of ['Zoe Park', 'adam Ng', 'Émile Roy', 'Beth 100% Real', 'Carl_Underscore', 'carl Xunderscore']) {
      await contact('owner', name, name.startsWith('Beth') ? { organization_id: 'org-1' } : {}, name.startsWith('Z') ? ['Mentor', 'alumni'] : []);
    }
    await contact('other', 'Adam Other', {}, ['Mentor']);
  });
  afterAll(async () => {
    await db?.close();
  });

  const list = (filter: Partial<contacts.ContactFilter> = {}) =>
    contacts.listContacts(db.kysely, 'owner', { sort: 'name', offset: 0, limit: 100, ...filter });

  it.skipIf(skip)('sorts by the name key byte by byte, identically on both databases', async () => {
    const page = await list();
    // ' ' (0x20) sorts before '_' (0x5f); 'é' (0xc3 0xa9 in UTF-8) after every ASCII letter.
    expect(page.items.map((c) => c.name)).toEqual(['adam Ng', 'Beth 100% Real', 'carl Xunderscore', 'Carl_Underscore', 'Zoe Park', 'Émile Roy']);
    const desc = await list({ sort: '-name', limit: 2 });
    expect(desc.items.map((c) => c.name)).toEqual(['Émile Roy', 'Zoe Park']);
    expect(desc.total).toBe(6);
  });

  it.skipIf(skip)('takes % and _ in a search literally', async () => {
    expect((await list({ q: '100%' })).items.map((c) => c.name)).toEqual(['Beth 100% Real']);
    expect((await list({ q: 'carl_' })).items.map((c) => c.name)).toEqual(['Carl_Underscore']);
    expect((await list({ q: 'big_' })).items.map((c) => c.name)).toEqual(['Beth 100% Real']);
    expect((await list({ q: '%' })).items.map((c) => c.name)).toEqual(['Beth 100% Real']);
  });

  it.skipIf(skip)('filters tags case-insensitively and keeps their order and spelling', async () => {
    const page = await list({ tag: 'MENTOR' });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ name: 'Zoe Park', tags: ['Mentor', 'alumni'] });
    expect(await contacts.listTags(db.kysely, 'owner')).toEqual([
      { tag: 'alumni', count: 1 },
      { tag: 'Mentor', count: 1 },
    ]);
  });

  it.skipIf(skip)('never returns or changes another owner’s rows', async () => {
    const others = await contacts.listContacts(db.kysely, 'other', { sort: 'name', offset: 0, limit: 100 });
    expect(others.items.map((c) => c.name)).toEqual(['Adam Other']);
    const otherId = others.items[0]!.id;
    expect(await contacts.findContact(db.kysely, 'owner', otherId)).toBeUndefined();
    expect(await contacts.updateContactIfVersion(db.kysely, 'owner', otherId, 1, { name: 'Taken', updated_at: now })).toBe(false);
    expect(await contacts.deleteContact(db.kysely, 'owner', otherId)).toBe(false);
    expect(await contacts.findContact(db.kysely, 'other', otherId)).toMatchObject({ name: 'Adam Other', version: 1 });
  });

  it.skipIf(skip)('maps timestamps to the same ISO text on both databases', async () => {
    const id = (await list({ limit: 1 })).items[0]!.id;
    expect(await contacts.findContact(db.kysely, 'owner', id)).toMatchObject({ createdAt: now, updatedAt: now });
  });
});
