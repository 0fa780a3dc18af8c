/**
 * The outbox end to end on each database, against a real SMTP server on
 * loopback: enqueue inside the event's transaction, send, retry with backoff,
 * give up on 5xx, and take over a message whose worker died mid-send.
 */
import type { Transporter } from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.ts';
import {
  DEFAULT_LEASE_MS,
  INTERRUPTED_REASON,
  isDue,
  isLeaseExpired,
  MAX_ATTEMPTS,
  recordInterrupted,
  RETRY_DELAYS_MS,
  type OutboxState,
} from '../../src/core/outbox-policy.ts';
import {
  enqueueMessage,
  getOutboxMessage,
  listOutbox,
  outboxCounts,
  retryOutboxMessage,
  type OutgoingMessage,
} from '../../src/mail/outbox.service.ts';
import { createSmtpTransport, mailDomainOf, parseSmtpUrlOrThrow, startOutboxWorker, type OutboxWorkerOptions } from '../../src/mail/sender.ts';
import * as outbox from '../../src/repositories/outbox.repository.ts';
import { serviceContext, type ServiceContext } from '../../src/services/context.ts';
import { createTestDb, DIALECTS, dialectUnavailable, type TestDb } from '../support/databases.ts';
import { insertTestUser } from '../support/factories.ts';
import { LoopbackSmtp } from './loopback-smtp.ts';

const FROM = 'Rapport <rapport@example.org>';
const START = '2026-11-23T09:00:00.000Z';
const MINUTE = 60_000;

