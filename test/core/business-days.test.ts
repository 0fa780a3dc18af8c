import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  businessDaysBetween,
  DEFAULT_WORKING_DAYS,
  isBusinessDay,
  localDate,
  nextBusinessDayOnOrAfter,
  startOfLocalDay,
  type Weekday,
  type WorkCalendar,
  weekOf,
} from '../../src/core/business-days.ts';

const MON_FRI: WorkCalendar = { timeZone: 'America/New_York', workingDays: DEFAULT_WORKING_DAYS };
const SUN_THU: WorkCalendar = { timeZone: 'Asia/Jerusalem', workingDays: [7, 1, 2, 3, 4] };
const MON_SAT: WorkCalendar = { timeZone: 'America/Los_Angeles', workingDays: [1, 2, 3, 4, 5, 6] };
const WEDNESDAYS: WorkCalendar = { timeZone: 'UTC', workingDays: [3] };

// March 2026: Mon 2, Thu 5, Fri 6, Sat 7, Sun 8, Mon 9, Wed 11, Mon 16.

describe('isBusinessDay', () => {
  it.each([
    ['2026-03-06', MON_FRI, true],
    ['2026-03-07', MON_FRI, false],
    ['2026-03-08', MON_FRI, false],
    ['2026-03-09', MON_FRI, true],
    ['2026-03-06', SUN_THU, false],
    ['2026-03-07', SUN_THU, false],
    ['2026-03-08', SUN_THU, true],
    ['2026-03-07', MON_SAT, true],
    ['2026-03-04', WEDNESDAYS, true],
    ['2026-03-05', WEDNESDAYS, false],
  ] as const)('%s in %j → %s', (date, calendar, expected) => expect(isBusinessDay(date, calendar)).toBe(expected));

  it('does not care about the order or repetition of working days', () => {
    expect(isBusinessDay('2026-03-08', { timeZone: 'UTC', workingDays: [4, 7, 7, 1] })).toBe(true);
  });
});

describe('addBusinessDays', () => {
  it.each([
    // Monday–Friday
    ['2026-03-07', 3, MON_FRI, '2026-03-11'], // Sat + 3 = Wed
    ['2026-03-02', 3, MON_FRI, '2026-03-05'], // Mon + 3 = Thu
    ['2026-03-06', 1, MON_FRI, '2026-03-09'], // Fri + 1 = Mon
    ['2026-03-06', 3, MON_FRI, '2026-03-11'],
    ['2026-03-08', 1, MON_FRI, '2026-03-09'], // Sun + 1 = Mon
    ['2026-03-02', 5, MON_FRI, '2026-03-09'],
    ['2026-03-02', 7, MON_FRI, '2026-03-11'],
    ['2026-03-02', 10, MON_FRI, '2026-03-16'],
    ['2026-03-02', 15, MON_FRI, '2026-03-23'],
    ['2026-12-31', 1, MON_FRI, '2027-01-01'], // across the year
    ['2026-12-31', 2, MON_FRI, '2027-01-04'],
    ['2028-02-28', 1, MON_FRI, '2028-02-29'], // leap day
    // Sunday–Thursday
    ['2026-03-05', 1, SUN_THU, '2026-03-08'], // Thu + 1 = Sun
    ['2026-03-06', 3, SUN_THU, '2026-03-10'], // Fri + 3 = Tue
    ['2026-03-04', 3, SUN_THU, '2026-03-09'], // Wed + 3 = Mon
    // Monday–Saturday: Friday and Saturday starts differ
    ['2026-03-06', 3, MON_SAT, '2026-03-10'],
    ['2026-03-07', 3, MON_SAT, '2026-03-11'],
    // a single working day a week
    ['2026-03-02', 2, WEDNESDAYS, '2026-03-11'],
    ['2026-03-04', 1, WEDNESDAYS, '2026-03-11'],
    ['2026-03-04', 3, WEDNESDAYS, '2026-03-25'],
  ] as const)('%s + %i in %j → %s', (date, n, calendar, expected) => expect(addBusinessDays(date, n, calendar)).toBe(expected));

  it.each([
    ['2026-03-07', '2026-03-09'],
    ['2026-03-04', '2026-03-04'],
  ])('n = 0 means the next business day on or after %s → %s', (date, expected) => {
    expect(addBusinessDays(date, 0, MON_FRI)).toBe(expected);
    expect(nextBusinessDayOnOrAfter(date, MON_FRI)).toBe(expected);
  });

  it('counts the same across DST weekends (the dates are calendar days, not 24-hour spans)', () => {
    const london: WorkCalendar = { timeZone: 'Europe/London', workingDays: DEFAULT_WORKING_DAYS };
    expect(addBusinessDays('2026-03-27', 1, london)).toBe('2026-03-30');
    expect(addBusinessDays('2026-10-23', 1, london)).toBe('2026-10-26');
    expect(addBusinessDays('2026-03-06', 1, MON_FRI)).toBe('2026-03-09');
    expect(addBusinessDays('2026-10-30', 7, MON_FRI)).toBe('2026-11-10');
  });

  it.each([-1, 1.5, Number.NaN])('refuses n = %s', (n) => expect(() => addBusinessDays('2026-03-02', n, MON_FRI)).toThrow(/whole number/));
});

