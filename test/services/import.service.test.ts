/**
 * Importing into a real database of each dialect: matching, idempotence, history,
 * dry runs, and all-or-nothing when a write fails part-way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportedPerson, ParsedImport } from '../../src/imports/types.ts';
import { addAccount } from '../../src/services/account.service.ts';
import { serviceContext, type ServiceContext } from '../../src/services/context.ts';
import { importParsed } from '../../src/services/import.service.ts';
import { updateContact } from '../../src/services/contact.service.ts';
import { createAuth } from '../../src/auth/auth.ts';
import { createTestDb, DIALECTS, dialectUnavailable, type TestDb } from '../support/databases.ts';

function person(line: number, overrides: Partial<ImportedPerson> = {}): ImportedPerson {
  return {
    line,
    name: `Person ${line}`,
    emails: [],
    phones: [],
    linkedinUrl: `https://www.linkedin.com/in/person-${line}`,
    organization: 'Contoso',
    title: 'Engineer',
    notes: null,
    urls: [],
    connectedOn: '2024-03-12',
    ...overrides,
  };
}

function file(people: ImportedPerson[], skipped: ParsedImport['skipped'] = []): ParsedImport {
  return { format: 'linkedin', read: people.length + skipped.length, people, skipped };
}

async function snapshot(db: TestDb, ownerId: string) {
  const contacts = await db.kysely.selectFrom('contact').selectAll().where('owner_id', '=', ownerId).orderBy('id').execute();
  const orgs = await db.kysely.selectFrom('organization').selectAll().where('owner_id', '=', ownerId).orderBy('id').execute();
  const history = await db.kysely.selectFrom('contact_history').selectAll().where('owner_id', '=', ownerId).orderBy('id').execute();
  return { contacts, orgs, history };
}

describe.each(DIALECTS)('importing people on %s', (dialect) => {
  const skip = dialectUnavailable(dialect);
  let db: TestDb;
  let ctx: ServiceContext;
  let owner: string;

  beforeAll(async () => {
    if (skip) return;
    db = await createTestDb(dialect);
    ctx = serviceContext(db.kysely, db.dialect);
    const auth = createAuth({ db: db.kysely, dialect: db.dialect, secret: 'x'.repeat(40), publicUrl: 'http://localhost', logLevel: 'error' });
    owner = (await addAccount(ctx, auth, { name: 'Owner', email: 'owner@example.com', password: 'a long passphrase' })).id;
  });
  afterAll(async () => {
    await db?.close();
  });

  it.skipIf(skip)('creates contacts and organizations, then creates nothing on a second import', async () => {
    const parsed = file(
      [person(5), person(6, { organization: 'CONTOSO ', emails: ['p6@example.com'] }), person(7, { organization: 'Fabrikam', linkedinUrl: null })],
      [{ line: 8, reason: 'no name or profile URL' }],
    );
    const first = await importParsed(ctx, owner, parsed, { dryRun: false });
    expect(first).toEqual({ dryRun: false, read: 4, created: 3, updated: 0, unchanged: 0, skipped: [{ line: 8, reason: 'no name or profile URL' }], organizationsCreated: 2 });
    const after = await snapshot(db, owner);
    expect(after.orgs.map((o) => o.name).sort()).toEqual(['Contoso', 'Fabrikam']);
    expect(after.contacts.every((c) => c.source === 'LinkedIn' && c.connected_on === '2024-03-12')).toBe(true);

    const again = await importParsed(ctx, owner, parsed, { dryRun: false });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, organizationsCreated: 0 });
    expect(await snapshot(db, owner)).toEqual(after);
  });

  it.skipIf(skip)('matches by LinkedIn URL, then e-mail, then name and organization; keeps the old position in history', async () => {
    const moved = file([
      person(5, { title: 'Staff Engineer', organization: 'Northwind' }),
      person(6, { linkedinUrl: 'https://www.linkedin.com/in/someone-else', emails: ['p6@example.com'], phones: ['+1 555 0100'] }),
      person(7, { organization: 'Fabrikam', linkedinUrl: 'https://www.linkedin.com/in/person-7', title: 'Engineer' }),
    ]);
    const report = await importParsed(ctx, owner, moved, { dryRun: false });
    expect(report).toMatchObject({ created: 0, updated: 3, unchanged: 0, organizationsCreated: 1 });
    const { contacts, history } = await snapshot(db, owner);
    const p5 = contacts.find((c) => c.name === 'Person 5')!;
    expect(p5).toMatchObject({ title: 'Staff Engineer', version: 2 });
    expect(history.filter((h) => h.contact_id === p5.id).map((h) => [h.field, h.old_value, h.new_value, h.source]).sort()).toEqual([
      ['organization', 'Contoso', 'Northwind', 'linkedin'],
      ['title', 'Engineer', 'Staff Engineer', 'linkedin'],
    ]);
    const p6 = contacts.find((c) => c.name === 'Person 6')!;
    expect(JSON.parse(p6.phones)).toEqual(['+1 555 0100']);
    // Matched by e-mail: its own LinkedIn URL is not replaced.
    expect(p6.linkedin_url).toBe('https://www.linkedin.com/in/person-6');
    const p7 = contacts.find((c) => c.name === 'Person 7')!;
    expect(p7.linkedin_url).toBe('https://www.linkedin.com/in/person-7');
  });

  it.skipIf(skip)('a dry run reports the same numbers and writes nothing', async () => {
    const before = await snapshot(db, owner);
    const parsed = file([person(5), person(40), person(41, { organization: 'Brand New Org' })]);
    const preview = await importParsed(ctx, owner, parsed, { dryRun: true });
    expect(preview).toMatchObject({ dryRun: true, created: 2, updated: 1, unchanged: 0, organizationsCreated: 1 });
    expect(await snapshot(db, owner)).toEqual(before);
    const real = await importParsed(ctx, owner, parsed, { dryRun: false });
    expect({ ...real, dryRun: true }).toEqual(preview);
  });

  it.skipIf(skip)('a failure at any row leaves the database exactly as before, and a retry makes no duplicates', async () => {
    const before = await snapshot(db, owner);
    const people = Array.from({ length: 1200 }, (_, i) => person(100 + i, { organization: i % 2 ? 'Half Org' : 'Contoso', title: i === 0 ? 'Changed' : 'Engineer' }));
    people.push(person(5, { title: 'Principal Engineer' }));
    for (const k of [0, 499, 500, 1199, 1200]) {
      await expect(
        importParsed(ctx, owner, file(people), {
          dryRun: false,
          beforeWrite: (i) => {
            if (i === k) throw new Error(`injected failure at write ${k}`);
          },
        }),
      ).rejects.toThrow(`injected failure at write ${k}`);
      expect(await snapshot(db, owner)).toEqual(before);
    }
    const report = await importParsed(ctx, owner, file(people), { dryRun: false });
    expect(report).toMatchObject({ created: 1200, updated: 1 });
    const again = await importParsed(ctx, owner, file(people), { dryRun: false });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 1201 });
    const after = await snapshot(db, owner);
    expect(after.contacts).toHaveLength(before.contacts.length + 1200);
  });

  it.skipIf(skip)('never matches another account’s contacts', async () => {
    const auth = createAuth({ db: db.kysely, dialect: db.dialect, secret: 'x'.repeat(40), publicUrl: 'http://localhost', logLevel: 'error' });
    const other = (await addAccount(ctx, auth, { name: 'Other', email: 'other@example.com', password: 'a long passphrase' })).id;
    const report = await importParsed(ctx, other, file([person(5), person(6, { emails: ['p6@example.com'] })]), { dryRun: false });
    expect(report).toMatchObject({ created: 2, updated: 0, organizationsCreated: 1 });
    const mine = await snapshot(db, owner);
    expect(mine.contacts.find((c) => c.name === 'Person 5')).toMatchObject({ title: 'Principal Engineer', organization_id: expect.any(String) });
    expect(mine.contacts.filter((c) => c.name === 'Person 5')).toHaveLength(1);
  });

  it.skipIf(skip)('a re-import keeps a title the person edited by hand', async () => {
    const parsed = file([person(900, { title: 'Engineer' })]);
    await importParsed(ctx, owner, parsed, { dryRun: false });
    const row = await db.kysely.selectFrom('contact').select(['id', 'version']).where('owner_id', '=', owner).where('name', '=', 'Person 900').executeTakeFirstOrThrow();
    await updateContact(ctx, owner, row.id, { version: row.version, title: 'Engineer, and proud of it' });
    const again = await importParsed(ctx, owner, parsed, { dryRun: false });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    const after = await db.kysely.selectFrom('contact').select(['title', 'version']).where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ title: 'Engineer, and proud of it', version: row.version + 1 });
    // A new position in a later file still comes through.
    const promoted = await importParsed(ctx, owner, file([person(900, { title: 'Staff Engineer' })]), { dryRun: false });
    expect(promoted).toMatchObject({ updated: 1 });
  });
});
