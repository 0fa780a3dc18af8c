import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertEmail,
  assertUid,
  cleanText,
  commonName,
  dateAndNextDay,
  escapeText,
  foldLine,
  formatUtc,
  instantMillis,
  minutesBefore,
  normalizeWebUrl,
} from '../../src/calendar/ical-text.ts';
import { parseInstant } from '../../src/core/meeting-slots.ts';

/** RFC 5545 TEXT unescaping, done the one correct way: left to right. */
function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

describe('escapeText', () => {
  it.each([
    ['a,b;c\\d', 'a\\,b\\;c\\\\d'],
    ['one\r\ntwo\rthree\nfour', 'one\\ntwo\\nthree\\nfour'],
    ['colon: stays', 'colon: stays'],
    ['tab\tstays', 'tab\tstays'],
    ['bell\u0007 gone', 'bell gone'],
  ])('%j → %j', (input, expected) => expect(escapeText(input)).toBe(expected));

  it('round-trips any text, with newlines normalized, and never leaves a raw line break', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const escaped = escapeText(value);
        expect(escaped).not.toMatch(/[\r\n]/);
        expect(unescapeText(escaped)).toBe(cleanText(value).replace(/\r\n|\r/g, '\n'));
      }),
    );
  });
});

describe('cleanText', () => {
  it('replaces a lone surrogate, which UTF-8 cannot carry, and keeps pairs', () => {
    expect(cleanText('a\uD83D b 😀 \uDE00c')).toBe('a\uFFFD b 😀 \uFFFDc');
  });
});

describe('commonName', () => {
  it.each([
    ['Ana Souza, PhD; Acme', 'Ana Souza, PhD; Acme'],
    ['Ana "Ace" Souza', "Ana 'Ace' Souza"],
    ['Ana\r\n  Souza', 'Ana Souza'],
    ['Ana\\Souza', 'Ana/Souza'],
    ['  Zoë 😀  ', 'Zoë 😀'],
  ])('%j → %j', (input, expected) => expect(commonName(input)).toBe(expected));
});

describe('foldLine', () => {
  it('leaves a short line alone, with its CRLF', () => {
    expect(foldLine('SUMMARY:short')).toBe('SUMMARY:short\r\n');
    expect(foldLine('X'.repeat(75))).toBe(`${'X'.repeat(75)}\r\n`);
  });

  it('folds the 76th octet onto a continuation line', () => {
    expect(foldLine('X'.repeat(76))).toBe(`${'X'.repeat(75)}\r\n X\r\n`);
    expect(foldLine('X'.repeat(75 + 74 + 1))).toBe(`${'X'.repeat(75)}\r\n ${'X'.repeat(74)}\r\n X\r\n`);
  });

  it('never splits a character, counts octets not UTF-16 units, and unfolds to the line', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const line = `DESCRIPTION:${text}`;
        const folded = foldLine(line);
        expect(folded.endsWith('\r\n')).toBe(true);
        const physical = folded.slice(0, -2).split('\r\n');
        for (const [i, part] of physical.entries()) {
          expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
          expect(part).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
          if (i > 0) expect(part.startsWith(' ')).toBe(true);
        }
        expect(folded.slice(0, -2).replace(/\r\n /g, '')).toBe(line);
      }),
    );
  });
});

describe('instantMillis', () => {
  it('agrees with luxon on any instant written with any offset', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        fc.constantFrom('Z', 'offset', 'offset-no-ms'),
        (date, offsetMinutes, style) => {
          const value =
            style === 'Z'
              ? date.toISOString()
              : parseInstant(date.toISOString())!
                  .setZone(`UTC${offsetMinutes >= 0 ? '+' : '-'}${Math.floor(Math.abs(offsetMinutes) / 60)}:${String(Math.abs(offsetMinutes) % 60).padStart(2, '0')}`)
                  .toISO({ suppressMilliseconds: style === 'offset-no-ms' })!;
          expect(instantMillis(value)).toBe(parseInstant(value)!.toMillis());
          expect(instantMillis(value)).toBe(date.getTime());
        },
      ),
    );
  });

  it.each([
    ['2026-02-30T10:00:00Z', null],
    // ISO 8601's end of day, as luxon reads it.
    ['2026-03-09T24:00:00Z', Date.parse('2026-03-10T00:00:00Z')],
    ['2026-03-09T10:00:00', null],
    ['2026-03-09', null],
    ['', null],
    ['2026-03-09T10:00:00.123456-04:00', Date.parse('2026-03-09T14:00:00.123Z')],
    ['20260309T100000Z', Date.parse('2026-03-09T10:00:00Z')],
  ])('%j → %s', (value, expected) => expect(instantMillis(value)).toBe(expected));
});

describe('formatUtc and dates', () => {
  it('writes UTC date-times and dates', () => {
    expect(formatUtc(Date.parse('2026-03-09T14:05:07.999Z'))).toBe('20260309T140507Z');
    expect(formatUtc(Date.parse('0999-01-02T03:04:05Z'))).toBe('09990102T030405Z');
    expect(dateAndNextDay('2026-12-31')).toEqual({ date: '20261231', next: '20270101' });
    expect(dateAndNextDay('2100-02-29')).toBeNull();
    expect(dateAndNextDay('2000-02-29')).toEqual({ date: '20000229', next: '20000301' });
  });

  it('writes alarm offsets', () => {
    expect(minutesBefore(30)).toBe('-PT30M');
    expect(minutesBefore(0)).toBe('PT0S');
    expect(minutesBefore(1440)).toBe('-PT1440M');
  });
});

describe('identifiers and addresses', () => {
  it.each(['interview-1@rapport.example', 'a', 'A.b_c:d+e=f-9'])('accepts the UID %j', (uid) => expect(() => assertUid(uid)).not.toThrow());
  it.each(['', ' a', 'a b', 'a\r\nb', 'a;b', 'a,b', 'é', 'x'.repeat(256)])('refuses the UID %j', (uid) => expect(() => assertUid(uid)).toThrow());

  it.each(['ana@example.com', 'ana.souza+rapport@mail.example.co.uk'])('accepts the address %j', (email) =>
    expect(() => assertEmail(email, 'it')).not.toThrow(),
  );
  it.each(['ana', 'ana@localhost', 'ana @x.y', 'a"b@x.y', 'a@x.y\r\n', 'a:b@x.y', 'a;b@x.y', 'a,b@x.y', 'a\u0000@x.y', '<a@x.y>'])(
    'refuses the address %j',
    (email) => expect(() => assertEmail(email, 'it')).toThrow(),
  );

  it('normalizes web links and refuses other schemes', () => {
    expect(normalizeWebUrl(' https://meet.example/a b?x=1,2;3 ')).toBe('https://meet.example/a%20b?x=1%2C2%3B3');
    expect(() => normalizeWebUrl('javascript:alert(1)')).toThrow();
    expect(() => normalizeWebUrl('not a url')).toThrow();
  });
});
