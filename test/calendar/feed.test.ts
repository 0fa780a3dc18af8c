import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { escapeText } from '../../src/calendar/ical-text.ts';
import { buildFeed, FEED_CONTENT_TYPE, type FeedEvent, type FeedInput } from '../../src/calendar/feed.ts';
import { readWithBoth, readWithIcalJs, unfoldedLines } from './parsers.ts';

const NOW = new Date('2026-03-01T09:15:00Z');

const MEETING: FeedEvent = {
  uid: 'interview-7f3c@rapport.example',
  start: '2026-03-10T10:00:00-04:00',
  minutes: 30,
  summary: 'Coffee with Bo Lindqvist',
  description: 'Questions: how did you move from design to product?',
  location: 'Café: Blue Bottle, 1 Ferry Building, San Francisco',
  alarmMinutesBefore: 30,
};
const THANK_YOU: FeedEvent = {
  uid: 'reminder-thanks-7f3c@rapport.example',
  start: '2026-03-10',
  allDay: true,
  summary: 'Thank Bo Lindqvist (due within 24 hours)',
  description: 'Name one thing Bo said that you will act on.',
};
const LEAVE_BY: FeedEvent = {
  uid: 'reminder-leave-7f3c@rapport.example',
  start: '2026-03-10T09:25:00-04:00',
  summary: 'Leave by 09:25 for coffee with Bo',
  description: '',
  alarmMinutesBefore: 0,
};

function feed(overrides: Partial<FeedInput> = {}): FeedInput {
  return { name: 'Rapport — Ana Souza', events: [MEETING, THANK_YOU, LEAVE_BY], now: NOW, ...overrides };
}

describe('buildFeed: meetings and reminders', () => {
  const text = buildFeed(feed());

  it('reads the same in both parsers', () => {
    const readings = readWithBoth([text]);
    for (const { parser, results } of readings) {
      const calendar = results[0]!;
      expect(calendar.errors, parser).toEqual([]);
      expect(calendar.method, parser).toBeNull();
      expect(calendar.version, parser).toBe('2.0');
      expect(calendar.prodid, parser).toBe('-//Rapport//Rapport//EN');
      expect(calendar.name, parser).toBe('Rapport — Ana Souza');
      expect(calendar.attendeeCount, parser).toBe(0);
      expect(calendar.events.map((event) => event.uid), parser).toEqual([MEETING.uid, THANK_YOU.uid, LEAVE_BY.uid]);

      const [meeting, thanks, leave] = calendar.events;
      expect(meeting, parser).toMatchObject({
        sequence: null,
        dtstamp: { utc: '2026-03-01T09:15:00Z' },
        start: { utc: '2026-03-10T14:00:00Z' },
        end: { utc: '2026-03-10T14:30:00Z' },
        summary: MEETING.summary,
        description: MEETING.description,
        location: MEETING.location,
        transp: null,
        organizer: null,
        attendees: [],
        alarms: [{ action: 'DISPLAY', triggerSeconds: -1800, description: MEETING.summary }],
      });
      expect(thanks, parser).toMatchObject({
        start: { date: '2026-03-10' },
        end: { date: '2026-03-11' },
        summary: THANK_YOU.summary,
        transp: 'TRANSPARENT',
        alarms: [],
      });
      expect(leave, parser).toMatchObject({
        start: { utc: '2026-03-10T13:25:00Z' },
        end: null,
        description: null,
        location: null,
        transp: 'TRANSPARENT',
        alarms: [{ action: 'DISPLAY', triggerSeconds: 0, description: LEAVE_BY.summary }],
      });
    }
    if (readings.length === 2) expect(readings[1]!.results).toEqual(readings[0]!.results);
  });

  it('is published, not sent: no METHOD, ORGANIZER or ATTENDEE', () => {
    expect(text).not.toMatch(/^(METHOD|ORGANIZER|ATTENDEE)[;:]/m);
  });

  it('tells subscribers how often to refresh', () => {
    const lines = unfoldedLines(text);
    expect(lines).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT60M');
    expect(lines).toContain('X-PUBLISHED-TTL:PT60M');
    expect(unfoldedLines(buildFeed(feed({ refreshMinutes: 15 })))).toContain('X-PUBLISHED-TTL:PT15M');
  });

  it('ends every line with CRLF and folds at 75 octets', () => {
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });

  it('has the media type of a calendar', () => {
    expect(FEED_CONTENT_TYPE).toBe('text/calendar; charset=utf-8');
  });

  it('is empty but valid without events', () => {
    for (const { parser, results } of readWithBoth([buildFeed(feed({ events: [] }))])) {
      expect(results[0]!.errors, parser).toEqual([]);
      expect(results[0]!.events, parser).toEqual([]);
      expect(results[0]!.name, parser).toBe('Rapport — Ana Souza');
    }
  });
});

