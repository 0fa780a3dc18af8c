/**
 * Preparing a conversation through the HTTP API, on both databases: the
 * question bank seeded once per account, edited, added to and retired; the
 * questions picked for an interview and the agenda planned from them; research
 * notes; and who may see and change what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_QUESTIONS } from '../../src/core/question-bank.ts';
import type { Contact } from '../../src/shared/api.ts';
import type { Interview } from '../../src/shared/plan-api.ts';
import type { PrepareView, Question, QuestionList } from '../../src/shared/prepare-api.ts';
import { deleteUnansweredAgendaItems } from '../../src/repositories/agenda.repository.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS, dialectUnavailable } from '../support/databases.ts';
import { jsonApi } from '../support/json-api.ts';

describe.each(DIALECTS)('prepare API on %s', (dialect) => {
  const skip = dialectUnavailable(dialect);
  let t: TestApp;
  let cookie: string;
  let otherCookie: string;
  const clock = new Date('2026-03-02T15:00:00Z');

  beforeAll(async () => {
    if (skip) return;
    t = await createTestApp(dialect);
    t.ctx.now = () => clock;
    ({ cookie } = await t.signUpAndIn('seeker@example.com'));
    ({ cookie: otherCookie } = await t.signUpAndIn('other@example.com'));
  });
  afterAll(async () => {
    await t?.close();
  });

  const { call, api } = jsonApi(() => t, () => cookie);
  const bank = (query = '', as = cookie) => api<QuestionList>('GET', `/api/questions${query}`, undefined, 200, as);
  const newInterview = async (name: string) => {
    const contact = await api<Contact>('POST', '/api/contacts', { name }, 201);
    return api<Interview>('POST', '/api/interviews', { contactId: contact.id }, 201);
  };
  const bySeed = (list: QuestionList, key: string) => list.items.find((q) => q.seedKey === key)!;

  it.skipIf(skip)('seeds each bank once, even when two first visits come at once', async () => {
    const [a, b] = await Promise.all([bank(), bank()]);
    expect(a.total).toBe(SEED_QUESTIONS.length);
    expect(a.total).toBeGreaterThanOrEqual(40);
    expect(b.items.map((q) => q.id).sort()).toEqual(a.items.map((q) => q.id).sort());
    const again = await bank();
    expect(again.items.map((q) => q.id)).toEqual(a.items.map((q) => q.id));
    expect(new Set(again.items.map((q) => q.seedKey)).size).toBe(SEED_QUESTIONS.length);
    // In the bank's order: background first, the written order within a category.
    expect(again.items[0]!.seedKey).toBe(SEED_QUESTIONS[0]!.key);
    expect(again.items.map((q) => q.category).indexOf('industry')).toBeGreaterThan(again.items.map((q) => q.category).lastIndexOf('position'));

    // The other account has its own copies.
    const theirs = await bank('', otherCookie);
    expect(theirs.total).toBe(SEED_QUESTIONS.length);
    expect(theirs.items.some((q) => a.items.some((mine) => mine.id === q.id))).toBe(false);
    const rows = await t.db.kysely.selectFrom('question').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(2 * SEED_QUESTIONS.length);
  });

  it.skipIf(skip)('filters by category, TIARA tag and retirement', async () => {
    const education = await bank('?category=education');
    expect(education.total).toBe(SEED_QUESTIONS.filter((q) => q.category === 'education').length);
    expect(education.items.every((q) => q.category === 'education')).toBe(true);
    const trends = await bank('?tiara=trends&category=industry');
    expect(trends.items.map((q) => q.seedKey)).toEqual(SEED_QUESTIONS.filter((q) => q.tiara === 'trends' && q.category === 'industry').map((q) => q.key));
    expect((await bank('?retired=true')).total).toBe(0);
    const bad = await call('GET', '/api/questions?category=hobbies&tiara=gossip');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues.map((i: { field: string }) => i.field).sort()).toEqual(['category', 'tiara']);
  });

  it.skipIf(skip)('adds, edits, retires and restores questions, refusing stale edits', async () => {
    const own = await api<Question>('POST', '/api/questions', { text: '  What   do you look for in a good   mentor? ', category: 'position', tiara: 'advice' }, 201);
    expect(own).toMatchObject({ text: 'What do you look for in a good mentor?', category: 'position', tiara: 'advice', readilyAvailable: false, retired: false, seedKey: null, version: 1 });
    expect((await bank()).items.some((q) => q.id === own.id)).toBe(true);

    const invalid = await call('POST', '/api/questions', { text: '   ', category: 'gossip', tiara: 'advice' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.issues.map((i: { field: string }) => i.field).sort()).toEqual(['category', 'text']);

    const edited = await api<Question>('PATCH', `/api/questions/${own.id}`, { version: 1, text: 'What makes a good mentor here?', readilyAvailable: true, tiara: 'insights' });
    expect(edited).toMatchObject({ text: 'What makes a good mentor here?', readilyAvailable: true, tiara: 'insights', version: 2 });
    const stale = await call('PATCH', `/api/questions/${own.id}`, { version: 1, text: 'Overwritten?' });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 2 } });
    expect((await api<Question>('GET', `/api/questions/${own.id}`)).text).toBe('What makes a good mentor here?');

    // A seeded question is the seeker's to edit too; seeding again leaves the edit alone.
    const seeded = bySeed(await bank(), 'pos-typical-week');
    await api<Question>('PATCH', `/api/questions/${seeded.id}`, { version: seeded.version, text: 'What does a typical week look like on your team?' });
    expect(bySeed(await bank(), 'pos-typical-week').text).toBe('What does a typical week look like on your team?');

    const retired = await api<Question>('PATCH', `/api/questions/${own.id}`, { version: 2, retired: true });
    expect(retired.retired).toBe(true);
    expect((await bank()).items.some((q) => q.id === own.id)).toBe(false);
    expect((await bank('?retired=true')).items.map((q) => q.id)).toEqual([own.id]);
    expect((await bank('?retired=all')).total).toBe(SEED_QUESTIONS.length + 1);
    const restored = await api<Question>('PATCH', `/api/questions/${own.id}`, { version: 3, retired: false });
    expect(restored).toMatchObject({ retired: false, version: 4 });

    // Another account cannot read or change it, and learns nothing about it.
    expect((await call('GET', `/api/questions/${own.id}`, undefined, otherCookie)).status).toBe(404);
    const foreign = await call('PATCH', `/api/questions/${own.id}`, { version: 4, text: 'Mine now' }, otherCookie);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('NOT_FOUND');
    expect((await api<Question>('GET', `/api/questions/${own.id}`)).text).toBe('What makes a good mentor here?');
    expect((await call('PATCH', `/api/questions/${crypto.randomUUID()}`, { version: 1, retired: true })).status).toBe(404);
  });

  it.skipIf(skip)('plans the agenda from the picked questions: 7 of 9 fit in 30 minutes', async () => {
    const interview = await newInterview('Dana Reyes');
    const empty = await api<PrepareView>('GET', `/api/interviews/${interview.id}/prepare`);
    expect(empty).toMatchObject({ interviewId: interview.id, minutes: 30, meetingMinutes: null, items: [], researchPerson: null });
    expect(empty.plan).toMatchObject({ capacity: 7, fitCount: 0, total: 0, summary: '7 questions fit in 30 minutes' });

    const list = await bank();
    const keys = ['ind-trends', 'pos-typical-week', 'ind-what-company-does', 'bg-how-started', 'edu-learned-on-job', 'ind-your-next-step', 'ind-publications', 'pos-best-worst', 'ind-company-size'];
    const picked = keys.map((key) => bySeed(list, key).id);
    const planned = await api<PrepareView>('PUT', `/api/interviews/${interview.id}/agenda`, { agendaVersion: empty.agendaVersion, questionIds: picked });
    expect(planned.items.map((i) => i.questionId)).toEqual(picked);
    expect(planned.items.map((i) => i.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(planned.items[2]).toMatchObject({ text: 'What does your company do?', readilyAvailable: true, category: 'industry', tiara: 'insights', answer: null });
    expect(planned.plan).toMatchObject({ minutes: 30, capacity: 7, fitCount: 7, total: 9, summary: '7 of 9 questions fit in 30 minutes' });
    expect(planned.plan.questions.filter((q) => !q.fits).map((q) => q.text)).toEqual([bySeed(list, 'pos-best-worst').text, bySeed(list, 'ind-company-size').text]);
    // The plan names agenda items, which meeting mode attaches answers to.
    expect(planned.plan.blocks.filter((b) => b.kind === 'question').map((b) => b.questionId)).toEqual(planned.items.slice(0, 7).map((i) => i.id));
    expect(planned.plan.warnings.filter((w) => w.kind === 'readily_available').map((w) => w.questionId)).toEqual([planned.items[2]!.id, planned.items[8]!.id]);
    expect(planned.agendaVersion).not.toBe(empty.agendaVersion);
    expect(await api<PrepareView>('GET', `/api/interviews/${interview.id}/prepare`)).toEqual(planned);

    // Previewing 20 minutes, then a meeting set for 20 minutes.
    expect((await api<PrepareView>('GET', `/api/interviews/${interview.id}/prepare?minutes=20`)).plan).toMatchObject({ capacity: 4, fitCount: 4, summary: '4 of 9 questions fit in 20 minutes' });
    expect((await call('GET', `/api/interviews/${interview.id}/prepare?minutes=5`)).status).toBe(400);
    let iv = await api<Interview>('POST', `/api/interviews/${interview.id}/events`, { version: interview.version, kind: 'request_sent', channel: 'email' });
    iv = await api<Interview>('POST', `/api/interviews/${interview.id}/events`, {
      version: iv.version,
      kind: 'scheduled',
      meetingAt: '2026-03-10T14:00:00Z',
      minutes: 20,
      place: { kind: 'video', url: 'https://meet.example/dana' },
    });
    const scheduled = await api<PrepareView>('GET', `/api/interviews/${interview.id}/prepare`);
    expect(scheduled).toMatchObject({ minutes: 20, meetingMinutes: 20 });
    expect(scheduled.plan.summary).toBe('4 of 9 questions fit in 20 minutes');

    // Stale list: refused, nothing changed.
    const stale = await call('PUT', `/api/interviews/${interview.id}/agenda`, { agendaVersion: empty.agendaVersion, questionIds: picked.slice(0, 2) });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'VERSION_CONFLICT', details: { agendaVersion: planned.agendaVersion } });
    expect((await api<PrepareView>('GET', `/api/interviews/${interview.id}/prepare`)).items).toHaveLength(9);

    const dup = await call('PUT', `/api/interviews/${interview.id}/agenda`, { agendaVersion: planned.agendaVersion, questionIds: [picked[0], picked[0]] });
    expect(dup.status).toBe(400);
  });

  it.skipIf(skip)('keeps answers when reordering, and refuses to drop an answered question', async () => {
    const interview = await newInterview('Kim Novak');
    const list = await bank();
    const [a, b, c, d] = ['bg-how-started', 'ind-trends', 'pos-qualities', 'ind-associations'].map((key) => bySeed(list, key));
    let view = await api<PrepareView>('GET', `/api/interviews/${interview.id}/prepare`);
    view = await api<PrepareView>('PUT', `/api/interviews/${interview.id}/agenda`, { agendaVersion: view.agendaVersion, questionIds: [a!.id, b!.id, c!.id] });
    const itemOf = (v: PrepareView, questionId: string) => v.items.find((i) => i.questionId === questionId)!;
    const bItem = itemOf(view, b!.id);

    // Meeting mode jots an answer (written here as its service would).
    await t.db.kysely.updateTable('agenda_item').set({ answer: 'AI tooling, mostly', answer_version: 1 }).where('id', '=', bItem.id).execute();
    view = await api<PrepareView>('GET', `/api/interviews/${interview.id}/prepare`);

    // Editing the bank never rewrites what is on an agenda.
    await api<Question>('PATCH', `/api/questions/${a!.id}`, { version: a!.version, text: 'Tell me how you started?' });

    const reordered = await api<PrepareView>('PUT', `/api/interviews/${interview.id}/agenda`, { agendaVersion: view.agendaVersion, questionIds: [b!.id, d!.id, a!.id] });
    expect(reordered.items.map((i) => [i.questionId, i.position])).toEqual([
      [b!.id, 0],
      [d!.id, 1],
      [a!.id, 2],
    ]);
    expect(itemOf(reordered, b!.id)).toMatchObject({ id: bItem.id, answer: 'AI tooling, mostly', answerVersion: 1 });
    expect(itemOf(reordered, a!.id).text).toBe(a!.text);
    expect(itemOf(reordered, d!.id).text).toBe(d!.text);

    const drop = await call('PUT', `/api/interviews/${interview.id}/agenda`, { agendaVersion: reordered.agendaVersion, questionIds: [a!.id] });
    expect(drop.status).toBe(400);
    expect(drop.body.error.message).toMatch(/has an answer from the meeting/);
    expect((await api<PrepareView>('GET', `/api/interviews/${interview.id}/prepare`)).items).toHaveLength(3);
  });

  it.skipIf(skip)("refuses retired questions and other accounts' questions", async () => {
    const interview = await newInterview('Lee Chan');
    const list = await bank();
    const keep = bySeed(list, 'ind-growth-areas');
    const retire = bySeed(list, 'edu-grad-school');
    let view = await api<PrepareView>('GET', `/api/interviews/${interview.id}/prepare`);
    view = await api<PrepareView>('PUT', `/api/interviews/${interview.id}/agenda`, { agendaVersion: view.agendaVersion, questionIds: [keep.id] });

    await api<Question>('PATCH', `/api/questions/${retire.id}`, { version: retire.version, retired: true });
    const retired = await call('PUT', `/api/interviews/${interview.id}/agenda`, { agendaVersion: view.agendaVersion, questionIds: [keep.id, retire.id] });
    expect(retired.status).toBe(422);
    expect(retired.body.error).toMatchObject({ code: 'INVALID_REFERENCE', details: { issues: [{ field: 'questionIds.1', message: expect.stringMatching(/retired/) }] } });

    const theirs = bySeed(await bank('', otherCookie), 'ind-growth-areas');
    const foreign = await call('PUT', `/api/interviews/${interview.id}/agenda`, { agendaVersion: view.agendaVersion, questionIds: [theirs.id] });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.code).toBe('INVALID_REFERENCE');
    expect((await api<PrepareView>('GET', `/api/interviews/${interview.id}/prepare`)).items.map((i) => i.questionId)).toEqual([keep.id]);

    // A question retired after it was picked stays on the agenda.
    await api<Question>('PATCH', `/api/questions/${keep.id}`, { version: keep.version, retired: true });
    const kept = await api<PrepareView>('PUT', `/api/interviews/${interview.id}/agenda`, { agendaVersion: view.agendaVersion, questionIds: [keep.id] });
    expect(kept.items.map((i) => i.questionId)).toEqual([keep.id]);
  });

  it.skipIf(skip)('keeps research notes with the interview version, and shows nothing to another account', async () => {
    const interview = await newInterview('Sam Ortiz');
    const saved = await api<Interview>('PATCH', `/api/interviews/${interview.id}/research`, {
      version: interview.version,
      researchPerson: 'Ten years at **Acme**; wrote about\r\nrobotics hiring trends.',
      researchOrganization: 'Acme Robotics: 200 people, Series C.',
    });
    expect(saved.version).toBe(interview.version + 1);
    const view = await api<PrepareView>('GET', `/api/interviews/${interview.id}/prepare`);
    expect(view).toMatchObject({
      interviewVersion: saved.version,
      researchPerson: 'Ten years at **Acme**; wrote about\nrobotics hiring trends.',
      researchOrganization: 'Acme Robotics: 200 people, Series C.',
    });
    const stale = await call('PATCH', `/api/interviews/${interview.id}/research`, { version: interview.version, researchPerson: 'lost?' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    const cleared = await api<Interview>('PATCH', `/api/interviews/${interview.id}/research`, { version: saved.version, researchOrganization: '  ' });
    expect((await api<PrepareView>('GET', `/api/interviews/${interview.id}/prepare`)).researchOrganization).toBeNull();
    expect(cleared.version).toBe(saved.version + 1);

    // Another account: 404 for every part of it, and nothing changed.
    const mine = bySeed(await bank(), 'ind-trends');
    for (const [method, path, body] of [
      ['GET', `/api/interviews/${interview.id}/prepare`, undefined],
      ['PUT', `/api/interviews/${interview.id}/agenda`, { agendaVersion: view.agendaVersion, questionIds: [] }],
      ['PATCH', `/api/interviews/${interview.id}/research`, { version: cleared.version, researchPerson: 'x' }],
    ] as const) {
      const r = await call(method, path, body, otherCookie);
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.body.error.code).toBe('NOT_FOUND');
    }
    const theirs = await newInterviewFor(otherCookie);
    const theirView = await api<PrepareView>('GET', `/api/interviews/${theirs}/prepare`, undefined, 200, otherCookie);
    const withMine = await call('PUT', `/api/interviews/${theirs}/agenda`, { agendaVersion: theirView.agendaVersion, questionIds: [mine.id] }, otherCookie);
    expect(withMine.status).toBe(422);
    expect((await api<PrepareView>('GET', `/api/interviews/${interview.id}/prepare`)).researchPerson).toMatch(/^Ten years/);
    expect((await call('GET', `/api/interviews/${crypto.randomUUID()}/prepare`)).status).toBe(404);
    expect((await call('GET', '/api/interviews/not-an-id/prepare')).status).toBe(404);
  });

  it.skipIf(skip)('never deletes an item whose answer arrived after the agenda was read', async () => {
    // Saving an answer does not lock the interview, so on PostgreSQL an answer can commit between an agenda
    // edit's read and its delete. The delete itself keeps answered items, and the edit is refused.
    const interview = await newInterview('Race Case');
    const list = await bank();
    const empty = await api<PrepareView>('GET', `/api/interviews/${interview.id}/prepare`);
    const planned = await api<PrepareView>('PUT', `/api/interviews/${interview.id}/agenda`, {
      agendaVersion: empty.agendaVersion,
      questionIds: [list.items[0]!.id, list.items[1]!.id],
    });
    const [answered, unanswered] = planned.items.map((item) => item.id);
    await t.ctx.db.updateTable('agenda_item').set({ answer: 'Said after the read' }).where('id', '=', answered!).execute();
    const ownerId = (await t.ctx.db.selectFrom('interview').select('owner_id').where('id', '=', interview.id).executeTakeFirstOrThrow()).owner_id;
    expect(await deleteUnansweredAgendaItems(t.ctx.db, ownerId, [answered!, unanswered!])).toBe(1);
    const left = await t.ctx.db.selectFrom('agenda_item').select(['id', 'answer']).where('interview_id', '=', interview.id).execute();
    expect(left).toEqual([{ id: answered, answer: 'Said after the read' }]);
  });

  it.skipIf(skip)('answers 401 to anonymous requests on every prepare route', async () => {
    const someId = crypto.randomUUID();
    for (const [method, path, body] of [
      ['GET', '/api/questions', undefined],
      ['POST', '/api/questions', { text: 'Anon?', category: 'position', tiara: 'advice' }],
      ['PATCH', `/api/questions/${someId}`, { version: 1, retired: true }],
      ['GET', `/api/interviews/${someId}/prepare`, undefined],
      ['PUT', `/api/interviews/${someId}/agenda`, { agendaVersion: '0-811c9dc5', questionIds: [] }],
      ['PATCH', `/api/interviews/${someId}/research`, { version: 1, researchPerson: 'x' }],
    ] as const) {
      const r = await t.request(method, path, { body });
      expect(r.status, `${method} ${path}`).toBe(401);
    }
  });

  const newInterviewFor = async (as: string) => {
    const contact = await api<Contact>('POST', '/api/contacts', { name: 'Pat Doe' }, 201, as);
    return (await api<Interview>('POST', '/api/interviews', { contactId: contact.id }, 201, as)).id;
  };
});