describe('nextBusinessDayOnOrAfter', () => {
  it.each([
    ['2026-03-06', SUN_THU, '2026-03-08'],
    ['2026-03-08', SUN_THU, '2026-03-08'],
    ['2026-03-05', WEDNESDAYS, '2026-03-11'],
    ['2026-03-08', MON_SAT, '2026-03-09'],
  ] as const)('%s in %j → %s', (date, calendar, expected) => expect(nextBusinessDayOnOrAfter(date, calendar)).toBe(expected));
});

describe('businessDaysBetween counts (from, to]', () => {
  it.each([
    ['2026-03-02', '2026-03-05', MON_FRI, 3],
    ['2026-03-06', '2026-03-09', MON_FRI, 1],
    ['2026-03-07', '2026-03-08', MON_FRI, 0],
    ['2026-03-02', '2026-03-02', MON_FRI, 0],
    ['2026-03-09', '2026-03-02', MON_FRI, 0],
    ['2026-03-02', '2026-03-16', MON_FRI, 10],
    ['2026-03-01', '2026-03-31', MON_FRI, 22],
    ['2026-03-05', '2026-03-08', SUN_THU, 1],
    ['2026-03-01', '2026-03-31', WEDNESDAYS, 4],
    ['2026-12-25', '2027-01-08', MON_FRI, 10],
  ] as const)('(%s, %s] in %j → %i', (from, to, calendar, expected) => expect(businessDaysBetween(from, to, calendar)).toBe(expected));
});

describe('invalid input', () => {
  it('refuses an empty working week, which would make the next business day never come', () => {
    const empty: WorkCalendar = { timeZone: 'UTC', workingDays: [] };
    expect(() => addBusinessDays('2026-03-02', 1, empty)).toThrow(/at least one working day/);
    expect(() => nextBusinessDayOnOrAfter('2026-03-07', empty)).toThrow(/at least one working day/);
    expect(() => isBusinessDay('2026-03-02', empty)).toThrow(/at least one working day/);
    expect(() => businessDaysBetween('2026-03-02', '2026-03-09', empty)).toThrow(/at least one working day/);
  });
  it.each([0, 8])('refuses weekday %i', (day) =>
    expect(() => isBusinessDay('2026-03-02', { timeZone: 'UTC', workingDays: [day as Weekday] })).toThrow(/ISO weekday/),
  );
  it.each(['2026-02-30', '2026-3-2', '02/03/2026', '2026-03-02T00:00:00Z', ''])('refuses the date %j', (date) =>
    expect(() => isBusinessDay(date, MON_FRI)).toThrow(/calendar date/),
  );
  it('refuses an unknown time zone and an invalid instant', () => {
    expect(() => localDate('2026-03-02T10:00:00Z', 'Mars/Olympus_Mons')).toThrow(/time zone/);
    expect(() => startOfLocalDay('2026-03-02', 'Mars/Olympus_Mons')).toThrow(/time zone/);
    expect(() => localDate('yesterday', 'UTC')).toThrow(/instant/);
    expect(() => localDate(new Date(Number.NaN), 'UTC')).toThrow(/instant/);
  });
});

