import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKING_DAYS, type WorkCalendar } from '../../src/core/business-days.ts';
import type { TaskDecision } from '../../src/core/follow-up.ts';
import { foldInterviewEvents, type InterviewEvent, type InterviewState } from '../../src/core/interview-stages.ts';
import {
  applyReminderDecisions,
  DEFAULT_REMINDER_SETTINGS,
  deriveReminders,
  type Reminder,
  type ReminderKind,
  type ReminderSubject,
} from '../../src/core/reminders.ts';

const NEW_YORK: WorkCalendar = { timeZone: 'America/New_York', workingDays: DEFAULT_WORKING_DAYS };
const LONDON: WorkCalendar = { timeZone: 'Europe/London', workingDays: DEFAULT_WORKING_DAYS };

type Step = 'scheduled' | 'confirmed' | 'held' | 'thanked' | 'staying_in_touch' | 'cancelled';

/** A real history up to `step`, with the meeting at `meetingAt`; held/thanked are logged just after it. */
function stateAt(meetingAt: string, step: Step): InterviewState {
  const t = Date.parse(meetingAt);
  const iso = (ms: number) => new Date(ms).toISOString();
  const events: InterviewEvent[] = [
    { kind: 'created', at: iso(t - 20 * 86_400_000) },
    { kind: 'request_sent', at: iso(t - 19 * 86_400_000), channel: 'email' },
    { kind: 'scheduled', at: iso(t - 18 * 86_400_000), meetingAt },
  ];
  const then: Record<Step, InterviewEvent[]> = {
    scheduled: [],
    confirmed: [{ kind: 'confirmed', at: iso(t - 86_400_000) }],
    held: [{ kind: 'held', at: iso(t + 30 * 60_000) }],
    thanked: [
      { kind: 'held', at: iso(t + 30 * 60_000) },
      { kind: 'thanked', at: iso(t + 3 * 3_600_000) },
    ],
    staying_in_touch: [
      { kind: 'held', at: iso(t + 30 * 60_000) },
      { kind: 'thanked', at: iso(t + 3 * 3_600_000) },
      { kind: 'staying_in_touch', at: iso(t + 4 * 3_600_000) },
    ],
    cancelled: [{ kind: 'cancelled', at: iso(t - 86_400_000) }],
  };
  return foldInterviewEvents([...events, ...then[step]]);
}

function subject(meetingAt: string, step: Step, overrides: Partial<ReminderSubject> = {}): ReminderSubject {
  return {
    interviewId: 'iv1',
    contactId: 'c1',
    contactName: 'Dana Reyes',
    organizationName: 'Acme',
    state: stateAt(meetingAt, step),
    meetingMinutes: 30,
    inPerson: true,
    placeText: 'Blue Bottle, 1 Ferry Building',
    travelMinutes: 45,
    lastTouchAt: null,
    ...overrides,
  };
}

function only(reminders: Reminder[], kind: ReminderKind): Reminder {
  const found = reminders.filter((r) => r.kind === kind);
  expect(found).toHaveLength(1);
  return found[0] as Reminder;
}

const kinds = (reminders: Reminder[]) => reminders.map((r) => r.kind);

