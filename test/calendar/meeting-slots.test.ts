import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MEETING_MINUTES,
  describePlace,
  describeSlot,
  type MeetingPlace,
  parseInstant,
  type ProposedSlot,
  validatePlace,
  validateSlots,
  zoneLabel,
} from '../../src/core/meeting-slots.ts';

const NEW_YORK = 'America/New_York';
const LONDON = 'Europe/London';

/** A slot at a wall-clock time in a zone, the way a service builds one from what a person picked. */
function at(zone: string, year: number, month: number, day: number, hour: number, minute = 0, minutes: 20 | 30 = 30): ProposedSlot {
  return { start: DateTime.fromObject({ year, month, day, hour, minute }, { zone }).toISO()!, minutes };
}

describe('describeSlot', () => {
  it('shows the slot in both zones', () => {
    expect(describeSlot(at(NEW_YORK, 2026, 3, 3, 10), NEW_YORK, LONDON)).toBe('Tue 3 Mar, 10:00–10:30 in New York (15:00–15:30 in London)');
  });

  it('follows the weeks when the US and the UK are out of step (8–29 March 2026): London is 4 hours ahead, not 5', () => {
    // The US moved its clocks on Sunday 8 March at 02:00 local, the UK on Sunday 29 March at 01:00 UTC.
    for (let day = 1; day <= 31; day++) {
      const london = day >= 8 && day <= 28 ? '14' : '15';
      const text = describeSlot(at(NEW_YORK, 2026, 3, day, 10), NEW_YORK, LONDON);
      expect(text, `10:00 New York on ${day} March`).toMatch(new RegExp(`, 10:00–10:30 in New York \\(${london}:00–${london}:30 in London\\)$`));
    }
    expect(describeSlot(at(NEW_YORK, 2026, 3, 9, 10), NEW_YORK, LONDON)).toBe('Mon 9 Mar, 10:00–10:30 in New York (14:00–14:30 in London)');
    expect(describeSlot(at(NEW_YORK, 2026, 3, 10, 10), NEW_YORK, LONDON)).toBe('Tue 10 Mar, 10:00–10:30 in New York (14:00–14:30 in London)');
    expect(describeSlot(at(NEW_YORK, 2026, 3, 30, 10), NEW_YORK, LONDON)).toBe('Mon 30 Mar, 10:00–10:30 in New York (15:00–15:30 in London)');
  });

  it('and the other way round, from London, when the host is in New York', () => {
    expect(describeSlot(at(LONDON, 2026, 3, 6, 15), LONDON, NEW_YORK)).toBe('Fri 6 Mar, 15:00–15:30 in London (10:00–10:30 in New York)');
    expect(describeSlot(at(LONDON, 2026, 3, 13, 15), LONDON, NEW_YORK)).toBe('Fri 13 Mar, 15:00–15:30 in London (11:00–11:30 in New York)');
    expect(describeSlot(at(LONDON, 2026, 4, 3, 15), LONDON, NEW_YORK)).toBe('Fri 3 Apr, 15:00–15:30 in London (10:00–10:30 in New York)');
  });

  it('follows the autumn gap too (25 October – 1 November 2026)', () => {
    expect(describeSlot(at(NEW_YORK, 2026, 10, 19, 10), NEW_YORK, LONDON)).toBe('Mon 19 Oct, 10:00–10:30 in New York (15:00–15:30 in London)');
    expect(describeSlot(at(NEW_YORK, 2026, 10, 26, 10), NEW_YORK, LONDON)).toBe('Mon 26 Oct, 10:00–10:30 in New York (14:00–14:30 in London)');
    expect(describeSlot(at(NEW_YORK, 2026, 11, 2, 10), NEW_YORK, LONDON)).toBe('Mon 2 Nov, 10:00–10:30 in New York (15:00–15:30 in London)');
  });

  it('names the other day when the slot falls on another date there', () => {
    // Sydney is on summer time (UTC+11) until 5 April 2026; Los Angeles on UTC-7 from 8 March.
    expect(describeSlot(at('America/Los_Angeles', 2026, 3, 10, 22), 'America/Los_Angeles', 'Australia/Sydney')).toBe(
      'Tue 10 Mar, 22:00–22:30 in Los Angeles (Wed 11 Mar, 16:00–16:30 in Sydney)',
    );
  });

  it('shows a meeting across midnight and across the night of a clock change as its real wall-clock times', () => {
    expect(describeSlot(at(LONDON, 2026, 6, 1, 23, 45), LONDON, null)).toBe('Mon 1 Jun, 23:45–00:15 in London');
    // 01:45 EST plus 30 minutes is 03:15 EDT.
    expect(describeSlot(at(NEW_YORK, 2026, 3, 8, 1, 45), NEW_YORK, null)).toBe('Sun 8 Mar, 01:45–03:15 in New York');
  });

  it('shows one zone when the host’s is unknown or the same, and says so when only the name differs', () => {
    const slot = at('Europe/Paris', 2026, 5, 12, 9, 0, 20);
    expect(describeSlot(slot, 'Europe/Paris', null)).toBe('Tue 12 May, 09:00–09:20 in Paris');
    expect(describeSlot(slot, 'Europe/Paris', 'Europe/Paris')).toBe('Tue 12 May, 09:00–09:20 in Paris');
    expect(describeSlot(slot, 'Europe/Paris', 'Europe/Berlin')).toBe('Tue 12 May, 09:00–09:20 in Paris (same time in Berlin)');
  });

  it('reads the same instant the same way whatever offset it was written with', () => {
    const texts = ['2026-03-09T14:00:00Z', '2026-03-09T10:00:00-04:00', '2026-03-09T15:00:00.000+01:00'].map((start) =>
      describeSlot({ start, minutes: 30 }, NEW_YORK, LONDON),
    );
    expect(new Set(texts)).toEqual(new Set(['Mon 9 Mar, 10:00–10:30 in New York (14:00–14:30 in London)']));
  });

  it('refuses an unknown zone or an instant without an offset', () => {
    expect(() => describeSlot(at(NEW_YORK, 2026, 3, 9, 10), 'Mars/Olympus_Mons', null)).toThrow(/time zone/);
    expect(() => describeSlot(at(NEW_YORK, 2026, 3, 9, 10), NEW_YORK, 'EST5EDT6')).toThrow(/time zone/);
    expect(() => describeSlot({ start: '2026-03-09T10:00:00', minutes: 30 }, NEW_YORK, null)).toThrow(/offset/);
  });
});