describe('localDate', () => {
  it('keeps a request sent late Friday evening in Los Angeles on Friday, though it is Saturday in UTC', () => {
    const sentAt = '2026-03-07T03:30:00Z'; // Fri 6 Mar 19:30 PST
    expect(localDate(sentAt, 'America/Los_Angeles')).toBe('2026-03-06');
    expect(localDate(new Date(sentAt), 'America/Los_Angeles')).toBe('2026-03-06');
    expect(localDate(sentAt, 'UTC')).toBe('2026-03-07');
    // With a Monday–Saturday week the difference shows in the due date.
    expect(addBusinessDays(localDate(sentAt, 'America/Los_Angeles'), 3, MON_SAT)).toBe('2026-03-10');
    expect(addBusinessDays(localDate(sentAt, 'UTC'), 3, MON_SAT)).toBe('2026-03-11');
  });

  it.each([
    // Europe/London: BST starts Sun 29 Mar, ends Sun 25 Oct 2026
    ['2026-03-28T23:30:00Z', 'Europe/London', '2026-03-28'],
    ['2026-03-29T23:30:00Z', 'Europe/London', '2026-03-30'],
    ['2026-10-24T23:30:00Z', 'Europe/London', '2026-10-25'],
    ['2026-10-25T23:30:00Z', 'Europe/London', '2026-10-25'],
    // America/New_York: EDT starts Sun 8 Mar, ends Sun 1 Nov 2026
    ['2026-03-08T04:30:00Z', 'America/New_York', '2026-03-07'],
    ['2026-03-09T03:30:00Z', 'America/New_York', '2026-03-08'],
    ['2026-11-01T03:30:00Z', 'America/New_York', '2026-10-31'],
    ['2026-11-02T04:30:00Z', 'America/New_York', '2026-11-01'],
    // half-hour and quarter-hour zones
    ['2026-03-01T18:29:00Z', 'Asia/Kolkata', '2026-03-01'],
    ['2026-03-01T18:30:00Z', 'Asia/Kolkata', '2026-03-02'],
    ['2026-03-01T10:14:00Z', 'Pacific/Chatham', '2026-03-01'], // +13:45 in summer
    ['2026-03-01T10:15:00Z', 'Pacific/Chatham', '2026-03-02'],
    // an instant without offset is read as UTC
    ['2026-03-02T01:00:00', 'UTC', '2026-03-02'],
  ] as const)('%s in %s → %s', (instant, zone, expected) => expect(localDate(instant, zone)).toBe(expected));
});

