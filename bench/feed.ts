/**
 * The calendar feed: 1,000 events (issue 5 asks for under 50 ms), measured
 * against building the same strings in the same process without the iCalendar
 * rules (escaping, folding, validation) — what the rules cost.
 */
import { performance } from 'node:perf_hooks';
import { buildFeed, type FeedEvent } from '../src/calendar/feed.ts';

interface Result {
  name: string;
  value: number;
  unit: string;
  reference: number;
  ratio: number;
}

const EVENTS = 1_000;
const RUNS = 60;

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function events(): FeedEvent[] {
  const start = Date.parse('2026-03-02T14:00:00Z');
  return Array.from({ length: EVENTS }, (_, i) =>
    i % 3 === 2
      ? { uid: `task-${i}@bench`, start: new Date(start + i * 86_400_000).toISOString().slice(0, 10), allDay: true, summary: `Send one follow-up to Person ${i}`, description: `You asked Person ${i}; one polite follow-up, never two.\nhttps://rapport.example.org/interviews/${i}` }
      : {
          uid: `interview-${i}@bench`,
          start: new Date(start + i * 3_600_000).toISOString(),
          minutes: 30,
          summary: `Informational interview: Person ${i}, Acme; "Design"`,
          description: `A 30-minute conversation to learn from Person ${i}'s experience. https://rapport.example.org/interviews/${i}`,
          location: `Café: Blue Bottle, ${i} Ferry Building`,
          alarmMinutesBefore: 30,
        },
  );
}

/** The same fields concatenated with no escaping, folding or checks. */
function naive(list: FeedEvent[]): string {
  const parts = ['BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'];
  for (const e of list) {
    parts.push(`BEGIN:VEVENT\r\nUID:${e.uid}\r\nDTSTART:${e.start}\r\nSUMMARY:${e.summary}\r\nDESCRIPTION:${e.description}\r\n`);
    if (e.location) parts.push(`LOCATION:${e.location}\r\n`);
    parts.push('END:VEVENT\r\n');
  }
  parts.push('END:VCALENDAR\r\n');
  return parts.join('');
}

export function benchFeed(): Result[] {
  const list = events();
  const now = new Date('2026-03-01T00:00:00Z');
  const time = (fn: () => string) => {
    for (let i = 0; i < 5; i++) fn(); // warm up
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      fn();
      samples.push(performance.now() - t0);
    }
    return median(samples);
  };
  const feed = time(() => buildFeed({ name: 'Rapport', events: list, now }));
  const reference = time(() => naive(list));
  return [{ name: `calendar feed, ${EVENTS} events (budget 50 ms)`, value: round(feed), unit: 'ms', reference: round(reference), ratio: round(feed / reference) }];
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
