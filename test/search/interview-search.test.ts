/**
 * Interview notes search on each database: what it finds, in what order, for
 * whom, how it blends with contacts, and that the triggers keep the index in step
 * with every kind of write to interviews and their contacts.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteMarkedName } from '../../src/db/migrations/0009_interview_search_marked_names.ts';
import { searchInterviews } from '../../src/repositories/search.repository.ts';
import * as contacts from '../../src/services/contact.service.ts';
import { serviceContext, type ServiceContext } from '../../src/services/context.ts';
import * as interviews from '../../src/services/interview.service.ts';
import * as organizations from '../../src/services/organization.service.ts';
import { search } from '../../src/services/search.service.ts';
import { ContactCreateSchema, ContactUpdateSchema, OrganizationCreateSchema, type ContactCreateInput } from '../../src/shared/api.ts';
import { InterviewCreateSchema, InterviewUpdateSchema } from '../../src/shared/plan-api.ts';
import { createTestDb, DIALECTS, dialectUnavailable, type TestDb } from '../support/databases.ts';
import { insertTestUser } from '../support/factories.ts';

describe.each(DIALECTS)('interview notes search on %s', (dialect) => {
  const skip = dialectUnavailable(dialect);
  let db: TestDb;
  let ctx: ServiceContext;
  const owner = 'owner';
  const other = 'other';
  let clock = Date.parse('2026-11-02T09:00:00.000Z');

  const user = (id: string) => insertTestUser(db.kysely, dialect, id);
  const addContact = (ownerId: string, input: ContactCreateInput) => contacts.createContact(ctx, ownerId, ContactCreateSchema.parse(input));
  /** Through the service, one interview per contact ("once is enough"); each a minute after the last. */
  const addInterview = (ownerId: string, contactId: string, notes: string | null) =>
    interviews.createInterview(ctx, ownerId, InterviewCreateSchema.parse({ contactId, notes }));
  /** Straight into the table, for more than one interview with a contact. */
  async function insertInterview(ownerId: string, contactId: string, notes: string | null): Promise<string> {
    const id = crypto.randomUUID();
    const at = new Date((clock += 60_000)).toISOString();
    await db.kysely
      .insertInto('interview')
      .values({ id, owner_id: ownerId, contact_id: contactId, organization_id: null, stage: 'held', notes, version: 1, created_at: at, updated_at: at })
      .execute();
    return id;
  }

  const found = async (text: string, ownerId = owner, limit = 50) => (await searchInterviews(db.kysely, ownerId, text, limit)).map((r) => r.id);
  const foundNames = async (text: string, ownerId = owner) => (await searchInterviews(db.kysely, ownerId, text, 50)).map((r) => r.name);

  /** The index holds exactly what a fresh build from the tables would. */
  async function expectIndexInStep(): Promise<void> {
    if (dialect === 'sqlite') {
      await sql`insert into interview_fts (interview_fts, rank) values ('integrity-check', 1)`.execute(db.kysely);
      const { rows } = await sql<{ stale: number }>`
        select count(*) as stale from interview i
        left join interview_search s on s.interview_id = i.id
        where s.doc_id is null or s.notes is not i.notes or s.owner_id is not i.owner_id or s.contact_id is not i.contact_id
           or s.name is not (select ${sql.raw(sqliteMarkedName('c.name'))} from contact c where c.id = i.contact_id)`.execute(db.kysely);
      expect(rows[0]?.stale).toBe(0);
      const orphans = await sql<{ n: number }>`select count(*) as n from interview_search where interview_id not in (select id from interview)`.execute(db.kysely);
      expect(orphans.rows[0]?.n).toBe(0);
    } else {
      const { rows } = await sql<{ stale: number }>`
        select count(*)::int as stale from interview i
        join contact c on c.id = i.contact_id
        full join interview_search s on s.interview_id = i.id
        where i.id is null or s.interview_id is null or s.owner_id is distinct from i.owner_id or s.contact_id is distinct from i.contact_id
           or s.document is distinct from interview_search_document(c.name, i.notes)`.execute(db.kysely);
      expect(rows[0]?.stale).toBe(0);
    }
  }

  let dana: string;
  let morgan: string;
  let contoso: string;
  let withDana: string;
  let withMorgan: string;

  beforeAll(async () => {
    if (skip) return;
    db = await createTestDb(dialect);
    ctx = serviceContext(db.kysely, db.dialect, { now: () => new Date((clock += 60_000)) });
    await user(owner);
    await user(other);
    contoso = (await organizations.createOrganization(ctx, owner, OrganizationCreateSchema.parse({ name: 'Contoso Pharmaceuticals' }))).id;
    dana = (await addContact(owner, { name: 'Dana Reyes', organizationId: contoso, title: 'Head of Design' })).id;
    morgan = (await addContact(owner, { name: 'Morgan Lee' })).id;
    await addContact(owner, { name: 'Aaron Abbott', notes: 'Said Morgan is the one to ask about telescopes.' });
    withDana = (await addInterview(owner, dana, 'We talked about **salary bands** and the Kubernetes migration.\n\nShe suggested reading about design systems.')).id;
    withMorgan = (await addInterview(owner, morgan, 'Morgan builds telescopes on weekends; ask about the observatory.')).id;
    const stranger = (await addContact(other, { name: 'Dana Other' })).id;
    await addInterview(other, stranger, 'Secret salary numbers and Kubernetes plans.');
  });
  afterAll(async () => {
    await db?.close();
  });

  it.skipIf(skip)('finds a note by a word in it and by the start of a word, ignoring case and accents', async () => {
    expect(await found('salary')).toEqual([withDana]);
    expect(await found('sal')).toEqual([withDana]);
    expect(await found('KUBERN')).toEqual([withDana]);
    expect(await found('telescope')).toEqual([withMorgan]);
    expect(await found('observ')).toEqual([withMorgan]);
    expect(await found('alary')).toEqual([]);
    const accented = (await addInterview(owner, (await addContact(owner, { name: 'Zoë Park' })).id, 'Café in Zürich, then a résumé review.')).id;
    expect(await found('cafe zurich')).toEqual([accented]);
    expect(await found('RÉSUMÉ')).toEqual([accented]);
  });

  it.skipIf(skip)('answers with the interview, its contact and organization, and the passage that matched', async () => {
    const [hit] = await searchInterviews(db.kysely, owner, 'kubernetes', 10);
    expect(hit).toMatchObject({
      kind: 'interview',
      id: withDana,
      name: 'Dana Reyes',
      contact: { id: dana, name: 'Dana Reyes' },
      organization: { id: contoso, name: 'Contoso Pharmaceuticals' },
    });
    expect(hit!.snippet.text).toContain('the Kubernetes migration');
    expect(hit!.snippet.text).not.toMatch(/\*\*|\n/);
    const [start, end] = hit!.snippet.highlights[0]!;
    expect(hit!.snippet.text.slice(start, end)).toBe('Kubernetes');
  });

  it.skipIf(skip)('takes the other words from the contact’s name, but wants one in the notes', async () => {
    expect(await found('dana salary')).toEqual([withDana]);
    expect(await found('reyes kube design')).toEqual([withDana]);
    expect(await found('morgan salary')).toEqual([]);
    // A name alone is the contact, not every interview with them…
    expect(await found('dana')).toEqual([]);
    expect(await found('dana reyes')).toEqual([]);
    // …unless the notes say it too.
    expect(await found('morgan')).toEqual([withMorgan]);
  });

  it.skipIf(skip)('lists the newest interview first and respects the limit', async () => {
    await user('many');
    const kim = (await addContact('many', { name: 'Kim Adams' })).id;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await insertInterview('many', kim, `Meeting ${i} about hiring.`));
    expect(await found('hiring', 'many')).toEqual(ids.toReversed());
    expect(await found('hiring', 'many', 2)).toEqual(ids.toReversed().slice(0, 2));
    expect(await found('kim hiring', 'many')).toHaveLength(5);
  });

  it.skipIf(skip)('follows edits and deletions of notes', async () => {
    const ola = (await addContact(owner, { name: 'Ola Nordmann' })).id;
    const created = await addInterview(owner, ola, 'Talked about fjords and ferries.');
    expect(await found('fjord')).toEqual([created.id]);
    const edited = await interviews.updateInterview(ctx, owner, created.id, InterviewUpdateSchema.parse({ version: created.version, notes: 'Talked about glaciers.' }));
    expect(await found('fjord')).toEqual([]);
    expect(await found('glacier')).toEqual([created.id]);
    await expectIndexInStep();

    // Notes cleared: nothing left to find.
    await interviews.updateInterview(ctx, owner, created.id, InterviewUpdateSchema.parse({ version: edited.version, notes: null }));
    expect(await found('glacier')).toEqual([]);
    await expectIndexInStep();

    const other = await addInterview(owner, (await addContact(owner, { name: 'Per Olsen' })).id, 'Volcanoes.');
    expect(await found('volcano')).toEqual([other.id]);
    await interviews.deleteInterview(ctx, owner, other.id);
    expect(await found('volcano')).toEqual([]);
    await expectIndexInStep();
  });

  it.skipIf(skip)('follows a contact’s rename and forgets interviews whose contact or account is deleted', async () => {
    const jo = (await addContact(owner, { name: 'Jo Smith' })).id;
    const iv = (await addInterview(owner, jo, 'Pottery classes on Tuesdays.')).id;
    expect(await found('smith pottery')).toEqual([iv]);
    const contact = await contacts.getContact(ctx, owner, jo);
    await contacts.updateContact(ctx, owner, jo, ContactUpdateSchema.parse({ version: contact.version, name: "Jo O'Neill-Brown" }));
    expect(await found('smith pottery')).toEqual([]);
    expect(await found('neill pottery')).toEqual([iv]);
    expect(await found('brown pottery')).toEqual([iv]);
    expect(await foundNames('pottery')).toEqual(["Jo O'Neill-Brown"]);
    await expectIndexInStep();

    await contacts.deleteContact(ctx, owner, jo);
    expect(await found('pottery')).toEqual([]);
    await expectIndexInStep();

    await user('leaving');
    const left = (await addContact('leaving', { name: 'Left Behind' })).id;
    await addInterview('leaving', left, 'Origami workshop.');
    expect(await found('origami', 'leaving')).toHaveLength(1);
    await db.kysely.deleteFrom('user').where('id', '=', 'leaving').execute();
    expect(await found('origami', 'leaving')).toEqual([]);
    await expectIndexInStep();
  });

  it.skipIf(skip)('never shows another account’s notes', async () => {
    expect(await found('secret')).toEqual([]);
    expect(await found('salary')).toEqual([withDana]);
    expect(await foundNames('salary', other)).toEqual(['Dana Other']);
    expect(await found('salary', 'nobody')).toEqual([]);
    const answer = await search(ctx, owner, { q: 'secret kubernetes', limit: 50 });
    expect(answer.items).toEqual([]);
  });

  it.skipIf(skip)('indexes many interviews written in one statement', async () => {
    await user('bulk');
    const lee = (await addContact('bulk', { name: 'Bulk Lee' })).id;
    const at = new Date(clock).toISOString();
    await db.kysely
      .insertInto('interview')
      .values(
        Array.from({ length: 200 }, (_, i) => ({
          id: crypto.randomUUID(), owner_id: 'bulk', contact_id: lee, organization_id: null, stage: 'held',
          notes: i % 2 === 0 ? `Even note ${i}` : `Odd note ${i}`, version: 1, created_at: at, updated_at: at,
        })),
      )
      .execute();
    expect(await found('even', 'bulk', 500)).toHaveLength(100);
    expect(await found('note', 'bulk', 50)).toHaveLength(50);
    await db.kysely.updateTable('interview').set({ notes: 'Rewritten' }).where('owner_id', '=', 'bulk').execute();
    expect(await found('even', 'bulk')).toEqual([]);
    expect(await found('rewritten', 'bulk', 500)).toHaveLength(200);
    await expectIndexInStep();
  });

  it.skipIf(skip)('takes query syntax and the index’s own marks as plain text', async () => {
    const syntax = ['"', '"dana', 'dana*', '*', ':', 'notes:salary', 'name : dana', '(', 'dana)', '-dana', 'AND', 'OR', 'NOT', 'dana OR',
      'NEAR(dana reyes)', "'", "o'brien", '\\', '&', '|', '!', '<->', "'dana':*", '^dana', '\u0301', '😀', ';drop table interview;--'];
    for (const text of [...syntax, '\uE000dana', '~dana', '\uE000', '~']) {
      await expect(searchInterviews(db.kysely, owner, text, 10), text).resolves.toBeInstanceOf(Array);
    }
    // The marks never reach a query: they are not letters.
    expect(await found('\uE000dana salary')).toEqual([withDana]);
    expect(await found('~dana salary')).toEqual([withDana]);
    expect(await found('"salary')).toEqual([withDana]);
    expect(await found('NEAR(salary bands)')).toEqual([]);
  });
});

