import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKING_DAYS, type WorkCalendar } from '../../src/core/business-days.ts';
import {
  applyTaskDecisions,
  classifyResponsiveness,
  deriveFollowUpTasks,
  dueAutomaticNoReply,
  type FollowUpSubject,
  type FollowUpTask,
  groupTasksForToday,
  type TaskDecision,
  type TodayTask,
  weeklyProgress,
} from '../../src/core/follow-up.ts';
import { foldInterviewEvents, type InterviewEvent, type InterviewState } from '../../src/core/interview-stages.ts';

const NEW_YORK: WorkCalendar = { timeZone: 'America/New_York', workingDays: DEFAULT_WORKING_DAYS };

// Mon 2 Mar 2026, 10:00 EST. +3 business days = Thu 5 Mar; +7 = Wed 11 Mar (across the DST change of Sun 8 Mar).
const ASKED_AT = '2026-03-02T15:00:00Z';

const created: InterviewEvent = { kind: 'created', at: '2026-03-01T12:00:00Z' };
const requested = (at = ASKED_AT): InterviewEvent => ({ kind: 'request_sent', at, channel: 'email' });
const followedUp = (at: string): InterviewEvent => ({ kind: 'follow_up_sent', at });
const replied = (at: string, answer: 'yes' | 'no' = 'yes'): InterviewEvent => ({ kind: 'reply_received', at, answer });
const closedNoReply = (at: string): InterviewEvent => ({ kind: 'no_reply', at, automatic: true });

function subject(events: InterviewEvent[], organizationName: string | null = 'Acme'): FollowUpSubject {
  return {
    interviewId: 'iv1',
    contactId: 'c1',
    contactName: 'Dana Reyes',
    organizationName,
    state: foldInterviewEvents([created, ...events]),
  };
}

function stateOf(events: InterviewEvent[]): InterviewState {
  return foldInterviewEvents([created, ...events]);
}