describe('zoneLabel and parseInstant', () => {
  it.each([
    ['America/New_York', 'New York'],
    ['America/Argentina/Buenos_Aires', 'Buenos Aires'],
    ['Europe/London', 'London'],
    ['UTC', 'UTC'],
  ])('%s → %s', (zone, label) => expect(zoneLabel(zone)).toBe(label));

  it('accepts instants with an offset only', () => {
    expect(parseInstant('2026-03-09T10:00:00-04:00')?.toISO()).toBe('2026-03-09T14:00:00.000Z');
    expect(parseInstant('2026-03-09T10:00Z')?.toISO()).toBe('2026-03-09T10:00:00.000Z');
    expect(parseInstant('2026-03-09T10:00:00')).toBeNull();
    expect(parseInstant('2026-03-09')).toBeNull();
    expect(parseInstant('2026-02-30T10:00:00Z')).toBeNull();
    expect(parseInstant('tomorrow at ten')).toBeNull();
  });
});

describe('validateSlots', () => {
  const NOW = new Date('2026-03-02T12:00:00Z');
  const later = (hours: number, minutes: 20 | 30 = DEFAULT_MEETING_MINUTES): ProposedSlot => ({
    start: new Date(NOW.getTime() + hours * 3_600_000).toISOString(),
    minutes,
  });

  it('accepts 2 or 3 future slots of 20 or 30 minutes that do not overlap', () => {
    expect(validateSlots([later(24), later(48, 20)], NOW)).toEqual([]);
    expect(validateSlots([later(24), later(25), later(26, 20)], NOW)).toEqual([]);
  });

  it.each([0, 1, 4])('refuses %i slots', (count) => {
    const slots = Array.from({ length: count }, (_, i) => later(24 * (i + 1)));
    expect(validateSlots(slots, NOW)).toEqual([{ field: 'slots', message: expect.stringMatching(/2 or 3/) }]);
  });

  it('refuses a slot that starts now or earlier, and accepts one a millisecond later', () => {
    expect(validateSlots([{ start: NOW.toISOString(), minutes: 30 }, later(24)], NOW)).toEqual([
      { field: 'slots[0].start', message: expect.stringMatching(/passed/) },
    ]);
    expect(validateSlots([later(-1), later(24)], NOW)).toEqual([{ field: 'slots[0].start', message: expect.stringMatching(/passed/) }]);
    expect(validateSlots([{ start: new Date(NOW.getTime() + 1).toISOString(), minutes: 30 }, later(24)], NOW)).toEqual([]);
  });

  it.each([0, 15, 25, 45, 60, 30.5])('refuses a length of %s minutes', (minutes) => {
    expect(validateSlots([later(24), { ...later(48), minutes: minutes as 30 }], NOW)).toEqual([
      { field: 'slots[1].minutes', message: expect.stringMatching(/20 or 30/) },
    ]);
  });

  it('accepts back-to-back slots and refuses one that overlaps by a minute', () => {
    const first = later(24);
    const backToBack = { start: new Date(Date.parse(first.start) + 30 * 60_000).toISOString(), minutes: 30 as const };
    const overlapping = { start: new Date(Date.parse(first.start) + 29 * 60_000).toISOString(), minutes: 30 as const };
    expect(validateSlots([first, backToBack], NOW)).toEqual([]);
    expect(validateSlots([first, overlapping], NOW)).toEqual([{ field: 'slots[1].start', message: expect.stringMatching(/overlaps proposed time 1/) }]);
    // A 20-minute slot ends earlier: starting 20 minutes later is back to back.
    const short = { ...first, minutes: 20 as const };
    expect(validateSlots([short, { start: new Date(Date.parse(first.start) + 20 * 60_000).toISOString(), minutes: 30 }], NOW)).toEqual([]);
  });

  it('sees the same instant written with two offsets as an overlap, and a slot inside another', () => {
    expect(validateSlots([{ start: '2026-03-09T14:00:00Z', minutes: 30 }, { start: '2026-03-09T10:00:00-04:00', minutes: 30 }], NOW)).toEqual([
      { field: 'slots[1].start', message: expect.stringMatching(/overlaps proposed time 1/) },
    ]);
    expect(
      validateSlots(
        [
          { start: '2026-03-09T14:00:00Z', minutes: 30 },
          { start: '2026-03-10T14:00:00Z', minutes: 30 },
          { start: '2026-03-10T14:05:00Z', minutes: 20 },
        ],
        NOW,
      ),
    ).toEqual([{ field: 'slots[2].start', message: expect.stringMatching(/overlaps proposed time 2/) }]);
  });

  it('refuses a start that is not an instant with an offset', () => {
    expect(validateSlots([{ start: '2026-03-09T10:00:00', minutes: 30 }, { start: 'Tuesday', minutes: 30 }], NOW)).toEqual([
      { field: 'slots[0].start', message: expect.stringMatching(/time zone/) },
      { field: 'slots[1].start', message: expect.stringMatching(/time zone/) },
    ]);
  });

  it('reports every problem at once', () => {
    const issues = validateSlots([later(-2, 20), { ...later(-2), minutes: 45 as 30 }, later(24), later(24)], NOW);
    expect(issues.map((issue) => issue.field)).toEqual(['slots', 'slots[0].start', 'slots[1].start', 'slots[1].minutes', 'slots[3].start']);
  });
});

