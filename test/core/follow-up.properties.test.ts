/**
 * Properties of the 3B7 rules over random interview histories: event sequences
 * built by repeatedly picking one of `allowedEventKinds(state)`, at increasing
 * instants that cross DST changes, in zones with odd offsets and DST rules, with
 * random (non-empty) working weeks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessDays, businessDaysBetween, isBusinessDay, localDate, type Weekday, type WorkCalendar } from '../../src/core/business-days.ts';
import {
  applyTaskDecisions,
  classifyResponsiveness,
  deriveFollowUpTasks,
  dueAutomaticNoReply,
  type FollowUpSubject,
  type TaskDecision,
} from '../../src/core/follow-up.ts';
import {
  allowedEventKinds,
  applyInterviewEvent,
  CLOSED_STAGES,
  INITIAL_INTERVIEW_STATE,
  type InterviewEvent,
  type InterviewEventKind,
  type InterviewState,
  REQUEST_CHANNELS,
} from '../../src/core/interview-stages.ts';

const ZONES = [
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'America/Sao_Paulo',
  'America/Santiago',
  'America/Los_Angeles',
  'UTC',
];

const calendarArb: fc.Arbitrary<WorkCalendar> = fc.record({
  timeZone: fc.constantFrom(...ZONES),
  workingDays: fc.uniqueArray(fc.constantFrom<Weekday>(1, 2, 3, 4, 5, 6, 7), { minLength: 1, maxLength: 7 }),
});

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

interface History {
  events: InterviewEvent[];
  /** states[i] is the state after events[0..i]; states[0] is the initial state. */
  states: InterviewState[];
}

function makeEvent(kind: Exclude<InterviewEventKind, 'created'>, at: string, detail: number): InterviewEvent {
  switch (kind) {
    case 'request_sent':
      return { kind, at, channel: REQUEST_CHANNELS[detail % REQUEST_CHANNELS.length] ?? 'email' };
    case 'reply_received':
      return { kind, at, answer: detail % 3 === 0 ? 'no' : 'yes' };
    case 'scheduled':
      return { kind, at, meetingAt: new Date(Date.parse(at) + (1 + (detail % 14)) * DAY).toISOString() };
    case 'no_reply':
      return { kind, at, automatic: detail % 2 === 0 };
    case 'slots_proposed':
      return { kind, at, slots: [{ start: new Date(Date.parse(at) + (2 + (detail % 5)) * DAY).toISOString(), minutes: detail % 2 === 0 ? 30 : 20 }] };
    case 'value_shared':
      return { kind, at, what: 'an article on service design' };
    default:
      return { kind, at };
  }
}

/** A valid history: each step picks among the events the state machine allows now, a little later than the last. */
const historyArb: fc.Arbitrary<History> = fc
  .record({
    start: fc.integer({ min: Date.parse('2025-09-01T00:00:00Z'), max: Date.parse('2026-12-01T00:00:00Z') }),
    steps: fc.array(
      fc.record({
        // up to 20 days: long enough to reach every 3B7 deadline, short enough to land near them
        gap: fc.integer({ min: 1, max: 20 * 24 * 60 }),
        pick: fc.nat(),
        detail: fc.nat(),
      }),
      { maxLength: 12 },
    ),
  })
  .map(({ start, steps }) => {
    let state = INITIAL_INTERVIEW_STATE;
    let time = start;
    const events: InterviewEvent[] = [];
    const states: InterviewState[] = [state];
    for (const { gap, pick, detail } of steps) {
      const kinds = allowedEventKinds(state).filter((k): k is Exclude<InterviewEventKind, 'created'> => k !== 'created');
      if (kinds.length === 0) break;
      time += gap * MINUTE;
      const event = makeEvent(kinds[pick % kinds.length] as Exclude<InterviewEventKind, 'created'>, new Date(time).toISOString(), detail);
      state = applyInterviewEvent(state, event);
      events.push(event);
      states.push(state);
    }
    return { events, states };
  });

