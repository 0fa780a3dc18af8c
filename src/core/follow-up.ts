/**
 * The 3B7 rules: what to do when a request meets silence.
 *
 * Busy people miss messages; silence is rarely a no. So the seeker never waits on
 * one person: 3 business days without a reply, they approach a second person at
 * the same organization (one silence must not stall the whole search); 7 business
 * days without a reply, they send the first contact one polite follow-up — one,
 * because a second reads as pressure and costs more goodwill than it gains. If 7
 * more business days pass after that follow-up in silence, the request closes as
 * "no reply" on its own, so the list of open requests stays honest.
 *
 * The same clock sorts contacts by how they answer: within 3 business days a
 * booster, later an obligate, never a curmudgeon. Boosters are worth asking for
 * names; curmudgeons are not worth a third message.
 *
 * Business days are counted in the seeker's calendar (`WorkCalendar`), from the
 * local date of the request, and the day of sending never counts. Tasks are
 * derived from the interview's state alone, so they appear and vanish with it;
 * what the seeker decides about a task (done, dismissed, snoozed) is stored
 * against its stable key and applied afterwards by `applyTaskDecisions`.
 *
 * Pure: no clock (pass `now`), no I/O.
 */
import { DateTime } from 'luxon';
import type { InterviewState } from './interview-stages.ts';
import {
  addBusinessDays,
  type IsoDate,
  localDate,
  nextBusinessDayOnOrAfter,
  type WorkCalendar,
  weekOf,
} from './business-days.ts';

/** Business days of silence after which a second person at the organization should be approached. */
export const SECOND_CONTACT_AFTER_BUSINESS_DAYS = 3;
/** Business days of silence after which the one follow-up is due. */
export const FOLLOW_UP_AFTER_BUSINESS_DAYS = 7;
/** Business days of silence after the follow-up after which the request closes as no reply. */
export const NO_REPLY_AFTER_FOLLOW_UP_BUSINESS_DAYS = 7;
/** A reply on or before this many business days after the request makes a booster. */
export const BOOSTER_WITHIN_BUSINESS_DAYS = 3;

/** One interview, with the names the task texts need. */
export interface FollowUpSubject {
  interviewId: string;
  contactId: string;
  contactName: string;
  organizationName: string | null;
  state: InterviewState;
}

export type FollowUpTaskKind = 'second_contact' | 'follow_up';

export interface FollowUpTask {
  /** `${interviewId}:${kind}`: stable, so stored decisions (done/snoozed/dismissed) attach to it. */
  key: string;
  kind: FollowUpTaskKind;
  interviewId: string;
  contactId: string;
  title: string;
  /** Why the task exists, naming the date and the rule. */
  reason: string;
  /** Always a business day of the calendar. */
  dueOn: IsoDate;
}

/** "Mon 2 Mar 2026": English whatever the server's locale, since the sentences around it are English. */
function formatDay(date: IsoDate): string {
  return DateTime.fromISO(date, { zone: 'utc', locale: 'en-US' }).toFormat('ccc d LLL yyyy');
}

/** Whether the request is still waiting: sent, no reply logged, not moved on or closed. */
function waitingRequestSentAt(state: InterviewState): string | null {
  return state.stage === 'requested' && state.repliedAt === null && state.requestSentAt !== null ? state.requestSentAt : null;
}

/**
 * The follow-up tasks of one interview. Only a request still waiting (stage
 * 'requested', no reply logged) has any:
 * - `second_contact`, due 3 business days after the local request date;
 * - `follow_up`, due 7 business days after it, and only while no follow-up was
 *   sent — there is never a second one.
 *
 * Tasks are returned whatever today is (upcoming ones included); grouping
 * against today is `groupTasksForToday`'s job.
 */
export function deriveFollowUpTasks(subject: FollowUpSubject, calendar: WorkCalendar): FollowUpTask[] {
  const { state, interviewId, contactId, contactName, organizationName } = subject;
  const sentAt = waitingRequestSentAt(state);
  if (sentAt === null) return [];
  const asked = localDate(sentAt, calendar.timeZone);
  const askedOn = formatDay(asked);
  const where = organizationName === null ? 'in the same field' : `at ${organizationName}`;
  const task = (kind: FollowUpTaskKind, title: string, reason: string, dueOn: IsoDate): FollowUpTask => ({
    key: `${interviewId}:${kind}`,
    kind,
    interviewId,
    contactId,
    title,
    reason,
    dueOn,
  });

  const secondDue = addBusinessDays(asked, SECOND_CONTACT_AFTER_BUSINESS_DAYS, calendar);
  const tasks = [
    task(
      'second_contact',
      `Try a second contact ${where}`,
      `You asked ${contactName} on ${askedOn}; with no reply ${SECOND_CONTACT_AFTER_BUSINESS_DAYS} business days later ` +
        `(${formatDay(secondDue)}), approach a second person ${where} so one silence does not stall you.`,
      secondDue,
    ),
  ];
  if (state.followUpSentAt === null) {
    const followUpDue = addBusinessDays(asked, FOLLOW_UP_AFTER_BUSINESS_DAYS, calendar);
    tasks.push(
      task(
        'follow_up',
        `Send one follow-up to ${contactName}`,
        `You asked ${contactName} on ${askedOn}; with no reply ${FOLLOW_UP_AFTER_BUSINESS_DAYS} business days later ` +
          `(${formatDay(followUpDue)}), send one polite follow-up. One is the limit: a second would hurt more than help.`,
        followUpDue,
      ),
    );
  }
  return tasks;
}

