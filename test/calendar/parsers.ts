/**
 * Two independent iCalendar parsers for the calendar tests: ical.js (the one
 * Thunderbird uses) in process, and Debian's python3-icalendar in a child
 * process. Both read a document into the same plain shape, so a test can check
 * what each one understood and that they agree.
 *
 * python3-icalendar is a Debian package (`apt-get install python3-icalendar`),
 * installed by `.ci/run` when missing. Without it the Python half is skipped on
 * a laptop, with a warning, and fails the run in CI (CI=true).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import ICAL from 'ical.js';

export interface ParsedWhen {
  utc?: string;
  date?: string;
  floating?: string;
}

export interface ParsedAddress {
  value: string;
  params: Record<string, string>;
}

export interface ParsedAlarm {
  action: string | null;
  triggerSeconds: number | null;
  description: string | null;
}

export interface ParsedEvent {
  uid: string | null;
  sequence: number | null;
  status: string | null;
  dtstamp: ParsedWhen | null;
  start: ParsedWhen | null;
  end: ParsedWhen | null;
  summary: string | null;
  description: string | null;
  location: string | null;
  url: string | null;
  transp: string | null;
  organizer: ParsedAddress | null;
  attendees: ParsedAddress[];
  alarms: ParsedAlarm[];
}

export interface ParsedCalendar {
  calendars: number;
  method: string | null;
  prodid: string | null;
  version: string | null;
  name: string | null;
  events: ParsedEvent[];
  /** ATTENDEE properties anywhere in the document, in any component. */
  attendeeCount: number;
  /** Properties the parser read but could not understand (python3-icalendar records them instead of failing). */
  errors: string[];
}

export type ParserName = 'ical.js' | 'python3-icalendar';

// ---------------------------------------------------------------- ical.js

type Component = InstanceType<typeof ICAL.Component>;
type Property = InstanceType<typeof ICAL.Property>;

function textOf(component: Component | null, name: string): string | null {
  const value = component?.getFirstPropertyValue(name);
  return value === null || value === undefined ? null : String(value);
}

function whenOf(component: Component, name: string): ParsedWhen | null {
  const value = component.getFirstPropertyValue(name);
  if (!(value instanceof ICAL.Time)) return null;
  if (value.isDate) return { date: value.toString() };
  if (value.zone === ICAL.Timezone.utcTimezone) return { utc: value.toJSDate().toISOString().replace('.000Z', 'Z') };
  return { floating: value.toString() };
}

function addressOf(property: Property): ParsedAddress {
  const json = property.toJSON() as [string, Record<string, unknown>, string, ...unknown[]];
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(json[1])) params[key.toUpperCase()] = String(value);
  return { value: String(property.getFirstValue()), params };
}

function countAttendees(component: Component): number {
  return (
    component.getAllProperties('attendee').length +
    component.getAllSubcomponents().reduce((sum, child) => sum + countAttendees(child), 0)
  );
}

function eventOf(vevent: Component): ParsedEvent {
  const sequence = vevent.getFirstPropertyValue('sequence');
  const organizer = vevent.getFirstProperty('organizer');
  return {
    uid: textOf(vevent, 'uid'),
    sequence: typeof sequence === 'number' ? sequence : null,
    status: textOf(vevent, 'status'),
    dtstamp: whenOf(vevent, 'dtstamp'),
    start: whenOf(vevent, 'dtstart'),
    end: whenOf(vevent, 'dtend'),
    summary: textOf(vevent, 'summary'),
    description: textOf(vevent, 'description'),
    location: textOf(vevent, 'location'),
    url: textOf(vevent, 'url'),
    transp: textOf(vevent, 'transp'),
    organizer: organizer ? addressOf(organizer) : null,
    attendees: vevent.getAllProperties('attendee').map(addressOf),
    alarms: vevent.getAllSubcomponents('valarm').map((valarm) => {
      const trigger = valarm.getFirstPropertyValue('trigger');
      return {
        action: textOf(valarm, 'action'),
        triggerSeconds: trigger instanceof ICAL.Duration ? trigger.toSeconds() : null,
        description: textOf(valarm, 'description'),
      };
    }),
  };
}

/** What ical.js reads in a document. Throws what ical.js throws on a document it refuses. */
export function readWithIcalJs(text: string): ParsedCalendar {
  const parsed: unknown = ICAL.parse(text);
  // One calendar parses to one jCal array, several to an array of them.
  const jcals = (Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed : [parsed]) as unknown[];
  const calendars = jcals.map((jcal) => new ICAL.Component(jcal as never));
  const first = calendars[0] ?? null;
  return {
    calendars: calendars.length,
    method: textOf(first, 'method'),
    prodid: textOf(first, 'prodid'),
    version: textOf(first, 'version'),
    name: textOf(first, 'x-wr-calname'),
    events: calendars.flatMap((calendar) => calendar.getAllSubcomponents('vevent').map(eventOf)),
    attendeeCount: calendars.reduce((sum, calendar) => sum + countAttendees(calendar), 0),
    errors: [],
  };
}

// ------------------------------------------------------- python3-icalendar

const SCRIPT = fileURLToPath(new URL('./parse-with-python.py', import.meta.url));

/**
 * The first interpreter that can import Debian's icalendar. Debian installs it for
 * /usr/bin/python3, which is not always the `python3` first on the PATH (pyenv).
 */
function findPython(): { command: string } | { missing: string } {
  const tried: string[] = [];
  for (const command of ['/usr/bin/python3', 'python3']) {
    try {
      execFileSync(command, ['-c', 'import icalendar'], { stdio: 'pipe', timeout: 20_000 });
      return { command };
    } catch (error) {
      tried.push(`${command}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return { missing: `no Python with the icalendar module (install Debian's python3-icalendar). Tried ${tried.join('; ')}` };
}

export const python = findPython();
export const inCi = process.env.CI === 'true';

if ('missing' in python && !inCi) {
  console.warn(`calendar tests: the second parser is missing, so its checks are SKIPPED here (they fail in CI): ${python.missing}`);
}

/** What python3-icalendar reads in each document. */
export function readWithPython(documents: readonly string[]): ParsedCalendar[] {
  if ('missing' in python) throw new Error(`python3-icalendar is required: ${python.missing}`);
  const output = execFileSync(python.command, [SCRIPT], {
    input: JSON.stringify(documents),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
  const results = JSON.parse(output) as Array<ParsedCalendar | { exception: string }>;
  return results.map((result, index) => {
    if ('exception' in result) throw new Error(`python3-icalendar refused document ${index}: ${result.exception}`);
    return result;
  });
}

/**
 * Each document as read by every available parser: ical.js always, python3-icalendar
 * when installed (and always in CI, where its absence is a failure).
 */
export function readWithBoth(documents: readonly string[]): Array<{ parser: ParserName; results: ParsedCalendar[] }> {
  const readings: Array<{ parser: ParserName; results: ParsedCalendar[] }> = [
    { parser: 'ical.js', results: documents.map(readWithIcalJs) },
  ];
  if (!('missing' in python) || inCi) readings.push({ parser: 'python3-icalendar', results: readWithPython(documents) });
  return readings;
}

/** The content lines of a document with folding undone (RFC 5545 §3.1). */
export function unfoldedLines(text: string): string[] {
  return text.replace(/\r\n[ \t]/g, '').split('\r\n').filter((line) => line !== '');
}

/** `mailto:` in any case, as calendars write it, made comparable. */
export function mailto(value: string | undefined | null): string | null {
  return value ? value.replace(/^mailto:/i, 'mailto:') : null;
}