describe('deriveFollowUpTasks', () => {
  it('gives a waiting request a second contact after 3 business days and one follow-up after 7', () => {
    expect(deriveFollowUpTasks(subject([requested()]), NEW_YORK)).toEqual([
      {
        key: 'iv1:second_contact',
        kind: 'second_contact',
        interviewId: 'iv1',
        contactId: 'c1',
        title: 'Try a second contact at Acme',
        reason:
          'You asked Dana Reyes on Mon 2 Mar 2026; with no reply 3 business days later (Thu 5 Mar 2026), ' +
          'approach a second person at Acme so one silence does not stall you.',
        dueOn: '2026-03-05',
      },
      {
        key: 'iv1:follow_up',
        kind: 'follow_up',
        interviewId: 'iv1',
        contactId: 'c1',
        title: 'Send one follow-up to Dana Reyes',
        reason:
          'You asked Dana Reyes on Mon 2 Mar 2026; with no reply 7 business days later (Wed 11 Mar 2026), ' +
          'send one polite follow-up. One is the limit: a second would hurt more than help.',
        dueOn: '2026-03-11',
      },
    ]);
  });

  it('without an organization, suggests someone in the same field', () => {
    const [second] = deriveFollowUpTasks(subject([requested()], null), NEW_YORK);
    expect(second?.title).toBe('Try a second contact in the same field');
    expect(second?.reason).toContain('approach a second person in the same field');
  });

  it('counts from the local date of the request: late Friday in Los Angeles is Friday, not Saturday', () => {
    const sentAt = '2026-03-07T03:30:00Z'; // Fri 6 Mar 19:30 PST
    const monSat = (timeZone: string): WorkCalendar => ({ timeZone, workingDays: [1, 2, 3, 4, 5, 6] });
    const la = deriveFollowUpTasks(subject([requested(sentAt)]), monSat('America/Los_Angeles'));
    expect(la.map((t) => t.dueOn)).toEqual(['2026-03-10', '2026-03-14']);
    expect(la[0]?.reason).toContain('on Fri 6 Mar 2026');
    const utc = deriveFollowUpTasks(subject([requested(sentAt)]), monSat('UTC'));
    expect(utc.map((t) => t.dueOn)).toEqual(['2026-03-11', '2026-03-16']);
    expect(utc[0]?.reason).toContain('on Sat 7 Mar 2026');
  });

  it('never counts the weekend a request was sent on', () => {
    const tasks = deriveFollowUpTasks(subject([requested('2026-03-07T15:00:00Z')]), NEW_YORK); // Saturday
    expect(tasks.map((t) => t.dueOn)).toEqual(['2026-03-11', '2026-03-17']);
  });

  it('follows a Sunday–Thursday week', () => {
    const tasks = deriveFollowUpTasks(subject([requested('2026-03-05T08:00:00Z')]), { timeZone: 'Asia/Jerusalem', workingDays: [7, 1, 2, 3, 4] });
    // Thu 5 Mar: Sun 8, Mon 9, Tue 10 | Wed 11, Thu 12, Sun 15, Mon 16
    expect(tasks.map((t) => t.dueOn)).toEqual(['2026-03-10', '2026-03-16']);
  });

  it('after the follow-up is sent, drops the follow-up task but keeps the second contact', () => {
    const tasks = deriveFollowUpTasks(subject([requested(), followedUp('2026-03-11T14:00:00Z')]), NEW_YORK);
    expect(tasks.map((t) => [t.key, t.dueOn])).toEqual([['iv1:second_contact', '2026-03-05']]);
  });

  it('an early follow-up also ends the follow-up task: there is never a second one', () => {
    const tasks = deriveFollowUpTasks(subject([requested(), followedUp('2026-03-03T14:00:00Z')]), NEW_YORK);
    expect(tasks.map((t) => t.kind)).toEqual(['second_contact']);
  });

  it.each<[string, InterviewEvent[]]>([
    ['still an idea', []],
    ['a yes reply', [requested(), replied('2026-03-03T14:00:00Z')]],
    ['a yes reply after the follow-up', [requested(), followedUp('2026-03-11T14:00:00Z'), replied('2026-03-12T14:00:00Z')]],
    ['a no reply (declined)', [requested(), replied('2026-03-03T14:00:00Z', 'no')]],
    ['a meeting scheduled without a logged reply', [requested(), { kind: 'scheduled', at: '2026-03-04T14:00:00Z', meetingAt: '2026-03-10T15:00:00Z' }]],
    ['a cancelled request', [requested(), { kind: 'cancelled', at: '2026-03-04T14:00:00Z' }]],
    ['a request closed as no reply', [requested(), followedUp('2026-03-11T14:00:00Z'), closedNoReply('2026-03-20T14:00:00Z')]],
    ['a late reply reopening a request closed as no reply', [requested(), closedNoReply('2026-03-20T14:00:00Z'), replied('2026-03-25T14:00:00Z')]],
  ])('has no tasks after %s', (_, events) => {
    expect(deriveFollowUpTasks(subject(events), NEW_YORK)).toEqual([]);
  });
});

