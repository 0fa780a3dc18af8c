import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.ts';
import {
  allowedEventKinds,
  applyInterviewEvent,
  checkOnceIsEnough,
  foldInterviewEvents,
  INITIAL_INTERVIEW_STATE,
  INTERVIEW_STAGES,
  type InterviewEvent,
  type InterviewEventKind,
  type InterviewStage,
  type InterviewState,
} from '../../src/core/interview-stages.ts';

const at = '2026-03-02T15:00:00.000Z';
const events: Record<Exclude<InterviewEventKind, 'created'>, InterviewEvent> = {
  request_sent: { kind: 'request_sent', at, channel: 'email' },
  follow_up_sent: { kind: 'follow_up_sent', at },
  reply_received: { kind: 'reply_received', at, answer: 'yes' },
  slots_proposed: { kind: 'slots_proposed', at, slots: [{ start: '2026-03-10T14:00:00.000Z', minutes: 30 }] },
  scheduled: { kind: 'scheduled', at, meetingAt: '2026-03-10T14:00:00.000Z' },
  confirmed: { kind: 'confirmed', at },
  held: { kind: 'held', at },
  thanked: { kind: 'thanked', at },
  staying_in_touch: { kind: 'staying_in_touch', at },
  value_shared: { kind: 'value_shared', at, what: 'an article' },
  no_reply: { kind: 'no_reply', at, automatic: false },
  cancelled: { kind: 'cancelled', at },
};

/** A typical state in each stage, reached the way a seeker would reach it. */
const reach: Record<InterviewStage, InterviewEvent[]> = {
  idea: [],
  requested: [events.request_sent],
  scheduled: [events.request_sent, events.scheduled],
  confirmed: [events.request_sent, events.scheduled, events.confirmed],
  held: [events.request_sent, events.scheduled, events.held],
  thanked: [events.request_sent, events.scheduled, events.held, events.thanked],
  staying_in_touch: [events.request_sent, events.scheduled, events.held, events.thanked, events.staying_in_touch],
  no_reply: [events.request_sent, events.no_reply],
  declined: [events.request_sent, { kind: 'reply_received', at, answer: 'no' }],
  cancelled: [events.cancelled],
};

/** What the seeker may record from each stage (with no reply or follow-up yet where that matters). */
const expected: Record<InterviewStage, InterviewEventKind[]> = {
  idea: ['request_sent', 'cancelled'],
  requested: ['follow_up_sent', 'reply_received', 'slots_proposed', 'scheduled', 'no_reply', 'cancelled'],
  scheduled: ['scheduled', 'confirmed', 'held', 'cancelled'],
  confirmed: ['scheduled', 'held', 'cancelled'],
  held: ['thanked'],
  thanked: ['staying_in_touch', 'value_shared'],
  staying_in_touch: ['value_shared'],
  no_reply: ['reply_received'],
  declined: [],
  cancelled: [],
};