const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Rapport//Test//EN',
  'METHOD:REQUEST',
  'BEGIN:VEVENT',
  'UID:iv-1@rapport.test',
  'DTSTAMP:20261123T090000Z',
  'DTSTART:20261124T150000Z',
  'DTEND:20261124T153000Z',
  'SUMMARY:Coffee with Dana',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe.each(DIALECTS)('outbox on %s', (dialect) => {
  const skip = dialectUnavailable(dialect);
  let db: TestDb;
  let smtp: LoopbackSmtp;
  let transport: Transporter;
  let ctx: ServiceContext;
  let clock = new Date(START);
  const now = () => clock;
  const advance = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };
  let logs: string[] = [];

  function worker(extra: Partial<OutboxWorkerOptions> = {}) {
    return startOutboxWorker({ db: db.kysely, transport, from: FROM, now, log: (line) => logs.push(line), pollMs: null, ...extra });
  }

  function message(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
    return {
      ownerId: 'owner',
      to: { name: 'Dana Reyes', address: 'dana@example.com' },
      replyTo: 'seeker@example.com',
      fromName: 'Sam Seeker (via Rapport)',
      subject: 'Café on Tuesday?',
      text: 'Hi Dana,\n\nDoes Tuesday at 10:00 still suit you? The invite is attached.\n\nSam',
      attachments: [{ filename: 'invite.ics', contentType: 'text/calendar; method=REQUEST', content: ICS }],
      cause: { kind: 'interview_event', id: 'ev-1' },
      ...overrides,
    };
  }

  /** Enqueues in a transaction that commits, as the event's service would. */
  async function enqueue(overrides: Partial<OutgoingMessage> = {}) {
    return db.kysely.transaction().execute((trx) => enqueueMessage(trx, message(overrides), { now, messageIdDomain: mailDomainOf(FROM) }));
  }

  const get = (id: string) => getOutboxMessage(ctx, 'owner', id);

  beforeAll(async () => {
    if (skip) return;
    db = await createTestDb(dialect);
    await insertTestUser(db.kysely, dialect, 'owner');
    await insertTestUser(db.kysely, dialect, 'other');
    smtp = await LoopbackSmtp.start();
    transport = createSmtpTransport(parseSmtpUrlOrThrow(smtp.url));
    ctx = serviceContext(db.kysely, db.dialect, { now });
  });
  afterAll(async () => {
    transport?.close();
    await smtp?.close();
    await db?.close();
  });
  beforeEach(async () => {
    if (skip) return;
    clock = new Date(START);
    logs = [];
    smtp.received.length = 0;
    smtp.dataAttempts = 0;
    smtp.mode = { kind: 'accept' };
    if (!smtp.listening) await smtp.listen();
    await db.kysely.deleteFrom('outbox_message').execute();
  });

  it.skipIf(skip)('sends nothing when the event’s transaction rolls back', async () => {
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await enqueueMessage(trx, message(), { now });
        throw new Error('the event was refused');
      }),
    ).rejects.toThrow('the event was refused');
    expect(await worker().drainOnce()).toEqual({ sent: 0, failed: 0, dead: 0, interrupted: 0, more: false });
    expect(smtp.dataAttempts).toBe(0);
    expect((await listOutbox(ctx, 'owner')).total).toBe(0);
  });

  it.skipIf(skip)('sends a committed message once, with subject, body, headers and the .ics attachment intact', async () => {
    const { id, messageId } = await enqueue();
    expect(messageId).toMatch(/^<[0-9a-f-]{36}@example\.org>$/);
    expect(await get(id)).toMatchObject({ status: 'queued', attempts: 0, nextAttemptAt: START, messageId });

    const w = worker();
    expect(await w.drainOnce()).toMatchObject({ sent: 1, failed: 0, dead: 0 });
    expect(await w.drainOnce()).toMatchObject({ sent: 0 });
    advance(24 * 60 * MINUTE);
    expect(await w.drainOnce()).toMatchObject({ sent: 0 });

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.messageId).toBe(messageId);
    expect(mail.envelopeTo).toEqual(['dana@example.com']);
    expect(mail.mime.header('subject')).toBe('Café on Tuesday?');
    expect(mail.mime.header('from')).toBe('"Sam Seeker (via Rapport)" <rapport@example.org>');
    expect(mail.mime.header('to')).toBe('Dana Reyes <dana@example.com>');
    expect(mail.mime.header('reply-to')).toBe('seeker@example.com');
    expect(new Date(mail.mime.header('date')!).toISOString()).toBe(START);

    const parts = mail.mime.walk();
    const text = parts.find((p) => p.type === 'text/plain');
    expect(text?.body.toString('utf8').replace(/\r\n/g, '\n')).toBe(message().text);
    const invite = parts.find((p) => p.type === 'text/calendar');
    expect(invite?.params.get('method')).toBe('REQUEST');
    expect(invite?.header('content-disposition')).toMatch(/^attachment; filename=invite\.ics$/);
    expect(invite?.body.toString('utf8')).toBe(ICS);

    const sent = await get(id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, sentAt: START, lastError: null, lockedUntil: null });
    expect(sent.smtpResponse).toMatch(/^250 /);
  });

  it.skipIf(skip)('retries after the SMTP server was down, on the schedule of the policy, and delivers once', async () => {
    await smtp.close();
    const { id } = await enqueue();
    const w = worker();

    expect(await w.drainOnce()).toMatchObject({ sent: 0, failed: 1 });
    const failed = await get(id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, nextAttemptAt: new Date(Date.parse(START) + RETRY_DELAYS_MS[0]!).toISOString() });
    expect(failed.lastError).toMatch(/ECONNREFUSED|ECONNECTION/);

    // Not due yet: nothing is attempted.
    advance(RETRY_DELAYS_MS[0]! - 1000);
    expect(await w.drainOnce()).toMatchObject({ sent: 0, failed: 0 });
    expect((await get(id)).attempts).toBe(1);

    await smtp.listen();
    advance(1000);
    expect(await w.drainOnce()).toMatchObject({ sent: 1 });
    expect(await get(id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(smtp.received).toHaveLength(1);
  });

  it.skipIf(skip)('retries 4xx answers with growing waits, then delivers once when the server recovers', async () => {
    smtp.mode = { kind: 'reject', code: 451, text: 'Temporary local problem, try again later' };
    const { id } = await enqueue();
    const w = worker();
    for (const [i, delay] of RETRY_DELAYS_MS.slice(0, 2).entries()) {
      expect(await w.drainOnce()).toMatchObject({ failed: 1 });
      const state = await get(id);
      expect(state).toMatchObject({ status: 'failed', attempts: i + 1, nextAttemptAt: new Date(clock.getTime() + delay).toISOString() });
      expect(state.lastError).toContain('451 Temporary local problem');
      advance(delay);
    }
    smtp.mode = { kind: 'accept' };
    expect(await w.drainOnce()).toMatchObject({ sent: 1 });
    expect(smtp.dataAttempts).toBe(3);
    expect(smtp.received).toHaveLength(1);
    // The reason of the last failure stays visible beside the success.
    expect(await get(id)).toMatchObject({ status: 'sent', attempts: 3, lastError: expect.stringContaining('451') });
  });

  it.skipIf(skip)('gives up with the last error once every retry is used', async () => {
    smtp.mode = { kind: 'reject', code: 421, text: 'Service not available' };
    const { id } = await enqueue();
    const w = worker();
    for (const delay of RETRY_DELAYS_MS) {
      expect(await w.drainOnce()).toMatchObject({ failed: 1 });
      advance(delay);
    }
    expect(await w.drainOnce()).toMatchObject({ dead: 1 });
    const dead = await get(id);
    expect(dead).toMatchObject({ status: 'dead', attempts: MAX_ATTEMPTS });
    expect(dead.lastError).toContain('421 Service not available');
    advance(7 * 24 * 60 * MINUTE);
    expect(await w.drainOnce()).toMatchObject({ sent: 0, failed: 0, dead: 0 });
    expect(smtp.dataAttempts).toBe(MAX_ATTEMPTS);
  });

  it.skipIf(skip)('makes a message dead at once on a 5xx answer, with the reason, and never retries it', async () => {
    smtp.mode = { kind: 'reject', code: 550, text: '5.1.1 Mailbox unavailable' };
    const { id } = await enqueue();
    const w = worker();
    expect(await w.drainOnce()).toMatchObject({ dead: 1, failed: 0 });
    const dead = await get(id);
    expect(dead).toMatchObject({ status: 'dead', attempts: 1 });
    expect(dead.lastError).toContain('550 5.1.1 Mailbox unavailable');
    smtp.mode = { kind: 'accept' };
    advance(24 * 60 * MINUTE);
    expect(await w.drainOnce()).toMatchObject({ sent: 0 });
    expect(smtp.dataAttempts).toBe(1);
    expect(smtp.received).toHaveLength(0);
    expect(logs.some((line) => line.includes('is dead after 1 attempt(s)'))).toBe(true);
  });

  it.skipIf(skip)('sends again after a person retries a dead message: same Message-ID, fresh attempts', async () => {
    smtp.mode = { kind: 'reject', code: 554, text: 'Transaction failed' };
    const { id, messageId } = await enqueue();
    await worker().drainOnce();
    expect((await get(id)).status).toBe('dead');
    smtp.mode = { kind: 'accept' };
    advance(MINUTE);
    expect(await retryOutboxMessage(ctx, 'owner', id)).toMatchObject({ status: 'queued', attempts: 0, nextAttemptAt: clock.toISOString() });
    expect(await worker().drainOnce()).toMatchObject({ sent: 1 });
    expect(smtp.received.map((m) => m.messageId)).toEqual([messageId]);
    // Asking again once it is sent changes nothing and sends nothing.
    expect(await retryOutboxMessage(ctx, 'owner', id)).toMatchObject({ status: 'sent' });
    expect(await worker().drainOnce()).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it.skipIf(skip)('after a crash between send and record, resends the identical message with the same Message-ID once the lease expires', async () => {
    const { id, messageId } = await enqueue();
    const crashing = worker({
      afterSendBeforeRecord: () => {
        throw new Error('process killed');
      },
    });
    await expect(crashing.drainOnce()).rejects.toThrow('process killed');
    await crashing.stop();
    expect(smtp.received).toHaveLength(1);
    expect(await get(id)).toMatchObject({ status: 'sending', attempts: 1, lockedUntil: new Date(Date.parse(START) + DEFAULT_LEASE_MS).toISOString() });

    // A new worker (the restarted server) leaves it alone while the lease holds…
    const restarted = worker();
    advance(DEFAULT_LEASE_MS - 1000);
    expect(await restarted.drainOnce()).toMatchObject({ sent: 0, interrupted: 0 });
    expect(smtp.received).toHaveLength(1);

    // …and takes it over once it has expired.
    advance(1000);
    expect(await restarted.drainOnce()).toMatchObject({ sent: 1, interrupted: 1 });
    expect(await restarted.drainOnce()).toMatchObject({ sent: 0, interrupted: 0 });

    // What SMTP allows: the server got it twice, as the same message byte for
    // byte, so a mailbox that de-duplicates by Message-ID shows it once.
    expect(smtp.received.map((m) => m.messageId)).toEqual([messageId, messageId]);
    expect(smtp.received[1]!.raw).toBe(smtp.received[0]!.raw);
    expect(smtp.uniqueMessageIds()).toEqual([messageId]);
    // And the outbox says so.
    expect(await get(id)).toMatchObject({ status: 'sent', attempts: 2, lastError: INTERRUPTED_REASON });
  });

  it.skipIf(skip)('after a crash before the send, delivers exactly once', async () => {
    const { id } = await enqueue();
    // A worker claims it and dies before opening a connection.
    const claimed = await outbox.claimNextDue(db.kysely, {
      now: clock.toISOString(),
      lockedUntil: new Date(clock.getTime() + DEFAULT_LEASE_MS).toISOString(),
      leaseToken: 'dead-worker',
    });
    expect(claimed?.id).toBe(id);
    advance(DEFAULT_LEASE_MS);
    expect(await worker().drainOnce()).toMatchObject({ sent: 1, interrupted: 1 });
    expect(smtp.received).toHaveLength(1);
    // The dead worker's late verdict cannot overwrite the newer state.
    expect(await outbox.recordAttemptOutcome(db.kysely, id, 'dead-worker', { ...claimed!, status: 'failed', lastError: 'late' }, clock.toISOString())).toBe(false);
    expect(await get(id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it.skipIf(skip)('gives up on a message whose every attempt was interrupted', async () => {
    const { id } = await enqueue();
    const crash = async (token: string) => {
      await outbox.claimNextDue(db.kysely, { now: clock.toISOString(), lockedUntil: new Date(clock.getTime() + DEFAULT_LEASE_MS).toISOString(), leaseToken: token });
      advance(DEFAULT_LEASE_MS);
    };
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      await crash(`crash-${i}`);
      const [lease] = await outbox.listExpiredLeases(db.kysely, clock.toISOString(), 10);
      expect(await outbox.recordAttemptOutcome(db.kysely, id, lease!.leaseToken, recordInterrupted(lease!.state, clock), clock.toISOString())).toBe(true);
    }
    await crash('crash-last');
    expect(await worker().drainOnce()).toMatchObject({ interrupted: 1, dead: 1, sent: 0 });
    expect(await get(id)).toMatchObject({ status: 'dead', attempts: MAX_ATTEMPTS, lastError: expect.stringContaining('no attempts are left') });
    expect(smtp.dataAttempts).toBe(0);
  });

  it.skipIf(skip)('claims exactly the messages the pure policy calls due, and takes over exactly the expired leases', async () => {
    const at = new Date(START);
    const iso = (offsetMinutes: number) => new Date(at.getTime() + offsetMinutes * MINUTE).toISOString();
    const states: Record<string, OutboxState> = {
      queuedNow: { status: 'queued', attempts: 0, nextAttemptAt: iso(0), lockedUntil: null, lastError: null, sentAt: null },
      queuedLater: { status: 'queued', attempts: 0, nextAttemptAt: iso(1), lockedUntil: null, lastError: null, sentAt: null },
      failedDue: { status: 'failed', attempts: 2, nextAttemptAt: iso(-5), lockedUntil: null, lastError: 'x', sentAt: null },
      failedLater: { status: 'failed', attempts: 2, nextAttemptAt: iso(30), lockedUntil: null, lastError: 'x', sentAt: null },
      sendingHeld: { status: 'sending', attempts: 1, nextAttemptAt: iso(-10), lockedUntil: iso(3), lastError: null, sentAt: null },
      sendingExpired: { status: 'sending', attempts: 1, nextAttemptAt: iso(-10), lockedUntil: iso(0), lastError: null, sentAt: null },
      sent: { status: 'sent', attempts: 1, nextAttemptAt: iso(-10), lockedUntil: null, lastError: null, sentAt: iso(-9) },
      dead: { status: 'dead', attempts: 6, nextAttemptAt: iso(-10), lockedUntil: null, lastError: 'x', sentAt: null },
    };
    for (const [name, state] of Object.entries(states)) {
      await outbox.insertMessage(db.kysely, {
        id: name,
        ownerId: 'owner',
        messageId: `<${name}@example.org>`,
        to: [{ name: null, address: 'dana@example.com' }],
        replyTo: null,
        fromName: null,
        inReplyTo: null,
        subject: name,
        text: 'x',
        html: null,
        attachments: [],
        cause: { kind: 'test', id: name },
        state,
        createdAt: iso(-60),
      });
    }
    const expired = await outbox.listExpiredLeases(db.kysely, at.toISOString(), 100);
    expect(expired.map((e) => e.id).sort()).toEqual(Object.keys(states).filter((n) => isLeaseExpired(states[n]!, at)).sort());

    const claimed: string[] = [];
    for (;;) {
      const next = await outbox.claimNextDue(db.kysely, { now: at.toISOString(), lockedUntil: iso(5), leaseToken: 't' });
      if (!next) break;
      claimed.push(next.id);
      expect(next).toMatchObject({ status: 'sending', attempts: states[next.id]!.attempts + 1, lockedUntil: iso(5), leaseToken: 't' });
    }
    // Oldest due first.
    expect(claimed).toEqual(['failedDue', 'queuedNow']);
    expect(claimed.sort()).toEqual(Object.keys(states).filter((n) => isDue(states[n]!, at)).sort());
  });

  it.skipIf(skip)('refuses a message that could never be sent, and writes nothing', async () => {
    const attempt = enqueue({ to: ['not-an-address'], subject: 'Two\r\nBcc: lines', attachments: [{ filename: '../x.ics', contentType: 'text/calendar\r\nX: y', content: 'x' }] });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: {
        issues: [
          { field: 'to[0]', message: '"not-an-address" is not an e-mail address' },
          { field: 'subject', message: 'must be one line of text' },
          { field: 'attachments[0].filename', message: 'must be a file name without folders' },
          { field: 'attachments[0].contentType', message: expect.stringContaining('is not a media type') },
        ],
      },
    });
    expect((await listOutbox(ctx, 'owner')).total).toBe(0);
  });

  it.skipIf(skip)('shows each owner only their own messages, with status, attempts and reasons', async () => {
    smtp.mode = { kind: 'reject', code: 452, text: 'Insufficient system storage' };
    const first = await enqueue({ cause: { kind: 'interview_event', id: 'ev-1' } });
    advance(MINUTE);
    const second = await enqueue({ subject: 'Thank you', attachments: [], cause: { kind: 'interview_event', id: 'ev-2' } });
    await worker({ batchSize: 1 }).drainOnce(); // only the oldest is attempted
    const other = await db.kysely.transaction().execute((trx) => enqueueMessage(trx, message({ ownerId: 'other' }), { now }));

    const page = await listOutbox(ctx, 'owner');
    expect(page).toMatchObject({ total: 2, offset: 0, limit: 50 });
    expect(page.items.map((m) => [m.id, m.status, m.attempts])).toEqual([
      [second.id, 'queued', 0],
      [first.id, 'failed', 1],
    ]);
    expect(page.items[1]).toMatchObject({ lastError: expect.stringContaining('452 Insufficient system storage'), attachments: [{ filename: 'invite.ics', contentType: 'text/calendar; method=REQUEST' }] });
    expect(page.items[1]).not.toHaveProperty('text');
    expect((await listOutbox(ctx, 'owner', { status: 'failed' })).items.map((m) => m.id)).toEqual([first.id]);
    expect((await listOutbox(ctx, 'owner', { cause: { kind: 'interview_event', id: 'ev-2' } })).items.map((m) => m.id)).toEqual([second.id]);
    expect(await outboxCounts(ctx, 'owner')).toEqual({ queued: 1, sending: 0, sent: 0, failed: 1, dead: 0 });
    await expect(getOutboxMessage(ctx, 'owner', other.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(retryOutboxMessage(ctx, 'owner', other.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await getOutboxMessage(ctx, 'other', other.id)).attachments[0]?.content.toString('utf8')).toBe(ICS);
  });

  it.skipIf(skip)('sends on its own when polling, and at once when woken after a commit', async () => {
    const polling = worker({ pollMs: 50 });
    try {
      await enqueue();
      await waitFor(() => smtp.received.length === 1);
    } finally {
      await polling.stop();
    }
    const sleepy = worker({ pollMs: 60 * MINUTE });
    try {
      // Let its first drain find nothing; its next poll is an hour away.
      await new Promise((r) => setTimeout(r, 200));
      await enqueue();
      sleepy.wake();
      await waitFor(() => smtp.received.length === 2);
    } finally {
      await sleepy.stop();
    }
    expect(smtp.received).toHaveLength(2);
  });
});

describe('the SMTP transport from SMTP_URL', () => {
  it('authenticates with the user and password of the URL; a wrong password is retried, not given up', async () => {
    const smtp = await LoopbackSmtp.start({ credentials: { user: 'rapport@example.org', pass: 'p@ss:word/1' } });
    const good = createSmtpTransport(parseSmtpUrlOrThrow(smtp.url));
    const bad = createSmtpTransport(parseSmtpUrlOrThrow(smtp.url.replace(encodeURIComponent('p@ss:word/1'), 'wrong')));
    try {
      await good.sendMail({ from: 'rapport@example.org', to: 'dana@example.com', subject: 'Hi', text: 'Hello' });
      expect(smtp.received.map((m) => m.user)).toEqual(['rapport@example.org']);
      const error = await bad.sendMail({ from: 'rapport@example.org', to: 'dana@example.com', subject: 'Hi', text: 'Hello' }).catch((e: unknown) => e);
      const { describeSendError } = await import('../../src/mail/sender.ts');
      expect(describeSendError(error)).toMatchObject({ permanent: false, reason: expect.stringContaining('535') });
    } finally {
      good.close();
      bad.close();
      await smtp.close();
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}