describe('confirm', () => {
  // Meeting Mon 9 Mar 2026 09:00 EDT; clocks in New York jumped on Sun 8 Mar at 02:00.
  const MEETING = '2026-03-09T13:00:00Z';
  const EARLY = new Date('2026-03-01T15:00:00Z');

  it('is due the local day before, at 09:00 local, with a confirmation to send', () => {
    const confirm = only(deriveReminders(subject(MEETING, 'scheduled'), EARLY, NEW_YORK), 'confirm');
    expect(confirm).toEqual({
      key: 'iv1:confirm',
      kind: 'confirm',
      interviewId: 'iv1',
      contactId: 'c1',
      title: "Confirm tomorrow's meeting with Dana Reyes",
      reason:
        'Your meeting with Dana Reyes (Acme) is on Mon 9 Mar 2026 at 9:00; confirm it by message the day before ' +
        '(Sun 8 Mar 2026), which catches a change of plans and shows you value their time.',
      dueOn: '2026-03-08',
      // 09:00 on Sun 8 Mar is already daylight time (UTC−4).
      at: '2026-03-08T13:00:00.000Z',
      draft:
        "Hi Dana, looking forward to our meeting tomorrow (Mon 9 Mar) at 9:00 at Blue Bottle, 1 Ferry Building. I'll keep it " +
        'to 30 minutes as promised. Does that still work for you?',
    });
  });

  it.each([
    // [meeting instant, local meeting time, due on, at]
    ['2026-03-09T13:00:00Z', 'Mon 09:00 EDT', '2026-03-08', '2026-03-08T13:00:00.000Z'],
    // 24 hours before is Sat 7 Mar 23:30 EST: "the day before" is a calendar day, not 24 hours.
    ['2026-03-09T04:30:00Z', 'Mon 00:30 EDT', '2026-03-08', '2026-03-08T13:00:00.000Z'],
    // Already Tuesday in UTC: the day is the seeker's, not UTC's.
    ['2026-03-10T01:00:00Z', 'Mon 21:00 EDT', '2026-03-08', '2026-03-08T13:00:00.000Z'],
    // Before the jump: the day before is a standard-time day, 09:00 = 14:00 UTC.
    ['2026-03-08T06:30:00Z', 'Sun 01:30 EST', '2026-03-07', '2026-03-07T14:00:00.000Z'],
    ['2026-03-08T07:30:00Z', 'Sun 03:30 EDT', '2026-03-07', '2026-03-07T14:00:00.000Z'],
  ])('meeting %s (%s): confirm on %s at %s', (meetingAt, _local, dueOn, at) => {
    const confirm = only(deriveReminders(subject(meetingAt, 'scheduled'), EARLY, NEW_YORK), 'confirm');
    expect(confirm.dueOn).toBe(dueOn);
    expect(confirm.at).toBe(at);
  });

  it('does the same in London across the autumn change', () => {
    // Mon 26 Oct 2026 10:00 GMT; the day before (Sun 25 Oct) has 25 hours, 09:00 on it is GMT.
    const confirm = only(deriveReminders(subject('2026-10-26T10:00:00Z', 'scheduled'), EARLY, LONDON), 'confirm');
    expect(confirm.dueOn).toBe('2026-10-25');
    expect(confirm.at).toBe('2026-10-25T09:00:00.000Z');
  });

  it.each<[Step, ReminderKind[]]>([
    ['scheduled', ['confirm', 'leave_by']],
    ['confirmed', ['leave_by']],
    ['held', ['thank_you']],
    ['cancelled', []],
  ])('after %s: %j', (step, expected) => {
    expect(kinds(deriveReminders(subject(MEETING, step), EARLY, NEW_YORK))).toEqual(expected);
  });

  it("says today's meeting on the meeting day, and is gone once the meeting has started", () => {
    const s = subject(MEETING, 'scheduled');
    const start = Date.parse(MEETING);
    const justBefore = deriveReminders(s, new Date(start - 1), NEW_YORK);
    expect(only(justBefore, 'confirm').title).toBe("Confirm today's meeting with Dana Reyes");
    expect(only(justBefore, 'confirm').draft).toContain('our meeting today (Mon 9 Mar) at 9:00');
    expect(deriveReminders(s, new Date(start), NEW_YORK)).toEqual([]);
  });

  it('drafts a remote confirmation with the zone and the link', () => {
    const s = subject(MEETING, 'scheduled', { inPerson: false, placeText: 'https://meet.example.com/abc', travelMinutes: null, meetingMinutes: 20 });
    const reminders = deriveReminders(s, EARLY, NEW_YORK);
    expect(kinds(reminders)).toEqual(['confirm']);
    expect(only(reminders, 'confirm').draft).toBe(
      'Hi Dana, looking forward to our conversation tomorrow (Mon 9 Mar) at 9:00 New York time (https://meet.example.com/abc). ' +
        "I'll keep it to 20 minutes as promised. Does that still work for you?",
    );
  });

  it('drafts without a place, and without a name to greet', () => {
    const s = subject(MEETING, 'scheduled', { contactName: '  ', placeText: '   ' });
    expect(only(deriveReminders(s, EARLY, NEW_YORK), 'confirm').draft).toBe(
      "Hi, looking forward to our meeting tomorrow (Mon 9 Mar) at 9:00. I'll keep it to 30 minutes as promised. Does that still work for you?",
    );
  });
});