describe.each(DIALECTS)('search of contacts and interview notes together on %s', (dialect) => {
  const skip = dialectUnavailable(dialect);
  let db: TestDb;
  let ctx: ServiceContext;
  const owner = 'owner';

  const addContact = (input: ContactCreateInput) => contacts.createContact(ctx, owner, ContactCreateSchema.parse(input));
  const addInterview = (contactId: string, notes: string) => interviews.createInterview(ctx, owner, InterviewCreateSchema.parse({ contactId, notes }));
  const labels = async (q: string, limit = 50) =>
    (await search(ctx, owner, { q, limit })).items.map((item) => `${item.kind === 'interview' ? 'interview with' : 'contact'} ${item.name}`);

  beforeAll(async () => {
    if (skip) return;
    db = await createTestDb(dialect);
    ctx = serviceContext(db.kysely, db.dialect);
    await insertTestUser(db.kysely, dialect, owner);
    const morgan = await addContact({ name: 'Morgan Lee', title: 'Astronomer' });
    await addContact({ name: 'Aaron Abbott', notes: 'Met Morgan at the mixer.' });
    const blake = await addContact({ name: 'Blake Stone' });
    await addInterview(blake.id, 'Blake said Morgan runs the telescope night.');
    await addInterview(morgan.id, 'Astronomy outreach; telescope time is scarce.');
    const casey = await addContact({ name: 'Casey Telescope-Smith' });
    await addInterview(casey.id, 'Nothing about optics.');
  });
  afterAll(async () => {
    await db?.close();
  });

  it.skipIf(skip)('puts a contact whose name matches before any notes that mention it', async () => {
    expect(await labels('morgan')).toEqual(['contact Morgan Lee', 'contact Aaron Abbott', 'interview with Blake Stone']);
    expect(await labels('telescope')).toEqual([
      'contact Casey Telescope-Smith',
      'interview with Morgan Lee',
      'interview with Blake Stone',
    ]);
  });

  it.skipIf(skip)('lets other contacts and interviews take turns, a contact first', async () => {
    // Morgan by title, then the interview about astronomy.
    expect(await labels('astro')).toEqual(['contact Morgan Lee', 'interview with Morgan Lee']);
    expect(await labels('mor tel')).toEqual(['interview with Morgan Lee', 'interview with Blake Stone']);
  });

  it.skipIf(skip)('respects the limit across both kinds', async () => {
    expect(await labels('morgan', 2)).toEqual(['contact Morgan Lee', 'contact Aaron Abbott']);
    expect(await labels('telescope', 1)).toEqual(['contact Casey Telescope-Smith']);
  });
});
