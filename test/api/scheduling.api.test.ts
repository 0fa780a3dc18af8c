/**
 * Scheduling through the HTTP API on both databases, with a real SMTP server on
 * loopback: the request e-mailed from the outbox, proposed slots, the calendar
 * invite (parsed by two independent parsers), reschedule and cancel with their
 * SEQUENCE, meeting reminders on Today, the daily digest, and the private feed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpTransport, parseSmtpUrlOrThrow, startOutboxWorker, type OutboxWorker } from '../../src/mail/sender.ts';
import { queueDueDigests } from '../../src/services/digest.service.ts';
import type { Contact, Page } from '../../src/shared/api.ts';
import type { Interview, SeekerPreferences, TodayView } from '../../src/shared/plan-api.ts';
import type { CalendarFeedInfo, OutboxItem } from '../../src/shared/schedule-api.ts';
import { readWithIcalJs, readWithPython, python, inCi } from '../calendar/parsers.ts';
import { LoopbackSmtp } from '../mail/loopback-smtp.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS, dialectUnavailable } from '../support/databases.ts';
import { jsonApi } from '../support/json-api.ts';

const FROM = 'Rapport <rapport@example.org>';
const canUsePython = !('missing' in python);

describe.each(DIALECTS)('scheduling API on %s', (dialect) => {
  const skip = dialectUnavailable(dialect);
  let t: TestApp;
  let cookie: string;
  let smtp: LoopbackSmtp;
  let worker: OutboxWorker;
  let transport: ReturnType<typeof createSmtpTransport>;
  let clock = new Date('2026-03-02T15:00:00Z'); // Monday 10:00 in New York

  beforeAll(async () => {
    if (skip) return;
    smtp = await LoopbackSmtp.start();
    t = await createTestApp(dialect);
    t.ctx.now = () => clock;
    t.ctx.publicUrl = 'https://rapport.example.org';
    transport = createSmtpTransport(parseSmtpUrlOrThrow(smtp.url));
    worker = startOutboxWorker({ db: t.ctx.db, transport, from: FROM, now: () => clock, pollMs: null, log: () => {} });
    t.ctx.mail = { from: FROM, messageIdDomain: 'example.org', wake: () => {} };
    ({ cookie } = await t.signUpAndIn('sky@example.com'));
  });
  afterAll(async () => {
    await worker?.stop();
    transport?.close();
    await smtp?.close();
    await t?.close();
  });

  const { call, api } = jsonApi(() => t, () => cookie);
  const event = async (id: string, body: Record<string, unknown>, expected = 200) => {
    const current = await api<Interview>('GET', `/api/interviews/${id}`);
    return api<Interview>('POST', `/api/interviews/${id}/events`, { version: current.version, ...body }, expected);
  };
  const invitesReceived = () =>
    smtp.received.flatMap((mail) => mail.mime.walk().filter((part) => (part.header('content-type') ?? '').startsWith('text/calendar')).map((part) => part.body.toString('utf8')));

  it.skipIf(skip)('e-mails the request, proposes slots, sends an invite that both parsers read, and updates it on reschedule and cancel', async () => {
    await api<SeekerPreferences>('PUT', '/api/preferences', { version: 0, timeZone: 'America/New_York' });
    const dana = await api<Contact>('POST', '/api/contacts', { name: 'Dana Reyes', emails: ['dana@acme.example'], timeZone: 'Europe/London' }, 201);
    const iv = await api<Interview>('POST', '/api/interviews', { contactId: dana.id }, 201);
    await api('PATCH', `/api/interviews/${iv.id}`, { version: 1, requestSubject: 'Your talk on design systems', requestBody: 'Hi Dana, could we talk for 20 minutes?' });

    await event(iv.id, { kind: 'request_sent', channel: 'email', send: true });
    expect((await worker.drainOnce()).sent).toBe(1);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.mime.header('subject')).toBe('Your talk on design systems');
    expect(smtp.received[0]!.envelopeTo).toEqual(['dana@acme.example']);
    expect(smtp.received[0]!.mime.walk().some((part) => part.body.toString('utf8').includes('could we talk for 20 minutes?'))).toBe(true);

    const one = await call('POST', `/api/interviews/${iv.id}/events`, { version: (await api<Interview>('GET', `/api/interviews/${iv.id}`)).version, kind: 'slots_proposed', slots: [{ start: '2026-03-10T14:00:00Z' }] });
    expect(one.status).toBe(400);
    const past = await call('POST', `/api/interviews/${iv.id}/events`, {
      version: (await api<Interview>('GET', `/api/interviews/${iv.id}`)).version,
      kind: 'slots_proposed',
      slots: [{ start: '2026-03-01T14:00:00Z' }, { start: '2026-03-10T14:00:00Z' }],
    });
    expect(past.status).toBe(400);
    expect(past.body.error.details.issues.map((i: { field: string }) => i.field)).toContain('slots.0.start');
    const proposed = await event(iv.id, { kind: 'slots_proposed', slots: [{ start: '2026-03-10T14:00:00Z', minutes: 20 }, { start: '2026-03-11T14:00:00Z', minutes: 20 }] });
    expect(proposed.proposedSlots).toEqual([
      { start: '2026-03-10T14:00:00.000Z', minutes: 20 },
      { start: '2026-03-11T14:00:00.000Z', minutes: 20 },
    ]);

    const noAddress = await call('POST', `/api/interviews/${iv.id}/events`, { version: proposed.version, kind: 'scheduled', meetingAt: '2026-03-11T14:00:00Z', minutes: 20, place: { kind: 'cafe', address: '  ' } });
    expect(noAddress.status).toBe(400);
    const scheduled = await event(iv.id, {
      kind: 'scheduled',
      meetingAt: '2026-03-11T14:00:00Z',
      minutes: 20,
      place: { kind: 'cafe', address: 'Blue Bottle, 1 Ferry Building; "upstairs"' },
      travelMinutes: 25,
      sendInvite: true,
    });
    expect(scheduled).toMatchObject({ stage: 'scheduled', meetingMinutes: 20, travelMinutes: 25, proposedSlots: null, scheduleRevision: 0 });
    expect((await worker.drainOnce()).sent).toBe(1);

    const [invite] = invitesReceived();
    const uid = `interview-${iv.id}@rapport.example.org`;
    for (const parsed of [readWithIcalJs(invite!), ...(canUsePython ? readWithPython([invite!]) : [])]) {
      expect(parsed.method).toBe('REQUEST');
      expect(parsed.attendeeCount).toBe(1);
      expect(parsed.events[0]).toMatchObject({ uid, sequence: 0, summary: 'sky and Dana Reyes: informational interview', location: 'Café: Blue Bottle, 1 Ferry Building; "upstairs"' });
    }
    if ('missing' in python && inCi) throw new Error(python.missing);

    const download = await call('GET', `/api/interviews/${iv.id}/invite.ics`);
    expect(download.status).toBe(200);
    expect(download.type).toBe('text/calendar; charset=utf-8; method=REQUEST');
    expect(readWithIcalJs(download.text).events[0]).toMatchObject({ uid, sequence: 0 });

    await event(iv.id, { kind: 'scheduled', meetingAt: '2026-03-12T14:00:00Z', minutes: 30, place: { kind: 'video', url: 'https://meet.example/abc' }, sendInvite: true });
    await event(iv.id, { kind: 'cancelled', sendInvite: true });
    expect((await worker.drainOnce()).sent).toBe(2);
    // Both were queued at the same instant, so either may leave first; SEQUENCE tells clients which is newer.
    const later = invitesReceived().slice(1).sort((a, b) => Number(/SEQUENCE:(\d+)/.exec(a)?.[1]) - Number(/SEQUENCE:(\d+)/.exec(b)?.[1]));
    const [updated, cancelled] = later;
    expect(readWithIcalJs(updated!)).toMatchObject({ method: 'REQUEST', events: [{ uid, sequence: 1 }] });
    expect(readWithIcalJs(cancelled!)).toMatchObject({ method: 'CANCEL', events: [{ uid, sequence: 2 }] });
    if (canUsePython) expect(readWithPython([cancelled!])[0]).toMatchObject({ method: 'CANCEL', events: [{ uid, sequence: 2 }] });
    expect((await call('GET', `/api/interviews/${iv.id}/invite.ics`)).type).toContain('method=CANCEL');

    const outbox = await api<Page<OutboxItem>>('GET', '/api/outbox');
    expect(outbox.items.map((m) => m.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(outbox.items.filter((m) => m.attachments.some((a) => a.contentType.startsWith('text/calendar')))).toHaveLength(3);
  });

  it.skipIf(skip)('refuses to send without SMTP and writes nothing', async () => {
    const lee = await api<Contact>('POST', '/api/contacts', { name: 'Lee Park', emails: ['lee@example.org'] }, 201);
    const iv = await api<Interview>('POST', '/api/interviews', { contactId: lee.id }, 201);
    await api('PATCH', `/api/interviews/${iv.id}`, { version: 1, requestBody: 'Hi Lee, could we talk?' });
    const mail = t.ctx.mail;
    t.ctx.mail = null;
    try {
      const refused = await call('POST', `/api/interviews/${iv.id}/events`, { version: 2, kind: 'request_sent', channel: 'email', send: true });
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({ code: 'MAIL_NOT_POSSIBLE', message: expect.stringMatching(/SMTP_URL/) });
      expect((await api<Interview>('GET', `/api/interviews/${iv.id}`)).stage).toBe('idea');
      expect(await api('GET', '/api/mail')).toEqual({ configured: false, from: null });
    } finally {
      t.ctx.mail = mail;
    }
    expect(await api('GET', '/api/mail')).toEqual({ configured: true, from: FROM });
  });

  it.skipIf(skip)('reminds the day before, to leave on time, and to thank within 24 hours; Done records the event', async () => {
    clock = new Date('2026-03-02T15:00:00Z');
    const kim = await api<Contact>('POST', '/api/contacts', { name: 'Kim Novak', emails: ['kim@example.org'] }, 201);
    const iv = await api<Interview>('POST', '/api/interviews', { contactId: kim.id }, 201);
    await event(iv.id, { kind: 'request_sent', channel: 'email' });
    // Monday 9 March, 10:00 in New York: the first weekday after the clocks change.
    await event(iv.id, { kind: 'scheduled', meetingAt: '2026-03-09T14:00:00Z', minutes: 30, place: { kind: 'office', address: '200 Park Ave' }, travelMinutes: 45 });

    clock = new Date('2026-03-08T15:00:00Z'); // Sunday 11:00 in New York
    let today = await api<TodayView>('GET', '/api/today');
    const mine = (v: TodayView) => [...v.overdue, ...v.dueToday, ...v.upcoming].filter((x) => x.interviewId === iv.id);
    const confirm = today.dueToday.find((x) => x.interviewId === iv.id && x.kind === 'confirm');
    expect(confirm?.draft).toMatch(/Kim/);
    const leaveBy = mine(today).find((x) => x.kind === 'leave_by');
    expect(leaveBy).toMatchObject({ effectiveDueOn: '2026-03-09', at: '2026-03-09T13:05:00.000Z' });

    today = await api<TodayView>('POST', '/api/tasks/decisions', { key: `${iv.id}:confirm`, status: 'done' });
    expect((await api<Interview>('GET', `/api/interviews/${iv.id}`)).stage).toBe('confirmed');
    expect(mine(today).map((x) => x.kind)).toEqual(['leave_by']);

    clock = new Date('2026-03-09T15:00:00Z');
    await event(iv.id, { kind: 'held' });
    today = await api<TodayView>('GET', '/api/today');
    expect(mine(today)).toMatchObject([{ kind: 'thank_you', at: '2026-03-10T14:30:00.000Z', effectiveDueOn: '2026-03-10' }]);
    await api('POST', '/api/tasks/decisions', { key: `${iv.id}:thank_you`, status: 'done' });
    const thanked = await api<Interview>('GET', `/api/interviews/${iv.id}`);
    expect(thanked.stage).toBe('thanked');

    // Eight weeks after the meeting: stay in touch, and sharing something restarts the cadence.
    clock = new Date('2026-05-04T14:00:00Z');
    today = await api<TodayView>('GET', '/api/today');
    expect(mine(today)).toMatchObject([{ kind: 'stay_in_touch', effectiveDueOn: '2026-05-04' }]);
    const shared = await event(iv.id, { kind: 'value_shared', what: 'An article on workplace design' });
    expect(shared).toMatchObject({ stage: 'staying_in_touch', lastTouchAt: '2026-05-04T14:00:00.000Z' });
    today = await api<TodayView>('GET', '/api/today');
    expect(mine(today).map((x) => [x.kind, x.effectiveDueOn])).toEqual([['stay_in_touch', '2026-08-04']]);
  });

  it.skipIf(skip)('sends the daily digest once a day at the chosen hour', async () => {
    const prefs = await api<SeekerPreferences>('GET', '/api/preferences');
    await api('PUT', '/api/preferences', { version: prefs.version, digestHour: 7 });
    const before = smtp.received.length;
    clock = new Date('2026-05-05T10:30:00Z'); // 06:30 in New York: too early
    expect(await queueDueDigests(t.ctx)).toBe(0);
    const mo = await api<Contact>('POST', '/api/contacts', { name: 'Mo Ali' }, 201);
    const iv = await api<Interview>('POST', '/api/interviews', { contactId: mo.id }, 201);
    await event(iv.id, { kind: 'request_sent', channel: 'email', at: '2026-04-20T14:00:00Z' });
    clock = new Date('2026-05-05T11:30:00Z'); // 07:30
    expect(await queueDueDigests(t.ctx)).toBe(1);
    expect(await queueDueDigests(t.ctx)).toBe(0);
    await worker.drainOnce();
    const digests = smtp.received.slice(before);
    expect(digests).toHaveLength(1);
    expect(digests[0]!.envelopeTo).toEqual(['sky@example.com']);
    expect(digests[0]!.mime.header('subject')).toMatch(/to do today/);
    expect(digests[0]!.mime.walk().some((part) => part.body.toString('utf8').includes('Send one follow-up to Mo Ali'))).toBe(true);
  });

  it.skipIf(skip)("another account reaches none of it: invites, outbox, feed", async () => {
    const { cookie: other } = await t.signUpAndIn('other@example.com');
    const mine = await api<Page<OutboxItem>>('GET', '/api/outbox');
    expect(mine.total).toBeGreaterThan(0);
    const someMessage = mine.items.find((m) => m.cause.kind === 'interview')!;
    const interviewId = someMessage.cause.id;
    expect((await call('GET', `/api/interviews/${interviewId}/invite.ics`)).status).toBe(200);
    expect((await call('GET', `/api/interviews/${interviewId}/invite.ics`, undefined, other)).status).toBe(404);
    expect((await call('POST', `/api/outbox/${someMessage.id}/retry`, undefined, other)).status).toBe(404);
    expect((await call('GET', '/api/outbox', undefined, other)).body.items).toEqual([]);
    expect((await call('GET', '/api/calendar-feed', undefined, other)).body).toMatchObject({ exists: false });
    expect((await call('GET', '/api/outbox', undefined, '')).status).toBe(401);
  });

  it.skipIf(skip)('serves a private calendar feed that can be regenerated and revoked', async () => {
    const created = await api<CalendarFeedInfo>('POST', '/api/calendar-feed', undefined, 201);
    expect(created.url).toMatch(/^https:\/\/rapport\.example\.org\/feed\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(created.webcalUrl).toBe(created.url!.replace('https:', 'webcal:'));
    expect(await api<CalendarFeedInfo>('GET', '/api/calendar-feed')).toMatchObject({ exists: true, url: null });

    const path = new URL(created.url!).pathname;
    const feed = await call('GET', path, undefined, '');
    expect(feed.status).toBe(200);
    expect(feed.type).toBe('text/calendar; charset=utf-8');
    const parsed = readWithIcalJs(feed.text);
    expect(parsed.method).toBeNull();
    expect(parsed.events.some((e) => e.summary === 'Informational interview: Kim Novak')).toBe(true);
    expect(parsed.events.some((e) => e.summary === 'Send one follow-up to Mo Ali')).toBe(true);

    const again = await api<CalendarFeedInfo>('POST', '/api/calendar-feed', undefined, 201);
    expect((await call('GET', path, undefined, '')).status).toBe(404);
    const newPath = new URL(again.url!).pathname;
    expect((await call('GET', newPath, undefined, '')).status).toBe(200);
    await api('DELETE', '/api/calendar-feed', undefined, 204);
    expect((await call('GET', newPath, undefined, '')).status).toBe(404);
    expect((await call('GET', '/feed/not-a-token.ics', undefined, '')).status).toBe(404);
  });
});