describe('leave_by', () => {
  const EARLY = new Date('2026-03-01T15:00:00Z');

  it.each([
    // [meeting instant, zone, travel, leave-by instant, due on, title time]
    // 08:30 EDT on the day of the jump, 45 minutes of travel: 07:35 EDT.
    ['2026-03-08T12:30:00Z', NEW_YORK, 45, '2026-03-08T11:35:00.000Z', '2026-03-08', '7:35'],
    // 03:30 EDT, just after the jump: 55 minutes earlier is 01:35 EST (wall-clock subtraction would say 2:35, a time that never existed).
    ['2026-03-08T07:30:00Z', NEW_YORK, 45, '2026-03-08T06:35:00.000Z', '2026-03-08', '1:35'],
    // 01:30 GMT on 25 Oct 2026, just after London fell back: 40 minutes earlier is 01:50 BST, the first 01:50 of the night.
    ['2026-10-25T01:30:00Z', LONDON, 30, '2026-10-25T00:50:00.000Z', '2026-10-25', '1:50'],
    // 00:20 on Tue 10 Mar: leaving the evening before, so it shows on Monday.
    ['2026-03-10T04:20:00Z', NEW_YORK, 30, '2026-03-10T03:40:00.000Z', '2026-03-09', '23:40'],
    // No travel at all still keeps the margin.
    ['2026-03-09T13:00:00Z', NEW_YORK, 0, '2026-03-09T12:50:00.000Z', '2026-03-09', '8:50'],
  ])('meeting %s, %o, %i min travel: leave at %s', (meetingAt, calendar, travelMinutes, at, dueOn, time) => {
    const leave = only(deriveReminders(subject(meetingAt, 'confirmed', { travelMinutes }), EARLY, calendar), 'leave_by');
    expect(leave.at).toBe(at);
    expect(leave.dueOn).toBe(dueOn);
    expect(leave.title).toBe(`Leave by ${time} for Blue Bottle`);
    expect(leave.key).toBe('iv1:leave_by');
    expect(leave.draft).toBeNull();
  });

  it('explains the travel and the margin', () => {
    const leave = only(deriveReminders(subject('2026-03-08T12:30:00Z', 'scheduled'), EARLY, NEW_YORK), 'leave_by');
    expect(leave.reason).toBe(
      'Your meeting with Dana Reyes (Acme) at Blue Bottle, 1 Ferry Building starts at 8:30 on Sun 8 Mar 2026: ' +
        '45 minutes of travel and a 10-minute margin mean leaving by 7:35.',
    );
  });

  it('names the person when there is no place', () => {
    const leave = only(deriveReminders(subject('2026-03-08T12:30:00Z', 'scheduled', { placeText: null, organizationName: null }), EARLY, NEW_YORK), 'leave_by');
    expect(leave.title).toBe('Leave by 7:35 to meet Dana Reyes');
    expect(leave.reason).toBe('Your meeting with Dana Reyes starts at 8:30 on Sun 8 Mar 2026: 45 minutes of travel and a 10-minute margin mean leaving by 7:35.');
  });

  it.each<[string, Partial<ReminderSubject>]>([
    ['not in person', { inPerson: false }],
    ['no travel time', { travelMinutes: null }],
  ])('is absent when %s', (_why, overrides) => {
    expect(kinds(deriveReminders(subject('2026-03-08T12:30:00Z', 'confirmed', overrides), EARLY, NEW_YORK))).toEqual([]);
  });

  it('stays after the leave-by time (you are late, not done) and goes when the meeting starts', () => {
    const s = subject('2026-03-08T12:30:00Z', 'confirmed');
    expect(kinds(deriveReminders(s, new Date('2026-03-08T12:00:00Z'), NEW_YORK))).toEqual(['leave_by']);
    expect(deriveReminders(s, new Date('2026-03-08T12:30:00Z'), NEW_YORK)).toEqual([]);
  });
});

