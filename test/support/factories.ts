/** Test data: domain objects with every field set and overridable, and rows for repository tests. */
import type { Kysely } from 'kysely';
import { matchKey } from '../../src/core/normalize.ts';
import type { Database, Dialect } from '../../src/db/schema.ts';
import type { ContactRow } from '../../src/repositories/contact.repository.ts';
import type { Contact } from '../../src/shared/api.ts';

export function contactFixture(overrides: Partial<Contact> = {}): Contact {
  return {
    id: '0d6f5a38-3a43-4a4c-9d7e-2f6a1c1b9e01',
    name: 'Dana Reyes',
    emails: [],
    phones: [],
    linkedinUrl: null,
    organization: null,
    title: null,
    location: null,
    timeZone: null,
    tags: [],
    source: null,
    introducedBy: null,
    knownPersonally: true,
    responsiveness: null,
    notes: null,
    connectedOn: null,
    version: 1,
    createdAt: '2026-11-22T10:00:00.000Z',
    updatedAt: '2026-11-23T08:30:00.000Z',
    ...overrides,
  };
}

/** A `user` row written straight to the database, for repository tests that need an owner. */
export async function insertTestUser(db: Kysely<Database>, dialect: Dialect, id: string, at = '2026-11-22T10:00:00.000Z'): Promise<void> {
  await db
    .insertInto('user')
    .values({ id, name: id, email: `${id}@example.com`, emailVerified: dialect === 'sqlite' ? 0 : false, image: null, createdAt: at, updatedAt: at })
    .execute();
}

/** A contact row as repositories write it, every optional column empty unless overridden. */
export function contactRowFixture(ownerId: string, name: string, overrides: Partial<ContactRow> = {}, at = '2026-11-22T10:00:00.000Z'): ContactRow {
  return {
    id: crypto.randomUUID(),
    owner_id: ownerId,
    name,
    name_key: matchKey(name),
    emails: '[]',
    phones: '[]',
    linkedin_url: null,
    organization_id: null,
    title: null,
    location: null,
    time_zone: null,
    source: null,
    introduced_by_id: null,
    notes: null,
    connected_on: null,
    version: 1,
    created_at: at,
    updated_at: at,
    ...overrides,
  };
}