describe('interview stages', () => {
  it.each(INTERVIEW_STAGES)('from %s allows exactly the expected events and refuses the rest with a reason', (stage) => {
    const state = foldInterviewEvents(reach[stage]);
    expect(state.stage).toBe(stage);
    expect(allowedEventKinds(state)).toEqual(expected[stage]);
    for (const [kind, event] of Object.entries(events)) {
      if (expected[stage].includes(kind as InterviewEventKind)) continue;
      try {
        applyInterviewEvent(state, event);
        expect.unreachable(`${kind} from ${stage} should be refused`);
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe('STAGE_TRANSITION_REFUSED');
        expect((error as AppError).details).toEqual({ stage, event: kind });
        expect((error as AppError).message.length).toBeGreaterThan(20);
      }
    }
  });

  it('refuses to thank for a meeting that never happened, in words', () => {
    const requested = foldInterviewEvents([events.request_sent]);
    expect(() => applyInterviewEvent(requested, events.thanked)).toThrow(/only thank someone for a meeting that happened/);
  });

  it('allows one follow-up, never two, and none after a reply', () => {
    const followed = foldInterviewEvents([events.request_sent, events.follow_up_sent]);
    expect(followed.followUpSentAt).toBe(at);
    expect(() => applyInterviewEvent(followed, events.follow_up_sent)).toThrow(/already followed up once/);
    const replied = foldInterviewEvents([events.request_sent, events.reply_received]);
    expect(() => applyInterviewEvent(replied, events.follow_up_sent)).toThrow(/already replied/);
    expect(allowedEventKinds(replied)).not.toContain('no_reply');
  });

  it('keeps the facts the follow-up rules need', () => {
    const state: InterviewState = foldInterviewEvents([
      { kind: 'request_sent', at: '2026-03-02T15:00:00.000Z', channel: 'linkedin' },
      { kind: 'reply_received', at: '2026-03-04T15:00:00.000Z', answer: 'yes' },
      { kind: 'scheduled', at: '2026-03-04T16:00:00.000Z', meetingAt: '2026-03-10T14:00:00.000Z' },
    ]);
    expect(state).toEqual({
      ...INITIAL_INTERVIEW_STATE,
      stage: 'scheduled',
      requestSentAt: '2026-03-02T15:00:00.000Z',
      requestChannel: 'linkedin',
      repliedAt: '2026-03-04T15:00:00.000Z',
      replyAnswer: 'yes',
      meetingAt: '2026-03-10T14:00:00.000Z',
      meetingMinutes: 30,
    });
  });

  it('counts reschedules and a cancellation as invite revisions, and forgets offered slots once one is chosen', () => {
    const slots = [{ start: '2026-03-10T14:00:00.000Z', minutes: 20 as const }, { start: '2026-03-11T14:00:00.000Z', minutes: 20 as const }];
    const place = { kind: 'cafe' as const, address: 'Blue Bottle, 1 Ferry Building' };
    let state = foldInterviewEvents([events.request_sent, { kind: 'slots_proposed', at, slots }]);
    expect(state).toMatchObject({ stage: 'requested', proposedSlots: slots, scheduleRevision: 0 });
    state = applyInterviewEvent(state, { kind: 'scheduled', at, meetingAt: slots[1]!.start, minutes: 20, place, travelMinutes: 25 });
    expect(state).toMatchObject({ stage: 'scheduled', meetingMinutes: 20, meetingPlace: place, travelMinutes: 25, proposedSlots: null, scheduleRevision: 0 });
    state = applyInterviewEvent(state, { kind: 'scheduled', at, meetingAt: '2026-03-12T14:00:00.000Z', minutes: 30, place });
    expect(state.scheduleRevision).toBe(1);
    expect(applyInterviewEvent(state, events.cancelled)).toMatchObject({ stage: 'cancelled', scheduleRevision: 2 });
    expect(foldInterviewEvents([events.cancelled]).scheduleRevision).toBe(0);
  });

  it('sharing something of value after the thank-you keeps them in touch and restarts the cadence', () => {
    const state = applyInterviewEvent(foldInterviewEvents(reach.thanked), { kind: 'value_shared', at: '2026-05-01T10:00:00.000Z', what: 'an article' });
    expect(state).toMatchObject({ stage: 'staying_in_touch', lastTouchAt: '2026-05-01T10:00:00.000Z' });
  });

  it('a late reply reopens a request closed for silence; a "no" declines it', () => {
    const reopened = applyInterviewEvent(foldInterviewEvents(reach.no_reply), events.reply_received);
    expect(reopened).toMatchObject({ stage: 'requested', repliedAt: at, replyAnswer: 'yes' });
    expect(foldInterviewEvents(reach.declined).stage).toBe('declined');
  });

  it('scheduling without a logged reply counts as their yes', () => {
    const state = foldInterviewEvents([events.request_sent, events.scheduled]);
    expect(state).toMatchObject({ repliedAt: at, replyAnswer: 'yes' });
  });
});

describe('once is enough', () => {
  const refusal = (fn: () => void) => {
    try {
      fn();
      return null;
    } catch (error) {
      return error as AppError;
    }
  };

  it('refuses a new interview with someone already met, unless they invited it', () => {
    for (const stage of ['held', 'thanked', 'staying_in_touch'] as const) {
      const error = refusal(() => checkOnceIsEnough([{ id: 'met', stage }], false, 'Kim Novak'));
      expect(error?.code).toBe('ONCE_IS_ENOUGH');
      expect(error?.message).toMatch(/already met Kim Novak/);
      expect(error?.details).toEqual({ interviewId: 'met' });
      expect(refusal(() => checkOnceIsEnough([{ id: 'met', stage }], true, 'Kim Novak'))).toBeNull();
    }
  });

  it('refuses a second open interview even when invited, naming the open one', () => {
    for (const stage of ['idea', 'requested', 'scheduled', 'confirmed'] as const) {
      const error = refusal(() => checkOnceIsEnough([{ id: 'closed', stage: 'no_reply' }, { id: 'open', stage }], true, 'Kim'));
      expect(error?.code).toBe('DUPLICATE');
      expect(error?.details).toEqual({ interviewId: 'open' });
    }
  });

  it('allows asking again after a request that ended without meeting', () => {
    for (const stage of ['no_reply', 'declined', 'cancelled'] as const) {
      expect(refusal(() => checkOnceIsEnough([{ id: 'x', stage }], false, 'Kim'))).toBeNull();
    }
    expect(refusal(() => checkOnceIsEnough([], false, 'Kim'))).toBeNull();
  });
});
