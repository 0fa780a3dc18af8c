/**
 * The calendar invite for one informational interview: an iTIP message (RFC 5546)
 * in iCalendar (RFC 5545), attached to the e-mail and offered as a download.
 *
 * A `REQUEST` puts the meeting in the attendee's calendar and asks for an answer;
 * a later `REQUEST` with the same UID and a higher SEQUENCE moves it; a `CANCEL`
 * with the same UID removes it. The caller owns both numbers: the UID is stable
 * for the life of the interview, and the caller raises SEQUENCE on every
 * reschedule and cancel — this module writes exactly what it is given.
 *
 * The text is written by ical-generator, which escapes TEXT values, writes CRLF
 * and folds lines at 75 octets. What it does not protect is handled before it sees
 * the data: UIDs and e-mail addresses are checked (they are not TEXT and cannot be
 * escaped), names lose the characters a quoted parameter cannot hold, and control
 * characters are removed. Times are in UTC (see `ical-text.ts` for why).
 *
 * No clock: DTSTAMP is the `now` passed in.
 */
import ical, { ICalAlarmType, ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { describePlace, type MeetingPlace, parseInstant } from '../core/meeting-slots.ts';
import { assertEmail, assertUid, assertWholeNumber, cleanText, commonName, normalizeWebUrl, PRODID } from './ical-text.ts';

export type InviteMethod = 'REQUEST' | 'CANCEL';

export interface InvitePerson {
  name: string;
  email: string;
}

export interface InviteInput {
  /** Stable for the life of the meeting, e.g. `interview-<id>@<host>`; letters, digits and `@._:+=-`. */
  uid: string;
  /** 0 for the first invite; the caller raises it on every reschedule and on cancel. */
  sequence: number;
  method: InviteMethod;
  /** Who sends the invite (usually the seeker). */
  organizer: InvitePerson;
  /** Who is invited (usually the host). */
  attendee: InvitePerson;
  /** ISO 8601 instant with an offset or `Z`. */
  start: string;
  minutes: number;
  summary: string;
  description: string;
  place: MeetingPlace;
  /** Whether the organizer is the seeker (default) or the host; only changes how a phone call is worded. */
  organizerIs?: 'seeker' | 'host';
  /** A link back to the meeting in Rapport. */
  url?: string;
  /** The moment the invite is produced: its DTSTAMP. */
  now: Date;
}

/** How long before the meeting the invite's alarm rings. */
export const INVITE_ALARM_MINUTES_BEFORE = 30;

/** The media type of an invite, for a download or an e-mail part (`method` is required there too). */
export function inviteContentType(method: InviteMethod): string {
  return `text/calendar; charset=utf-8; method=${method}`;
}

/** The iCalendar text of an invite: one VEVENT, CRLF line endings, lines folded at 75 octets. */
export function buildInvite(input: InviteInput): string {
  assertUid(input.uid);
  assertWholeNumber(input.sequence, 0, 2_147_483_647, 'SEQUENCE');
  assertWholeNumber(input.minutes, 1, 24 * 60, 'The meeting length in minutes');
  assertEmail(input.organizer.email, 'The organizer');
  assertEmail(input.attendee.email, 'The attendee');
  if (input.method !== 'REQUEST' && input.method !== 'CANCEL') throw new Error(`Unknown invite method: ${String(input.method)}`);
  const start = parseInstant(input.start);
  if (!start) throw new Error(`The meeting start is not an ISO instant with an offset: ${JSON.stringify(input.start)}`);
  if (Number.isNaN(input.now.getTime())) throw new Error('`now` is not a valid date.');

  const organizerName = commonName(input.organizer.name) || input.organizer.email;
  const attendeeName = commonName(input.attendee.name) || input.attendee.email;
  const seekerIsOrganizer = (input.organizerIs ?? 'seeker') === 'seeker';
  const location = describePlace(input.place, {
    seeker: seekerIsOrganizer ? organizerName : attendeeName,
    host: seekerIsOrganizer ? attendeeName : organizerName,
  });
  const cancel = input.method === 'CANCEL';
  const summary = cleanText(input.summary);

  const calendar = ical({
    prodId: PRODID.replace(/^-/, ''),
    method: cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  const event = calendar.createEvent({
    id: input.uid,
    sequence: input.sequence,
    stamp: input.now,
    start: start.toJSDate(),
    end: start.plus({ minutes: input.minutes }).toJSDate(),
    summary,
    description: cleanText(input.description),
    location: cleanText(location),
    organizer: { name: organizerName, email: input.organizer.email },
    status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    ...(input.url === undefined ? {} : { url: normalizeWebUrl(input.url) }),
  });
  // A cancellation asks for no answer: RSVP and PARTSTAT belong to the request.
  event.createAttendee({
    name: attendeeName,
    email: input.attendee.email,
    role: ICalAttendeeRole.REQ,
    ...(cancel ? {} : { rsvp: true, status: ICalAttendeeStatus.NEEDSACTION }),
  });
  if (!cancel) {
    event.createAlarm({
      type: ICalAlarmType.display,
      trigger: INVITE_ALARM_MINUTES_BEFORE * 60,
      description: `In ${INVITE_ALARM_MINUTES_BEFORE} minutes: ${summary}`,
    });
  }
  // ical-generator leaves the last line without its CRLF; RFC 5545 ends every content line with one.
  return `${calendar.toString()}\r\n`;
}
