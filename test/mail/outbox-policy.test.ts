import { describe, expect, it } from 'vitest';
import {
  claim,
  DEFAULT_LEASE_MS,
  initialState,
  INTERRUPTED_GIVE_UP_REASON,
  INTERRUPTED_REASON,
  isDue,
  isLeaseExpired,
  isPermanentSmtpError,
  MAX_ATTEMPTS,
  recordFailure,
  recordInterrupted,
  recordSent,
  retryDelayAfter,
  retryNow,
  type OutboxState,
  type SmtpErrorFacts,
} from '../../src/core/outbox-policy.ts';

const T0 = new Date('2026-11-23T09:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const iso = (ms: number) => at(ms).toISOString();
const MIN = 60_000;
const HOUR = 60 * MIN;

const transient = { reason: '451 try later', permanent: false };
const permanent = { reason: '550 no such user', permanent: true };

function state(overrides: Partial<OutboxState>): OutboxState {
  return { status: 'queued', attempts: 0, nextAttemptAt: iso(0), lockedUntil: null, lastError: null, sentAt: null, ...overrides };
}

describe('outbox policy', () => {
  it('waits 1 min, 5 min, 30 min, 2 h, 12 h between attempts, then gives up', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(retryDelayAfter)).toEqual([null, 1 * MIN, 5 * MIN, 30 * MIN, 2 * HOUR, 12 * HOUR, null, null]);
    expect(MAX_ATTEMPTS).toBe(6);
  });

  it.each<[string, OutboxState, number, boolean, boolean]>([
    // name, state, at (ms after T0), due, lease expired
    ['queued, due now', state({}), 0, true, false],
    ['queued for later', state({ nextAttemptAt: iso(MIN) }), 0, false, false],
    ['queued, now due', state({ nextAttemptAt: iso(MIN) }), MIN, true, false],
    ['failed, not yet due', state({ status: 'failed', attempts: 1, nextAttemptAt: iso(MIN) }), MIN - 1, false, false],
    ['failed, due', state({ status: 'failed', attempts: 1, nextAttemptAt: iso(MIN) }), MIN, true, false],
    ['sending, lease held', state({ status: 'sending', attempts: 1, lockedUntil: iso(DEFAULT_LEASE_MS) }), DEFAULT_LEASE_MS - 1, false, false],
    ['sending, lease expired', state({ status: 'sending', attempts: 1, lockedUntil: iso(DEFAULT_LEASE_MS) }), DEFAULT_LEASE_MS, false, true],
    ['sent', state({ status: 'sent', attempts: 1, sentAt: iso(0) }), HOUR, false, false],
    ['dead', state({ status: 'dead', attempts: 6 }), HOUR, false, false],
  ])('%s: due and lease as the table says', (_name, s, ms, due, expired) => {
    expect(isDue(s, at(ms))).toBe(due);
    expect(isLeaseExpired(s, at(ms))).toBe(expired);
  });

  it.each<[string, OutboxState, (s: OutboxState) => OutboxState, Partial<OutboxState>]>([
    ['new message', initialState(T0), (s) => s, { status: 'queued', attempts: 0, nextAttemptAt: iso(0) }],
    ['claim', state({}), (s) => claim(s, T0, DEFAULT_LEASE_MS), { status: 'sending', attempts: 1, lockedUntil: iso(DEFAULT_LEASE_MS) }],
    ['sent', state({ status: 'sending', attempts: 1, lockedUntil: iso(DEFAULT_LEASE_MS) }), (s) => recordSent(s, at(2000)), { status: 'sent', sentAt: iso(2000), lockedUntil: null }],
    ['1st transient failure', state({ status: 'sending', attempts: 1 }), (s) => recordFailure(s, T0, transient), { status: 'failed', nextAttemptAt: iso(MIN), lastError: '451 try later', lockedUntil: null }],
    ['3rd transient failure', state({ status: 'sending', attempts: 3 }), (s) => recordFailure(s, T0, transient), { status: 'failed', nextAttemptAt: iso(30 * MIN) }],
    ['5th transient failure', state({ status: 'sending', attempts: 5 }), (s) => recordFailure(s, T0, transient), { status: 'failed', nextAttemptAt: iso(12 * HOUR) }],
    ['6th transient failure', state({ status: 'sending', attempts: 6 }), (s) => recordFailure(s, T0, transient), { status: 'dead', lastError: '451 try later' }],
    ['permanent failure on the 1st attempt', state({ status: 'sending', attempts: 1 }), (s) => recordFailure(s, T0, permanent), { status: 'dead', lastError: '550 no such user' }],
    ['interrupted, attempts left', state({ status: 'sending', attempts: 2, lockedUntil: iso(0) }), (s) => recordInterrupted(s, at(1)), { status: 'failed', nextAttemptAt: iso(1), lastError: INTERRUPTED_REASON, lockedUntil: null }],
    ['interrupted, none left', state({ status: 'sending', attempts: 6, lockedUntil: iso(0) }), (s) => recordInterrupted(s, T0), { status: 'dead', lastError: INTERRUPTED_GIVE_UP_REASON }],
    ['a person retries a dead one', state({ status: 'dead', attempts: 6, lastError: 'x' }), (s) => retryNow(s, at(HOUR)), { status: 'queued', attempts: 0, nextAttemptAt: iso(HOUR), lastError: 'x' }],
    ['a person retries a failed one', state({ status: 'failed', attempts: 2, nextAttemptAt: iso(HOUR) }), (s) => retryNow(s, T0), { status: 'queued', attempts: 0, nextAttemptAt: iso(0) }],
    ['a late success after the lease was taken over', state({ status: 'failed', attempts: 1 }), (s) => recordSent(s, T0), { status: 'sent', sentAt: iso(0) }],
  ])('%s', (_name, before, transition, after) => {
    expect(transition(before)).toMatchObject(after);
  });

  it.each<[string, () => OutboxState]>([
    ['claiming a message that is not due', () => claim(state({ nextAttemptAt: iso(MIN) }), T0, DEFAULT_LEASE_MS)],
    ['claiming a message another worker holds', () => claim(state({ status: 'sending', lockedUntil: iso(MIN) }), T0, DEFAULT_LEASE_MS)],
    ['claiming a sent message', () => claim(state({ status: 'sent' }), at(HOUR), DEFAULT_LEASE_MS)],
    ['recording a sent message sent again', () => recordSent(state({ status: 'sent' }), T0)],
    ['failing a message nobody is sending', () => recordFailure(state({ status: 'queued' }), T0, transient)],
    ['taking over a lease that still holds', () => recordInterrupted(state({ status: 'sending', lockedUntil: iso(MIN) }), T0)],
    ['retrying a sent message', () => retryNow(state({ status: 'sent' }), T0)],
    ['retrying a message on its way', () => retryNow(state({ status: 'sending' }), T0)],
  ])('refuses %s', (_name, transition) => {
    expect(transition).toThrow(/cannot be/);
  });

  it('takes a message through its whole life: two failures, a crash, then sent', () => {
    let s = initialState(T0);
    s = claim(s, T0, DEFAULT_LEASE_MS);
    s = recordFailure(s, at(1000), transient);
    expect(s.nextAttemptAt).toBe(iso(1000 + MIN));
    s = claim(s, at(1000 + MIN), DEFAULT_LEASE_MS);
    s = recordFailure(s, at(2000 + MIN), transient);
    expect(s.nextAttemptAt).toBe(iso(2000 + 6 * MIN));
    s = claim(s, at(2000 + 6 * MIN), DEFAULT_LEASE_MS);
    const expiry = at(2000 + 6 * MIN + DEFAULT_LEASE_MS);
    s = recordInterrupted(s, expiry);
    expect(isDue(s, expiry)).toBe(true);
    s = recordSent(claim(s, expiry, DEFAULT_LEASE_MS), expiry);
    expect(s).toMatchObject({ status: 'sent', attempts: 4, lastError: INTERRUPTED_REASON });
  });

  it.each<[SmtpErrorFacts, boolean]>([
    [{}, false], // no answer: refused, timed out, TLS
    [{ code: 'ECONNECTION' }, false],
    [{ code: 'ETIMEDOUT' }, false],
    [{ code: 'EABORT' }, false],
    [{ responseCode: 421, code: 'EPROTOCOL' }, false],
    [{ responseCode: 450, code: 'EENVELOPE' }, false],
    [{ responseCode: 451, code: 'EMESSAGE' }, false],
    [{ responseCode: 452, code: 'EENVELOPE' }, false],
    [{ responseCode: 503, code: 'EPROTOCOL' }, false],
    [{ responseCode: 530, code: 'EENVELOPE' }, false], // authentication required: configuration
    [{ responseCode: 535, code: 'EAUTH' }, false], // wrong password: configuration
    [{ responseCode: 534, code: 'EAUTH' }, false],
    [{ responseCode: 550, code: 'EENVELOPE' }, true], // no such user
    [{ responseCode: 552, code: 'EMESSAGE' }, true], // too big
    [{ responseCode: 553, code: 'EENVELOPE' }, true],
    [{ responseCode: 554, code: 'EMESSAGE' }, true], // rejected (spam, policy)
  ])('SMTP error %o is permanent: %s', (facts, expected) => {
    expect(isPermanentSmtpError(facts)).toBe(expected);
  });
});
