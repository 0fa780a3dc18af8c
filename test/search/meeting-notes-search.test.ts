/**
 * Search over what the seeker wrote about an interview besides its notes
 * (migration 0011), on each database: research notes, meeting-mode notes and
 * answers, and the write-up, found by GET /api/search as they are typed through
 * the real routes, forgotten when edited away, never found by another account;
 * and the migration, which indexes what was already written and whose `down`
 * puts 0009's form back exactly.
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as m0009 from '../../src/db/migrations/0009_interview_search_marked_names.ts';
import * as m0011 from '../../src/db/migrations/0011_search_meeting_notes.ts';
import { searchInterviews } from '../../src/repositories/search.repository.ts';
import * as contacts from '../../src/services/contact.service.ts';
import { serviceContext } from '../../src/services/context.ts';
import { ContactCreateSchema, type Contact, type SearchResponse } from '../../src/shared/api.ts';
import type { SavedText } from '../../src/shared/meeting-api.ts';
import type { Interview } from '../../src/shared/plan-api.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createTestDb, DIALECTS, dialectUnavailable, type TestDb } from '../support/databases.ts';
import { jsonApi } from '../support/json-api.ts';

describe.each(DIALECTS)('search over meeting notes, answers, write-ups and research on %s', (dialect) => {
  const skip = dialectUnavailable(dialect);
  let t: TestApp;
  let cookie: string;
  let userId: string;
  let otherCookie: string;
  let clock = new Date('2026-03-02T15:00:00Z');

  beforeAll(async () => {
    if (skip) return;
    t = await createTestApp(dialect);
    t.ctx.now = () => clock;
    ({ cookie, userId } = await t.signUpAndIn('seeker@example.com'));
    ({ cookie: otherCookie } = await t.signUpAndIn('other@example.com'));
  });
  afterAll(async () => {
    await t?.close();
  });

  const { call, api } = jsonApi(() => t, () => cookie);
  const event = async (id: string, body: Record<string, unknown>, as = cookie) => {
    const current = await api<Interview>('GET', `/api/interviews/${id}`, undefined, 200, as);
    return api<Interview>('POST', `/api/interviews/${id}/events`, { version: current.version, ...body }, 200, as);
  };
  /** A scheduled interview with `name`, its notes saying `notes`. */
  const scheduled = async (name: string, notes: string, as = cookie) => {
    const contact = await api<Contact>('POST', '/api/contacts', { name }, 201, as);
    const interview = await api<Interview>('POST', '/api/interviews', { contactId: contact.id, notes }, 201, as);
    await event(interview.id, { kind: 'request_sent', channel: 'email' }, as);
    await event(interview.id, { kind: 'reply_received', answer: 'yes' }, as);
    await event(interview.id, { kind: 'scheduled', meetingAt: '2026-03-10T14:00:00.000Z', minutes: 30, place: { kind: 'video', url: 'https://meet.example/x' } }, as);
    return interview.id;
  };
  /** The ids of the interviews GET /api/search finds for `q`. */
  const found = async (q: string, as = cookie) => {
    const body = await api<SearchResponse>('GET', `/api/search?q=${encodeURIComponent(q)}`, undefined, 200, as);
    return body.items.filter((i) => i.kind === 'interview').map((i) => i.id);
  };
  const snippetOf = async (q: string) => {
    const body = await api<SearchResponse>('GET', `/api/search?q=${encodeURIComponent(q)}`);
    return body.items.find((i) => i.kind === 'interview')?.snippet;
  };

  let met: string;
  let itemId: string;

  it.skipIf(skip)('finds an answer and the free notes typed in meeting mode, and forgets what was typed over', async () => {
    met = await scheduled('Dana Reyes', 'Coffee near the station.');
    itemId = crypto.randomUUID();
    const now = clock.toISOString();
    await t.db.kysely
      .insertInto('agenda_item')
      .values({ id: itemId, owner_id: userId, interview_id: met, question_id: null, text: 'What does a typical week look like?', position: 0, created_at: now, updated_at: now })
      .execute();
    clock = new Date('2026-03-10T14:01:00Z');
    await api('POST', `/api/interviews/${met}/meeting/start`);
    expect(await found('kubernetes')).toEqual([]);

    const answer = `/api/interviews/${met}/meeting/answers/${itemId}`;
    expect(await api<SavedText>('PUT', answer, { answer: 'Mostly **Kubernetes** upgrades and on-call.', baseVersion: 0 })).toMatchObject({ version: 1 });
    expect(await found('kubernetes')).toEqual([met]);
    expect(await found('kube')).toEqual([met]);
    // With the contact's name, as for notes.
    expect(await found('dana kubernetes')).toEqual([met]);
    // The passage quoted is the answer's, the word marked.
    const snippet = await snippetOf('kubernetes');
    expect(snippet?.text).toContain('Mostly Kubernetes upgrades');
    expect(snippet?.highlights).toHaveLength(1);
    const [from, to] = snippet!.highlights[0]!;
    expect(snippet!.text.slice(from, to)).toBe('Kubernetes');

    const notes = `/api/interviews/${met}/meeting/notes`;
    expect(await api<SavedText>('PUT', notes, { notes: 'Names: Sam Lee (Initech)\nRead: Team Topologies', baseVersion: 0 })).toMatchObject({ version: 1 });
    expect(await found('topologies')).toEqual([met]);
    expect(await found('initech')).toEqual([met]);
    // The interview's own notes are still found.
    expect(await found('station')).toEqual([met]);

    // Typed over: the old words are gone, the new ones found.
    await api<SavedText>('PUT', answer, { answer: 'Terraform, these days.', baseVersion: 1 });
    expect(await found('kubernetes')).toEqual([]);
    expect(await found('terraform')).toEqual([met]);
    await api<SavedText>('PUT', notes, { notes: 'Read: Accelerate', baseVersion: 1 });
    expect(await found('topologies')).toEqual([]);
    expect(await found('initech')).toEqual([]);
    expect(await found('accelerate')).toEqual([met]);
    expect(await found('terraform')).toEqual([met]);
    // Ending the meeting changes nothing of it.
    clock = new Date('2026-03-10T14:31:00Z');
    await api('POST', `/api/interviews/${met}/meeting/end`);
    expect(await found('accelerate')).toEqual([met]);
    expect(await found('station')).toEqual([met]);
  });

  it.skipIf(skip)('finds the write-up, and forgets what was typed over', async () => {
    const write = (version: number, body: Record<string, unknown>) => api<{ version: number }>('PUT', `/api/interviews/${met}/write-up`, { version, ...body });
    await write(0, { learned: 'Platform teams own the zeppelin budget.', gaveBack: 'Sent the quokka checklist', lead: 'An opening at Wombat Labs' });
    expect(await found('zeppelin')).toEqual([met]);
    expect(await found('quokka')).toEqual([met]);
    expect(await found('wombat')).toEqual([met]);
    expect(await found('terraform')).toEqual([met]);

    await write(1, { learned: 'Hiring freezes until spring.', gaveBack: null, lead: null });
    expect(await found('zeppelin')).toEqual([]);
    expect(await found('quokka')).toEqual([]);
    expect(await found('wombat')).toEqual([]);
    expect(await found('freezes')).toEqual([met]);
  });

  it.skipIf(skip)('finds the research notes, and forgets what was typed over', async () => {
    const research = async (body: Record<string, unknown>) => {
      const current = await api<Interview>('GET', `/api/interviews/${met}`);
      return api<Interview>('PATCH', `/api/interviews/${met}/research`, { version: current.version, ...body });
    };
    await research({ researchPerson: 'Wrote a book on origami', researchOrganization: 'Series B, 40 people in Lisbon' });
    expect(await found('origami')).toEqual([met]);
    expect(await found('lisbon')).toEqual([met]);

    await research({ researchPerson: 'Speaks at PyCon' });
    expect(await found('origami')).toEqual([]);
    expect(await found('pycon')).toEqual([met]);
    expect(await found('lisbon')).toEqual([met]);
    await research({ researchOrganization: null });
    expect(await found('lisbon')).toEqual([]);
    // Everything else is still there, and the interview's notes when edited.
    const current = await api<Interview>('GET', `/api/interviews/${met}`);
    await api('PATCH', `/api/interviews/${met}`, { version: current.version, notes: 'Tea this time.' });
    expect(await found('station')).toEqual([]);
    for (const word of ['tea', 'pycon', 'terraform', 'accelerate', 'freezes']) expect(await found(word), word).toEqual([met]);
  });

  it.skipIf(skip)('never finds them for another account, nor another account’s for this one', async () => {
    for (const word of ['tea', 'pycon', 'terraform', 'accelerate', 'freezes']) expect(await found(word, otherCookie), word).toEqual([]);

    const theirs = await scheduled('Lee Elsewhere', 'Nothing yet.', otherCookie);
    const current = await api<Interview>('GET', `/api/interviews/${theirs}`, undefined, 200, otherCookie);
    await api('PATCH', `/api/interviews/${theirs}/research`, { version: current.version, researchPerson: 'Mentors at the narwhal guild' }, 200, otherCookie);
    await event(theirs, { kind: 'held' }, otherCookie);
    await api('PUT', `/api/interviews/${theirs}/write-up`, { version: 0, learned: 'Narwhal guild meets Tuesdays' }, 200, otherCookie);
    expect(await found('narwhal', otherCookie)).toEqual([theirs]);
    expect(await found('narwhal')).toEqual([]);
  });

  it.skipIf(skip)('drops the row of a deleted interview, meeting notes, answers and write-up and all', async () => {
    const current = await api<Interview>('GET', `/api/interviews/${met}`);
    await api('DELETE', `/api/interviews/${met}?version=${current.version}`, undefined, 204);
    expect(await found('terraform')).toEqual([]);
    const rows = await t.db.kysely.selectFrom('interview_search' as never).select(sql<string>`interview_id`.as('id')).execute();
    expect(rows.map((r) => (r as { id: string }).id)).not.toContain(met);
  });
});

