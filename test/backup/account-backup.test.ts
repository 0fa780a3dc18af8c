/**
 * The JSON backup of one account, for real on both databases: SQLite → JSON →
 * PostgreSQL → JSON (and every other pairing) gives the same file; a restore is
 * all or nothing; bad files are refused naming what is wrong.
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuth } from '../../src/auth/auth.ts';
import { exportAccount, parseBackupJson, restoreAccount, serializeBackup, type AccountBackup } from '../../src/backup/account-backup.ts';
import { AppError } from '../../src/core/errors.ts';
import { matchKey } from '../../src/core/normalize.ts';
import type { Database, Dialect } from '../../src/db/schema.ts';
import { insertContact, type ContactRow } from '../../src/repositories/contact.repository.ts';
import { insertOrganization } from '../../src/repositories/organization.repository.ts';
import { isSetupClaimed } from '../../src/repositories/user.repository.ts';
import { addAccount } from '../../src/services/account.service.ts';
import { serviceContext } from '../../src/services/context.ts';
import { createTestDb, DIALECTS, dialectUnavailable, type TestDb } from '../support/databases.ts';
import { contactRowFixture, insertTestUser } from '../support/factories.ts';

const PASSWORD = 'correct horse battery';
const SECRET = 'test-secret-that-is-long-enough-0123456789';
const EXPORTED_AT = new Date('2026-12-01T09:00:00.000Z');
const RESTORED_AT = new Date('2026-12-02T09:00:00.000Z');

/** Fixed ids, chosen so a contact is often introduced by one that sorts (and is inserted) after it. */
const uuid = (prefix: string, n: number) => `${prefix}0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const org = (n: number) => uuid('a', n);
const person = (n: number) => uuid('c', n);
const hist = (n: number) => uuid('e', n);

function authFor(db: TestDb) {
  return createAuth({ db: db.kysely, dialect: db.dialect, secret: SECRET, publicUrl: 'http://localhost', logLevel: 'error' });
}

/** An owner with a real better-auth password, and varied data; plus another account's rows that must stay out. */
async function seed(db: TestDb): Promise<string> {
  const ctx = serviceContext(db.kysely, db.dialect);
  const owner = await addAccount(ctx, authFor(db), { name: 'Dana Reyes', email: 'dana@example.com', password: PASSWORD });
  const other = await addAccount(ctx, authFor(db), { name: 'Someone Else', email: 'else@example.com', password: PASSWORD });
  const k = db.kysely;

  const organization = (id: string, ownerId: string, name: string, extra: Partial<{ website: string; industry: string; notes: string; version: number }> = {}) =>
    insertOrganization(k, {
      id,
      owner_id: ownerId,
      name,
      name_key: matchKey(name),
      website: extra.website ?? null,
      industry: extra.industry ?? null,
      notes: extra.notes ?? null,
      version: extra.version ?? 1,
      created_at: '2025-01-02T03:04:05.006Z',
      updated_at: '2025-06-07T08:09:10.011Z',
    });
  await organization(org(2), owner.id, 'Société Générale — 東京', { website: 'https://societe.example', industry: 'Banking', notes: 'Line 1\nLine 2\n\n“quoted”', version: 4 });
  await organization(org(1), owner.id, 'Contoso');
  await organization(org(3), owner.id, 'Fabrikam, Inc.', { industry: '' });
  await organization(org(9), other.id, 'Other’s Org');

  const contact = (id: string, ownerId: string, name: string, extra: Partial<ContactRow>, tags: string[] = []) =>
    insertContact(k, contactRowFixture(ownerId, name, { id, ...extra }, '2025-03-04T05:06:07.089Z'), tags);
  // Inserted introducer-first here; the backup lists them by id, introducers last.
  await contact(person(9), owner.id, 'Zoë Ångström', {
    emails: JSON.stringify(['zoe@contoso.example', 'z.a@fabrikam.example']),
    phones: JSON.stringify(['+46 8 123 456', '(555) 0100']),
    linkedin_url: 'https://www.linkedin.com/in/zoe-angstrom',
    organization_id: org(1),
    title: 'VP Engineering',
    location: 'Stockholm',
    time_zone: 'Europe/Stockholm',
    source: 'linkedin',
    notes: '# Notes\n\n- first\n- second, with “quotes” and emoji 😀\r\nold line ending kept',
    connected_on: '2024-03-12',
    version: 7,
    created_at: '2024-03-12T00:00:00.000Z',
    updated_at: '2026-11-30T23:59:59.999Z',
  }, ['Mentor', 'alumni', 'Ünïcode tag']);
  await contact(person(5), owner.id, '山田 太郎', { introduced_by_id: person(9), organization_id: org(2), title: '部長' }, ['alumni']);
  await contact(person(1), owner.id, 'Émile Roy', { introduced_by_id: person(5), emails: JSON.stringify(['emile@example.com']) }, ['z-last', 'a-first']);
  // Two who introduced each other: only a null-then-update restore can insert them.
  await contact(person(3), owner.id, 'Ping', {});
  await contact(person(4), owner.id, 'Pong', { introduced_by_id: person(3) });
  await k.updateTable('contact').set({ introduced_by_id: person(4) }).where('id', '=', person(3)).execute();
  await contact(person(2), owner.id, 'Null Everything', {});
  await contact(person(7), other.id, 'Not Yours', { organization_id: org(9) }, ['secret']);

  const history = (id: string, ownerId: string, contactId: string, field: string, oldValue: string | null, newValue: string | null, changedAt: string) =>
    k.insertInto('contact_history').values({ id, owner_id: ownerId, contact_id: contactId, field, old_value: oldValue, new_value: newValue, source: 'linkedin', changed_at: changedAt }).execute();
  await history(hist(2), owner.id, person(9), 'title', 'Engineer', 'VP Engineering', '2026-01-01T00:00:00.001Z');
  await history(hist(1), owner.id, person(9), 'organization', null, 'Contoso', '2025-01-01T00:00:00.000Z');
  await history(hist(3), owner.id, person(5), 'title', '課長\n(acting)', null, '2026-02-03T04:05:06.789Z');
  await history(hist(8), other.id, person(7), 'title', 'x', 'y', '2026-02-03T04:05:06.789Z');
  return owner.id;
}

/** Every row of an account in the four tables, owner left out, keys included: what a restore must reproduce. */
async function rawRows(db: Kysely<Database>, ownerId: string) {
  const iso = (v: Date | string) => new Date(v).toISOString();
  const strip = <T extends { owner_id: string }>({ owner_id: _owner, ...rest }: T) => rest;
  const organizations = (await db.selectFrom('organization').selectAll().where('owner_id', '=', ownerId).orderBy('id').execute()).map((r) => ({
    ...strip(r),
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
  }));
  const contacts = (await db.selectFrom('contact').selectAll().where('owner_id', '=', ownerId).orderBy('id').execute()).map((r) => ({
    ...strip(r),
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
  }));
  const tags = (await db.selectFrom('contact_tag').selectAll().where('owner_id', '=', ownerId).orderBy('contact_id').orderBy('position').execute()).map(strip);
  const history = (await db.selectFrom('contact_history').selectAll().where('owner_id', '=', ownerId).orderBy('id').execute()).map((r) => ({
    ...strip(r),
    changed_at: iso(r.changed_at),
  }));
  return { organizations, contacts, tags, history };
}

const withoutExportedAt = ({ exportedAt: _at, ...rest }: AccountBackup) => rest;

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const PAIRS: [Dialect, Dialect][] = [
  ['sqlite', 'postgres'],
  ['postgres', 'sqlite'],
  ['sqlite', 'sqlite'],
  ['postgres', 'postgres'],
];

describe.each(PAIRS)('account backup from %s restored into %s', (from, to) => {
  const skip = dialectUnavailable(from) || dialectUnavailable(to);
  let source: TestDb;
  let target: TestDb;
  let ownerId: string;
  let backup: AccountBackup;

  beforeAll(async () => {
    if (skip) return;
    source = await createTestDb(from);
    target = await createTestDb(to);
    ownerId = await seed(source);
    backup = await exportAccount(source.kysely, ownerId, EXPORTED_AT);
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
  });

  it.skipIf(skip)('exports every row of the account, sorted by id, and nothing of anyone else', () => {
    expect(backup.format).toBe('rapport-backup');
    expect(backup.version).toBe(1);
    expect(backup.exportedAt).toBe('2026-12-01T09:00:00.000Z');
    expect(backup.account).toMatchObject({ email: 'dana@example.com', name: 'Dana Reyes' });
    expect(backup.account.passwordHash).toMatch(/\S{20,}/);
    expect(backup.organizations.map((o) => o.id)).toEqual([org(1), org(2), org(3)]);
    expect(backup.contacts.map((c) => c.id)).toEqual([1, 2, 3, 4, 5, 9].map(person));
    expect(backup.contactHistory.map((h) => h.id)).toEqual([hist(1), hist(2), hist(3)]);
    expect(backup.contactTags).toEqual([
      { contactId: person(1), tag: 'z-last', position: 0 },
      { contactId: person(1), tag: 'a-first', position: 1 },
      { contactId: person(5), tag: 'alumni', position: 0 },
      { contactId: person(9), tag: 'Mentor', position: 0 },
      { contactId: person(9), tag: 'alumni', position: 1 },
      { contactId: person(9), tag: 'Ünïcode tag', position: 2 },
    ]);
    expect(backup.organizations[1]).toEqual({
      id: org(2),
      name: 'Société Générale — 東京',
      website: 'https://societe.example',
      industry: 'Banking',
      notes: 'Line 1\nLine 2\n\n“quoted”',
      version: 4,
      createdAt: '2025-01-02T03:04:05.006Z',
      updatedAt: '2025-06-07T08:09:10.011Z',
    });
    expect(backup.contacts.at(-1)).toEqual({
      id: person(9),
      name: 'Zoë Ångström',
      emails: ['zoe@contoso.example', 'z.a@fabrikam.example'],
      phones: ['+46 8 123 456', '(555) 0100'],
      linkedinUrl: 'https://www.linkedin.com/in/zoe-angstrom',
      organizationId: org(1),
      title: 'VP Engineering',
      location: 'Stockholm',
      timeZone: 'Europe/Stockholm',
      source: 'linkedin',
      introducedById: null,
      notes: '# Notes\n\n- first\n- second, with “quotes” and emoji 😀\r\nold line ending kept',
      connectedOn: '2024-03-12',
      importedTitle: null,
      importedOrganization: null,
      version: 7,
      createdAt: '2024-03-12T00:00:00.000Z',
      updatedAt: '2026-11-30T23:59:59.999Z',
    });
    expect(backup.contacts.find((c) => c.id === person(2))).toMatchObject({ emails: [], phones: [], linkedinUrl: null, organizationId: null, notes: null, connectedOn: null });
    expect(backup.contactHistory[2]).toEqual({
      id: hist(3),
      contactId: person(5),
      field: 'title',
      oldValue: '課長\n(acting)',
      newValue: null,
      source: 'linkedin',
      changedAt: '2026-02-03T04:05:06.789Z',
    });
    expect(JSON.stringify(backup)).not.toMatch(/Not Yours|Other’s Org|secret|else@example/);
  });

  it.skipIf(skip)('exports the same file twice (deterministic)', async () => {
    expect(serializeBackup(await exportAccount(source.kysely, ownerId, EXPORTED_AT))).toBe(serializeBackup(backup));
  });

  it.skipIf(skip)(`round trip ${from} → JSON → ${to} → JSON is exact, and the owner signs in with the same password`, async () => {
    const file = serializeBackup(backup);
    const result = await restoreAccount(target.kysely, parseBackupJson(file), RESTORED_AT);
    expect(result).toMatchObject({ email: 'dana@example.com', organizations: 3, contacts: 6 });
    expect(result.userId).not.toBe(ownerId);

    const again = await exportAccount(target.kysely, result.userId, new Date('2027-01-01T00:00:00.000Z'));
    expect(withoutExportedAt(again)).toEqual(withoutExportedAt(backup));
    expect(serializeBackup({ ...again, exportedAt: backup.exportedAt })).toBe(file);

    // The rows themselves, keys included, are the same on both databases.
    expect(await rawRows(target.kysely, result.userId)).toEqual(await rawRows(source.kysely, ownerId));

    const signedIn = await authFor(target).api.signInEmail({ body: { email: 'dana@example.com', password: PASSWORD } });
    expect(signedIn.user.id).toBe(result.userId);
    await expect(authFor(target).api.signInEmail({ body: { email: 'dana@example.com', password: 'wrong password!' } })).rejects.toThrow();
    expect(await isSetupClaimed(target.kysely)).toBe(true);
  });

  it.skipIf(skip)('refuses the same backup a second time, and writes nothing', async () => {
    const before = await rawRows(target.kysely, (await target.kysely.selectFrom('user').select('id').where('email', '=', 'dana@example.com').executeTakeFirstOrThrow()).id);
    const error = await refusal(restoreAccount(target.kysely, backup, RESTORED_AT));
    expect(error.code).toBe('RESTORE_REFUSED');
    expect(error.message).toMatch(/already has an account for dana@example.com/);
    // Under another e-mail its ids are still taken.
    const renamed = await refusal(restoreAccount(target.kysely, { ...backup, account: { ...backup.account, email: 'dana2@example.com' } }, RESTORED_AT));
    expect(renamed.code).toBe('RESTORE_REFUSED');
    expect(renamed.message).toMatch(/already holds 3 of the backup's organizations/);
    expect(await target.kysely.selectFrom('user').select('id').where('email', '=', 'dana2@example.com').execute()).toEqual([]);
    const after = await rawRows(target.kysely, (await target.kysely.selectFrom('user').select('id').where('email', '=', 'dana@example.com').executeTakeFirstOrThrow()).id);
    expect(after).toEqual(before);
  });

  it.skipIf(skip)('refuses an unknown account', async () => {
    expect((await refusal(exportAccount(source.kysely, 'no-such-user'))).code).toBe('NOT_FOUND');
  });
});

/** A small valid backup, written by hand, for the refusals. */
function handBackup(): AccountBackup {
  const at = '2026-01-01T00:00:00.000Z';
  const c = (n: number, name: string, extra: Partial<AccountBackup['contacts'][number]> = {}) => ({
    id: person(n),
    name,
    emails: [],
    phones: [],
    linkedinUrl: null,
    organizationId: null,
    title: null,
    location: null,
    timeZone: null,
    source: null,
    introducedById: null,
    notes: null,
    connectedOn: null,
    importedTitle: null,
    importedOrganization: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
    ...extra,
  });
  return {
    format: 'rapport-backup',
    version: 1,
    exportedAt: at,
    account: { email: 'restored@example.com', name: 'Restored Person', passwordHash: 'salt:hash' },
    organizations: [{ id: org(1), name: 'Contoso', website: null, industry: null, notes: null, version: 1, createdAt: at, updatedAt: at }],
    contacts: [c(1, 'One', { organizationId: org(1), introducedById: person(4) }), c(2, 'Two'), c(3, 'Three'), c(4, 'Four')],
    contactTags: [{ contactId: person(1), tag: 'alumni', position: 0 }],
    contactHistory: [{ id: hist(1), contactId: person(1), field: 'title', oldValue: 'a', newValue: 'b', source: 'edit', changedAt: at }],
  };
}

describe.each(DIALECTS)('restore into %s', (dialect) => {
  const skip = dialectUnavailable(dialect);
  let db: TestDb;

  beforeAll(async () => {
    if (skip) return;
    db = await createTestDb(dialect);
  });
  afterAll(async () => {
    await db?.close();
  });

  async function counts() {
    const n = async (table: 'user' | 'account' | 'organization' | 'contact' | 'contact_tag' | 'contact_history' | 'setting') =>
      Number((await db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return {
      user: await n('user'),
      account: await n('account'),
      organization: await n('organization'),
      contact: await n('contact'),
      contact_tag: await n('contact_tag'),
      contact_history: await n('contact_history'),
      setting: await n('setting'),
    };
  }
  const empty = { user: 0, account: 0, organization: 0, contact: 0, contact_tag: 0, contact_history: 0, setting: 0 };

  it.skipIf(skip)('refuses what is not a version-1 Rapport backup', async () => {
    const cases: [unknown, RegExp][] = [
      [null, /not a Rapport backup/],
      [[1, 2], /not a Rapport backup/],
      ['rapport-backup', /not a Rapport backup/],
      [{ ...handBackup(), format: 'vcard' }, /not a Rapport backup/],
      [{ ...handBackup(), version: 2 }, /format version 2, from a newer Rapport.*Upgrade/],
      [{ ...handBackup(), version: '1' }, /format version "1"/],
      [{ format: 'rapport-backup' }, /format version null/],
    ];
    for (const [file, message] of cases) {
      const error = await refusal(restoreAccount(db.kysely, file, RESTORED_AT));
      expect(error.code).toBe('RESTORE_REFUSED');
      expect(error.message).toMatch(message);
    }
    expect(() => parseBackupJson('{"format": "rapport-backup",')).toThrow(expect.objectContaining({ code: 'RESTORE_REFUSED', message: expect.stringMatching(/not JSON/) }));
    expect(parseBackupJson('\uFEFF{"a":1}')).toEqual({ a: 1 });
    expect(await counts()).toEqual(empty);
  });

  it.skipIf(skip)('refuses a malformed file naming the path at fault, before writing anything', async () => {
    const cases: [(b: AccountBackup) => unknown, string, RegExp][] = [
      [(b) => ({ ...b, contacts: b.contacts.map((c, i) => (i === 3 ? { ...c, name: '' } : c)) }), 'contacts.3.name', /is required/],
      [(b) => ({ ...b, contacts: b.contacts.map((c, i) => (i === 3 ? { ...c, name: undefined } : c)) }), 'contacts.3.name', /is required/],
      [(b) => ({ ...b, contacts: b.contacts.map((c, i) => (i === 2 ? { ...c, organizationId: org(7) } : c)) }), 'contacts.2.organizationId', /no organization with this id/],
      [(b) => ({ ...b, contacts: b.contacts.map((c, i) => (i === 1 ? { ...c, introducedById: person(8) } : c)) }), 'contacts.1.introducedById', /no contact with this id/],
      [(b) => ({ ...b, contacts: [...b.contacts, b.contacts[0]!] }), 'contacts.4.id', /appears twice/],
      [(b) => ({ ...b, contacts: b.contacts.map((c, i) => (i === 0 ? { ...c, nickname: 'x' } : c)) }), 'contacts.0', /unknown field\(s\): nickname/],
      [(b) => ({ ...b, contacts: b.contacts.map((c, i) => (i === 0 ? { ...c, notes: 'nul \u0000 inside' } : c)) }), 'contacts.0.notes', /NUL/],
      [(b) => ({ ...b, contacts: b.contacts.map((c, i) => (i === 0 ? { ...c, emails: ['ok', 5] } : c)) }), 'contacts.0.emails.1', /expected string/],
      [(b) => ({ ...b, contacts: b.contacts.map((c, i) => (i === 0 ? { ...c, createdAt: 'yesterday' } : c)) }), 'contacts.0.createdAt', /ISO 8601/],
      [(b) => ({ ...b, contacts: b.contacts.map((c, i) => (i === 0 ? { ...c, connectedOn: '12 Mar 2024' } : c)) }), 'contacts.0.connectedOn', /date/],
      [(b) => ({ ...b, contacts: b.contacts.map((c, i) => (i === 0 ? { ...c, version: 0 } : c)) }), 'contacts.0.version', /at least 1/],
      [(b) => ({ ...b, organizations: [...b.organizations, { ...b.organizations[0]!, id: org(2), name: '  CONTOSO ' }] }), 'organizations.1.name', /same name/],
      [(b) => ({ ...b, contactTags: [...b.contactTags, { contactId: person(1), tag: 'ALUMNI', position: 1 }] }), 'contactTags.1.tag', /already has this tag/],
      [(b) => ({ ...b, contactTags: [{ contactId: person(9), tag: 'x', position: 0 }] }), 'contactTags.0.contactId', /no contact/],
      [(b) => ({ ...b, contactHistory: [{ ...b.contactHistory[0]!, contactId: person(9) }] }), 'contactHistory.0.contactId', /no contact/],
      [(b) => ({ ...b, account: { ...b.account, email: 'not an address' } }), 'account.email', /not an e-mail/],
      [(b) => ({ ...b, extra: true }), '(file)', /unknown field\(s\): extra/],
      [({ contactHistory: _h, ...rest }) => rest, 'contactHistory', /required|expected array/],
      [(b) => ({ ...b, contacts: 'nope' }), 'contacts', /expected array/],
      [(b) => ({ ...b, contacts: b.contacts.map((c, i) => (i === 2 ? { ...c, id: 5 } : c)) }), 'contacts.2.id', /expected string/],
      [(b) => ({ ...b, contactTags: [null] }), 'contactTags.0', /expected object/],
    ];
    for (const [mutate, field, message] of cases) {
      const error = await refusal(restoreAccount(db.kysely, mutate(handBackup()), RESTORED_AT));
      expect(error.code, field).toBe('VALIDATION_FAILED');
      const issue = error.details?.issues?.find((i) => i.field === field);
      expect(issue, `${field} in ${JSON.stringify(error.details?.issues)}`).toBeDefined();
      expect(issue!.message).toMatch(message);
    }
    expect(await counts()).toEqual(empty);
  });

  it.skipIf(skip)('lists the first 20 problems of a badly broken file and says how many there were', async () => {
    const b = handBackup();
    const broken = { ...b, contacts: Array.from({ length: 30 }, (_, i) => ({ ...b.contacts[1]!, id: person(100 + i), name: '' })), contactTags: [], contactHistory: [] };
    const error = await refusal(restoreAccount(db.kysely, broken, RESTORED_AT));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe('30 problems in the backup, the first at contacts.0.name: is required');
    expect(error.details?.issues).toHaveLength(20);
    expect(error.details?.more).toBe(10);
  });

  it.skipIf(skip)('leaves no trace of the account when the database refuses a row halfway', async () => {
    // The last table written refuses one row, after the user, organizations, contacts and tags went in.
    if (dialect === 'sqlite') {
      await sql`create trigger restore_fails before insert on contact_history when new.source = 'boom' begin select raise(abort, 'injected failure'); end`.execute(db.kysely);
    } else {
      await sql`create function restore_fails() returns trigger language plpgsql as $$ begin if new.source = 'boom' then raise exception 'injected failure'; end if; return new; end $$`.execute(db.kysely);
      await sql`create trigger restore_fails before insert on contact_history for each row execute function restore_fails()`.execute(db.kysely);
    }
    try {
      const b = handBackup();
      const failing = { ...b, contactHistory: [...b.contactHistory, { ...b.contactHistory[0]!, id: hist(2), source: 'boom' }] };
      await expect(restoreAccount(db.kysely, failing, RESTORED_AT)).rejects.toThrow(/injected failure/);
      expect(await counts()).toEqual(empty);
      expect(await isSetupClaimed(db.kysely)).toBe(false);
    } finally {
      await sql`drop trigger restore_fails${sql.raw(dialect === 'postgres' ? ' on contact_history' : '')}`.execute(db.kysely);
      if (dialect === 'postgres') await sql`drop function restore_fails()`.execute(db.kysely);
    }
  });

  it.skipIf(skip)('restores alongside other accounts, stores timestamps in one spelling, and marks the instance set up', async () => {
    const now = RESTORED_AT.toISOString();
    await insertTestUser(db.kysely, dialect, 'someone', now);
    const b = handBackup();
    const file = {
      ...b,
      account: { ...b.account, email: '  Restored@Example.COM ' },
      organizations: [{ ...b.organizations[0]!, createdAt: '2026-01-01T02:00:00+02:00' }],
      contacts: b.contacts.map((c) => ({ ...c, updatedAt: '2026-01-01T00:00:00Z' })),
    };
    const result = await restoreAccount(db.kysely, file, RESTORED_AT);
    expect(result).toMatchObject({ email: 'restored@example.com', organizations: 1, contacts: 4 });
    const user = await db.kysely.selectFrom('user').selectAll().where('id', '=', result.userId).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ email: 'restored@example.com', name: 'Restored Person' });
    expect(new Date(user.createdAt).toISOString()).toBe(now);
    expect(await db.kysely.selectFrom('account').select(['accountId', 'providerId', 'password']).where('userId', '=', result.userId).execute()).toEqual([
      { accountId: result.userId, providerId: 'credential', password: 'salt:hash' },
    ]);
    const out = await exportAccount(db.kysely, result.userId, EXPORTED_AT);
    expect(out.organizations[0]!.createdAt).toBe('2026-01-01T00:00:00.000Z');
    expect(out.contacts.map((c) => c.updatedAt)).toEqual(Array(4).fill('2026-01-01T00:00:00.000Z'));
    expect(out.contacts[0]).toMatchObject({ organizationId: org(1), introducedById: person(4) });
    if (dialect === 'sqlite') {
      // SQLite sorts timestamps as text: they must all be written the same way.
      const raw = await db.kysely.selectFrom('organization').select('created_at').where('id', '=', org(1)).executeTakeFirstOrThrow();
      expect(raw.created_at).toBe('2026-01-01T00:00:00.000Z');
    }
    expect(await isSetupClaimed(db.kysely)).toBe(true);
  });

  it.skipIf(skip)('restores an account without a password as a user with no credential', async () => {
    const b = handBackup();
    const file = {
      ...b,
      account: { email: 'nopass@example.com', name: 'No Pass', passwordHash: null },
      organizations: [],
      contacts: [{ ...b.contacts[1]!, id: person(50) }],
      contactTags: [],
      contactHistory: [],
    };
    const result = await restoreAccount(db.kysely, file, RESTORED_AT);
    expect(await db.kysely.selectFrom('account').select('id').where('userId', '=', result.userId).execute()).toEqual([]);
    expect((await exportAccount(db.kysely, result.userId, EXPORTED_AT)).account).toEqual({ email: 'nopass@example.com', name: 'No Pass', passwordHash: null });
  });
});
