/**
 * Meeting mode through the HTTP API, on both databases: starting it with the
 * agreed end, answers and notes saved over the version they were typed on (and
 * refused with the server's text when that changed), ending it as "held", and
 * nobody else's interview reachable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contact } from '../../src/shared/api.ts';
import type { MeetingView, SavedText } from '../../src/shared/meeting-api.ts';
import type { Interview } from '../../src/shared/plan-api.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS, dialectUnavailable } from '../support/databases.ts';
import { jsonApi } from '../support/json-api.ts';

describe.each(DIALECTS)('meeting mode API on %s', (dialect) => {
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
  const event = async (id: string, body: Record<string, unknown>) => {
    const current = await api<Interview>('GET', `/api/interviews/${id}`);
    return api<Interview>('POST', `/api/interviews/${id}/events`, { version: current.version, ...body });
  };

  /** An interview with `name`, scheduled for `meetingAt` when given. */
  const interviewWith = async (name: string, meetingAt?: string, minutes = 20) => {
    const contact = await api<Contact>('POST', '/api/contacts', { name }, 201);
    const interview = await api<Interview>('POST', '/api/interviews', { contactId: contact.id }, 201);
    if (meetingAt) {
      await event(interview.id, { kind: 'request_sent', channel: 'email' });
      await event(interview.id, { kind: 'reply_received', answer: 'yes' });
      await event(interview.id, { kind: 'scheduled', meetingAt, minutes, place: { kind: 'cafe', address: 'Blue Bottle, 1 Ferry Building' } });
    }
    return interview.id;
  };

  /** Questions picked for an interview, as the agenda planner stores them. */
  const addItems = async (interviewId: string, texts: string[]) => {
    const now = clock.toISOString();
    const rows = texts.map((text, i) => ({
      id: crypto.randomUUID(),
      owner_id: userId,
      interview_id: interviewId,
      question_id: null,
      text,
      position: i,
      created_at: now,
      updated_at: now,
    }));
    // Inserted in reverse, so reading them in order depends on position, not insertion.
    await t.db.kysely.insertInto('agenda_item').values([...rows].reverse()).execute();
    return rows.map((r) => r.id);
  };

  let interviewId: string;
  let itemIds: string[];

  it.skipIf(skip)('refuses meeting mode for an interview that is only an idea', async () => {
    const idea = await interviewWith('Ida Idea');
    const refused = await call('POST', `/api/interviews/${idea}/meeting/start`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('STAGE_TRANSITION_REFUSED');
    expect(refused.body.error.message).toMatch(/scheduled meeting.*idea/);
    const view = await api<MeetingView>('GET', `/api/interviews/${idea}/meeting`);
    expect(view).toMatchObject({ session: null, canStart: false });
  });

  it.skipIf(skip)('shows the agenda in order before the start, with how many questions fit', async () => {
    interviewId = await interviewWith('Dana Reyes', '2026-03-10T14:00:00.000Z', 20);
    itemIds = await addItems(interviewId, ['What does a typical week look like?', 'How did you get into this field?']);
    const view = await api<MeetingView>('GET', `/api/interviews/${interviewId}/meeting`);
    expect(view).toMatchObject({
      interview: { id: interviewId, contactName: 'Dana Reyes', stage: 'scheduled', meetingAt: '2026-03-10T14:00:00.000Z', meetingMinutes: 20 },
      session: null,
      canStart: true,
      questionsThatFit: 4,
    });
    expect(view.items.map((i) => [i.text, i.position, i.answer, i.answerVersion])).toEqual([
      ['What does a typical week look like?', 0, null, 0],
      ['How did you get into this field?', 1, null, 0],
    ]);
  });

  it.skipIf(skip)('starts once, keeping the scheduled end when started 5 minutes late', async () => {
    clock = new Date('2026-03-10T14:05:00Z');
    const started = await api<MeetingView>('POST', `/api/interviews/${interviewId}/meeting/start`);
    expect(started.session).toEqual({
      startedAt: '2026-03-10T14:05:00.000Z',
      endsAt: '2026-03-10T14:20:00.000Z',
      endedAt: null,
      notes: null,
      notesVersion: 0,
    });
    clock = new Date('2026-03-10T14:07:00Z');
    const again = await api<MeetingView>('POST', `/api/interviews/${interviewId}/meeting/start`);
    expect(again.session).toEqual(started.session);
  });

  it.skipIf(skip)('saves an answer over its version and refuses a stale one with the server text', async () => {
    const path = `/api/interviews/${interviewId}/meeting/answers/${itemIds[0]}`;
    expect(await api<SavedText>('PUT', path, { answer: 'Mostly design reviews', baseVersion: 0 })).toEqual({ text: 'Mostly design reviews', version: 1 });

    // Another device typed over version 0 too.
    const stale = await call('PUT', path, { answer: 'Meetings, meetings', baseVersion: 0 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 1, currentText: 'Mostly design reviews' } });

    // A retry of the text already stored (its first answer lost) is not a conflict.
    expect(await api<SavedText>('PUT', path, { answer: 'Mostly design reviews', baseVersion: 0 })).toEqual({ text: 'Mostly design reviews', version: 1 });

    // Keeping mine: sent again over the version the conflict named.
    expect(await api<SavedText>('PUT', path, { answer: 'Meetings, meetings', baseVersion: 1 })).toEqual({ text: 'Meetings, meetings', version: 2 });
    const view = await api<MeetingView>('GET', `/api/interviews/${interviewId}/meeting`);
    expect(view.items.find((i) => i.id === itemIds[0])).toMatchObject({ answer: 'Meetings, meetings', answerVersion: 2 });
    expect(view.items.find((i) => i.id === itemIds[1])).toMatchObject({ answer: null, answerVersion: 0 });

    const tooLong = await call('PUT', path, { answer: 'x'.repeat(20_001), baseVersion: 2 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details.issues[0].field).toBe('answer');
    const unknownItem = await call('PUT', `/api/interviews/${interviewId}/meeting/answers/${crypto.randomUUID()}`, { answer: 'x', baseVersion: 0 });
    expect(unknownItem.status).toBe(404);
  });

  it.skipIf(skip)('saves the free notes the same way', async () => {
    const path = `/api/interviews/${interviewId}/meeting/notes`;
    expect(await api<SavedText>('PUT', path, { notes: 'Names: Sam Lee (Initech)', baseVersion: 0 })).toEqual({ text: 'Names: Sam Lee (Initech)', version: 1 });
    expect(await api<SavedText>('PUT', path, { notes: 'Names: Sam Lee (Initech)\nRead: Team Topologies', baseVersion: 1 })).toMatchObject({ version: 2 });
    const stale = await call('PUT', path, { notes: 'Something else', baseVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toEqual({ currentVersion: 2, currentText: 'Names: Sam Lee (Initech)\nRead: Team Topologies' });
    const view = await api<MeetingView>('GET', `/api/interviews/${interviewId}/meeting`);
    expect(view.session).toMatchObject({ notes: 'Names: Sam Lee (Initech)\nRead: Team Topologies', notesVersion: 2 });
  });

  it.skipIf(skip)('keeps every account out of another one’s meeting', async () => {
    const base = `/api/interviews/${interviewId}/meeting`;
    const attempts = [
      await call('GET', base, undefined, otherCookie),
      await call('POST', `${base}/start`, undefined, otherCookie),
      await call('PUT', `${base}/answers/${itemIds[0]}`, { answer: 'overwritten', baseVersion: 2 }, otherCookie),
      await call('PUT', `${base}/notes`, { notes: 'overwritten', baseVersion: 2 }, otherCookie),
      await call('POST', `${base}/end`, undefined, otherCookie),
    ];
    expect(attempts.map((a) => [a.status, a.body.error.code])).toEqual(Array(5).fill([404, 'NOT_FOUND']));
    // An item id of one interview does not reach through another interview of the same owner.
    const other = await interviewWith('Sam Lee', '2026-03-12T14:00:00.000Z');
    const crossed = await call('PUT', `/api/interviews/${other}/meeting/answers/${itemIds[0]}`, { answer: 'crossed', baseVersion: 2 });
    expect(crossed.status).toBe(404);
    const view = await api<MeetingView>('GET', base);
    expect(view.items[0]).toMatchObject({ answer: 'Meetings, meetings', answerVersion: 2 });
    expect(view.session).toMatchObject({ notesVersion: 2, endedAt: null });
    expect((await api<Interview>('GET', `/api/interviews/${interviewId}`)).stage).toBe('scheduled');
  });

  it.skipIf(skip)('ends the meeting once, marking the interview held', async () => {
    clock = new Date('2026-03-10T14:21:00Z');
    const ended = await api<MeetingView>('POST', `/api/interviews/${interviewId}/meeting/end`);
    expect(ended.session?.endedAt).toBe('2026-03-10T14:21:00.000Z');
    expect(ended.interview.stage).toBe('held');
    const interview = await api<Interview>('GET', `/api/interviews/${interviewId}`);
    expect(interview).toMatchObject({ stage: 'held', heldAt: '2026-03-10T14:21:00.000Z' });

    clock = new Date('2026-03-10T14:30:00Z');
    const again = await api<MeetingView>('POST', `/api/interviews/${interviewId}/meeting/end`);
    expect(again.session?.endedAt).toBe('2026-03-10T14:21:00.000Z');
    expect((await api<Interview>('GET', `/api/interviews/${interviewId}`)).version).toBe(interview.version);
    // Notes can still be finished after the meeting.
    expect(await api<SavedText>('PUT', `/api/interviews/${interviewId}/meeting/notes`, { notes: 'Follow up with Sam', baseVersion: 2 })).toMatchObject({ version: 3 });
  });

  it.skipIf(skip)('runs the meeting’s length from the start when not started near the scheduled time', async () => {
    const later = await interviewWith('Lee Late', '2026-03-10T16:00:00.000Z', 30);
    clock = new Date('2026-03-10T17:00:00Z');
    const view = await api<MeetingView>('POST', `/api/interviews/${later}/meeting/start`);
    expect(view.session).toMatchObject({ startedAt: '2026-03-10T17:00:00.000Z', endsAt: '2026-03-10T17:30:00.000Z' });
    expect(view.questionsThatFit).toBe(7);
    const ending = await call('POST', `/api/interviews/${crypto.randomUUID()}/meeting/end`);
    expect(ending.status).toBe(404);
  });

  it.skipIf(skip)('opens a meeting already held for review, without a running clock', async () => {
    const held = await interviewWith('Hal Held', '2026-03-10T12:00:00.000Z');
    clock = new Date('2026-03-10T18:00:00Z');
    await event(held, { kind: 'held' });
    const view = await api<MeetingView>('POST', `/api/interviews/${held}/meeting/start`);
    expect(view.session).toMatchObject({ startedAt: '2026-03-10T18:00:00.000Z', endedAt: '2026-03-10T18:00:00.000Z' });
    expect(view.interview.stage).toBe('held');
  });

  it.skipIf(skip)('takes two taps on End at once as one end, held once', async () => {
    const twice = await interviewWith('Tia Twice', '2026-03-10T19:00:00.000Z', 30);
    clock = new Date('2026-03-10T19:00:00Z');
    await api<MeetingView>('POST', `/api/interviews/${twice}/meeting/start`);
    const before = await api<Interview>('GET', `/api/interviews/${twice}`);
    clock = new Date('2026-03-10T19:25:00Z');
    const [a, b] = await Promise.all([call('POST', `/api/interviews/${twice}/meeting/end`), call('POST', `/api/interviews/${twice}/meeting/end`)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const after = await api<Interview>('GET', `/api/interviews/${twice}`);
    expect(after).toMatchObject({ stage: 'held', heldAt: '2026-03-10T19:25:00.000Z', version: before.version + 1 });
    expect((await api<MeetingView>('GET', `/api/interviews/${twice}/meeting`)).session?.endedAt).toBe('2026-03-10T19:25:00.000Z');
  });
});
