/**
 * Proposed meeting times and places: the rules of step 4, "Schedule".
 *
 * The seeker proposes 2–3 slots of 20 or 30 minutes (30 by default: long enough for
 * four or five questions, short enough that a busy person says yes). Each slot is an
 * instant, never a wall-clock time: the seeker and the host may live in different
 * zones, and "10:00" only means something once a zone is attached. Every conversion
 * between instants and local times goes through luxon and the IANA time-zone
 * database, so the weeks when the US and Europe change their clocks on different
 * Sundays come out right without any offset arithmetic here.
 *
 * Pure: no clock (pass `now`), no I/O. Functions that describe a slot throw a plain
 * `Error` on input no service should let through (an unknown zone, an unparseable
 * instant); `validateSlots` and `validatePlace` return what a person typed wrong as
 * field issues instead.
 */
import { DateTime, IANAZone } from 'luxon';
import type { FieldIssue } from './errors.ts';

/** Meeting lengths a seeker may propose. */
export type MeetingMinutes = 20 | 30;
export const MEETING_MINUTES: readonly MeetingMinutes[] = Object.freeze([20, 30] as MeetingMinutes[]);
export const DEFAULT_MEETING_MINUTES: MeetingMinutes = 30;
export const MIN_PROPOSED_SLOTS = 2;
export const MAX_PROPOSED_SLOTS = 3;

/** One proposed time: an ISO 8601 instant with an explicit offset or `Z`, and a length. */
export interface ProposedSlot {
  start: string;
  minutes: MeetingMinutes;
}

export type InPersonPlaceKind = 'cafe' | 'restaurant' | 'office';

/** Where the meeting happens. For a phone call, `number` is the number of whoever is called. */
export type MeetingPlace =
  | { kind: InPersonPlaceKind; address: string }
  | { kind: 'phone'; whoCalls: 'seeker' | 'host'; number: string | null }
  | { kind: 'video'; url: string };

/** The names `describePlace` uses for a phone call; without them it says "the seeker" and "the host". */
export interface PlaceParticipants {
  seeker: string;
  host: string;
}

// Month and weekday names must not depend on the server's or the browser's locale.
const LOCALE = 'en-GB';
// An instant must say which instant it is: a bare "2026-03-09T10:00" depends on whoever reads it.
const EXPLICIT_OFFSET = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

function assertTimeZone(timeZone: string): void {
  // IANAZone.create caches its zones; isValidZone would build a new Intl formatter on every call.
  if (!IANAZone.create(timeZone).isValid) throw new Error(`Unknown time zone: ${JSON.stringify(timeZone)}`);
}

/**
 * Parses an ISO 8601 instant that carries its own offset (`Z` or `±HH:MM`), or
 * returns null. The result is in UTC.
 *
 * @example parseInstant('2026-03-09T10:00:00-04:00')?.toISO() // '2026-03-09T14:00:00.000Z'
 */
export function parseInstant(value: string): DateTime | null {
  if (typeof value !== 'string' || !value.includes('T') || !EXPLICIT_OFFSET.test(value.trim())) return null;
  const parsed = DateTime.fromISO(value.trim(), { zone: 'utc' });
  return parsed.isValid ? parsed : null;
}

function requireInstant(value: string, what: string): DateTime {
  const parsed = parseInstant(value);
  if (!parsed) throw new Error(`${what} is not an ISO instant with an offset: ${JSON.stringify(value)}`);
  return parsed;
}

/**
 * A person-readable name for a zone: the city of its IANA name.
 *
 * @example zoneLabel('America/New_York') // 'New York'
 * @example zoneLabel('America/Argentina/Buenos_Aires') // 'Buenos Aires'
 */
export function zoneLabel(timeZone: string): string {
  assertTimeZone(timeZone);
  const last = timeZone.split('/').pop() ?? timeZone;
  return last.replace(/_/g, ' ');
}

function dayText(at: DateTime): string {
  return at.setLocale(LOCALE).toFormat('ccc d LLL');
}

function timeRange(start: DateTime, end: DateTime): string {
  return `${start.toFormat('HH:mm')}–${end.toFormat('HH:mm')}`;
}

/**
 * A slot in words, in the first zone and, when it differs, in the second. The
 * second zone's date is repeated only when it falls on another day there.
 *
 * @example
 * describeSlot({ start: '2026-03-10T14:00:00Z', minutes: 30 }, 'America/New_York', 'Europe/London')
 * // 'Tue 10 Mar, 10:00–10:30 in New York (14:00–14:30 in London)' — the US is already on summer time
 */
export function describeSlot(slot: ProposedSlot, seekerZone: string, hostZone: string | null): string {
  assertTimeZone(seekerZone);
  if (hostZone !== null) assertTimeZone(hostZone);
  const start = requireInstant(slot.start, 'The slot start');
  const end = start.plus({ minutes: slot.minutes });

  const mineStart = start.setZone(seekerZone);
  const mine = `${dayText(mineStart)}, ${timeRange(mineStart, end.setZone(seekerZone))} in ${zoneLabel(seekerZone)}`;
  if (hostZone === null || hostZone === seekerZone) return mine;

  const theirsStart = start.setZone(hostZone);
  const theirsRange = timeRange(theirsStart, end.setZone(hostZone));
  const sameDay = theirsStart.toISODate() === mineStart.toISODate();
  if (sameDay && theirsRange === timeRange(mineStart, end.setZone(seekerZone))) {
    return `${mine} (same time in ${zoneLabel(hostZone)})`;
  }
  const theirs = sameDay ? theirsRange : `${dayText(theirsStart)}, ${theirsRange}`;
  return `${mine} (${theirs} in ${zoneLabel(hostZone)})`;
}