describe('thank_you', () => {
  // Sat 24 Oct 2026 10:00–10:30 BST; London falls back to GMT at 02:00 on Sun 25 Oct.
  const MEETING = '2026-10-24T09:00:00Z';

  it('is due exactly 24 hours after the end, even across the autumn change', () => {
    const thanks = only(deriveReminders(subject(MEETING, 'held'), new Date('2026-10-24T10:00:00Z'), LONDON), 'thank_you');
    expect(thanks).toEqual({
      key: 'iv1:thank_you',
      kind: 'thank_you',
      interviewId: 'iv1',
      contactId: 'c1',
      // 24 hours after 10:30 BST is 09:30 GMT, not 10:30.
      title: 'Thank Dana Reyes (by 9:30 tomorrow)',
      reason:
        'Your meeting with Dana Reyes (Acme) ended at 10:30 on Sat 24 Oct 2026; send a thank-you within 24 hours, ' +
        'by 9:30 on Sun 25 Oct 2026, naming something specific they said.',
      dueOn: '2026-10-25',
      at: '2026-10-25T09:30:00.000Z',
      draft: null,
    });
  });

  it.each([
    // [meeting, minutes, deadline]
    ['2026-10-24T09:00:00Z', 20, '2026-10-25T09:20:00.000Z'],
    ['2026-10-24T09:00:00Z', null, '2026-10-25T09:30:00.000Z'], // the default 30 minutes
  ])('meeting %s for %s minutes: deadline %s', (meetingAt, meetingMinutes, at) => {
    const thanks = only(deriveReminders(subject(meetingAt, 'held', { meetingMinutes }), new Date(meetingAt), LONDON), 'thank_you');
    expect(thanks.at).toBe(at);
  });

  it('can be due the same local day on a 25-hour day', () => {
    // 00:10–00:40 BST on Sun 25 Oct; 24 hours later is 23:40 GMT, still Sun 25 Oct.
    const end = new Date('2026-10-24T23:40:00Z');
    const thanks = only(deriveReminders(subject('2026-10-24T23:10:00Z', 'held'), end, LONDON), 'thank_you');
    expect(thanks.dueOn).toBe('2026-10-25');
    expect(thanks.at).toBe('2026-10-25T23:40:00.000Z');
    expect(thanks.title).toBe('Thank Dana Reyes (by 23:40 today)');
  });

  it.each([
    ['2026-10-25T09:29:59Z', 'Thank Dana Reyes (by 9:30 today)'],
    ['2026-10-25T09:30:00Z', 'Thank Dana Reyes (by 9:30 today)'],
    ['2026-10-25T09:30:01Z', 'Thank Dana Reyes (was due by 9:30 today)'],
    ['2026-10-26T08:00:00Z', 'Thank Dana Reyes (was due by 9:30 yesterday)'],
    ['2026-11-02T08:00:00Z', 'Thank Dana Reyes (was due by 9:30 on Sun 25 Oct)'],
  ])('at %s the title reads %j, and it stays due on the deadline date', (now, title) => {
    const thanks = only(deriveReminders(subject(MEETING, 'held'), new Date(now), LONDON), 'thank_you');
    expect(thanks.title).toBe(title);
    expect(thanks.dueOn).toBe('2026-10-25');
    expect(thanks.key).toBe('iv1:thank_you');
  });

  it('matches the example: a meeting ending at 11:00 is thanked by 11:00 tomorrow', () => {
    // Tue 10 Mar 2026 10:30–11:00 EDT.
    const thanks = only(deriveReminders(subject('2026-03-10T14:30:00Z', 'held'), new Date('2026-03-10T15:05:00Z'), NEW_YORK), 'thank_you');
    expect(thanks.title).toBe('Thank Dana Reyes (by 11:00 tomorrow)');
    expect(thanks.dueOn).toBe('2026-03-11');
  });

  it('is gone once thanked', () => {
    const kindsAfter = kinds(deriveReminders(subject(MEETING, 'thanked'), new Date('2026-10-24T12:00:00Z'), LONDON));
    expect(kindsAfter).toEqual(['stay_in_touch']);
  });
});