describe('buildFeed: all-day reminders', () => {
  it.each([
    ['2026-12-31', '2027-01-01'],
    ['2028-02-28', '2028-02-29'],
    ['2028-02-29', '2028-03-01'],
    ['2026-02-28', '2026-03-01'],
    ['2026-03-08', '2026-03-09'],
  ])('%s ends (exclusively) on %s', (day, next) => {
    const text = buildFeed(feed({ events: [{ ...THANK_YOU, start: day, alarmMinutesBefore: 60 }] }));
    for (const { parser, results } of readWithBoth([text])) {
      expect(results[0]!.events[0], parser).toMatchObject({ start: { date: day }, end: { date: next } });
      expect(results[0]!.events[0]!.alarms[0]?.triggerSeconds, parser).toBe(-3600);
    }
  });

  it.each(['2026-02-29', '2026-13-01', '2026-04-31', '2026-3-1', '2026-03-10T10:00:00Z'])('refuses %s as a day', (day) => {
    expect(() => buildFeed(feed({ events: [{ ...THANK_YOU, start: day }] }))).toThrow(/date/);
  });
});

describe('buildFeed: times', () => {
  it('writes the instant, whatever offset it came with, in UTC', () => {
    const starts = ['2026-03-09T10:00:00-04:00', '2026-03-09T14:00:00Z', '2026-03-09T14:00:00.000+00:00', '2026-03-09T15:00:00+01:00'];
    const text = buildFeed(feed({ events: starts.map((start, i) => ({ ...MEETING, uid: `m${i}@x`, start })) }));
    expect(unfoldedLines(text).filter((line) => line.startsWith('DTSTART'))).toEqual(Array(4).fill('DTSTART:20260309T140000Z'));
  });

  it('places 10:00 New York on the Monday after the March 2026 change at 14:00Z, and the Monday before at 15:00Z', () => {
    const at = (day: number) => DateTime.fromObject({ year: 2026, month: 3, day, hour: 10 }, { zone: 'America/New_York' }).toISO()!;
    const text = buildFeed(feed({ events: [{ ...MEETING, uid: 'before@x', start: at(2) }, { ...MEETING, uid: 'after@x', start: at(9) }] }));
    for (const { parser, results } of readWithBoth([text])) {
      expect(results[0]!.events.map((event) => event.start), parser).toEqual([{ utc: '2026-03-02T15:00:00Z' }, { utc: '2026-03-09T14:00:00Z' }]);
    }
  });

  it.each(['2026-03-10T10:00:00', '2026-03-10', 'soon', '2026-02-30T10:00:00Z'])('refuses %j as the start of a timed event', (start) => {
    expect(() => buildFeed(feed({ events: [{ ...MEETING, start }] }))).toThrow(/instant/);
  });
});