describe('dueAutomaticNoReply', () => {
  // Follow-up Fri 30 Oct 2026, 10:00 EDT. +7 business days = Tue 10 Nov (across the DST change of Sun 1 Nov).
  const waiting = subject([requested('2026-10-19T14:00:00Z'), followedUp('2026-10-30T14:00:00Z')]);

  it.each([
    ['the last second of the day before, Mon 9 Nov 23:59:59 EST', '2026-11-10T04:59:59Z', false],
    ['Tue 10 Nov in UTC but still Mon 9 Nov in New York', '2026-11-10T03:00:00Z', false],
    ['the follow-up day itself', '2026-10-30T20:00:00Z', false],
    ['the first instant of the due day, Tue 10 Nov 00:00 EST', '2026-11-10T05:00:00Z', true],
    ['later on the due day', '2026-11-10T18:00:00Z', true],
    ['weeks later', '2026-12-01T18:00:00Z', true],
  ])('at %s (%s) fires: %s', (_, now, fires) => {
    const result = dueAutomaticNoReply(waiting, new Date(now), NEW_YORK);
    expect(result === null ? null : result.at).toBe(fires ? now.replace('Z', '.000Z') : null);
  });

  it('says why, naming the follow-up date', () => {
    expect(dueAutomaticNoReply(waiting, new Date('2026-11-10T18:00:00Z'), NEW_YORK)?.reason).toBe(
      'Dana Reyes has not replied in the 7 business days since your follow-up on Fri 30 Oct 2026, ' +
        'so this request is closed as no reply. A late reply still reopens it.',
    );
  });

  it('counts from a weekend follow-up as from the next working day', () => {
    const s = subject([requested('2026-03-02T15:00:00Z'), followedUp('2026-03-14T15:00:00Z')]); // Sat 14 Mar
    expect(dueAutomaticNoReply(s, new Date('2026-03-23T20:00:00Z'), NEW_YORK)).toBeNull(); // Mon 23
    expect(dueAutomaticNoReply(s, new Date('2026-03-24T20:00:00Z'), NEW_YORK)).not.toBeNull(); // Tue 24
  });

  it.each<[string, InterviewEvent[]]>([
    ['no follow-up was sent', [requested()]],
    ['they replied after the follow-up', [requested(), followedUp('2026-03-11T14:00:00Z'), replied('2026-03-12T14:00:00Z')]],
    ['it is already closed as no reply', [requested(), followedUp('2026-03-11T14:00:00Z'), closedNoReply('2026-03-20T14:00:00Z')]],
    ['it was cancelled', [requested(), followedUp('2026-03-11T14:00:00Z'), { kind: 'cancelled', at: '2026-03-12T14:00:00Z' }]],
    ['no request was sent', []],
  ])('never fires when %s', (_, events) => {
    expect(dueAutomaticNoReply(subject(events), new Date('2027-01-01T12:00:00Z'), NEW_YORK)).toBeNull();
  });
});

describe('classifyResponsiveness', () => {
  // Asked Mon 2 Mar 10:00 EST; the 3rd business day after is Thu 5 Mar.
  it.each<[string, InterviewEvent[], WorkCalendar, string | null]>([
    ['no request yet', [], NEW_YORK, null],
    ['a request still waiting', [requested()], NEW_YORK, null],
    ['a request waiting after the follow-up', [requested(), followedUp('2026-03-11T14:00:00Z')], NEW_YORK, null],
    ['a cancelled request without reply', [requested(), { kind: 'cancelled', at: '2026-03-04T14:00:00Z' }], NEW_YORK, null],
    ['a reply the same day', [requested(), replied('2026-03-02T20:00:00Z')], NEW_YORK, 'booster'],
    ['a reply at 23:59 on the 3rd business day', [requested(), replied('2026-03-06T04:59:00Z')], NEW_YORK, 'booster'],
    ['a reply at 00:00 on the 4th business day', [requested(), replied('2026-03-06T05:00:00Z')], NEW_YORK, 'obligate'],
    ['a reply on the 4th business day, in London where it is already Friday', [requested(), replied('2026-03-06T03:00:00Z')], { timeZone: 'Europe/London', workingDays: DEFAULT_WORKING_DAYS }, 'obligate'],
    ['a quick "no"', [requested(), replied('2026-03-03T14:00:00Z', 'no')], NEW_YORK, 'booster'],
    ['a late "no"', [requested(), replied('2026-03-10T14:00:00Z', 'no')], NEW_YORK, 'obligate'],
    ['a meeting scheduled on the 5th business day without a logged reply', [requested(), { kind: 'scheduled', at: '2026-03-09T14:00:00Z', meetingAt: '2026-03-12T15:00:00Z' }], NEW_YORK, 'obligate'],
    ['a reply after the follow-up', [requested(), followedUp('2026-03-11T14:00:00Z'), replied('2026-03-12T14:00:00Z')], NEW_YORK, 'obligate'],
    ['silence closed as no reply', [requested(), followedUp('2026-03-11T14:00:00Z'), closedNoReply('2026-03-20T14:00:00Z')], NEW_YORK, 'curmudgeon'],
    ['a late reply reopening a no reply', [requested(), closedNoReply('2026-03-20T14:00:00Z'), replied('2026-03-25T14:00:00Z')], NEW_YORK, 'obligate'],
  ])('%s → %s', (_, events, calendar, expected) => {
    expect(classifyResponsiveness(stateOf(events), calendar)).toBe(expected);
  });

  it('counts business days, not calendar days: asked Friday, a reply the next Wednesday is a booster', () => {
    const friday = '2026-03-06T15:00:00Z';
    expect(classifyResponsiveness(stateOf([requested(friday), replied('2026-03-11T20:00:00Z')]), NEW_YORK)).toBe('booster');
    expect(classifyResponsiveness(stateOf([requested(friday), replied('2026-03-12T20:00:00Z')]), NEW_YORK)).toBe('obligate');
  });
});