describe('startOfLocalDay', () => {
  it.each([
    // London: the day BST starts is 23 hours long, the day it ends 25
    ['2026-03-29', 'Europe/London', '2026-03-29T00:00:00.000Z'],
    ['2026-03-30', 'Europe/London', '2026-03-29T23:00:00.000Z'],
    ['2026-10-25', 'Europe/London', '2026-10-24T23:00:00.000Z'],
    ['2026-10-26', 'Europe/London', '2026-10-26T00:00:00.000Z'],
    ['2026-03-08', 'America/New_York', '2026-03-08T05:00:00.000Z'],
    ['2026-03-09', 'America/New_York', '2026-03-09T04:00:00.000Z'],
    ['2026-11-01', 'America/New_York', '2026-11-01T04:00:00.000Z'],
    ['2026-11-02', 'America/New_York', '2026-11-02T05:00:00.000Z'],
    // Lord Howe moves by half an hour (+11 → +10:30 on Sun 5 Apr 2026, at 02:00)
    ['2026-04-05', 'Australia/Lord_Howe', '2026-04-04T13:00:00.000Z'],
    ['2026-04-06', 'Australia/Lord_Howe', '2026-04-05T13:30:00.000Z'],
    // São Paulo has kept -03 all year since 2019
    ['2026-11-01', 'America/Sao_Paulo', '2026-11-01T03:00:00.000Z'],
    ['2026-02-15', 'America/Sao_Paulo', '2026-02-15T03:00:00.000Z'],
  ] as const)('%s in %s begins at %s', (date, zone, expected) => expect(startOfLocalDay(date, zone).toISOString()).toBe(expected));

  it.each([
    // Chile starts DST at midnight: Sun 6 Sep 2026 jumps from 00:00 -04 to 01:00 -03.
    ['2026-09-06', 'America/Santiago', '2026-09-06T04:00:00.000Z', '2026-09-05T04:00:00.000Z'],
    // São Paulo did the same until 2018: Sun 4 Nov 2018 began at 01:00 -02.
    ['2018-11-04', 'America/Sao_Paulo', '2018-11-04T03:00:00.000Z', '2018-11-03T03:00:00.000Z'],
    // The Azores spring forward from 00:00 -01 to 01:00 +00 on Sun 29 Mar 2026.
    ['2026-03-29', 'Atlantic/Azores', '2026-03-29T01:00:00.000Z', '2026-03-28T01:00:00.000Z'],
  ] as const)('where midnight is skipped (%s in %s) the day begins at its first instant', (date, zone, expected, dayBefore) => {
    const start = startOfLocalDay(date, zone);
    expect(start.toISOString()).toBe(expected);
    expect(localDate(start, zone)).toBe(date);
    expect(localDate(new Date(start.getTime() - 1), zone)).not.toBe(date);
    // The day before began at its own midnight, at the old offset, exactly 24 hours earlier.
    expect(start.getTime() - new Date(dayBefore).getTime()).toBe(24 * 3_600_000);
    expect(startOfLocalDay(localDate(new Date(dayBefore), zone), zone).toISOString()).toBe(dayBefore);
  });

  it.each([
    // Havana falls back from 01:00 -04 to 00:00 -05 on Sun 1 Nov 2026: midnight happens twice.
    ['2026-11-01', 'America/Havana', '2026-11-01T04:00:00.000Z'],
    // The Azores fall back from 01:00 +00 to 00:00 -01 on Sun 25 Oct 2026.
    ['2026-10-25', 'Atlantic/Azores', '2026-10-25T00:00:00.000Z'],
    ['2026-10-26', 'Atlantic/Azores', '2026-10-26T01:00:00.000Z'],
    // Tunis did the same on 24 Sep 1977 (02:00 → 01:00 at 01:00 local).
    ['1977-09-24', 'Africa/Tunis', '1977-09-23T22:00:00.000Z'],
  ] as const)('where midnight happens twice (%s in %s) the day begins at the first one, %s', (date, zone, expected) => {
    const start = startOfLocalDay(date, zone);
    expect(start.toISOString()).toBe(expected);
    expect(localDate(new Date(start.getTime() - 1), zone) < date).toBe(true);
  });

  it('takes a day a zone skipped entirely (Samoa, 30 Dec 2011) to begin when the next one does', () => {
    expect(startOfLocalDay('2011-12-30', 'Pacific/Apia').toISOString()).toBe('2011-12-30T10:00:00.000Z');
    expect(startOfLocalDay('2011-12-31', 'Pacific/Apia').toISOString()).toBe('2011-12-30T10:00:00.000Z');
  });
});