describe('buildFeed: escaping', () => {
  it('a name or a text cannot add a property, an event or a METHOD', () => {
    const text = buildFeed(
      feed({
        name: 'Mine\r\nMETHOD:REQUEST',
        events: [
          {
            ...MEETING,
            summary: 'Coffee\r\nATTENDEE:mailto:evil@x',
            description: 'x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\r\nSUMMARY:evil',
            location: 'Here;\r\nORGANIZER:mailto:evil@x',
          },
        ],
      }),
    );
    const lines = unfoldedLines(text);
    expect(lines.filter((line) => /^(METHOD|ATTENDEE|ORGANIZER)[;:]/.test(line))).toEqual([]);
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1);
    for (const { parser, results } of readWithBoth([text])) {
      const calendar = results[0]!;
      expect(calendar.errors, parser).toEqual([]);
      expect(calendar.method, parser).toBeNull();
      expect(calendar.name, parser).toBe('Mine METHOD:REQUEST');
      expect(calendar.attendeeCount, parser).toBe(0);
      expect(calendar.events, parser).toHaveLength(1);
      expect(calendar.events[0]!.summary, parser).toBe('Coffee\nATTENDEE:mailto:evil@x');
      expect(calendar.events[0]!.location, parser).toBe('Here;\nORGANIZER:mailto:evil@x');
      expect(calendar.events[0]!.organizer, parser).toBeNull();
    }
  });

  it.each([
    'Ana, Bo; and "Cy"',
    'Zoë Ørsted-Núñez · 東京 · 😀👩🏽‍💻',
    'two\nlines',
    'Back\\slash and C:\\path\\to\\file',
  ])('texts round-trip: %j', (value) => {
    const text = buildFeed(feed({ name: value, events: [{ ...MEETING, summary: value, description: value, location: value }] }));
    const name = value.replace(/\n/g, ' ');
    // The name is TEXT (RFC 5545 §3.8.8.2: the default for X- properties) and escaped as such;
    // ical.js does not know X-WR-CALNAME and shows it as written, python3-icalendar unescapes it.
    expect(readWithIcalJs(text).name).toBe(escapeText(name));
    for (const { parser, results } of readWithBoth([text])) {
      if (parser !== 'ical.js') expect(results[0]!.name, parser).toBe(name);
      expect(results[0]!.events[0], parser).toMatchObject({ summary: value, description: value, location: value });
    }
  });

  it.each([
    ['a UID with a line break', { uid: 'a\r\nATTENDEE:mailto:evil@x' }],
    ['a UID with a semicolon', { uid: 'a;b' }],
    ['a zero length', { minutes: 0 }],
    ['a fractional length', { minutes: 12.5 }],
    ['a negative alarm', { alarmMinutesBefore: -5 }],
  ] as Array<[string, Partial<FeedEvent>]>)('refuses %s', (_what, overrides) => {
    expect(() => buildFeed(feed({ events: [{ ...MEETING, ...overrides }] }))).toThrow();
  });

  it('refuses two events with one UID: a client would keep only one', () => {
    expect(() => buildFeed(feed({ events: [MEETING, { ...MEETING, start: '2026-03-11T10:00:00Z' }] }))).toThrow(/UID/);
  });
});

describe('buildFeed: 1,000 events', () => {
  const events: FeedEvent[] = Array.from({ length: 1000 }, (_, i) => {
    const start = DateTime.fromISO('2026-03-02T09:00:00', { zone: 'America/New_York' }).plus({ hours: i * 7 });
    if (i % 3 === 2) {
      return { uid: `r${i}@rapport.example`, start: start.toISODate()!, allDay: true, summary: `Stay in touch with contact ${i}`, description: 'Share something of value.' };
    }
    return {
      uid: `m${i}@rapport.example`,
      start: start.toISO()!,
      minutes: i % 2 ? 20 : 30,
      summary: `Coffee with contact ${i}, at the café; “quoted” ✓`,
      description: `Agenda for meeting ${i}:\nthanks, introduction, questions, who else should I talk to?`,
      location: `Café: ${i} Rue de Rivoli, 75004 Paris`,
      alarmMinutesBefore: 30,
    };
  });
  const text = buildFeed(feed({ events }));

  it('renders every event, and both parsers read all of them', () => {
    for (const { parser, results } of readWithBoth([text])) {
      const calendar = results[0]!;
      expect(calendar.errors, parser).toEqual([]);
      expect(calendar.events, parser).toHaveLength(1000);
      expect(new Set(calendar.events.map((event) => event.uid)).size, parser).toBe(1000);
      expect(calendar.events[999], parser).toMatchObject({ uid: 'm999@rapport.example', summary: 'Coffee with contact 999, at the café; “quoted” ✓' });
      expect(calendar.events[998], parser).toMatchObject({ uid: 'r998@rapport.example', start: { date: events[998]!.start } });
      // 9:00 New York plus 7-hour steps crosses the 8 March change; every start is still the same instant.
      for (const [i, event] of calendar.events.entries()) {
        if (events[i]!.allDay) continue;
        expect(event.start, `${parser} #${i}`).toEqual({ utc: DateTime.fromISO(events[i]!.start).toUTC().toISO({ suppressMilliseconds: true }) });
      }
    }
  });

  it('is deterministic: the same input gives the same bytes', () => {
    expect(buildFeed(feed({ events }))).toBe(text);
  });

  it('has every line within 75 octets', () => {
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(readWithIcalJs(text).events).toHaveLength(1000);
  });
});