/**
 * Whether the interview should now close as `no_reply`: the one follow-up went
 * out and 7 more business days passed in silence. Returns null unless the stage
 * is 'requested', no reply was logged, a follow-up was sent, and
 * localDate(now) >= addBusinessDays(localDate(followUpSentAt), 7). The result is
 * what the engine records as an automatic `no_reply` event (`at` = now).
 */
export function dueAutomaticNoReply(
  subject: FollowUpSubject,
  now: Date,
  calendar: WorkCalendar,
): { at: string; reason: string } | null {
  const { state, contactName } = subject;
  if (waitingRequestSentAt(state) === null || state.followUpSentAt === null) return null;
  const followedUp = localDate(state.followUpSentAt, calendar.timeZone);
  const closesOn = addBusinessDays(followedUp, NO_REPLY_AFTER_FOLLOW_UP_BUSINESS_DAYS, calendar);
  if (localDate(now, calendar.timeZone) < closesOn) return null;
  return {
    at: now.toISOString(),
    reason:
      `${contactName} has not replied in the ${NO_REPLY_AFTER_FOLLOW_UP_BUSINESS_DAYS} business days since your follow-up on ` +
      `${formatDay(followedUp)}, so this request is closed as no reply. A late reply still reopens it.`,
  };
}

export type Responsiveness = 'booster' | 'obligate' | 'curmudgeon';

/**
 * How the contact answered this request: a reply on or before the 3rd business
 * day after the request date makes a booster, a later one an obligate (a late
 * reply that reopens a request closed for silence included), and a request
 * closed as `no_reply` with no reply a curmudgeon. Null when there is nothing to
 * judge yet: no request, or a request still waiting (or cancelled) without reply.
 * A "no" counts as a reply: it says how responsive they are, not how helpful.
 */
export function classifyResponsiveness(state: InterviewState, calendar: WorkCalendar): Responsiveness | null {
  if (state.requestSentAt === null) return null;
  if (state.repliedAt === null) return state.stage === 'no_reply' ? 'curmudgeon' : null;
  const asked = localDate(state.requestSentAt, calendar.timeZone);
  const replied = localDate(state.repliedAt, calendar.timeZone);
  return replied <= addBusinessDays(asked, BOOSTER_WITHIN_BUSINESS_DAYS, calendar) ? 'booster' : 'obligate';
}

/** What the seeker decided about a task, stored against its key. */
export interface TaskDecision {
  key: string;
  status: 'done' | 'dismissed' | 'snoozed';
  snoozedUntil: IsoDate | null;
}

export interface TodayTask extends FollowUpTask {
  /** When the task is due after any snooze: a business day, never before `dueOn`. */
  effectiveDueOn: IsoDate;
  /** True when a snooze moved the task past its own due date. */
  snoozed: boolean;
}

/**
 * Applies stored decisions: done and dismissed tasks disappear; a snoozed task
 * comes back on nextBusinessDayOnOrAfter(snoozedUntil) — a snooze to Saturday
 * means "next time I work" — but never earlier than its own due date, since a
 * snooze only postpones. A snooze without a date changes nothing.
 */
export function applyTaskDecisions(
  tasks: readonly FollowUpTask[],
  decisions: ReadonlyMap<string, TaskDecision>,
  calendar: WorkCalendar,
): TodayTask[] {
  const result: TodayTask[] = [];
  for (const task of tasks) {
    const decision = decisions.get(task.key);
    if (decision?.status === 'done' || decision?.status === 'dismissed') continue;
    let effectiveDueOn = task.dueOn;
    if (decision?.status === 'snoozed' && decision.snoozedUntil !== null) {
      const back = nextBusinessDayOnOrAfter(decision.snoozedUntil, calendar);
      if (back > effectiveDueOn) effectiveDueOn = back;
    }
    result.push({ ...task, effectiveDueOn, snoozed: effectiveDueOn !== task.dueOn });
  }
  return result;
}

export interface TodayGroups {
  overdue: TodayTask[];
  today: TodayTask[];
  upcoming: TodayTask[];
}

function compareTasks(a: TodayTask, b: TodayTask): number {
  if (a.effectiveDueOn !== b.effectiveDueOn) return a.effectiveDueOn < b.effectiveDueOn ? -1 : 1;
  // Then by title; the key only breaks ties so the order never depends on input order.
  return a.title.localeCompare(b.title, 'en') || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** The "today" list: tasks due before `today`, on it, and after it, each sorted by effectiveDueOn, then title. */
export function groupTasksForToday(tasks: readonly TodayTask[], today: IsoDate): TodayGroups {
  const groups: TodayGroups = { overdue: [], today: [], upcoming: [] };
  for (const task of [...tasks].sort(compareTasks)) {
    const group = task.effectiveDueOn < today ? groups.overdue : task.effectiveDueOn === today ? groups.today : groups.upcoming;
    group.push(task);
  }
  return groups;
}

export interface WeeklyProgress {
  weekStart: IsoDate;
  weekEnd: IsoDate;
  sent: number;
  goal: number;
}

/**
 * Progress toward the weekly request goal: requests sent (by instant) within the
 * seeker's local Monday–Sunday week containing `now`. A request sent Sunday
 * 23:30 at home counts for the week it was sent in, whatever the date in UTC.
 */
export function weeklyProgress(requestSentAts: readonly string[], now: Date, timeZone: string, goal: number): WeeklyProgress {
  const { start, end } = weekOf(now, timeZone);
  const sent = requestSentAts.filter((at) => {
    const day = localDate(at, timeZone);
    return day >= start && day <= end;
  }).length;
  return { weekStart: start, weekEnd: end, sent, goal };
}