function subjectOf(state: InterviewState, organizationName: string | null = 'Acme'): FollowUpSubject {
  return { interviewId: 'iv', contactId: 'c', contactName: 'Dana Reyes', organizationName, state };
}

const RUNS = { numRuns: 300 };

describe('3B7 over random interview histories', () => {
  it('generates histories that reach every case the rules distinguish', () => {
    const states = fc.sample(historyArb, { numRuns: 500, seed: 7 }).flatMap((h) => h.states);
    const count = (test: (s: InterviewState) => boolean) => states.filter(test).length;
    expect(count((s) => s.stage === 'requested' && s.repliedAt === null && s.followUpSentAt === null)).toBeGreaterThan(20);
    expect(count((s) => s.stage === 'requested' && s.repliedAt === null && s.followUpSentAt !== null)).toBeGreaterThan(20);
    expect(count((s) => s.stage === 'no_reply')).toBeGreaterThan(20);
    expect(count((s) => s.stage === 'requested' && s.repliedAt !== null)).toBeGreaterThan(20);
    expect(count((s) => s.stage === 'declined')).toBeGreaterThan(20);
    expect(count((s) => ['scheduled', 'confirmed', 'held', 'thanked', 'staying_in_touch'].includes(s.stage))).toBeGreaterThan(20);
  });

  it('never records a second follow-up, and no follow-up task exists once one was sent', () => {
    fc.assert(
      fc.property(historyArb, calendarArb, ({ events, states }, calendar) => {
        expect(events.filter((e) => e.kind === 'follow_up_sent').length).toBeLessThanOrEqual(1);
        let sent = false;
        states.forEach((state, i) => {
          if (i > 0 && events[i - 1]?.kind === 'follow_up_sent') sent = true;
          const kinds = deriveFollowUpTasks(subjectOf(state), calendar).map((t) => t.kind);
          if (sent) expect(kinds).not.toContain('follow_up');
          if (sent) expect(allowedEventKinds(state)).not.toContain('follow_up_sent');
        });
      }),
      RUNS,
    );
  });

  it('gives tasks only to a request still waiting, and always a second-contact task to one', () => {
    fc.assert(
      fc.property(historyArb, calendarArb, fc.boolean(), ({ states }, calendar, withOrg) => {
        for (const state of states) {
          const tasks = deriveFollowUpTasks(subjectOf(state, withOrg ? 'Acme' : null), calendar);
          const waiting = state.stage === 'requested' && state.repliedAt === null;
          if (!waiting || CLOSED_STAGES.includes(state.stage)) expect(tasks).toEqual([]);
          else expect(tasks.map((t) => t.kind)).toContain('second_contact');
        }
      }),
      RUNS,
    );
  });

  it('puts every task on a business day strictly after the local request date, exactly 3 or 7 business days on', () => {
    fc.assert(
      fc.property(historyArb, calendarArb, ({ states }, calendar) => {
        for (const state of states) {
          for (const task of deriveFollowUpTasks(subjectOf(state), calendar)) {
            const asked = localDate(state.requestSentAt as string, calendar.timeZone);
            expect(isBusinessDay(task.dueOn, calendar)).toBe(true);
            expect(task.dueOn > asked).toBe(true);
            expect(businessDaysBetween(asked, task.dueOn, calendar)).toBe(task.kind === 'second_contact' ? 3 : 7);
            expect(task.key).toBe(`iv:${task.kind}`);
          }
        }
      }),
      RUNS,
    );
  });

  it('keeps every effective due date on a business day, never before the task’s own', () => {
    const decisionArb = fc.option(
      fc.record({
        status: fc.constantFrom<TaskDecision['status']>('done', 'dismissed', 'snoozed'),
        snoozeOffset: fc.option(fc.integer({ min: -30, max: 60 })),
      }),
    );
    fc.assert(
      fc.property(historyArb, calendarArb, fc.array(decisionArb, { minLength: 2, maxLength: 2 }), ({ states }, calendar, choices) => {
        for (const state of states) {
          const tasks = deriveFollowUpTasks(subjectOf(state), calendar);
          const decisions = new Map<string, TaskDecision>();
          tasks.forEach((task, i) => {
            const choice = choices[i];
            if (!choice) return;
            const snoozedUntil =
              choice.snoozeOffset === null
                ? null
                : new Date(Date.parse(`${task.dueOn}T00:00:00Z`) + choice.snoozeOffset * DAY).toISOString().slice(0, 10);
            decisions.set(task.key, { key: task.key, status: choice.status, snoozedUntil });
          });
          const today = applyTaskDecisions(tasks, decisions, calendar);
          const hidden = [...decisions.values()].filter((d) => d.status !== 'snoozed').length;
          expect(today).toHaveLength(tasks.length - hidden);
          for (const task of today) {
            expect(isBusinessDay(task.dueOn, calendar)).toBe(true);
            expect(isBusinessDay(task.effectiveDueOn, calendar)).toBe(true);
            expect(task.effectiveDueOn >= task.dueOn).toBe(true);
            expect(task.snoozed).toBe(task.effectiveDueOn !== task.dueOn);
          }
        }
      }),
      RUNS,
    );
  });

  it('closes as no reply exactly when 7 business days have passed since the follow-up, and the state machine accepts it', () => {
    fc.assert(
      fc.property(historyArb, calendarArb, fc.integer({ min: -2 * DAY, max: 80 * DAY }), ({ states }, calendar, offset) => {
        for (const state of states) {
          const anchor = Date.parse(state.followUpSentAt ?? state.requestSentAt ?? '2026-01-01T00:00:00Z');
          const now = new Date(anchor + offset);
          const due = dueAutomaticNoReply(subjectOf(state), now, calendar);
          const waitingAfterFollowUp = state.stage === 'requested' && state.repliedAt === null && state.followUpSentAt !== null;
          if (!waitingAfterFollowUp) {
            expect(due).toBeNull();
            continue;
          }
          const followedUp = localDate(state.followUpSentAt as string, calendar.timeZone);
          const today = localDate(now, calendar.timeZone);
          // Counted independently of the implementation's addBusinessDays comparison.
          const silentDays = businessDaysBetween(followedUp, today, calendar);
          expect(due !== null).toBe(silentDays >= 7);
          if (due) {
            expect(today >= addBusinessDays(followedUp, 7, calendar)).toBe(true);
            expect(due.at).toBe(now.toISOString());
            expect(applyInterviewEvent(state, { kind: 'no_reply', at: due.at, automatic: true }).stage).toBe('no_reply');
          }
        }
      }),
      RUNS,
    );
  });

  it('classifies a contact only once there is something to judge, and consistently with the 3-business-day rule', () => {
    fc.assert(
      fc.property(historyArb, calendarArb, ({ states }, calendar) => {
        for (const state of states) {
          const kind = classifyResponsiveness(state, calendar);
          if (state.requestSentAt === null) expect(kind).toBeNull();
          else if (state.repliedAt === null) expect(kind).toBe(state.stage === 'no_reply' ? 'curmudgeon' : null);
          else {
            const replied = localDate(state.repliedAt, calendar.timeZone);
            const waited = businessDaysBetween(localDate(state.requestSentAt, calendar.timeZone), replied, calendar);
            // Within the 3rd business day: fewer than 3 have passed, or the reply came on the 3rd itself
            // (a reply on a day off after the 3rd business day is already late).
            const withinThird = waited < 3 || (waited === 3 && isBusinessDay(replied, calendar));
            expect(kind).toBe(withinThird ? 'booster' : 'obligate');
          }
        }
      }),
      RUNS,
    );
  });
});
