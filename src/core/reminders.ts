/**
 * Reminders around a meeting: the rules of steps 4, 7 and 8 that keep the seeker
 * from dropping a thread once a time is agreed.
 *
 * - `confirm`: the day before, confirm by message. Busy hosts double-book and
 *   forget; a short note the day before catches a change of plans and shows the
 *   seeker values their time.
 * - `leave_by`: for an in-person meeting, leave early enough for the route plus a
 *   10-minute margin — arriving late to a 20-minute favour spends half of it.
 * - `thank_you`: within 24 hours of the end, while what they said is fresh (and a
 *   thank-you on time is one of the measures Insights counts).
 * - `stay_in_touch`: 8 weeks later, then every 3 months (configurable), share
 *   something of value, so the connection is alive when it matters.
 *
 * Every date is computed with luxon in the seeker's IANA zone. Durations in
 * minutes and hours (travel, the margin, the meeting's length, the 24 hours) are
 * elapsed time, so they are added to instants and stay exact across DST changes;
 * "the day before", "8 weeks later" and "every 3 months" are calendar arithmetic
 * on the seeker's local dates, with month ends clamped (31 Jan + 1 month = 28 Feb).
 *
 * Like the 3B7 tasks, reminders are derived from the interview's state alone, so
 * they appear and vanish with it, and carry a stable key to which the seeker's
 * decisions (done, dismissed, snoozed) attach.
 *
 * Pure: no clock (pass `now`), no I/O. Input no service should let through (an
 * unknown zone, an unparseable instant, negative travel) throws a plain `Error`.
 */
import { DateTime } from 'luxon';
import type { TaskDecision } from './follow-up.ts';
import { type IsoDate, localDate, type WorkCalendar } from './business-days.ts';
import type { InterviewStage, InterviewState } from './interview-stages.ts';

export type ReminderKind = 'confirm' | 'leave_by' | 'thank_you' | 'stay_in_touch';

