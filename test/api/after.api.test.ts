/**
 * After the meeting through the HTTP API on both databases, with a real SMTP
 * server on loopback: write-up → referral contacts introduced by the host →
 * thank-you draft naming a specific from the notes → sent by e-mail with the
 * `held → thanked` transition, arriving once; the referrer task on Today;
 * outcomes linked to conversations; and another account kept out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpTransport, parseSmtpUrlOrThrow, startOutboxWorker, type OutboxWorker } from '../../src/mail/sender.ts';
import type { AfterSummary, Outcome, Referral, ThankYou, WriteUp } from '../../src/shared/after-api.ts';
import type { Contact } from '../../src/shared/api.ts';
import type { Interview, TodayView } from '../../src/shared/plan-api.ts';
import { LoopbackSmtp } from '../mail/loopback-smtp.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS, dialectUnavailable } from '../support/databases.ts';
import { jsonApi } from '../support/json-api.ts';

const FROM = 'Rapport <rapport@example.org>';

describe.each(DIALECTS)('after-meeting API on %s', (dialect) => {
  const skip = dialectUnavailable(dialect);
  let t: TestApp;
  let cookie: string;
  let other: string;
  let smtp: LoopbackSmtp;
  let worker: OutboxWorker;
  let transport: ReturnType<typeof createSmtpTransport>;
  let clock = new Date('2026-03-10T15:00:00Z');

  beforeAll(async () => {
    if (skip) return;
    smtp = await LoopbackSmtp.start();
    t = await createTestApp(dialect);
    t.ctx.now = () => clock;
    transport = createSmtpTransport(parseSmtpUrlOrThrow(smtp.url));
    worker = startOutboxWorker({ db: t.ctx.db, transport, from: FROM, now: () => clock, pollMs: null, log: () => {} });
    t.ctx.mail = { from: FROM, messageIdDomain: 'example.org', wake: () => {} };
    ({ cookie } = await t.signUpAndIn('sky@example.com'));
    ({ cookie: other } = await t.signUpAndIn('eve@example.com'));
  });
  afterAll(async () => {
    await worker?.stop();
    transport?.close();
    await smtp?.close();
    await t?.close();
  });

  const { call, api } = jsonApi(() => t, () => cookie);
  const event = async (id: string, body: Record<string, unknown>, as: string = cookie) => {
    const current = await api<Interview>('GET', `/api/interviews/${id}`, undefined, 200, as);
    return api<Interview>('POST', `/api/interviews/${id}/events`, { version: current.version, ...body }, 200, as);
  };
  /** An interview with `name` up to the meeting, held at 14:00–14:30 UTC on 10 March when `held`. */
  const interviewWith = async (name: string, email: string | null, held: boolean, as: string = cookie): Promise<Interview> => {
    const contact = await api<Contact>('POST', '/api/contacts', { name, emails: email ? [email] : [] }, 201, as);
    const iv = await api<Interview>('POST', '/api/interviews', { contactId: contact.id }, 201, as);
    await event(iv.id, { kind: 'request_sent', channel: 'email', at: '2026-03-02T15:00:00Z' }, as);
    await event(iv.id, { kind: 'scheduled', meetingAt: '2026-03-10T14:00:00Z', minutes: 30, place: { kind: 'video', url: 'https://meet.example/dana' }, at: '2026-03-03T15:00:00Z' }, as);
    return held ? event(iv.id, { kind: 'held', at: '2026-03-10T14:30:00Z' }, as) : api<Interview>('GET', `/api/interviews/${iv.id}`, undefined, 200, as);
  };

  it.skipIf(skip)('write-up → referral contacts → a thank-you naming a specific from the notes → e-mailed once, and the interview thanked', async () => {
    const iv = await interviewWith('Dana Reyes', 'dana@acme.example', true);
    await api('PATCH', `/api/interviews/${iv.id}`, {
      version: iv.version,
      notes: '## What she said\n- Ask about budgets?\n- Accessibility audits now drive most of the new design budget',
    });

    // The write-up: the four measures, versioned.
    const empty = await api<WriteUp>('GET', `/api/interviews/${iv.id}/write-up`);
    expect(empty).toMatchObject({ version: 0, learned: null, informationRating: null });
    const saved = await api<WriteUp>('PUT', `/api/interviews/${iv.id}/write-up`, {
      version: 0,
      learned: 'Contracting is the usual way in.',
      informationRating: 5,
      gaveBack: 'Sent her the accessibility checklist I wrote',
      connectionMade: true,
      lead: 'A contract opening at Acme in the fall',
      nextStep: 'Rebuild my portfolio around one audit case study',
    });
    expect(saved).toMatchObject({ version: 1, informationRating: 5, connectionMade: true, gaveBack: 'Sent her the accessibility checklist I wrote' });
    const stale = await call('PUT', `/api/interviews/${iv.id}/write-up`, { version: 0, learned: 'overwrite?' });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 1 } });
    const badRating = await call('PUT', `/api/interviews/${iv.id}/write-up`, { version: 1, informationRating: 6 });
    expect(badRating.status).toBe(400);
    expect((await api<WriteUp>('GET', `/api/interviews/${iv.id}/write-up`)).learned).toBe('Contracting is the usual way in.');

    // A name they gave: a new contact introduced by Dana, with a new organization; and an existing contact linked.
    const ana = await api<Referral>('POST', `/api/interviews/${iv.id}/referrals`, {
      name: 'Ana Ortiz',
      email: 'ana@beta.example',
      organizationName: 'Beta Labs',
      mayUseName: 'yes',
      note: 'Runs their audit team',
    }, 201);
    expect(ana).toMatchObject({ referrer: { id: iv.contact.id, name: 'Dana Reyes' }, contact: { name: 'Ana Ortiz', emails: ['ana@beta.example'], organization: { name: 'Beta Labs' } }, mayUseName: 'yes', contactedAt: null, referrerToldAt: null });
    const anaContact = await api<Contact>('GET', `/api/contacts/${ana.contact.id}`);
    expect(anaContact.introducedBy).toEqual({ id: iv.contact.id, name: 'Dana Reyes' });
    const ben = await api<Contact>('POST', '/api/contacts', { name: 'Ben Lee' }, 201);
    const benReferral = await api<Referral>('POST', `/api/interviews/${iv.id}/referrals`, { contactId: ben.id }, 201);
    expect(benReferral.mayUseName).toBe('not_asked');
    expect((await api<Contact>('GET', `/api/contacts/${ben.id}`)).introducedBy?.name).toBe('Dana Reyes');
    expect((await call('POST', `/api/interviews/${iv.id}/referrals`, { contactId: ben.id })).status).toBe(409);
    expect((await call('POST', `/api/interviews/${iv.id}/referrals`, { email: 'x@y.example' })).body.error.details.issues[0].field).toBe('name');
    const searched = await api<{ items: { name: string }[] }>('GET', '/api/contacts?q=ortiz');
    expect(searched.items.map((c) => c.name)).toEqual(['Ana Ortiz']);
    const list = await api<{ items: Referral[] }>('GET', `/api/interviews/${iv.id}/referrals`);
    expect(list.items.map((r) => r.contact.name)).toEqual(['Ana Ortiz', 'Ben Lee']);

    // The thank-you: built from the notes, naming a specific, the next step and the names.
    const thanks = await api<ThankYou>('GET', `/api/interviews/${iv.id}/thank-you`);
    expect(thanks.specific).toBe('Accessibility audits now drive most of the new design budget');
    expect(thanks.body).toContain('Your point that accessibility audits now drive most of the new design budget has stayed with me.');
    expect(thanks.body).toContain("I'm going to rebuild my portfolio around one audit case study.");
    expect(thanks.body).toContain("I'll reach out to Ana Ortiz and Ben Lee as you suggested.");
    expect(thanks).toMatchObject({ edited: false, findings: [], deadline: '2026-03-11T14:30:00.000Z', contactEmail: 'dana@acme.example', mailConfigured: true, version: 1 });

    // Edited and saved with the write-up's version; a stale save is refused.
    const edited = thanks.body.replace('Thank you again for your time and advice.', 'Thank you again, truly.');
    const savedDraft = await api<ThankYou>('PUT', `/api/interviews/${iv.id}/thank-you`, { version: 1, subject: 'Thank you, Dana!', body: edited });
    expect(savedDraft).toMatchObject({ edited: true, subject: 'Thank you, Dana!', version: 2 });
    expect(savedDraft.body).toContain('Thank you again, truly.');
    expect((await call('PUT', `/api/interviews/${iv.id}/thank-you`, { version: 1, subject: null, body: null })).status).toBe(409);
    const noSpecific = await api<ThankYou>('PUT', `/api/interviews/${iv.id}/thank-you`, { version: 2, subject: 'Thanks', body: "Hi Dana, thanks a lot. I'm going to keep at it. Sky" });
    expect(noSpecific.findings.map((f) => f.code)).toEqual(['no_specific']);
    await api<ThankYou>('PUT', `/api/interviews/${iv.id}/thank-you`, { version: 3, subject: 'Thank you, Dana!', body: edited });

    // Past the 24 hours, the lint says so.
    clock = new Date('2026-03-11T16:00:00Z');
    expect((await api<ThankYou>('GET', `/api/interviews/${iv.id}/thank-you`)).findings.map((f) => f.code)).toEqual(['late']);
    clock = new Date('2026-03-10T18:00:00Z');

    // Sent by e-mail: the event and the message in one transaction.
    const current = await api<Interview>('GET', `/api/interviews/${iv.id}`);
    const sent = await api<Interview>('POST', `/api/interviews/${iv.id}/thank-you/send`, { via: 'email', version: current.version });
    expect(sent).toMatchObject({ stage: 'thanked', thankedAt: '2026-03-10T18:00:00.000Z' });
    const timeline = await api<{ items: { kind: string; stage: string }[] }>('GET', `/api/interviews/${iv.id}/timeline`);
    expect(timeline.items.at(-1)).toMatchObject({ kind: 'thanked', stage: 'thanked' });
    expect((await worker.drainOnce()).sent).toBe(1);
    expect((await worker.drainOnce()).sent).toBe(0);
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.envelopeTo).toEqual(['dana@acme.example']);
    expect(mail.mime.header('subject')).toBe('Thank you, Dana!');
    expect(mail.mime.walk().some((part) => part.body.toString('utf8').includes('accessibility audits now drive most of the new design budget'))).toBe(true);

    // Twice is refused, and sends nothing more.
    const again = await call('POST', `/api/interviews/${iv.id}/thank-you/send`, { via: 'email', version: sent.version });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'STAGE_TRANSITION_REFUSED', message: 'You already thanked them.' });
    expect((await worker.drainOnce()).sent).toBe(0);
    expect(smtp.received).toHaveLength(1);

    // Once Ana is asked, Today says to tell Dana; done marks the referrer told.
    const anaIv = await api<Interview>('POST', '/api/interviews', { contactId: ana.contact.id }, 201);
    await event(anaIv.id, { kind: 'request_sent', channel: 'email' });
    const today = await api<TodayView>('GET', '/api/today');
    const tell = [...today.overdue, ...today.dueToday, ...today.upcoming].find((task) => task.kind === 'tell_referrer');
    expect(tell).toMatchObject({ key: `${ana.id}:tell_referrer`, title: 'Tell Dana Reyes you contacted Ana Ortiz', interviewId: iv.id, contact: { name: 'Dana Reyes' } });
    expect(tell!.draft).toContain('I reached out to Ana Ortiz');
    const stayTask = [...today.overdue, ...today.dueToday, ...today.upcoming].find((task) => task.kind === 'stay_in_touch' && task.interviewId === iv.id);
    expect(stayTask?.draft).toMatch(/^Hi Dana, I talked with Ana Ortiz, as you suggested/);
    const afterDone = await api<TodayView>('POST', '/api/tasks/decisions', { key: tell!.key, status: 'done' });
    expect([...afterDone.overdue, ...afterDone.dueToday, ...afterDone.upcoming].some((task) => task.kind === 'tell_referrer')).toBe(false);
    const told = (await api<{ items: Referral[] }>('GET', `/api/interviews/${iv.id}/referrals`)).items.find((r) => r.id === ana.id);
    expect(told).toMatchObject({ referrerToldAt: '2026-03-10T18:00:00.000Z' });
    expect(told!.contactedAt).not.toBeNull();
    // Marking the referrer told is a task decision, not an edit: the version stays.
    expect(told!.version).toBe(ana.version);
    const reopened = await api<Referral>('PATCH', `/api/interviews/${iv.id}/referrals/${ana.id}`, { version: told!.version, referrerTold: false, mayUseName: 'no' });
    expect(reopened).toMatchObject({ referrerToldAt: null, mayUseName: 'no', version: told!.version + 1 });

    // An edit made over the version before that one (another device) is refused, and changes nothing.
    const staleReferralEdit = await call('PATCH', `/api/interviews/${iv.id}/referrals/${ana.id}`, { version: told!.version, note: 'From the other phone', mayUseName: 'yes' });
    expect(staleReferralEdit.status, staleReferralEdit.text).toBe(409);
    expect(staleReferralEdit.body.error).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: reopened.version } });
    const missing = await call('PATCH', `/api/interviews/${iv.id}/referrals/${ana.id}`, { note: 'No version' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.issues.map((i: { field: string }) => i.field)).toEqual(['version']);
    const kept = (await api<{ items: Referral[] }>('GET', `/api/interviews/${iv.id}/referrals`)).items.find((r) => r.id === ana.id);
    expect(kept).toEqual(reopened);
  });

  it.skipIf(skip)('counts the thank-you deadline from when meeting mode says the meeting ended, not the schedule', async () => {
    // Scheduled for 10 March 14:00, but it took place a day later without being rescheduled, and ran 20 minutes.
    const iv = await interviewWith('Late Meeting', 'late@example.com', false);
    const saved = clock;
    try {
      clock = new Date('2026-03-11T16:00:00Z');
      await api('POST', `/api/interviews/${iv.id}/meeting/start`);
      clock = new Date('2026-03-11T16:20:00Z');
      await api('POST', `/api/interviews/${iv.id}/meeting/end`);
      const thanks = await api<ThankYou>('GET', `/api/interviews/${iv.id}/thank-you`);
      expect(thanks.deadline).toBe('2026-03-12T16:20:00.000Z');
      expect(thanks.body).toContain('Wednesday, March 11');
    } finally {
      clock = saved;
    }
  });

  it.skipIf(skip)('refuses a thank-you for a meeting never held, and e-mail without SMTP or an address', async () => {
    const queuedBefore = (await api<{ total: number }>('GET', '/api/outbox')).total;
    const notHeld = await interviewWith('Nora Scheduled', 'nora@example.org', false);
    const refused = await call('POST', `/api/interviews/${notHeld.id}/thank-you/send`, { via: 'email', version: notHeld.version });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('STAGE_TRANSITION_REFUSED');
    expect((await call('GET', `/api/interviews/${notHeld.id}/thank-you`)).status).toBe(409);
    expect((await call('PUT', `/api/interviews/${notHeld.id}/write-up`, { version: 0, learned: 'x' })).status).toBe(409);
    expect((await api<AfterSummary>('GET', `/api/interviews/${notHeld.id}/after`)).met).toBe(false);

    const noAddress = await interviewWith('Omar Noaddress', null, true);
    await api('PUT', `/api/interviews/${noAddress.id}/write-up`, { version: 0, learned: 'Operations teams hire from support roles often.' });
    const noMail = await call('POST', `/api/interviews/${noAddress.id}/thank-you/send`, { via: 'email', version: noAddress.version });
    expect(noMail.status).toBe(409);
    expect(noMail.body.error).toMatchObject({ code: 'MAIL_NOT_POSSIBLE', message: expect.stringContaining("Omar Noaddress's e-mail address") });

    const smtpless = await interviewWith('Pia Nosmtp', 'pia@example.org', true);
    await api('PUT', `/api/interviews/${smtpless.id}/write-up`, { version: 0, learned: 'Operations teams hire from support roles often.' });
    const mailContext = t.ctx.mail;
    t.ctx.mail = null;
    try {
      const noSmtp = await call('POST', `/api/interviews/${smtpless.id}/thank-you/send`, { via: 'email', version: smtpless.version });
      expect(noSmtp.status).toBe(409);
      expect(noSmtp.body.error).toMatchObject({ code: 'MAIL_NOT_POSSIBLE', message: expect.stringMatching(/SMTP_URL/) });
      expect((await api<Interview>('GET', `/api/interviews/${smtpless.id}`)).stage).toBe('held');
      // Copied into their own mail: recorded, nothing queued.
      const copied = await api<Interview>('POST', `/api/interviews/${smtpless.id}/thank-you/send`, { via: 'copy', version: smtpless.version });
      expect(copied.stage).toBe('thanked');
    } finally {
      t.ctx.mail = mailContext;
    }
    const card = await api<Interview>('POST', `/api/interviews/${noAddress.id}/thank-you/send`, { via: 'card', version: noAddress.version });
    expect(card.stage).toBe('thanked');
    // Copy and card record the thank-you only; the refusals queued nothing.
    expect((await api<{ total: number }>('GET', '/api/outbox')).total).toBe(queuedBefore);
  });

  it.skipIf(skip)('links outcomes to conversations, shows them on the interview, and keeps another account out', async () => {
    const iv = await interviewWith('Quinn Outcome', null, true);
    const second = await interviewWith('Rae Second', null, true);
    const created = await api<Outcome>('POST', '/api/outcomes', {
      kind: 'job_interview',
      title: 'Designer at Acme',
      occurredOn: '2026-04-02',
      interviewIds: [iv.id, second.id, iv.id],
    }, 201);
    expect(created).toMatchObject({ kind: 'job_interview', title: 'Designer at Acme', occurredOn: '2026-04-02', version: 1 });
    expect(created.interviews.map((i) => i.contact.name)).toEqual(['Quinn Outcome', 'Rae Second']);
    const onInterview = await api<AfterSummary>('GET', `/api/interviews/${iv.id}/after`);
    expect(onInterview.outcomes.map((o) => o.title)).toEqual(['Designer at Acme']);
    expect(onInterview.valueIdeas[0]!.text).toBe('Tell Quinn what came of your conversation: a job interview, “Designer at Acme”.');
    expect((await api<{ items: Outcome[] }>('GET', `/api/outcomes?interviewId=${second.id}`)).items).toHaveLength(1);

    const updated = await api<Outcome>('PATCH', `/api/outcomes/${created.id}`, { version: 1, kind: 'offer', interviewIds: [second.id] });
    expect(updated).toMatchObject({ kind: 'offer', version: 2 });
    expect(updated.interviews.map((i) => i.id)).toEqual([second.id]);
    expect((await api<AfterSummary>('GET', `/api/interviews/${iv.id}/after`)).outcomes).toEqual([]);
    expect((await call('PATCH', `/api/outcomes/${created.id}`, { version: 1, title: 'stale' })).status).toBe(409);
    expect((await call('POST', '/api/outcomes', { kind: 'promotion', title: 'x', occurredOn: '2026-04-02' })).status).toBe(400);

    // Another account: 404 on everything of Sky's, and cannot link Sky's interview.
    const eves = await interviewWith('Eve Contact', null, true, other);
    expect((await call('GET', `/api/outcomes/${created.id}`, undefined, other)).status).toBe(404);
    expect((await call('PATCH', `/api/outcomes/${created.id}`, { version: 2, title: 'mine' }, other)).status).toBe(404);
    expect((await call('DELETE', `/api/outcomes/${created.id}`, undefined, other)).status).toBe(404);
    expect((await api<{ items: Outcome[] }>('GET', '/api/outcomes', undefined, 200, other)).items).toEqual([]);
    const steal = await call('POST', '/api/outcomes', { kind: 'lead', title: 'x', occurredOn: '2026-04-02', interviewIds: [eves.id, iv.id] }, other);
    expect(steal.status).toBe(422);
    expect(steal.body.error).toMatchObject({ code: 'INVALID_REFERENCE', details: { issues: [{ field: 'interviewIds.1', message: 'no such interview' }] } });
    for (const path of ['after', 'write-up', 'referrals', 'thank-you', 'outcomes']) {
      expect((await call('GET', `/api/interviews/${iv.id}/${path}`, undefined, other)).status, path).toBe(404);
    }
    expect((await call('PUT', `/api/interviews/${iv.id}/write-up`, { version: 0, learned: 'x' }, other)).status).toBe(404);
    expect((await call('POST', `/api/interviews/${iv.id}/referrals`, { name: 'Mallory' }, other)).status).toBe(404);
    expect((await call('POST', `/api/interviews/${iv.id}/thank-you/send`, { via: 'copy', version: iv.version }, other)).status).toBe(404);
    // Nor can Eve name Sky's contact as a referral of her own.
    const stealContact = await call('POST', `/api/interviews/${eves.id}/referrals`, { contactId: iv.contact.id }, other);
    expect(stealContact.status).toBe(422);

    expect((await call('DELETE', `/api/outcomes/${created.id}?version=1`)).status).toBe(409);
    expect((await call('DELETE', `/api/outcomes/${created.id}?version=2`)).status).toBe(204);
    expect((await call('GET', `/api/outcomes/${created.id}`)).status).toBe(404);
  });
});
