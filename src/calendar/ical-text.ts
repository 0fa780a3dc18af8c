/**
 * The few pieces of RFC 5545 syntax that the invite and the feed share: how text is
 * escaped, how lines are folded, how instants and dates are written, and which
 * identifiers and addresses may appear at all.
 *
 * Nothing a user types may add a line or a property to a calendar file. Text values
 * are escaped (backslash, semicolon, comma, newline) and stripped of the control
 * characters RFC 5545 forbids; values that are not TEXT (UID, e-mail addresses,
 * URIs) are checked or normalized instead, because they cannot be escaped.
 *
 * Timed events are written in UTC (`DTSTART:20260309T140000Z`), never with a TZID:
 * a meeting is one instant, every client shows a UTC time in its own user's zone,
 * and a UTC time needs no VTIMEZONE block that could disagree with the client's
 * time-zone database. All-day reminders are written as dates (`VALUE=DATE`), which
 * belong to no zone.
 */
import { parseInstant } from '../core/meeting-slots.ts';

/** The product identifier written in every file Rapport produces. */
export const PRODID = '-//Rapport//Rapport//EN';

// C0 controls and DEL, except TAB, LF and CR (newlines are escaped, TAB is allowed in TEXT).
const FORBIDDEN_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
// A surrogate half without its partner cannot be written as UTF-8.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const NEWLINE = /\r\n|\r|\n/g;

/** Text without the characters no calendar file may contain (newlines are kept, to be escaped). */
export function cleanText(value: string): string {
  return String(value).replace(FORBIDDEN_CONTROLS, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** A TEXT value, escaped per RFC 5545 §3.3.11: `\\`, `\;`, `\,` and `\n`. */
export function escapeText(value: string): string {
  return cleanText(value).replace(/[\\;,]/g, (c) => `\\${c}`).replace(NEWLINE, '\\n');
}

/**
 * A person's name made safe for a quoted parameter (`CN="…"`). Parameter values
 * have no escapes at all in RFC 5545, so a double quote would end the value early;
 * it becomes an apostrophe. Newlines become spaces. ical-generator also doubles
 * backslashes inside quotes, which every parser then shows doubled, so a backslash
 * becomes a slash.
 */
export function commonName(value: string): string {
  return cleanText(value)
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/"/g, "'")
    .replace(/\\/g, '/')
    .replace(/ {2,}/g, ' ')
    .trim();
}

const UID = /^[A-Za-z0-9][A-Za-z0-9@._:+=-]{0,254}$/;

/** Throws unless `uid` is a stable identifier made of characters that need no escaping. */
export function assertUid(uid: string): void {
  if (typeof uid !== 'string' || !UID.test(uid)) {
    throw new Error(`A calendar UID must be 1–255 letters, digits or @._:+=- characters: ${JSON.stringify(uid)}`);
  }
}

const EMAIL = /^[^\s@"<>(),;:\\[\]]+@[^\s@"<>(),;:\\[\]]+\.[^\s@"<>(),;:\\[\]]+$/;

/** Throws unless `email` is a plain address that can follow `mailto:` unescaped. */
export function assertEmail(email: string, what: string): void {
  if (typeof email !== 'string' || !EMAIL.test(email) || /[\u0000-\u001F\u007F]/.test(email)) {
    throw new Error(`${what} is not a plain e-mail address: ${JSON.stringify(email)}`);
  }
}

/**
 * An http(s) URL normalized for a URI value, which has no escapes: whitespace and
 * quotes are percent-encoded by the URL parser, and so are `,` and `;`, which
 * ical-generator would otherwise escape as if the URL were text.
 */
export function normalizeWebUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(String(value).trim());
  } catch {
    throw new Error(`Not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`Not a web URL: ${JSON.stringify(value)}`);
  return url.href.replace(/,/g, '%2C').replace(/;/g, '%3B');
}

// The one shape services write (`DateTime#toISO`, `Date#toISOString`), which Date.parse reads exactly.
const COMMON_INSTANT = /^\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * The epoch milliseconds of an ISO 8601 instant with an explicit offset, or null.
 * Same answers as `parseInstant`, which it falls back to; the fast path exists
 * because a feed parses thousands of instants on every refresh.
 */
export function instantMillis(value: string): number | null {
  // Date.parse rolls 31 February over into March; only a real date takes the fast path.
  if (COMMON_INSTANT.test(value) && isRealDate(Number(value.slice(0, 4)), Number(value.slice(5, 7)), Number(value.slice(8, 10)))) {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return ms;
  }
  return parseInstant(value)?.toMillis() ?? null;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** An instant (epoch milliseconds) as a UTC DATE-TIME value: `20260309T140000Z`. */
export function formatUtc(ms: number): string {
  // The UTC fields of a Date: no zone is involved.
  const d = new Date(ms);
  if (Number.isNaN(ms)) throw new Error('Not an instant: NaN');
  return (
    String(d.getUTCFullYear()).padStart(4, '0') +
    pad2(d.getUTCMonth() + 1) +
    pad2(d.getUTCDate()) +
    'T' +
    pad2(d.getUTCHours()) +
    pad2(d.getUTCMinutes()) +
    pad2(d.getUTCSeconds()) +
    'Z'
  );
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/**
 * A calendar date ('YYYY-MM-DD') as a DATE value and the DATE value of the day
 * after it (an all-day event's exclusive end), or null for an impossible date.
 * Dates belong to no zone, so this is plain calendar arithmetic on UTC days.
 */
export function dateAndNextDay(isoDate: string): { date: string; next: string } | null {
  const match = ISO_DATE.exec(isoDate);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Date.UTC would roll 31 February over into March: reject it instead.
  if (!isRealDate(year, month, day)) return null;
  return { date: formatUtc(Date.UTC(year, month - 1, day)).slice(0, 8), next: formatUtc(Date.UTC(year, month - 1, day) + DAY_MS).slice(0, 8) };
}

/** A DURATION that many minutes before the start (`-PT30M`), or at the start (`PT0S`). */
export function minutesBefore(minutes: number): string {
  return minutes === 0 ? 'PT0S' : `-PT${minutes}M`;
}

/** Throws unless `value` is a whole number in [min, max]. */
export function assertWholeNumber(value: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${what} must be a whole number from ${min} to ${max}: ${JSON.stringify(value)}`);
  }
}

/**
 * One content line folded to at most 75 octets of UTF-8 per physical line
 * (RFC 5545 §3.1), never inside a character, each line ended by CRLF.
 */
export function foldLine(line: string): string {
  // Most lines are short ASCII: nothing to count.
  if (line.length <= 75 && !/[^\x00-\x7F]/.test(line)) return `${line}\r\n`;
  let out = '';
  let from = 0;
  let octets = 0;
  let limit = 75;
  for (let i = 0; i < line.length; ) {
    const code = line.charCodeAt(i);
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < line.length;
    const units = pair ? 2 : 1;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : pair ? 4 : 3;
    if (octets + size > limit) {
      out += `${line.slice(from, i)}\r\n `;
      from = i;
      octets = 0;
      // A continuation line starts with the space, which counts.
      limit = 74;
    }
    octets += size;
    i += units;
  }
  return `${out}${line.slice(from)}\r\n`;
}