export interface ReminderSettings {
  /** Weeks after the meeting's end until the first stay-in-touch reminder (default 8). */
  stayInTouchFirstWeeks: number;
  /** Months between stay-in-touch reminders after the first (default 3). */
  stayInTouchEveryMonths: number;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = Object.freeze({ stayInTouchFirstWeeks: 8, stayInTouchEveryMonths: 3 });

/** Minutes kept in hand on top of the travel time. */
export const LEAVE_BY_MARGIN_MINUTES = 10;
/** The thank-you is due this many hours after the meeting ends. */
export const THANK_YOU_WITHIN_HOURS = 24;
/** Local hour, the day before the meeting, at which the confirmation is due. */
export const CONFIRM_AT_HOUR = 9;
/** The meeting's length when none was recorded: the product's default. */
export const DEFAULT_REMINDER_MEETING_MINUTES = 30;

/** One interview with what the reminder texts need. */
export interface ReminderSubject {
  interviewId: string;
  contactId: string;
  contactName: string;
  organizationName: string | null;
  state: InterviewState;
  /** 20 or 30; null means the default 30. */
  meetingMinutes: number | null;
  /** Café, restaurant or office: somewhere the seeker travels to. */
  inPerson: boolean;
  /** "Blue Bottle, 1 Ferry Building"; the part before the first comma names the place in titles. */
  placeText: string | null;
  /** Set by the seeker for in-person meetings. */
  travelMinutes: number | null;
  /** When something of value was last shared (logged), to restart the stay-in-touch cadence; null if never. */
  lastTouchAt: string | null;
}

export interface Reminder {
  /**
   * Stable: `${interviewId}:confirm`, `${interviewId}:leave_by`, `${interviewId}:thank_you`,
   * `${interviewId}:stay_in_touch:${n}` (n = 1, 2, …), so stored decisions attach to it.
   */
  key: string;
  kind: ReminderKind;
  interviewId: string;
  contactId: string;
  title: string;
  /** Why, in a sentence with dates and times in the seeker's zone. */
  reason: string;
  /** The local date it shows on Today; not necessarily a business day, since meetings can be on any day. */
  dueOn: IsoDate;
  /** An ISO instant (UTC) when the reminder is about a time (confirm, leave_by, thank_you); its local date is `dueOn`. */
  at: string | null;
  /** confirm: a confirmation message to send; stay_in_touch: a starter for sharing something of value; else null. */
  draft: string | null;
}

const NO_REMINDERS: readonly InterviewStage[] = ['idea', 'requested', 'no_reply', 'declined', 'cancelled'];

// Month and weekday names must not follow the server's locale: the sentences around them are English.
const LOCALE = 'en-US';

function parseInstant(value: string, what: string): DateTime {
  // Like `localDate`: a stored instant without an offset is UTC.
  const parsed = DateTime.fromISO(value, { zone: 'utc' });
  if (!parsed.isValid) throw new Error(`${what} is not an instant: ${JSON.stringify(value)}`);
  return parsed;
}

/** A local date as a zone-free luxon value, where every day has 24 hours. */
function dateValue(date: IsoDate): DateTime {
  return DateTime.fromISO(date, { zone: 'utc', locale: LOCALE });
}

function isoDate(value: DateTime): IsoDate {
  return value.toISODate() as IsoDate;
}

/** "Mon 9 Mar 2026" */
function formatDay(date: IsoDate): string {
  return dateValue(date).toFormat('ccc d LLL yyyy');
}

/** "9:35", in the seeker's zone, 24-hour clock. */
function formatTime(instant: DateTime, timeZone: string): string {
  return instant.setZone(timeZone).setLocale(LOCALE).toFormat('H:mm');
}

/** "today", "tomorrow", "yesterday" or "on Sun 25 Oct", seen from `today`. */
function dayPhrase(date: IsoDate, today: IsoDate): string {
  const days = Math.round(dateValue(date).diff(dateValue(today), 'days').days);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return `on ${dateValue(date).toFormat('ccc d LLL')}`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

function assertWhole(value: number, min: number, what: string): void {
  if (!Number.isInteger(value) || value < min) throw new Error(`${what} must be a whole number >= ${min}, not ${value}.`);
}

function firstName(contactName: string): string | null {
  return contactName.trim().split(/\s+/)[0] || null;
}

/** The place as typed, without trailing punctuation (it ends up mid-sentence); null when blank. */
function cleanPlace(placeText: string | null): string | null {
  const place = placeText?.trim().replace(/[.,;:\s]+$/, '') ?? '';
  return place === '' ? null : place;
}

/** "Blue Bottle" of "Blue Bottle, 1 Ferry Building": short enough for a title. */
function placeName(place: string): string {
  return place.split(',')[0]?.trim() || place;
}

/** "New York" of "America/New_York": for a remote meeting, whose time the contact may read in another zone. */
function zoneCity(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');
}

/** `date` + `months` calendar months, clamped at the month's end (31 Jan + 1 = 28/29 Feb). */
function plusMonths(date: IsoDate, months: number): IsoDate {
  return isoDate(dateValue(date).plus({ months }));
}

interface Meeting {
  start: DateTime;
  end: DateTime;
  minutes: number;
}

function meetingOf(subject: ReminderSubject): Meeting | null {
  const minutes = subject.meetingMinutes ?? DEFAULT_REMINDER_MEETING_MINUTES;
  assertWhole(minutes, 1, 'Meeting minutes');
  const { meetingAt, heldAt } = subject.state;
  if (meetingAt !== null) {
    const start = parseInstant(meetingAt, 'The meeting time');
    return { start, end: start.plus({ minutes }), minutes };
  }
  // Every path to 'held' goes through 'scheduled', which sets meetingAt; an imported
  // history might not, and then when it was marked held is the best end we have.
  if (heldAt !== null) {
    const end = parseInstant(heldAt, 'The time the meeting was held');
    return { start: end.minus({ minutes }), end, minutes };
  }
  return null;
}

interface Context {
  subject: ReminderSubject;
  now: DateTime;
  today: IsoDate;
  zone: string;
  who: string;
  place: string | null;
}

function reminder(ctx: Context, kind: ReminderKind, suffix: string, fields: Pick<Reminder, 'title' | 'reason' | 'dueOn' | 'at' | 'draft'>): Reminder {
  const { interviewId, contactId } = ctx.subject;
  return { key: `${interviewId}:${kind}${suffix}`, kind, interviewId, contactId, ...fields };
}

/** Due the local day before the meeting, at 09:00 there, with a message to send. */
function confirmReminder(ctx: Context, meeting: Meeting): Reminder {
  const { zone, today, subject, place } = ctx;
  const meetingDate = isoDate(meeting.start.setZone(zone));
  const dueOn = isoDate(dateValue(meetingDate).minus({ days: 1 }));
  const nine = DateTime.fromISO(`${dueOn}T${String(CONFIRM_AT_HOUR).padStart(2, '0')}:00`, { zone });
  // Only a zone that skipped the whole day (Samoa, 30 Dec 2011) has no 09:00 on it.
  const at = nine.isValid && isoDate(nine) === dueOn ? nine.toUTC().toISO() : null;
  const when = meetingDate === today ? 'today' : 'tomorrow';
  const time = formatTime(meeting.start, zone);
  const hello = firstName(subject.contactName);
  const where = subject.inPerson
    ? `at ${time}${place === null ? '' : ` at ${place}`}`
    : `at ${time} ${zoneCity(zone)} time${place === null ? '' : ` (${place})`}`;
  const draft =
    `${hello === null ? 'Hi,' : `Hi ${hello},`} looking forward to our ${subject.inPerson ? 'meeting' : 'conversation'} ` +
    `${when} (${dateValue(meetingDate).toFormat('ccc d LLL')}) ${where}. ` +
    `I'll keep it to ${meeting.minutes} minutes as promised. Does that still work for you?`;
  return reminder(ctx, 'confirm', '', {
    title: `Confirm ${when}'s meeting with ${subject.contactName}`,
    reason:
      `Your meeting with ${ctx.who} is on ${formatDay(meetingDate)} at ${time}; confirm it by message the day before ` +
      `(${formatDay(dueOn)}), which catches a change of plans and shows you value their time.`,
    dueOn,
    at,
    draft,
  });
}

/** In person with a travel time: start − travel − 10 minutes, as elapsed time (exact across a DST change). */
function leaveByReminder(ctx: Context, meeting: Meeting, travelMinutes: number): Reminder {
  const { zone, subject, place } = ctx;
  const leave = meeting.start.minus({ minutes: travelMinutes + LEAVE_BY_MARGIN_MINUTES });
  const leaveTime = formatTime(leave, zone);
  return reminder(ctx, 'leave_by', '', {
    title: place === null ? `Leave by ${leaveTime} to meet ${subject.contactName}` : `Leave by ${leaveTime} for ${placeName(place)}`,
    reason:
      `Your meeting with ${ctx.who}${place === null ? '' : ` at ${place}`} starts at ${formatTime(meeting.start, zone)} on ` +
      `${formatDay(isoDate(meeting.start.setZone(zone)))}: ${plural(travelMinutes, 'minute')} of travel and a ` +
      `${LEAVE_BY_MARGIN_MINUTES}-minute margin mean leaving by ${leaveTime}.`,
    dueOn: isoDate(leave.setZone(zone)),
    at: leave.toISO(),
    draft: null,
  });
}

/** Due 24 hours (elapsed) after the end; overdue after that instant. */
function thankYouReminder(ctx: Context, meeting: Meeting): Reminder {
  const { zone, today, subject } = ctx;
  const deadline = meeting.end.plus({ hours: THANK_YOU_WITHIN_HOURS });
  const dueOn = isoDate(deadline.setZone(zone));
  const by = `${formatTime(deadline, zone)} ${dayPhrase(dueOn, today)}`;
  return reminder(ctx, 'thank_you', '', {
    title: `Thank ${subject.contactName} (${ctx.now > deadline ? 'was due by' : 'by'} ${by})`,
    reason:
      `Your meeting with ${ctx.who} ended at ${formatTime(meeting.end, zone)} on ${formatDay(isoDate(meeting.end.setZone(zone)))}; ` +
      `send a thank-you within ${THANK_YOU_WITHIN_HOURS} hours, by ${formatTime(deadline, zone)} on ${formatDay(dueOn)}, ` +
      `naming something specific they said.`,
    dueOn,
    at: deadline.toISO(),
    draft: null,
  });
}

/**
 * One stay-in-touch reminder of the cadence: the first `firstWeeks` weeks after
 * the meeting's local end date, then every `everyMonths` months after the later
 * of that date and the local date of the last touch. Touches before the first
 * reminder leave the cadence as it is; a touch on or after it answers every
 * reminder due by then, and the cadence restarts from it (n keeps counting).
 *
 * Returned: the latest reminder already due (an older, unanswered one is
 * superseded by the next, so dismissing one never silences the cadence), or the
 * first one to come. Months are always added to the anchor, not chained, so a
 * cadence starting on 31 Aug goes 30 Nov, 28 Feb, 31 May rather than drifting.
 */
function stayInTouchReminder(ctx: Context, meeting: Meeting, settings: ReminderSettings): Reminder {
  const { zone, today, subject } = ctx;
  const weeks = settings.stayInTouchFirstWeeks;
  const months = settings.stayInTouchEveryMonths;
  const metOn = isoDate(meeting.end.setZone(zone));
  const first = isoDate(dateValue(metOn).plus({ weeks }));
  const touchedOn = subject.lastTouchAt === null ? null : localDate(subject.lastTouchAt, zone);

  // The cadence is anchor + j·months, numbered from `base`.
  let anchor = first;
  let base = 1;
  let touched = false;
  if (touchedOn !== null && touchedOn >= first) {
    let answered = 1;
    while (plusMonths(first, answered * months) <= touchedOn) answered += 1;
    anchor = touchedOn;
    base = answered + 1;
    touched = true;
  }
  const due = (j: number): IsoDate => (touched ? plusMonths(anchor, (j + 1) * months) : plusMonths(anchor, j * months));
  let j = 0;
  while (due(j + 1) <= today) j += 1;
  const n = base + j;
  const dueOn = due(j);

  const share = 'Share something of value (an article, an event, or how their advice turned out) so the connection stays warm.';
  const reason = touched
    ? `You last shared something with ${ctx.who} on ${formatDay(anchor)}; every ${plural(months, 'month')} after that, ` +
      `the next falls on ${formatDay(dueOn)}. ${share}`
    : n === 1
      ? `You met ${ctx.who} on ${formatDay(metOn)}; ${plural(weeks, 'week')} later, on ${formatDay(dueOn)}, get back in touch. ${share}`
      : `Counting every ${plural(months, 'month')} from the first reminder on ${formatDay(first)}, the next time to get back ` +
        `in touch with ${ctx.who} falls on ${formatDay(dueOn)}. ${share}`;
  const hello = firstName(subject.contactName);
  const draft =
    `${hello === null ? 'Hi,' : `Hi ${hello},`} I came across [an article, an event, a resource] and thought of what you said ` +
    `about [topic] when we met in ${dateValue(metOn).toFormat('LLLL yyyy')}. [One line on why it is worth their time.] ` +
    `I also took your advice on [advice]: [how it turned out]. Thank you again.`;
  return reminder(ctx, 'stay_in_touch', `:${n}`, { title: `Stay in touch with ${subject.contactName}`, reason, dueOn, at: null, draft });
}

function assertSettings(settings: ReminderSettings): void {
  assertWhole(settings.stayInTouchFirstWeeks, 1, 'Weeks before the first stay-in-touch reminder');
  assertWhole(settings.stayInTouchEveryMonths, 1, 'Months between stay-in-touch reminders');
}

/**
 * The reminders of one interview, given `now` and the calendar's zone:
 * - `confirm`: stage 'scheduled' (not yet confirmed), due the local day before
 *   the meeting, `at` 09:00 local that day; gone once confirmed, held or cancelled.
 * - `leave_by`: stage 'scheduled' or 'confirmed', in person with a travel time:
 *   `at` = start − travel − 10 minutes, `dueOn` its local date.
 *   Both disappear once the meeting has started: neither can be acted on any more.
 * - `thank_you`: stage 'held': `at` = end + 24 hours, `dueOn` its local date;
 *   stays (overdue) after it, since a late thank-you still beats none.
 * - `stay_in_touch`: stage 'thanked' or 'staying_in_touch': the cadence of
 *   `stayInTouchReminder`, one reminder at a time.
 * Nothing for idea, requested, no_reply, declined, cancelled. Returned in the
 * order they fall due, whatever today is; grouping against today is the caller's.
 */
export function deriveReminders(
  subject: ReminderSubject,
  now: Date,
  calendar: WorkCalendar,
  settings: ReminderSettings = DEFAULT_REMINDER_SETTINGS,
): Reminder[] {
  assertSettings(settings);
  const zone = calendar.timeZone;
  const today = localDate(now, zone); // also refuses an unknown zone
  const { state } = subject;
  if (NO_REMINDERS.includes(state.stage)) return [];
  const meeting = meetingOf(subject);
  if (meeting === null) return [];
  if (subject.travelMinutes !== null) assertWhole(subject.travelMinutes, 0, 'Travel minutes');

  const place = cleanPlace(subject.placeText);
  const ctx: Context = {
    subject,
    now: DateTime.fromJSDate(now, { zone: 'utc' }),
    today,
    zone,
    who: subject.organizationName === null ? subject.contactName : `${subject.contactName} (${subject.organizationName})`,
    place,
  };

  switch (state.stage) {
    case 'scheduled':
    case 'confirmed': {
      if (ctx.now >= meeting.start) return [];
      const reminders: Reminder[] = [];
      if (state.stage === 'scheduled') reminders.push(confirmReminder(ctx, meeting));
      if (subject.inPerson && subject.travelMinutes !== null) reminders.push(leaveByReminder(ctx, meeting, subject.travelMinutes));
      return reminders;
    }
    case 'held':
      return state.thankedAt === null ? [thankYouReminder(ctx, meeting)] : [];
    case 'thanked':
    case 'staying_in_touch':
      return [stayInTouchReminder(ctx, meeting, settings)];
    default:
      return [];
  }
}

/** A reminder with the seeker's decision applied, like `TodayTask` for the 3B7 tasks. */
export interface TodayReminder extends Reminder {
  /** When the reminder shows after any snooze: never before `dueOn`, not necessarily a business day. */
  effectiveDueOn: IsoDate;
  /** True when a snooze moved it past its own due date. */
  snoozed: boolean;
}

/**
 * The decisions of `applyTaskDecisions`, stored against the reminder's key: done
 * and dismissed reminders disappear; a snoozed one comes back on `snoozedUntil`,
 * never before its own due date (also used for "tell the referrer"). Unlike a 3B7 task, a snooze is not moved to the
 * next business day: reminders follow the meeting, which can be on a weekend, and
 * a confirmation snoozed to Saturday for a Sunday meeting must not come back on
 * Monday. Each stay-in-touch reminder has its own key, so dismissing one never
 * silences the next.
 */
export function applyReminderDecisions<T extends Pick<Reminder, 'key' | 'dueOn'>>(
  reminders: readonly T[],
  decisions: ReadonlyMap<string, TaskDecision>,
): (T & { effectiveDueOn: IsoDate; snoozed: boolean })[] {
  const result: (T & { effectiveDueOn: IsoDate; snoozed: boolean })[] = [];
  for (const item of reminders) {
    const decision = decisions.get(item.key);
    if (decision?.status === 'done' || decision?.status === 'dismissed') continue;
    let effectiveDueOn = item.dueOn;
    if (decision?.status === 'snoozed' && decision.snoozedUntil !== null && decision.snoozedUntil > effectiveDueOn) {
      effectiveDueOn = decision.snoozedUntil;
    }
    result.push({ ...item, effectiveDueOn, snoozed: effectiveDueOn !== item.dueOn });
  }
  return result;
}
