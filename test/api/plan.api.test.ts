/**
 * Planning and asking through the HTTP API, on both databases: preferences,
 * targets and warm paths, interviews and their stages, the 3B7 follow-ups on
 * Today with the clock moved by business days, and who may see what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contact, Page } from '../../src/shared/api.ts';
import type {
  ComposedRequest,
  ContactLinks,
  Interview,
  InterviewListItem,
  SeekerPreferences,
  Target,
  TargetDetail,
  TargetList,
  TimelineEntry,
  TodayView,
} from '../../src/shared/plan-api.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS, dialectUnavailable } from '../support/databases.ts';
import { jsonApi } from '../support/json-api.ts';

describe.each(DIALECTS)('plan and ask API on %s', (dialect) => {
  const skip = dialectUnavailable(dialect);
  let t: TestApp;
  let cookie: string;
  let otherCookie: string;
  let clock = new Date('2026-03-02T15:00:00Z'); // Monday 10:00 in New York

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
  const contact = (name: string, extra: Record<string, unknown> = {}) => api<Contact>('POST', '/api/contacts', { name, ...extra }, 201);
  const event = (id: string, body: Record<string, unknown>) =>
    api<Interview>('GET', `/api/interviews/${id}`).then((i) => api<Interview>('POST', `/api/interviews/${id}/events`, { version: i.version, ...body }));

  it.skipIf(skip)('keeps preferences with defaults, versions and clear refusals', async () => {
    const defaults = await api<SeekerPreferences>('GET', '/api/preferences');
    expect(defaults).toMatchObject({ workingDays: [1, 2, 3, 4, 5], weeklyRequestGoal: 5, activeTargetLimit: 5, affinityTags: [], version: 0 });
    const saved = await api<SeekerPreferences>('PUT', '/api/preferences', {
      version: 0,
      timeZone: 'America/New_York',
      affinityTags: ['Stanford'],
      weeklyRequestGoal: 4,
    });
    expect(saved).toMatchObject({ timeZone: 'America/New_York', affinityTags: ['Stanford'], weeklyRequestGoal: 4, version: 1 });

    const stale = await call('PUT', '/api/preferences', { version: 0, weeklyRequestGoal: 9 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 1 } });

    const bad = await call('PUT', '/api/preferences', { version: 1, workingDays: [], timeZone: 'Mars/Olympus' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues.map((i: { field: string }) => i.field).sort()).toEqual(['timeZone', 'workingDays']);
    expect((await api<SeekerPreferences>('GET', '/api/preferences')).weeklyRequestGoal).toBe(4);
  });

  it.skipIf(skip)('ranks targets, computes advocacy from the network and names each warm path step', async () => {
    const acme = await api<Target>('POST', '/api/targets', { organizationName: 'Acme Robotics', motivation: 3, openPostings: false }, 201);
    const globex = await api<Target>('POST', '/api/targets', { organizationName: 'Globex', motivation: 3, openPostings: true }, 201);
    const initech = await api<Target>('POST', '/api/targets', { organizationName: 'Initech', motivation: 1, openPostings: true }, 201);
    const dup = await call('POST', '/api/targets', { organizationName: '  acme   ROBOTICS ' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('DUPLICATE');

    // Wendy (known) knows Dana (at Acme, not met); Sam is known and works at Initech.
    const wendy = await contact('Wendy Park');
    const dana = await contact('Dana Reyes', { organizationId: acme.organization.id, knownPersonally: false, tags: ['Stanford'] });
    await contact('Sam Lee', { organizationId: initech.organization.id });
    await api<ContactLinks>('PUT', `/api/contacts/${wendy.id}/links/${dana.id}`);

    const list = await api<TargetList>('GET', '/api/targets');
    expect(list.items.map((x) => [x.organization.name, x.advocacy])).toEqual([
      ['Globex', 'none'],
      ['Acme Robotics', 'introduction'],
      ['Initech', 'known_contact'],
    ]);
    expect(list.goal).toEqual({ count: 3, goal: 40, remaining: 37 });

    const detail = await api<TargetDetail>('GET', `/api/targets/${acme.id}`);
    expect(detail.warmPaths.contactsThere).toEqual([{ id: dana.id, name: 'Dana Reyes', knownPersonally: false, sharedTags: ['stanford'] }]);
    expect(detail.warmPaths.introductions.map((p) => [p.hops, p.steps.map((s) => s.sentence)])).toEqual([
      [2, ['Ask Wendy Park to introduce you to Dana Reyes.']],
    ]);

    const edited = await api<Target>('PATCH', `/api/targets/${globex.id}`, { version: 1, motivation: 2 });
    expect(edited).toMatchObject({ motivation: 2, version: 2 });
    expect((await call('PATCH', `/api/targets/${globex.id}`, { version: 1, motivation: 1 })).status).toBe(409);
  });

  it.skipIf(skip)('warns when more targets are active than the limit', async () => {
    for (const name of ['A1', 'A2', 'A3', 'A4', 'A5']) await api('POST', '/api/targets', { organizationName: name, active: true }, 201);
    expect((await api<TargetList>('GET', '/api/targets')).activeWarning).toBeNull();
    await api('POST', '/api/targets', { organizationName: 'A6', active: true }, 201);
    const list = await api<TargetList>('GET', '/api/targets');
    expect(list.activeCount).toBe(6);
    expect(list.activeWarning).toMatch(/6 active targets.*at most 5/);
  });

  it.skipIf(skip)('moves an interview through its stages and refuses what cannot happen', async () => {
    const kim = await contact('Kim Novak');
    const created = await api<Interview>('POST', '/api/interviews', { contactId: kim.id }, 201);
    expect(created).toMatchObject({ stage: 'idea', version: 1 });
    expect(created.allowedEvents).toEqual(['request_sent', 'cancelled']);

    const thanks = await call('POST', `/api/interviews/${created.id}/events`, { version: 1, kind: 'thanked' });
    expect(thanks.status).toBe(409);
    expect(thanks.body.error.code).toBe('STAGE_TRANSITION_REFUSED');
    expect(thanks.body.error.message).toMatch(/meeting that happened/);

    const future = await call('POST', `/api/interviews/${created.id}/events`, { version: 1, kind: 'request_sent', channel: 'email', at: '2026-03-09T10:00:00Z' });
    expect(future.status).toBe(400);
    expect(future.body.error.details.issues[0].field).toBe('at');

    const draft = await api<Interview>('PATCH', `/api/interviews/${created.id}`, { version: 1, requestTemplate: 'email', requestBody: 'Hello Kim' });
    expect(draft).toMatchObject({ requestBody: 'Hello Kim', version: 2 });
    const stale = await call('POST', `/api/interviews/${created.id}/events`, { version: 1, kind: 'request_sent', channel: 'email' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');

    let iv = await api<Interview>('POST', `/api/interviews/${created.id}/events`, { version: 2, kind: 'request_sent', channel: 'email' });
    expect(iv).toMatchObject({ stage: 'requested', requestChannel: 'email', requestSentAt: clock.toISOString() });
    const early = await call('POST', `/api/interviews/${created.id}/events`, { version: iv.version, kind: 'reply_received', answer: 'yes', at: '2026-03-01T10:00:00Z' });
    expect(early.status).toBe(400);

    iv = await event(created.id, { kind: 'scheduled', meetingAt: '2026-03-10T14:00:00Z', place: { kind: 'video', url: 'https://meet.example/kim' } });
    clock = new Date('2026-03-10T15:00:00Z');
    iv = await event(created.id, { kind: 'held' });
    iv = await event(created.id, { kind: 'thanked' });
    expect(iv.stage).toBe('thanked');

    const timeline = await api<{ items: TimelineEntry[] }>('GET', `/api/interviews/${created.id}/timeline`);
    expect(timeline.items.map((e) => [e.kind, e.stage])).toEqual([
      ['created', 'idea'],
      ['request_sent', 'requested'],
      ['scheduled', 'scheduled'],
      ['held', 'held'],
      ['thanked', 'thanked'],
    ]);
    expect(timeline.items[1]!.detail).toEqual({ channel: 'email' });
    const onContact = await api<{ items: TimelineEntry[] }>('GET', `/api/contacts/${kim.id}/timeline`);
    expect(onContact.items.map((e) => e.interviewId)).toEqual(timeline.items.map(() => created.id));

    // Once is enough: a second interview with Kim needs her invitation.
    const again = await call('POST', '/api/interviews', { contactId: kim.id });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'ONCE_IS_ENOUGH', details: { interviewId: created.id } });
    const invited = await api<Interview>('POST', '/api/interviews', { contactId: kim.id, hostInvitedAgain: true }, 201);
    expect(invited.hostInvitedAgain).toBe(true);
    const duplicate = await call('POST', '/api/interviews', { contactId: kim.id, hostInvitedAgain: true });
    expect(duplicate.body.error).toMatchObject({ code: 'DUPLICATE', details: { interviewId: invited.id } });

    const list = await api<Page<InterviewListItem>>('GET', `/api/interviews?contactId=${kim.id}&stage=open`);
    expect(list.items.map((i) => i.id)).toEqual([invited.id]);
    const met = await api<Page<InterviewListItem>>('GET', `/api/interviews?contactId=${kim.id}&stage=met`);
    expect(met.items.map((i) => i.id)).toEqual([created.id]);
    expect((await api<Page<InterviewListItem>>('GET', `/api/interviews?contactId=${kim.id}&stage=closed`)).items).toEqual([]);
  });

  it.skipIf(skip)('records a request sent before the interview was entered, with its real date', async () => {
    clock = new Date('2026-05-11T15:00:00Z');
    const ola = await contact('Ola Berg');
    const iv = await api<Interview>('POST', '/api/interviews', { contactId: ola.id }, 201);
    const sent = await api<Interview>('POST', `/api/interviews/${iv.id}/events`, { version: 1, kind: 'request_sent', channel: 'email', at: '2026-04-29T09:00:00Z' });
    expect(sent.requestSentAt).toBe('2026-04-29T09:00:00.000Z');
    const before = await call('POST', `/api/interviews/${iv.id}/events`, { version: sent.version, kind: 'reply_received', answer: 'yes', at: '2026-04-28T09:00:00Z' });
    expect(before.status).toBe(400);
    expect(before.body.error.details.issues[0]).toMatchObject({ field: 'at' });
    const today = await api<TodayView>('GET', '/api/today');
    expect(today.workingDays).toEqual([1, 2, 3, 4, 5]);
    expect(today.overdue.filter((task) => task.interviewId === iv.id).map((task) => [task.kind, task.dueOn])).toEqual([
      ['second_contact', '2026-05-04'],
      ['follow_up', '2026-05-08'],
    ]);
  });

  it.skipIf(skip)('derives 3B7 tasks on Today by business days, and closes a request after silence', async () => {
    clock = new Date('2026-03-02T15:00:00Z'); // Monday
    const org = await api<Target>('POST', '/api/targets', { organizationName: 'Umbrella' }, 201);
    const lou = await contact('Lou Ortiz', { organizationId: org.organization.id });
    const iv = await api<Interview>('POST', '/api/interviews', { contactId: lou.id }, 201);
    await api('POST', `/api/interviews/${iv.id}/events`, { version: iv.version, kind: 'request_sent', channel: 'linkedin' });

    let today = await api<TodayView>('GET', '/api/today');
    expect(today.weekly).toMatchObject({ sent: 2, goal: 4, weekStart: '2026-03-02' });
    const mine = (v: TodayView) => [...v.overdue, ...v.dueToday, ...v.upcoming].filter((task) => task.interviewId === iv.id);
    expect(mine(today).map((task) => [task.kind, task.dueOn])).toEqual([
      ['second_contact', '2026-03-05'],
      ['follow_up', '2026-03-11'],
    ]);
    expect(mine(today)[0]!.title).toBe('Try a second contact at Umbrella');

    clock = new Date('2026-03-05T14:00:00Z'); // Thursday: 3 business days later
    today = await api<TodayView>('GET', '/api/today');
    expect(today.dueToday.filter((task) => task.interviewId === iv.id).map((task) => task.kind)).toEqual(['second_contact']);

    // Snooze it to Saturday: it comes back on Monday, a working day.
    today = await api<TodayView>('POST', '/api/tasks/decisions', { key: `${iv.id}:second_contact`, status: 'snoozed', snoozedUntil: '2026-03-07' });
    expect(mine(today).find((task) => task.kind === 'second_contact')).toMatchObject({ snoozed: true, effectiveDueOn: '2026-03-09' });
    const past = await call('POST', '/api/tasks/decisions', { key: `${iv.id}:second_contact`, status: 'snoozed', snoozedUntil: '2026-03-05' });
    expect(past.status).toBe(400);
    today = await api<TodayView>('POST', '/api/tasks/decisions', { key: `${iv.id}:second_contact`, status: 'dismissed' });
    expect(mine(today).map((task) => task.kind)).toEqual(['follow_up']);

    clock = new Date('2026-03-12T14:00:00Z'); // the follow-up is overdue
    today = await api<TodayView>('GET', '/api/today');
    expect(today.overdue.filter((task) => task.interviewId === iv.id).map((task) => task.kind)).toEqual(['follow_up']);
    // Done on the follow-up task records the follow-up itself, once.
    today = await api<TodayView>('POST', '/api/tasks/decisions', { key: `${iv.id}:follow_up`, status: 'done' });
    expect(mine(today)).toEqual([]);
    const followed = await api<Interview>('GET', `/api/interviews/${iv.id}`);
    expect(followed.followUpSentAt).toBe('2026-03-12T14:00:00.000Z');
    const second = await call('POST', `/api/interviews/${iv.id}/events`, { version: followed.version, kind: 'follow_up_sent' });
    expect(second.body.error.code).toBe('STAGE_TRANSITION_REFUSED');

    clock = new Date('2026-03-20T14:00:00Z'); // Friday: 6 business days after the follow-up
    expect((await api<Interview>('GET', `/api/interviews/${iv.id}`)).stage).toBe('requested');
    clock = new Date('2026-03-23T14:00:00Z'); // Monday: the 7th
    today = await api<TodayView>('GET', '/api/today');
    expect(today.closedForSilence).toEqual([{ interviewId: iv.id, contact: { id: lou.id, name: 'Lou Ortiz' } }]);
    const closed = await api<Interview>('GET', `/api/interviews/${iv.id}`);
    expect(closed.stage).toBe('no_reply');
    expect((await api<Contact>('GET', `/api/contacts/${lou.id}`)).responsiveness).toBe('curmudgeon');

    // A late reply reopens it and makes Lou an obligate.
    const reopened = await api<Interview>('POST', `/api/interviews/${iv.id}/events`, { version: closed.version, kind: 'reply_received', answer: 'yes' });
    expect(reopened.stage).toBe('requested');
    expect((await api<Contact>('GET', `/api/contacts/${lou.id}`)).responsiveness).toBe('obligate');
  });

  it.skipIf(skip)('a reply within 3 business days makes a booster and closes the tasks', async () => {
    clock = new Date('2026-04-06T15:00:00Z'); // Monday
    const max = await contact('Max Ito');
    const iv = await api<Interview>('POST', '/api/interviews', { contactId: max.id }, 201);
    await api('POST', `/api/interviews/${iv.id}/events`, { version: iv.version, kind: 'request_sent', channel: 'email' });
    clock = new Date('2026-04-09T20:00:00Z'); // Thursday afternoon in New York
    const replied = await event(iv.id, { kind: 'reply_received', answer: 'yes' });
    expect(replied.stage).toBe('requested');
    const today = await api<TodayView>('GET', '/api/today');
    expect([...today.overdue, ...today.dueToday, ...today.upcoming].filter((task) => task.interviewId === iv.id)).toEqual([]);
    expect((await api<Contact>('GET', `/api/contacts/${max.id}`)).responsiveness).toBe('booster');
  });

  it.skipIf(skip)('composes a request naming the person who connects the seeker', async () => {
    const mia = await contact('Mia Chen');
    const raj = await contact('Raj Patel', { knownPersonally: false, emails: ['raj@example.com'] });
    await api('PUT', `/api/contacts/${mia.id}/links/${raj.id}`);
    const iv = await api<Interview>('POST', '/api/interviews', { contactId: raj.id }, 201);
    const composed = await api<ComposedRequest>('GET', `/api/interviews/${iv.id}/compose?template=email`);
    expect(composed.sharedConnectionName).toBe('Mia Chen');
    expect(composed.introducer).toEqual({ id: mia.id, name: 'Mia Chen' });
    expect(composed.body).toContain('Mia');
    expect(composed.mailto).toMatch(/^mailto:raj%40example\.com\?subject=/);
    const bad = await call('GET', `/api/interviews/${iv.id}/compose?template=fax`);
    expect(bad.status).toBe(400);
  });

  it.skipIf(skip)('refuses impossible dates and reopening a follow-up already sent; accepts task keys in any case', async () => {
    clock = new Date('2026-06-01T15:00:00Z');
    const pia = await contact('Pia Holm');
    const iv = await api<Interview>('POST', '/api/interviews', { contactId: pia.id }, 201);
    const ancient = await call('POST', `/api/interviews/${iv.id}/events`, { version: 1, kind: 'request_sent', channel: 'email', at: '0026-06-01T09:00:00Z' });
    expect(ancient.status).toBe(400);
    expect(ancient.body.error.details.issues[0]).toMatchObject({ field: 'at', message: expect.stringMatching(/check the year/) });
    await api('POST', `/api/interviews/${iv.id}/events`, { version: 1, kind: 'request_sent', channel: 'email', at: '2026-05-01T09:00:00Z' });

    const june31 = await call('POST', '/api/tasks/decisions', { key: `${iv.id}:second_contact`, status: 'snoozed', snoozedUntil: '2026-06-31' });
    expect(june31.status).toBe(400);
    expect(june31.body.error.details.issues[0].field).toBe('snoozedUntil');
    expect((await call('GET', '/api/today')).status).toBe(200);

    const dismissed = await api<TodayView>('POST', '/api/tasks/decisions', { key: `${iv.id.toUpperCase()}:second_contact`, status: 'dismissed' });
    expect([...dismissed.overdue, ...dismissed.dueToday, ...dismissed.upcoming].filter((task) => task.interviewId === iv.id).map((task) => task.kind)).toEqual(['follow_up']);

    await api('POST', '/api/tasks/decisions', { key: `${iv.id}:follow_up`, status: 'done' });
    const reopen = await call('POST', '/api/tasks/decisions', { key: `${iv.id}:follow_up`, status: 'open' });
    expect(reopen.status).toBe(409);
    expect(reopen.body.error.message).toMatch(/recorded as sent/);
  });

  it.skipIf(skip)('lets only one of several simultaneous starts open an interview', async () => {
    const quinn = await contact('Quinn Diaz');
    const results = await Promise.all(Array.from({ length: 4 }, () => call('POST', '/api/interviews', { contactId: quinn.id })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    const winner = results.find((r) => r.status === 201)!.body as Interview;
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.error).toMatchObject({ code: 'DUPLICATE', details: { interviewId: winner.id } });
  });

  it.skipIf(skip)('follows the contact to a new organization until they meet, and classifies a reply implied by scheduling', async () => {
    clock = new Date('2026-06-08T15:00:00Z');
    const rio = await contact('Rio Tanaka');
    const iv = await api<Interview>('POST', '/api/interviews', { contactId: rio.id }, 201);
    expect(iv.organization).toBeNull();
    const hooli = await api<Target>('POST', '/api/targets', { organizationName: 'Hooli' }, 201);
    await api('PATCH', `/api/contacts/${rio.id}`, { version: rio.version, organizationId: hooli.organization.id });
    const sent = await api<Interview>('POST', `/api/interviews/${iv.id}/events`, { version: iv.version, kind: 'request_sent', channel: 'email' });
    expect(sent.organization).toEqual({ id: hooli.organization.id, name: 'Hooli' });
    expect((await api<Target>('GET', `/api/targets/${hooli.id}`)).openInterviewCount).toBe(1);
    await event(iv.id, { kind: 'scheduled', meetingAt: '2026-06-16T14:00:00Z', place: { kind: 'phone', whoCalls: 'seeker', number: null } });
    expect((await api<Contact>('GET', `/api/contacts/${rio.id}`)).responsiveness).toBe('booster');
  });

  it.skipIf(skip)('drafts an introduction through the person the seeker knows on a longer path', async () => {
    const ann = await contact('Ann Known');
    const bob = await contact('Bob Between', { knownPersonally: false });
    const cy = await contact('Cy Target', { knownPersonally: false });
    await api('PUT', `/api/contacts/${ann.id}/links/${bob.id}`);
    await api('PUT', `/api/contacts/${bob.id}/links/${cy.id}`);
    const iv = await api<Interview>('POST', '/api/interviews', { contactId: cy.id }, 201);
    const email = await api<ComposedRequest>('GET', `/api/interviews/${iv.id}/compose?template=email`);
    expect(email.sharedConnectionName).toBeNull();
    expect(email.body).not.toContain('Bob');
    const intro = await api<ComposedRequest>('GET', `/api/interviews/${iv.id}/compose?template=intro_request`);
    expect(intro.introducer).toEqual({ id: ann.id, name: 'Ann Known' });
    expect(intro.body).toMatch(/^Hi Ann/);
    expect(intro.body).toContain('Bob Between');
  });

  it.skipIf(skip)("another account reaches none of it", async () => {
    const own = await contact('Private Person');
    const iv = await api<Interview>('POST', '/api/interviews', { contactId: own.id }, 201);
    const target = await api<Target>('POST', '/api/targets', { organizationName: 'Secret Co' }, 201);
    const theirs = (await call('POST', '/api/contacts', { name: 'Their Contact' }, otherCookie)).body as Contact;

    for (const [method, path] of [
      ['GET', `/api/interviews/${iv.id}`],
      ['GET', `/api/interviews/${iv.id}/timeline`],
      ['GET', `/api/interviews/${iv.id}/compose`],
      ['GET', `/api/targets/${target.id}`],
      ['GET', `/api/contacts/${own.id}/timeline`],
      ['GET', `/api/contacts/${own.id}/links`],
    ] as const) {
      const r = await call(method, path, undefined, otherCookie);
      expect(r.status, `${method} ${path}`).toBe(404);
    }
    expect((await call('POST', `/api/interviews/${iv.id}/events`, { version: 1, kind: 'cancelled' }, otherCookie)).status).toBe(404);
    expect((await call('PATCH', `/api/targets/${target.id}`, { version: 1, motivation: 1 }, otherCookie)).status).toBe(404);
    expect((await call('POST', '/api/tasks/decisions', { key: `${iv.id}:follow_up`, status: 'dismissed' }, otherCookie)).status).toBe(404);
    expect((await call('POST', '/api/interviews', { contactId: own.id }, otherCookie)).body.error.code).toBe('INVALID_REFERENCE');
    expect((await call('PUT', `/api/contacts/${theirs.id}/links/${own.id}`, undefined, otherCookie)).status).toBe(404);
    expect((await call('GET', '/api/interviews', undefined, otherCookie)).body.items).toEqual([]);
    expect((await call('GET', '/api/targets', undefined, otherCookie)).body.items).toEqual([]);
    expect((await call('GET', '/api/interviews/not-an-id', undefined, otherCookie)).status).toBe(404);
    expect((await call('GET', '/api/today', undefined, '')).status).toBe(401);
  });
});
