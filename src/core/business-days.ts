/**
 * Business days in the seeker's own calendar: the unit of every follow-up rule
 * (3B7 counts *business* days, because a request sent on Friday evening has not
 * been ignored over the weekend).
 *
 * Calendar dates (`IsoDate`, 'YYYY-MM-DD') are days as the seeker lives them in
 * their time zone; instants become dates only through `localDate`, so "the day I
 * sent it" never depends on the server's zone or on UTC. Date arithmetic itself
 * is zone-free (a calendar day is a calendar day), and every conversion between
 * instants and local days goes through luxon, so DST changes are handled by the
 * time-zone database rather than by hand.
 *
 * Pure: no clock, no I/O. Invalid input throws a plain `Error`; services
 * validate what users type before it gets here.
 */
import { DateTime, IANAZone } from 'luxon';

/** A calendar date in the seeker's zone, 'YYYY-MM-DD'. */
export type IsoDate = string;
/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Where and when the seeker works: their zone and the weekdays that count as business days. */
export interface WorkCalendar {
  timeZone: string;
  workingDays: readonly Weekday[];
}

/** Monday to Friday. */
export const DEFAULT_WORKING_DAYS: readonly Weekday[] = Object.freeze([1, 2, 3, 4, 5] as Weekday[]);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date as a luxon value pinned to UTC, where every day has 24 hours. */
function parseDate(date: IsoDate): DateTime {
  const parsed = ISO_DATE.test(date) ? DateTime.fromISO(date, { zone: 'utc' }) : null;
  if (!parsed?.isValid) throw new Error(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return parsed;
}

function formatDate(date: DateTime): IsoDate {
  return date.toISODate() as IsoDate;
}

function assertTimeZone(timeZone: string): void {
  // IANAZone.create caches its zones; isValidZone would build a new Intl formatter on every call.
  if (!IANAZone.create(timeZone).isValid) throw new Error(`Unknown time zone: ${JSON.stringify(timeZone)}`);
}

/** The working days as a set, after refusing a calendar that would make "the next business day" loop forever. */
function workingDaySet(calendar: WorkCalendar): ReadonlySet<number> {
  const days = new Set<number>(calendar.workingDays);
  if (days.size === 0) throw new Error('A work calendar needs at least one working day.');
  for (const day of days) {
    if (!Number.isInteger(day) || day < 1 || day > 7) throw new Error(`Not an ISO weekday (1 = Monday … 7 = Sunday): ${day}`);
  }
  return days;
}

/**
 * The calendar date of an instant in `timeZone`. A string without an offset is
 * read as UTC, like the instants Rapport stores.
 *
 * @example localDate('2026-03-07T03:30:00Z', 'America/Los_Angeles') // '2026-03-06', still Friday evening there
 */
export function localDate(instant: string | Date, timeZone: string): IsoDate {
  assertTimeZone(timeZone);
  const parsed =
    typeof instant === 'string' ? DateTime.fromISO(instant, { zone: 'utc' }) : DateTime.fromJSDate(instant, { zone: 'utc' });
  if (!parsed.isValid) throw new Error(`Not an instant: ${JSON.stringify(String(instant))}`);
  return formatDate(parsed.setZone(timeZone));
}

/** Whether `date` falls on one of the calendar's working weekdays. */
export function isBusinessDay(date: IsoDate, calendar: WorkCalendar): boolean {
  return workingDaySet(calendar).has(parseDate(date).weekday);
}

/** The ISO weekday `offset` days after one falling on `weekday`. */
function weekdayAfter(weekday: number, offset: number): number {
  return ((weekday - 1 + offset) % 7) + 1;
}

/** `date` itself if it is a working day, otherwise the first working day after it. */
export function nextBusinessDayOnOrAfter(date: IsoDate, calendar: WorkCalendar): IsoDate {
  const days = workingDaySet(calendar);
  const start = parseDate(date);
  let offset = 0;
  // At least one weekday works, so this ends within a week.
  while (!days.has(weekdayAfter(start.weekday, offset))) offset += 1;
  return formatDate(start.plus({ days: offset }));
}

/**
 * The n-th working day strictly after `date` (n >= 1): Sat + 3 = Wed and
 * Mon + 3 = Thu in a Monday–Friday week. "Strictly after" because the day a
 * request goes out never counts as a day of waiting. n = 0 returns
 * `nextBusinessDayOnOrAfter(date)`.
 */
export function addBusinessDays(date: IsoDate, n: number, calendar: WorkCalendar): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new Error(`Business days to add must be a whole number >= 0, not ${n}.`);
  if (n === 0) return nextBusinessDayOnOrAfter(date, calendar);
  const days = workingDaySet(calendar);
  const start = parseDate(date);
  // Any 7 consecutive days hold exactly days.size working days: skip whole weeks,
  // leaving between 1 and days.size working days to walk.
  const weeks = Math.floor((n - 1) / days.size);
  let offset = 7 * weeks;
  let left = n - weeks * days.size;
  while (left > 0) {
    offset += 1;
    if (days.has(weekdayAfter(start.weekday, offset))) left -= 1;
  }
  return formatDate(start.plus({ days: offset }));
}