describe('applyTaskDecisions', () => {
  const tasks = deriveFollowUpTasks(subject([requested()]), NEW_YORK); // due Thu 5 Mar and Wed 11 Mar
  const decide = (...decisions: TaskDecision[]) => new Map(decisions.map((d) => [d.key, d]));

  it('without decisions, every task is due on its own date', () => {
    expect(applyTaskDecisions(tasks, new Map(), NEW_YORK).map((t) => [t.key, t.effectiveDueOn, t.snoozed])).toEqual([
      ['iv1:second_contact', '2026-03-05', false],
      ['iv1:follow_up', '2026-03-11', false],
    ]);
  });

  it.each(['done', 'dismissed'] as const)('hides a %s task', (status) => {
    const result = applyTaskDecisions(tasks, decide({ key: 'iv1:second_contact', status, snoozedUntil: null }), NEW_YORK);
    expect(result.map((t) => t.key)).toEqual(['iv1:follow_up']);
  });

  it.each([
    ['to a Tuesday', '2026-03-10', '2026-03-10', true],
    ['to a Saturday, which means the next working day', '2026-03-07', '2026-03-09', true],
    ['to before its due date, which does not bring it forward', '2026-03-03', '2026-03-05', false],
    ['to its own due date', '2026-03-05', '2026-03-05', false],
  ])('snoozes %s', (_, until, effective, snoozed) => {
    const [second] = applyTaskDecisions(tasks, decide({ key: 'iv1:second_contact', status: 'snoozed', snoozedUntil: until }), NEW_YORK);
    expect(second).toMatchObject({ key: 'iv1:second_contact', dueOn: '2026-03-05', effectiveDueOn: effective, snoozed });
  });

  it('brings a snoozed task back on the next day of a Sunday–Thursday week', () => {
    const calendar: WorkCalendar = { timeZone: 'Asia/Jerusalem', workingDays: [7, 1, 2, 3, 4] };
    const own = deriveFollowUpTasks(subject([requested('2026-03-02T08:00:00Z')]), calendar); // due Thu 5 Mar
    const [second] = applyTaskDecisions(own, decide({ key: 'iv1:second_contact', status: 'snoozed', snoozedUntil: '2026-03-06' }), calendar);
    expect(second?.effectiveDueOn).toBe('2026-03-08');
  });

  it('ignores a snooze without a date and decisions about other tasks', () => {
    const result = applyTaskDecisions(
      tasks,
      decide({ key: 'iv1:second_contact', status: 'snoozed', snoozedUntil: null }, { key: 'iv2:follow_up', status: 'done', snoozedUntil: null }),
      NEW_YORK,
    );
    expect(result.map((t) => [t.key, t.effectiveDueOn, t.snoozed])).toEqual([
      ['iv1:second_contact', '2026-03-05', false],
      ['iv1:follow_up', '2026-03-11', false],
    ]);
  });
});