describe('stay_in_touch', () => {
  // Mon 6 Jul 2026 10:00–10:30 EDT. 8 weeks later: Mon 31 Aug 2026.
  const MEETING = '2026-07-06T14:00:00Z';
  const at = (iso: string) => new Date(iso);

  function next(now: string, overrides: Partial<ReminderSubject> = {}, step: Step = 'thanked', settings = DEFAULT_REMINDER_SETTINGS, meetingAt = MEETING) {
    const reminders = deriveReminders(subject(meetingAt, step, overrides), at(now), NEW_YORK, settings);
    expect(reminders).toHaveLength(1);
    const r = only(reminders, 'stay_in_touch');
    return { key: r.key, dueOn: r.dueOn };
  }

  it.each([
    // [now (UTC), key, due on] — every 3 months counted from 31 Aug, clamped at month ends, never chained
    ['2026-07-06T18:00:00Z', 'iv1:stay_in_touch:1', '2026-08-31'],
    ['2026-08-30T12:00:00Z', 'iv1:stay_in_touch:1', '2026-08-31'],
    ['2026-08-31T12:00:00Z', 'iv1:stay_in_touch:1', '2026-08-31'],
    ['2026-11-29T12:00:00Z', 'iv1:stay_in_touch:1', '2026-08-31'], // overdue until the next one comes due
    ['2026-11-30T12:00:00Z', 'iv1:stay_in_touch:2', '2026-11-30'], // 31 Nov does not exist
    ['2027-02-28T12:00:00Z', 'iv1:stay_in_touch:3', '2027-02-28'],
    ['2027-05-31T12:00:00Z', 'iv1:stay_in_touch:4', '2027-05-31'], // 31 May, not 28 May: counted from 31 Aug
    ['2027-05-31T03:59:00Z', 'iv1:stay_in_touch:3', '2027-02-28'], // still 30 May in New York
  ])('at %s: %s due %s', (now, key, dueOn) => {
    expect(next(now)).toEqual({ key, dueOn });
  });

  it('starts on the local end date + 8 calendar weeks, not + 56 × 24 hours', () => {
    // Tue 10 Feb 2026 23:00–23:30 EST. 56 × 24 h later is 00:30 EDT on 8 Apr; 8 calendar weeks is Tue 7 Apr.
    expect(next('2026-02-11T12:00:00Z', {}, 'thanked', DEFAULT_REMINDER_SETTINGS, '2026-02-11T04:00:00Z')).toEqual({
      key: 'iv1:stay_in_touch:1',
      dueOn: '2026-04-07',
    });
  });

  it('clamps to 29 February in a leap year', () => {
    // Tue 5 Oct 2027 + 8 weeks = Tue 30 Nov 2027; + 3 months = Tue 29 Feb 2028; + 6 = 30 May 2028.
    const meetingAt = '2027-10-05T14:00:00Z';
    expect(next('2028-03-01T12:00:00Z', {}, 'thanked', DEFAULT_REMINDER_SETTINGS, meetingAt).dueOn).toBe('2028-02-29');
    expect(next('2028-05-30T12:00:00Z', {}, 'thanked', DEFAULT_REMINDER_SETTINGS, meetingAt).dueOn).toBe('2028-05-30');
  });

  it('follows the settings: 2 weeks, then every month', () => {
    // Sun 17 Jan 2027 + 2 weeks = Sun 31 Jan; then 28 Feb, 31 Mar.
    const settings = { stayInTouchFirstWeeks: 2, stayInTouchEveryMonths: 1 };
    const meetingAt = '2027-01-17T15:00:00Z';
    const due = (now: string) => next(now, {}, 'staying_in_touch', settings, meetingAt);
    expect(due('2027-01-20T12:00:00Z')).toEqual({ key: 'iv1:stay_in_touch:1', dueOn: '2027-01-31' });
    expect(due('2027-03-01T12:00:00Z')).toEqual({ key: 'iv1:stay_in_touch:2', dueOn: '2027-02-28' });
    expect(due('2027-03-31T12:00:00Z')).toEqual({ key: 'iv1:stay_in_touch:3', dueOn: '2027-03-31' });
  });

  it.each([
    // [last touch, now, key, due on]
    // A touch before the first reminder leaves the cadence alone.
    ['2026-08-01T15:00:00Z', '2026-08-02T12:00:00Z', 'iv1:stay_in_touch:1', '2026-08-31'],
    // A touch on the first reminder's day answers it: the next is 3 months on, as before.
    ['2026-08-31T15:00:00Z', '2026-09-01T12:00:00Z', 'iv1:stay_in_touch:2', '2026-11-30'],
    // A touch between reminders moves the next one to 3 months after the touch.
    ['2026-09-15T15:00:00Z', '2026-09-16T12:00:00Z', 'iv1:stay_in_touch:2', '2026-12-15'],
    ['2026-09-15T15:00:00Z', '2026-12-20T12:00:00Z', 'iv1:stay_in_touch:2', '2026-12-15'],
    ['2026-09-15T15:00:00Z', '2027-03-15T12:00:00Z', 'iv1:stay_in_touch:3', '2027-03-15'],
    // A touch after the second came due answers both.
    ['2026-12-01T15:00:00Z', '2026-12-02T12:00:00Z', 'iv1:stay_in_touch:3', '2027-03-01'],
    // 03:00 UTC on 1 Dec is still 30 Nov in New York: that touch answers the reminder of 30 Nov.
    ['2026-12-01T03:00:00Z', '2026-12-02T12:00:00Z', 'iv1:stay_in_touch:3', '2027-02-28'],
  ])('last touch %s, now %s: %s due %s', (lastTouchAt, now, key, dueOn) => {
    expect(next(now, { lastTouchAt })).toEqual({ key, dueOn });
  });

  it('explains where the date comes from', () => {
    const r = (now: string, lastTouchAt: string | null = null) =>
      only(deriveReminders(subject(MEETING, 'thanked', { lastTouchAt }), at(now), NEW_YORK), 'stay_in_touch');
    const share = 'Share something of value (an article, an event, or how their advice turned out) so the connection stays warm.';
    expect(r('2026-07-07T12:00:00Z').reason).toBe(
      `You met Dana Reyes (Acme) on Mon 6 Jul 2026; 8 weeks later, on Mon 31 Aug 2026, get back in touch. ${share}`,
    );
    expect(r('2026-12-01T12:00:00Z').reason).toBe(
      `Counting every 3 months from the first reminder on Mon 31 Aug 2026, the next time to get back in touch with Dana Reyes (Acme) falls on Mon 30 Nov 2026. ${share}`,
    );
    expect(r('2026-09-16T12:00:00Z', '2026-09-15T15:00:00Z').reason).toBe(
      `You last shared something with Dana Reyes (Acme) on Tue 15 Sep 2026; every 3 months after that, the next falls on Tue 15 Dec 2026. ${share}`,
    );
    const reminder = r('2026-07-07T12:00:00Z');
    expect(reminder.title).toBe('Stay in touch with Dana Reyes');
    expect(reminder.at).toBeNull();
    expect(reminder.draft).toMatch(/^Hi Dana, /);
    expect(reminder.draft).toContain('when we met in July 2026');
  });
});