describe('places', () => {
  it.each([
    [{ kind: 'cafe', address: ' Blue Bottle, 1 Ferry Building ' }, 'Café: Blue Bottle, 1 Ferry Building'],
    [{ kind: 'restaurant', address: 'Chez Panisse, 1517 Shattuck Ave' }, 'Restaurant: Chez Panisse, 1517 Shattuck Ave'],
    [{ kind: 'office', address: 'Acme, 5 Main St' }, 'Office: Acme, 5 Main St'],
    [{ kind: 'phone', whoCalls: 'seeker', number: '+1 212 555 0100' }, 'Phone call: the seeker calls the host at +1 212 555 0100'],
    [{ kind: 'phone', whoCalls: 'host', number: null }, 'Phone call: the host calls the seeker (number to be confirmed)'],
    [{ kind: 'video', url: 'https://meet.example/abc' }, 'Video call: https://meet.example/abc'],
  ] as Array<[MeetingPlace, string]>)('%j reads %j', (place, text) => {
    expect(describePlace(place)).toBe(text);
    expect(validatePlace(place)).toEqual([]);
  });

  it('names who calls whom when it knows the names', () => {
    const names = { seeker: 'Ana', host: 'Bo' };
    expect(describePlace({ kind: 'phone', whoCalls: 'seeker', number: '+1 212 555 0100' }, names)).toBe('Phone call: Ana calls Bo at +1 212 555 0100');
    expect(describePlace({ kind: 'phone', whoCalls: 'host', number: '+44 20 7946 0000' }, names)).toBe('Phone call: Bo calls Ana at +44 20 7946 0000');
  });

  it.each([
    [{ kind: 'cafe', address: '  ' }, 'place.address'],
    [{ kind: 'phone', whoCalls: 'nobody', number: null }, 'place.whoCalls'],
    [{ kind: 'phone', whoCalls: 'host', number: 'call me' }, 'place.number'],
    [{ kind: 'video', url: 'meet.example/abc' }, 'place.url'],
    [{ kind: 'video', url: 'javascript:alert(1)' }, 'place.url'],
    [{ kind: 'video', url: 'https://meet.example/a b' }, 'place.url'],
    [{ kind: 'park', address: 'Central Park' }, 'place.kind'],
  ] as unknown as Array<[MeetingPlace, string]>)('refuses %j (%s)', (place, field) => {
    expect(validatePlace(place).map((issue) => issue.field)).toEqual([field]);
  });
});