/**
 * What is wrong with a set of proposed slots, as field issues (empty when none):
 * 2 or 3 slots, each a valid instant strictly after `now`, each 20 or 30 minutes
 * long, and no two overlapping (back to back is fine: one ends as the next begins).
 */
export function validateSlots(slots: readonly ProposedSlot[], now: Date): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (slots.length < MIN_PROPOSED_SLOTS || slots.length > MAX_PROPOSED_SLOTS) {
    issues.push({
      field: 'slots',
      message: `Propose ${MIN_PROPOSED_SLOTS} or ${MAX_PROPOSED_SLOTS} times, so the host can choose; you proposed ${slots.length}.`,
    });
  }

  const nowMs = now.getTime();
  const ranges: Array<{ index: number; startMs: number; endMs: number } | null> = slots.map((slot, index) => {
    const start = parseInstant(slot.start);
    const minutesOk = (MEETING_MINUTES as readonly number[]).includes(slot.minutes);
    if (!start) {
      issues.push({ field: `slots[${index}].start`, message: 'Give a date and time (with its time zone).' });
    } else if (start.toMillis() <= nowMs) {
      issues.push({ field: `slots[${index}].start`, message: 'This time has already passed; propose a time in the future.' });
    }
    if (!minutesOk) {
      issues.push({ field: `slots[${index}].minutes`, message: `A meeting lasts ${MEETING_MINUTES.join(' or ')} minutes.` });
    }
    if (!start || !minutesOk) return null;
    return { index, startMs: start.toMillis(), endMs: start.toMillis() + slot.minutes * 60_000 };
  });

  for (let later = 0; later < ranges.length; later++) {
    const b = ranges[later];
    if (!b) continue;
    for (let earlier = 0; earlier < later; earlier++) {
      const a = ranges[earlier];
      if (!a || !(a.startMs < b.endMs && b.startMs < a.endMs)) continue;
      issues.push({
        field: `slots[${later}].start`,
        message: `This time overlaps proposed time ${earlier + 1}; propose times that do not overlap.`,
      });
      break;
    }
  }
  return issues;
}

/** What is wrong with a meeting place, as field issues (empty when none). */
export function validatePlace(place: MeetingPlace): FieldIssue[] {
  switch (place.kind) {
    case 'cafe':
    case 'restaurant':
    case 'office':
      return place.address.trim() === '' ? [{ field: 'place.address', message: 'Give the address.' }] : [];
    case 'phone':
      if (place.whoCalls !== 'seeker' && place.whoCalls !== 'host') {
        return [{ field: 'place.whoCalls', message: 'Say who calls whom.' }];
      }
      return place.number !== null && !/\d/.test(place.number)
        ? [{ field: 'place.number', message: 'A phone number needs digits.' }]
        : [];
    case 'video':
      return isWebUrl(place.url) ? [] : [{ field: 'place.url', message: 'Give the full meeting link, starting with https://.' }];
    default:
      return [{ field: 'place.kind', message: 'Choose café, restaurant, office, phone or video.' }];
  }
}

function isWebUrl(value: string): boolean {
  if (/\s/.test(value.trim())) return false;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

const PLACE_NAMES: Record<InPersonPlaceKind, string> = { cafe: 'Café', restaurant: 'Restaurant', office: 'Office' };

/**
 * A place in words, fit for a calendar's LOCATION and for a message.
 *
 * @example describePlace({ kind: 'cafe', address: 'Blue Bottle, 1 Ferry Building, San Francisco' })
 * // 'Café: Blue Bottle, 1 Ferry Building, San Francisco'
 * @example describePlace({ kind: 'phone', whoCalls: 'seeker', number: '+1 212 555 0100' }, { seeker: 'Ana', host: 'Bo' })
 * // 'Phone call: Ana calls Bo at +1 212 555 0100'
 */
export function describePlace(place: MeetingPlace, participants?: PlaceParticipants): string {
  switch (place.kind) {
    case 'cafe':
    case 'restaurant':
    case 'office':
      return `${PLACE_NAMES[place.kind]}: ${place.address.trim()}`;
    case 'phone': {
      const seeker = participants?.seeker.trim() || 'the seeker';
      const host = participants?.host.trim() || 'the host';
      const [caller, called] = place.whoCalls === 'seeker' ? [seeker, host] : [host, seeker];
      const number = place.number?.trim();
      return number ? `Phone call: ${caller} calls ${called} at ${number}` : `Phone call: ${caller} calls ${called} (number to be confirmed)`;
    }
    case 'video':
      return `Video call: ${place.url.trim()}`;
  }
}