/** Every definition a migration could leave behind, to compare two states of the schema. */
async function schema(db: TestDb): Promise<string[]> {
  if (db.dialect === 'sqlite') {
    const { rows } = await sql<{ d: string }>`
      select type || ' ' || name || ' ' || coalesce(sql, '') as d from sqlite_master where name not like 'sqlite_%' order by name`.execute(db.kysely);
    return rows.map((r) => r.d);
  }
  const { rows } = await sql<{ d: string }>`
    select 'function ' || pg_get_functiondef(p.oid) as d from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = current_schema() and p.prokind = 'f'
    union all select 'trigger ' || pg_get_triggerdef(t.oid) from pg_trigger t where not t.tgisinternal
    union all select 'index ' || indexdef from pg_indexes where schemaname = current_schema()
    union all select 'column ' || table_name || '.' || column_name || ' ' || data_type from information_schema.columns where table_schema = current_schema()
    order by 1`.execute(db.kysely);
  return rows.map((r) => r.d);
}

describe.each(DIALECTS)('migration 0011 on %s', (dialect) => {
  const skip = dialectUnavailable(dialect);
  let db: TestDb;
  const now = '2026-11-22T10:00:00.000Z';
  const inTransaction = (work: (trx: Kysely<any>) => Promise<void>) => db.kysely.transaction().execute(work);

  beforeAll(async () => {
    if (skip) return;
    db = await createTestDb(dialect);
  });
  afterAll(async () => {
    await db?.close();
  });

  /** The interviews whose indexed notes hold a word beginning with `word`, read from the index as 0009 and 0011 both keep it. */
  const indexed = async (word: string) => {
    const { rows } =
      dialect === 'sqlite'
        ? await sql<{ id: string }>`
            select s.interview_id as id from interview_fts join interview_search s on s.doc_id = interview_fts.rowid
            where interview_fts match ${`"${word}"*`} order by s.doc_id`.execute(db.kysely)
        : await sql<{ id: string }>`
            select interview_id as id from interview_search where document @@ contact_search_prefix_query(${word}::text) order by doc_id`.execute(db.kysely);
    return rows.map((r) => r.id);
  };
  const searched = async (text: string) => (await searchInterviews(db.kysely, 'u', text, 10)).map((r) => r.id);

  it.skipIf(skip)('indexes what was written before it, and its down puts 0009’s form back exactly', async () => {
    const k = db.kysely;
    await k.insertInto('user').values({ id: 'u', name: 'u', email: 'u@example.com', emailVerified: dialect === 'sqlite' ? 0 : false, image: null, createdAt: now, updatedAt: now }).execute();
    const contact = await contacts.createContact(serviceContext(k, db.dialect), 'u', ContactCreateSchema.parse({ name: 'Ana Park' }));
    const interview = (id: string, notes: string | null, at: string, research: string | null = null) =>
      k
        .insertInto('interview')
        .values({ id, owner_id: 'u', contact_id: contact.id, organization_id: null, stage: 'held', notes, research_person: research, version: 1, created_at: at, updated_at: at })
        .execute();
    await interview('iv-old', 'Beekeeping.', '2026-01-01T10:00:00.000Z');

    await inTransaction((trx) => m0011.down(trx));
    const at0010 = await schema(db);

    // Written while search saw only the notes.
    await interview('iv-new', 'Beekeeping too.', '2026-01-02T10:00:00.000Z', 'Sails a catamaran');
    await k.insertInto('meeting_session').values({ interview_id: 'iv-old', owner_id: 'u', started_at: now, ends_at: now, notes: 'The host runs Kubernetes', notes_version: 1, ended_at: null, updated_at: now }).execute();
    await k
      .insertInto('agenda_item')
      .values([
        { id: 'a2', owner_id: 'u', interview_id: 'iv-old', question_id: null, text: 'Q2', position: 1, answer: 'Second: gardening', answer_version: 1, created_at: now, updated_at: now },
        { id: 'a1', owner_id: 'u', interview_id: 'iv-old', question_id: null, text: 'Q1', position: 0, answer: 'First: marathons', answer_version: 1, created_at: now, updated_at: now },
      ])
      .execute();
    await k
      .insertInto('write_up')
      .values({ interview_id: 'iv-new', owner_id: 'u', learned: 'Hiring in Oslo', information_rating: null, gave_back: null, connection_made: null, lead: 'Zeppelin works', next_step: null, thank_you_subject: null, thank_you_body: null, version: 1, created_at: now, updated_at: now })
      .execute();
    for (const word of ['kubernetes', 'marathons', 'gardening', 'catamaran', 'oslo', 'zeppelin']) expect(await indexed(word), word).toEqual([]);
    expect(await indexed('beekeeping')).toEqual(['iv-old', 'iv-new']);

    await inTransaction((trx) => m0011.up(trx));
    expect(await indexed('kubernetes')).toEqual(['iv-old']);
    expect(await indexed('marathons')).toEqual(['iv-old']);
    expect(await indexed('gardening')).toEqual(['iv-old']);
    expect(await indexed('catamaran')).toEqual(['iv-new']);
    expect(await indexed('oslo')).toEqual(['iv-new']);
    expect(await indexed('zeppelin')).toEqual(['iv-new']);
    // Still newest first, by creation: the rows indexed again kept their place.
    expect(await searched('beekeeping')).toEqual(['iv-new', 'iv-old']);
    expect(await searched('ana kubernetes')).toEqual(['iv-old']);
    if (dialect === 'sqlite') {
      const { rows } = await sql<{ notes: string }>`select notes from interview_search where interview_id = 'iv-old'`.execute(k);
      // Answers in agenda order, each part on its own line.
      expect(rows[0]?.notes).toBe('Beekeeping.\nThe host runs Kubernetes\nFirst: marathons\nSecond: gardening');
    }

    // Down: 0009's triggers, functions and rows again.
    await inTransaction((trx) => m0011.down(trx));
    expect(await schema(db)).toEqual(at0010);
    for (const word of ['kubernetes', 'marathons', 'catamaran', 'oslo', 'zeppelin']) expect(await indexed(word), word).toEqual([]);
    expect(await indexed('beekeeping')).toEqual(['iv-old', 'iv-new']);
    await k.updateTable('meeting_session').set({ notes: 'Now about Terraform' }).where('interview_id', '=', 'iv-old').execute();
    expect(await indexed('terraform')).toEqual([]);
    await k.updateTable('interview').set({ notes: 'Beekeeping and honey.' }).where('id', '=', 'iv-old').execute();
    expect(await indexed('honey')).toEqual(['iv-old']);

    // 0009 built afresh over these interviews is the same form as 0011's down left.
    await inTransaction((trx) => m0009.down(trx));
    await inTransaction((trx) => m0009.up(trx));
    expect(await schema(db)).toEqual(at0010);

    await inTransaction((trx) => m0011.up(trx));
    expect(await indexed('terraform')).toEqual(['iv-old']);
    expect(await indexed('kubernetes')).toEqual([]);
    expect(await searched('honey')).toEqual(['iv-old']);
  });
});