describe('groupTasksForToday', () => {
  const base: FollowUpTask = { key: '', kind: 'follow_up', interviewId: '', contactId: 'c', title: '', reason: '', dueOn: '2026-03-02' };
  const t = (key: string, title: string, effectiveDueOn: string): TodayTask => ({ ...base, key, title, effectiveDueOn, snoozed: false });
  const tasks = [
    t('a', 'Send one follow-up to Zoe', '2026-03-12'),
    t('b', 'Try a second contact at Acme', '2026-03-11'),
    t('c', 'Send one follow-up to Bo', '2026-03-09'),
    t('d', 'Send one follow-up to Al', '2026-03-11'),
    t('e', 'Try a second contact at Beta', '2026-03-05'),
    t('f', 'Send one follow-up to Cy', '2026-03-12'),
  ];

  it('splits overdue, today and upcoming, each by due date then title', () => {
    const groups = groupTasksForToday(tasks, '2026-03-11');
    expect({
      overdue: groups.overdue.map((x) => x.key),
      today: groups.today.map((x) => x.key),
      upcoming: groups.upcoming.map((x) => x.key),
    }).toEqual({ overdue: ['e', 'c'], today: ['d', 'b'], upcoming: ['f', 'a'] });
  });

  it('does not depend on the input order and leaves the input alone', () => {
    const reversed = [...tasks].reverse();
    const snapshot = reversed.map((x) => x.key);
    expect(groupTasksForToday(reversed, '2026-03-11')).toEqual(groupTasksForToday(tasks, '2026-03-11'));
    expect(reversed.map((x) => x.key)).toEqual(snapshot);
  });

  it('on a weekend everything before it is overdue', () => {
    const groups = groupTasksForToday(tasks, '2026-03-14');
    expect(groups.overdue).toHaveLength(6);
    expect(groups.today).toEqual([]);
    expect(groups.upcoming).toEqual([]);
  });
});

describe('weeklyProgress', () => {
  // Mon 9 Mar 2026, 01:00 PDT (Los Angeles changed to PDT on Sun 8 Mar).
  const now = new Date('2026-03-09T08:00:00Z');
  const sent = [
    '2026-03-09T06:30:00Z', // Sun 8 Mar 23:30 PDT: last week, though Monday in UTC
    '2026-03-09T07:30:00Z', // Mon 9 Mar 00:30 PDT
    '2026-03-12T18:00:00Z', // Thu 12 Mar
    '2026-03-16T06:30:00Z', // Sun 15 Mar 23:30 PDT: still this week, though Monday in UTC
    '2026-03-16T07:00:00Z', // Mon 16 Mar 00:00 PDT: next week
    '2026-03-02T18:00:00Z', // the week before
  ];

  it('counts requests sent within the local week of now', () => {
    expect(weeklyProgress(sent, now, 'America/Los_Angeles', 5)).toEqual({ weekStart: '2026-03-09', weekEnd: '2026-03-15', sent: 3, goal: 5 });
  });

  it('draws the week boundary in the seeker’s zone, not in UTC', () => {
    expect(weeklyProgress(sent, now, 'UTC', 5)).toEqual({ weekStart: '2026-03-09', weekEnd: '2026-03-15', sent: 3, goal: 5 });
    // Same instants, different members: UTC counts 06:30Z Monday and not the Sunday-night one of the 15th.
    const utcMembers = sent.filter((at) => weeklyProgress([at], now, 'UTC', 1).sent === 1);
    const laMembers = sent.filter((at) => weeklyProgress([at], now, 'America/Los_Angeles', 1).sent === 1);
    expect(utcMembers).toEqual(['2026-03-09T06:30:00Z', '2026-03-09T07:30:00Z', '2026-03-12T18:00:00Z']);
    expect(laMembers).toEqual(['2026-03-09T07:30:00Z', '2026-03-12T18:00:00Z', '2026-03-16T06:30:00Z']);
  });

  it('on Sunday night local time, is still the week that is ending', () => {
    const sundayNight = new Date('2026-03-16T06:30:00Z'); // Sun 15 Mar 23:30 PDT
    expect(weeklyProgress(sent, sundayNight, 'America/Los_Angeles', 5)).toMatchObject({ weekStart: '2026-03-09', sent: 3 });
  });

  it('is zero with nothing sent', () => {
    expect(weeklyProgress([], now, 'Asia/Kolkata', 5)).toEqual({ weekStart: '2026-03-09', weekEnd: '2026-03-15', sent: 0, goal: 5 });
  });
});