/**
 * Working days in (from, to]: how many business days of waiting lie between a
 * request sent on `from` and `to`. 0 when `to <= from`.
 */
export function businessDaysBetween(from: IsoDate, to: IsoDate, calendar: WorkCalendar): number {
  const days = workingDaySet(calendar);
  const start = parseDate(from);
  const span = Math.round(parseDate(to).diff(start, 'days').days);
  if (span <= 0) return 0;
  const weeks = Math.floor(span / 7);
  let count = weeks * days.size;
  for (let offset = 7 * weeks + 1; offset <= span; offset += 1) {
    if (days.has(weekdayAfter(start.weekday, offset))) count += 1;
  }
  return count;
}

/** The local Monday–Sunday week containing `now`: the window of the weekly request goal. */
export function weekOf(now: Date, timeZone: string): { start: IsoDate; end: IsoDate } {
  const today = parseDate(localDate(now, timeZone));
  const start = today.minus({ days: today.weekday - 1 });
  return { start: formatDate(start), end: formatDate(start.plus({ days: 6 })) };
}

/**
 * The instant local `date` begins in `timeZone`: midnight — the first one where a
 * DST change repeats midnight (Havana and the Azores fall back from 01:00 to
 * 00:00) — or, where a change skips midnight (the Azores and Santiago spring
 * forward from 00:00 to 01:00), the first instant that belongs to that day; a day
 * the zone skipped entirely (Samoa's 30 Dec 2011) begins when the next one does. Days
 * are 23 or 25 hours long around DST changes, so "midnight + 24 hours" is never
 * used to find the next day.
 */
export function startOfLocalDay(date: IsoDate, timeZone: string): Date {
  assertTimeZone(timeZone);
  const { year, month, day } = parseDate(date);
  const midnight = DateTime.fromObject({ year, month, day }, { zone: timeZone });
  const dateAt = (millis: number) => DateTime.fromMillis(millis, { zone: timeZone }).toISODate() as IsoDate;
  const ms = midnight.toMillis();
  if (dateAt(ms) === date && dateAt(ms - 1) < date) return midnight.toJSDate();
  // luxon resolves a skipped midnight past the gap and a repeated one to its
  // second occurrence; either way, search for the first instant whose local
  // date is `date` (local dates never run backwards across a day boundary).
  let before = ms - 48 * 3_600_000; // surely an earlier day
  let onOrAfter = ms + 48 * 3_600_000; // surely that day or a later one
  while (onOrAfter - before > 1) {
    const mid = before + Math.floor((onOrAfter - before) / 2);
    if (dateAt(mid) < date) before = mid;
    else onOrAfter = mid;
  }
  return new Date(onOrAfter);
}