describe('stages without reminders', () => {
  const now = new Date('2026-03-01T12:00:00Z');
  const base = subject('2026-03-09T13:00:00Z', 'scheduled');

  it.each<[string, InterviewEvent[]]>([
    ['idea', []],
    ['requested', [{ kind: 'request_sent', at: '2026-02-01T12:00:00Z', channel: 'email' }]],
    [
      'requested, with a yes',
      [
        { kind: 'request_sent', at: '2026-02-01T12:00:00Z', channel: 'email' },
        { kind: 'reply_received', at: '2026-02-02T12:00:00Z', answer: 'yes' },
      ],
    ],
    [
      'no_reply',
      [
        { kind: 'request_sent', at: '2026-02-01T12:00:00Z', channel: 'email' },
        { kind: 'no_reply', at: '2026-02-20T12:00:00Z', automatic: true },
      ],
    ],
    [
      'declined',
      [
        { kind: 'request_sent', at: '2026-02-01T12:00:00Z', channel: 'email' },
        { kind: 'reply_received', at: '2026-02-02T12:00:00Z', answer: 'no' },
      ],
    ],
    [
      'cancelled after scheduling',
      [
        { kind: 'request_sent', at: '2026-02-01T12:00:00Z', channel: 'email' },
        { kind: 'scheduled', at: '2026-02-02T12:00:00Z', meetingAt: '2026-03-09T13:00:00Z' },
        { kind: 'cancelled', at: '2026-02-03T12:00:00Z' },
      ],
    ],
  ])('%s', (_stage, events) => {
    const state = foldInterviewEvents([{ kind: 'created', at: '2026-01-31T12:00:00Z' }, ...events]);
    expect(deriveReminders({ ...base, state }, now, NEW_YORK)).toEqual([]);
  });
});

describe('keys', () => {
  it('stay the same across calls and as time passes within a stage', () => {
    const scheduled = subject('2026-03-09T13:00:00Z', 'scheduled');
    const keysAt = (s: ReminderSubject, now: string) => deriveReminders(s, new Date(now), NEW_YORK).map((r) => r.key);
    expect(keysAt(scheduled, '2026-03-01T12:00:00Z')).toEqual(['iv1:confirm', 'iv1:leave_by']);
    expect(keysAt(scheduled, '2026-03-01T12:00:00Z')).toEqual(keysAt(scheduled, '2026-03-09T12:00:00Z'));
    const thanked = subject('2026-07-06T14:00:00Z', 'thanked');
    expect(keysAt(thanked, '2026-07-07T12:00:00Z')).toEqual(['iv1:stay_in_touch:1']);
    expect(keysAt(thanked, '2026-11-29T12:00:00Z')).toEqual(['iv1:stay_in_touch:1']);
  });
});

