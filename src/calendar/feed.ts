/**
 * The private calendar feed: every meeting (with its alarm) and every reminder of
 * one account, as one VCALENDAR that a calendar app subscribes to (webcal) and
 * refreshes on its own. A feed is published, not sent, so it carries no METHOD and
 * no ORGANIZER/ATTENDEE: it must not make a client send invitations or replies.
 *
 * Meetings are timed events with a length. Reminders are either all-day (a date,
 * e.g. "thank-you due") or a moment without a length ("leave by 9:40"); both are
 * written as free time (TRANSP:TRANSPARENT) so they never block a slot.
 *
 * This writer builds the text itself rather than through ical-generator: a feed
 * holds hundreds or thousands of events and is rebuilt on every refresh, and
 * ical-generator folds lines with one TextEncoder call per character (about 0.6 s
 * for 1,000 events). The rules it follows are the same as the invite's and live
 * in `ical-text.ts`; the tests parse its output with two independent parsers.
 *
 * No clock: DTSTAMP is the `now` passed in.
 */
import {
  assertUid,
  assertWholeNumber,
  dateAndNextDay,
  escapeText,
  foldLine,
  formatUtc,
  instantMillis,
  minutesBefore,
  PRODID,
} from './ical-text.ts';

export interface FeedEvent {
  /** Stable per meeting or reminder, so a refresh updates the event instead of adding a copy. */
  uid: string;
  /** An ISO instant with an offset for a timed event; a date 'YYYY-MM-DD' (the seeker's day) when `allDay`. */
  start: string;
  /** Length of a timed event; without it the event is a moment (a reminder). Ignored for all-day events. */
  minutes?: number;
  allDay?: boolean;
  summary: string;
  description: string;
  location?: string;
  /** Minutes before the start at which the calendar should alert; none when absent. */
  alarmMinutesBefore?: number;
}

export interface FeedInput {
  /** The feed's name as the calendar app shows it. */
  name: string;
  events: readonly FeedEvent[];
  /** The moment the feed is produced: every event's DTSTAMP. */
  now: Date;
  /** How often a client should refresh, in minutes (default 60). */
  refreshMinutes?: number;
}

/** The media type of the feed. */
export const FEED_CONTENT_TYPE = 'text/calendar; charset=utf-8';

function eventLines(event: FeedEvent, stamp: string): string[] {
  assertUid(event.uid);
  const lines = ['BEGIN:VEVENT', `UID:${event.uid}`, `DTSTAMP:${stamp}`];
  if (event.allDay) {
    const day = dateAndNextDay(event.start);
    if (!day) throw new Error(`All-day event ${event.uid} needs a date (YYYY-MM-DD) as its start: ${JSON.stringify(event.start)}`);
    // DTEND of an all-day event is exclusive: the next day.
    lines.push(`DTSTART;VALUE=DATE:${day.date}`, `DTEND;VALUE=DATE:${day.next}`, 'TRANSP:TRANSPARENT');
  } else {
    const start = instantMillis(event.start);
    if (start === null) throw new Error(`Event ${event.uid} needs an ISO instant with an offset as its start: ${JSON.stringify(event.start)}`);
    lines.push(`DTSTART:${formatUtc(start)}`);
    if (event.minutes === undefined) {
      lines.push('TRANSP:TRANSPARENT');
    } else {
      assertWholeNumber(event.minutes, 1, 7 * 24 * 60, `The length of event ${event.uid}`);
      lines.push(`DTEND:${formatUtc(start + event.minutes * 60_000)}`);
    }
  }
  const summary = escapeText(event.summary);
  lines.push(`SUMMARY:${summary}`);
  if (event.description !== '') lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.location !== undefined && event.location !== '') lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.alarmMinutesBefore !== undefined) {
    assertWholeNumber(event.alarmMinutesBefore, 0, 4 * 7 * 24 * 60, `The alarm of event ${event.uid}`);
    lines.push(
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `TRIGGER:${minutesBefore(event.alarmMinutesBefore)}`,
      `DESCRIPTION:${summary}`,
      'END:VALARM',
    );
  }
  lines.push('END:VEVENT');
  return lines;
}

/** The feed's iCalendar text: CRLF line endings, lines folded at 75 octets. Throws on a repeated UID. */
export function buildFeed(input: FeedInput): string {
  if (Number.isNaN(input.now.getTime())) throw new Error('`now` is not a valid date.');
  const refresh = input.refreshMinutes ?? 60;
  assertWholeNumber(refresh, 1, 7 * 24 * 60, 'The refresh interval in minutes');
  const stamp = formatUtc(input.now.getTime());
  // A calendar's name is one line; a newline in it would only show as one.
  const name = escapeText(input.name.replace(/[\r\n]+/g, ' '));
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    `NAME:${name}`,
    `X-WR-CALNAME:${name}`,
    `REFRESH-INTERVAL;VALUE=DURATION:PT${refresh}M`,
    `X-PUBLISHED-TTL:PT${refresh}M`,
  ];
  const seen = new Set<string>();
  for (const event of input.events) {
    if (seen.has(event.uid)) throw new Error(`Two events in one feed share the UID ${event.uid}.`);
    seen.add(event.uid);
    for (const line of eventLines(event, stamp)) lines.push(line);
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('');
}