describe('weekOf', () => {
  it.each([
    // Sun 8 Mar 23:30 EDT is already Monday in UTC
    ['2026-03-09T03:30:00Z', 'America/New_York', '2026-03-02', '2026-03-08'],
    ['2026-03-09T03:30:00Z', 'UTC', '2026-03-09', '2026-03-15'],
    // Mon 00:30 in Kolkata is still Sunday in UTC
    ['2026-03-08T19:00:00Z', 'Asia/Kolkata', '2026-03-09', '2026-03-15'],
    ['2026-03-08T19:00:00Z', 'UTC', '2026-03-02', '2026-03-08'],
    ['2026-12-31T12:00:00Z', 'Europe/London', '2026-12-28', '2027-01-03'],
    ['2026-03-02T00:00:00Z', 'UTC', '2026-03-02', '2026-03-08'],
  ] as const)('%s in %s → %s … %s', (now, zone, start, end) => expect(weekOf(new Date(now), zone)).toEqual({ start, end }));
});

describe('properties', () => {
  const ZONES = [
    'UTC',
    'America/New_York',
    'Europe/London',
    'Australia/Lord_Howe',
    'Asia/Kolkata',
    'Pacific/Chatham',
    'America/Sao_Paulo',
    'America/Santiago',
    'America/Havana',
    'Atlantic/Azores',
    'Africa/Tunis',
  ];
  const calendarArb = fc.record({
    timeZone: fc.constantFrom(...ZONES),
    workingDays: fc.uniqueArray(fc.constantFrom<Weekday>(1, 2, 3, 4, 5, 6, 7), { minLength: 1, maxLength: 7 }),
  });
  const dateArb = fc
    .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2037-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  it('addBusinessDays lands on a business day strictly after the date, with exactly n business days between', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 60 }), calendarArb, (date, n, calendar) => {
        const result = addBusinessDays(date, n, calendar);
        expect(isBusinessDay(result, calendar)).toBe(true);
        expect(result > date).toBe(true);
        expect(businessDaysBetween(date, result, calendar)).toBe(n);
        // (a business day with exactly n business days in (date, result] is the n-th one)
        expect(addBusinessDays(date, n + 1, calendar) > result).toBe(true);
      }),
    );
  });

  it('each local day begins at its first instant, whatever the zone', () => {
    fc.assert(
      fc.property(dateArb, fc.constantFrom(...ZONES), (date, zone) => {
        const start = startOfLocalDay(date, zone);
        expect(localDate(start, zone)).toBe(date);
        expect(localDate(new Date(start.getTime() - 1), zone) < date).toBe(true);
      }),
    );
  });

  it('every day of 2025–2027 begins at its first instant in each zone (all their DST changes included)', () => {
    for (const zone of ZONES) {
      let date = '2025-01-01';
      let previousStart = startOfLocalDay(date, zone).getTime();
      while (date < '2028-01-01') {
        const next = addBusinessDays(date, 1, { timeZone: zone, workingDays: [1, 2, 3, 4, 5, 6, 7] });
        const start = startOfLocalDay(next, zone).getTime();
        expect(localDate(new Date(start), zone)).toBe(next);
        expect(localDate(new Date(start - 1), zone)).toBe(date);
        // A local day lasts 23 to 25 hours (Lord Howe: 23.5 or 24.5).
        expect(Math.abs(start - previousStart - 24 * 3_600_000)).toBeLessThanOrEqual(3_600_000);
        previousStart = start;
        date = next;
      }
    }
  });

  it('weekOf is the Monday–Sunday week holding the local date', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2037-12-31T00:00:00Z'), noInvalidDate: true }), fc.constantFrom(...ZONES), (now, zone) => {
        const { start, end } = weekOf(now, zone);
        const today = localDate(now, zone);
        expect(isBusinessDay(start, { timeZone: zone, workingDays: [1] })).toBe(true);
        expect(isBusinessDay(end, { timeZone: zone, workingDays: [7] })).toBe(true);
        expect(start <= today && today <= end).toBe(true);
        expect(businessDaysBetween(start, end, { timeZone: zone, workingDays: [1, 2, 3, 4, 5, 6, 7] })).toBe(6);
      }),
    );
  });
});