describe('invalid input', () => {
  const now = new Date('2026-03-01T12:00:00Z');
  it.each<[string, () => unknown]>([
    ['an unknown zone', () => deriveReminders(subject('2026-03-09T13:00:00Z', 'scheduled'), now, { timeZone: 'Mars/Olympus', workingDays: [1] })],
    ['negative travel', () => deriveReminders(subject('2026-03-09T13:00:00Z', 'scheduled', { travelMinutes: -5 }), now, NEW_YORK)],
    ['a zero-minute meeting', () => deriveReminders(subject('2026-03-09T13:00:00Z', 'held', { meetingMinutes: 0 }), now, NEW_YORK)],
    [
      'a cadence of zero months',
      () => deriveReminders(subject('2026-03-09T13:00:00Z', 'thanked'), now, NEW_YORK, { stayInTouchFirstWeeks: 8, stayInTouchEveryMonths: 0 }),
    ],
    ['an unreadable last touch', () => deriveReminders(subject('2026-03-09T13:00:00Z', 'thanked', { lastTouchAt: 'soon' }), now, NEW_YORK)],
  ])('refuses %s', (_what, call) => {
    expect(call).toThrow(Error);
  });
});

describe('applyReminderDecisions', () => {
  const reminders = deriveReminders(subject('2026-03-09T13:00:00Z', 'scheduled'), new Date('2026-03-01T12:00:00Z'), NEW_YORK);
  const decide = (...list: TaskDecision[]) => new Map(list.map((d) => [d.key, d]));

  it('drops done and dismissed reminders and leaves the rest as they are', () => {
    const result = applyReminderDecisions(reminders, decide({ key: 'iv1:confirm', status: 'done', snoozedUntil: null }));
    expect(result.map((r) => [r.key, r.dueOn, r.effectiveDueOn, r.snoozed])).toEqual([['iv1:leave_by', '2026-03-09', '2026-03-09', false]]);
    expect(applyReminderDecisions(reminders, decide({ key: 'iv1:leave_by', status: 'dismissed', snoozedUntil: null })).map((r) => r.key)).toEqual([
      'iv1:confirm',
    ]);
  });

  it('brings a snoozed one back on the day asked, weekend or not, never before its own due date', () => {
    const snooze = (snoozedUntil: string | null) =>
      applyReminderDecisions(reminders, decide({ key: 'iv1:confirm', status: 'snoozed', snoozedUntil }))[0];
    // Due Sun 8 Mar, the day before a Monday meeting: a 3B7 task would never fall on a Sunday.
    expect(reminders[0]?.dueOn).toBe('2026-03-08');
    expect(snooze('2026-03-07')).toMatchObject({ key: 'iv1:confirm', effectiveDueOn: '2026-03-08', snoozed: false });
    expect(snooze(null)).toMatchObject({ key: 'iv1:confirm', effectiveDueOn: '2026-03-08', snoozed: false });
    // Snoozed to Mon 9 Mar: it comes back that day, not rounded to a later working day.
    expect(snooze('2026-03-09')).toMatchObject({ key: 'iv1:confirm', effectiveDueOn: '2026-03-09', snoozed: true });
    expect(snooze('2026-03-14')).toMatchObject({ key: 'iv1:confirm', effectiveDueOn: '2026-03-14', snoozed: true });
  });

  it('dismissing one stay-in-touch reminder does not silence the next', () => {
    const s = subject('2026-07-06T14:00:00Z', 'thanked');
    const dismissed = decide({ key: 'iv1:stay_in_touch:1', status: 'dismissed', snoozedUntil: null });
    expect(applyReminderDecisions(deriveReminders(s, new Date('2026-09-01T12:00:00Z'), NEW_YORK), dismissed)).toEqual([]);
    expect(applyReminderDecisions(deriveReminders(s, new Date('2026-11-30T12:00:00Z'), NEW_YORK), dismissed).map((r) => r.key)).toEqual([
      'iv1:stay_in_touch:2',
    ]);
  });
});
