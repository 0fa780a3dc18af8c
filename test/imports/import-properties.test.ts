/**
 * Property tests of both parsers: what a small writer puts in comes back out (round
 * trip), and no input — random bytes or a damaged real file — makes a parser fail
 * with anything but an AppError that names a line (CSV) or a card (vCard).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.ts';
import { cleanText, normalizeEmails, normalizePhones } from '../../src/core/normalize.ts';
import { parseLinkedInConnections } from '../../src/imports/linkedin-csv.ts';
import type { ImportedPerson, ParsedImport } from '../../src/imports/types.ts';
import { parseVCards } from '../../src/imports/vcard.ts';
import { fixture, LINKEDIN_HEADER, LINKEDIN_NOTES, utf8 } from './helpers.ts';

// FC_RUNS=5000 for a longer hunt.
const RUNS = { numRuns: Number(process.env.FC_RUNS ?? 200) };

/** Text made of the characters that break naive CSV and vCard writers, plus any grapheme. */
const trickyText = fc.string({
  unit: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(',', '"', '""', '\n', '\r\n', '\r', ' ', '\t', ';', ':', '\\', '\\n', '=', 'é', 'Ø', '张', '’', '😀', 'a', 'Z', "'") },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  ),
  maxLength: 12,
});

const slug = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,15}$/);
const email = fc.tuple(fc.stringMatching(/^[A-Za-z0-9._+-]{1,10}$/), fc.stringMatching(/^[a-z0-9]{1,8}$/)).map(([local, domain]) => `${local}@${domain}.example`);
const date = fc.record({ year: fc.integer({ min: 1990, max: 2030 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) });
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

// ---------------------------------------------------------------------------------------------
// LinkedIn round trip

interface Connection {
  first: string;
  last: string;
  slug: string | null;
  email: string | null;
  company: string;
  position: string;
  date: { year: number; month: number; day: number } | null;
}

const connection: fc.Arbitrary<Connection> = fc.record({
  first: trickyText,
  last: trickyText,
  slug: fc.option(slug),
  email: fc.option(email),
  company: trickyText,
  position: trickyText,
  date: fc.option(date),
});

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function connectionCells(c: Connection): string[] {
  return [
    c.first,
    c.last,
    c.slug === null ? '' : `https://www.linkedin.com/in/${c.slug}/`,
    c.email ?? '',
    c.company,
    c.position,
    c.date === null ? '' : `${pad(c.date.day)} ${MONTHS[c.date.month - 1]} ${c.date.year}`,
  ];
}

interface CsvFile {
  bytes: Uint8Array;
  /** The physical line each connection starts on. */
  lines: number[];
}

function writeConnectionsCsv(connections: readonly Connection[], options: { bom: boolean; eol: string; preamble: string }): CsvFile {
  let text = options.bom ? '\uFEFF' : '';
  text += options.preamble.replace(/\n/g, options.eol) + LINKEDIN_HEADER + options.eol;
  const lines: number[] = [];
  for (const c of connections) {
    lines.push((text.match(/\r\n|\r|\n/g)?.length ?? 0) + 1);
    text += connectionCells(c).map(csvCell).join(',') + options.eol;
  }
  return { bytes: utf8(text), lines };
}

/** What the parser should make of one connection: a person, a skip, or nothing (an empty row). */
function expectedConnection(c: Connection, line: number): ImportedPerson | 'skipped' | 'ignored' {
  if (connectionCells(c).every((cell) => cell.trim() === '')) return 'ignored';
  const name = cleanText(`${c.first} ${c.last}`);
  if (name === '' && c.slug === null) return 'skipped';
  const company = cleanText(c.company);
  const position = cleanText(c.position);
  return {
    line,
    name: name !== '' ? name : (c.slug ?? ''),
    emails: c.email === null ? [] : normalizeEmails([c.email]),
    phones: [],
    linkedinUrl: c.slug === null ? null : `https://www.linkedin.com/in/${c.slug}`,
    organization: company === '' ? null : company,
    title: position === '' ? null : position,
    notes: null,
    urls: [],
    connectedOn: c.date === null ? null : `${c.date.year}-${pad(c.date.month)}-${pad(c.date.day)}`,
  };
}

describe('LinkedIn round trip', () => {
  it('reads back the people a CSV writer wrote, with the lines they start on', () => {
    fc.assert(
      fc.property(
        fc.array(connection, { maxLength: 12 }),
        fc.boolean(),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.constantFrom('', LINKEDIN_NOTES, 'Notes:\n"a, b\n\nc ""d"" https://x.example/?a=1,2"\n\n\n'),
        (connections, bom, eol, preamble) => {
          const file = writeConnectionsCsv(connections, { bom, eol, preamble });
          const parsed = parseLinkedInConnections(file.bytes);
          const expected = connections.map((c, i) => expectedConnection(c, file.lines[i]!));
          expect(parsed.people).toEqual(expected.filter((e) => typeof e === 'object'));
          expect(parsed.skipped).toEqual(
            expected.flatMap((e, i) => (e === 'skipped' ? [{ line: file.lines[i]!, reason: 'no name or profile URL' }] : [])),
          );
          expect(parsed.read).toBe(parsed.people.length + parsed.skipped.length);
        },
      ),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// vCard round trip

interface Contact {
  fn: string | null;
  given: string;
  family: string;
  emails: string[];
  phones: string[];
  org: string;
  title: string;
  note: string;
  slug: string | null;
}

const contact: fc.Arbitrary<Contact> = fc.record({
  fn: fc.option(trickyText),
  given: trickyText,
  family: trickyText,
  emails: fc.array(email, { maxLength: 3 }),
  phones: fc.array(fc.stringMatching(/^\+?[0-9]{1,3}( [0-9]{2,4}){1,3}$/), { maxLength: 3 }),
  org: trickyText,
  title: trickyText,
  note: trickyText,
  slug: fc.option(slug),
});

function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/;/g, '\\;').replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds at `width` code points, as RFC 6350 allows (anywhere, continuation starts with a space). */
function fold(line: string, width: number): string[] {
  const chars = Array.from(line);
  const out = [chars.slice(0, width).join('')];
  for (let i = width; i < chars.length; i += width - 1) out.push(` ${chars.slice(i, i + width - 1).join('')}`);
  return out;
}

function writeVCard30(contacts: readonly Contact[], eol: string, width: number): Uint8Array {
  const lines: string[] = [];
  for (const c of contacts) {
    const content = [
      'VERSION:3.0',
      `N:${escapeText(c.family)};${escapeText(c.given)};;;`,
      ...(c.fn === null ? [] : [`FN:${escapeText(c.fn)}`]),
      ...c.emails.map((e, i) => `${i === 0 ? 'item1.' : ''}EMAIL;TYPE=INTERNET:${e}`),
      ...c.phones.map((p) => `TEL;TYPE=CELL:${p}`),
      `ORG:${escapeText(c.org)};Department`,
      `TITLE:${escapeText(c.title)}`,
      `NOTE:${escapeText(c.note)}`,
      ...(c.slug === null ? [] : [`URL:https\\://www.linkedin.com/in/${c.slug}`]),
    ];
    lines.push('BEGIN:VCARD', ...content.flatMap((line) => fold(line, width)), 'END:VCARD');
  }
  return utf8(lines.join(eol) + eol);
}

function expectedContact(c: Contact, card: number): ImportedPerson | null {
  const name = cleanText(c.fn ?? '') || cleanText(`${c.given} ${c.family}`);
  if (name === '') return null;
  const org = cleanText(c.org);
  const title = cleanText(c.title);
  const note = c.note.replace(/\r\n|\r/g, '\n').trim();
  return {
    line: card,
    name,
    emails: normalizeEmails(c.emails),
    phones: normalizePhones(c.phones),
    linkedinUrl: c.slug === null ? null : `https://www.linkedin.com/in/${c.slug}`,
    organization: org === '' ? null : org,
    title: title === '' ? null : title,
    notes: note === '' ? null : note,
    urls: [],
    connectedOn: null,
  };
}

describe('vCard round trip', () => {
  it('reads back the people a vCard 3.0 writer wrote, numbered by card', () => {
    fc.assert(
      fc.property(fc.array(contact, { minLength: 1, maxLength: 8 }), fc.constantFrom('\r\n', '\n'), fc.integer({ min: 8, max: 75 }), (contacts, eol, width) => {
        const parsed = parseVCards(writeVCard30(contacts, eol, width));
        const expected = contacts.map((c, i) => expectedContact(c, i + 1));
        expect(parsed.people).toEqual(expected.filter((e) => e !== null));
        expect(parsed.skipped).toEqual(expected.flatMap((e, i) => (e === null ? [{ line: i + 1, reason: 'no name' }] : [])));
        expect(parsed.read).toBe(contacts.length);
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// No crash: random bytes and damaged files

function physicalLines(bytes: Uint8Array): number {
  let lines = 1;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 10 || (bytes[i] === 13 && bytes[i + 1] !== 10)) lines++;
  }
  return lines;
}

function checkResult(parsed: ParsedImport): void {
  expect(parsed.read).toBe(parsed.people.length + parsed.skipped.length);
  for (const p of parsed.people) {
    expect(p.name).not.toBe('');
    expect(p.name).toBe(cleanText(p.name));
  }
  const lines = [...parsed.people, ...parsed.skipped].map((r) => r.line).sort((a, b) => a - b);
  for (const line of lines) expect(line).toBeGreaterThanOrEqual(1);
  expect(new Set(lines).size).toBe(lines.length);
}

function checkLinkedIn(bytes: Uint8Array): void {
  let parsed: ParsedImport;
  try {
    parsed = parseLinkedInConnections(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(['IMPORT_MALFORMED', 'IMPORT_HEADER_NOT_FOUND']).toContain(appError.code);
    if (appError.code === 'IMPORT_MALFORMED') {
      const line = appError.details?.line;
      expect(Number.isInteger(line) && (line as number) >= 1 && (line as number) <= physicalLines(bytes)).toBe(true);
      expect(appError.message.startsWith(`Line ${line}: `)).toBe(true);
    }
    return;
  }
  checkResult(parsed);
  for (const p of parsed.people) expect(p.line).toBeLessThanOrEqual(physicalLines(bytes));
}

function checkVCard(bytes: Uint8Array): void {
  let parsed: ParsedImport;
  try {
    parsed = parseVCards(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe('IMPORT_MALFORMED');
    const { card, line } = appError.details ?? {};
    expect(Number.isInteger(card) && (card as number) >= 1).toBe(true);
    expect(Number.isInteger(line) && (line as number) >= 1).toBe(true);
    return;
  }
  checkResult(parsed);
}

/** Edits that damage a file the way truncation, hand-editing or a bad exporter would. */
const DAMAGE = ['"', '""', ',', '\n', '\r', '\r\n', ':', ';', '=', '=C3', '\\', ' ', '\t', '\x00', '\xff\xfe', 'BEGIN:VCARD\n', 'END:VCARD\n', `${LINKEDIN_HEADER}\n`, 'é'];

const edit = fc.record({
  at: fc.nat(),
  remove: fc.integer({ min: 0, max: 40 }),
  insert: fc.oneof(fc.constantFrom(...DAMAGE), fc.uint8Array({ maxLength: 4 }).map((b) => String.fromCharCode(...b))),
});

function damage(bytes: Uint8Array, edits: readonly { at: number; remove: number; insert: string }[]): Uint8Array {
  let result = Array.from(bytes);
  for (const e of edits) {
    const at = result.length === 0 ? 0 : e.at % (result.length + 1);
    const inserted = Array.from(e.insert, (c) => (c.charCodeAt(0) > 0xff ? 0x3f : c.charCodeAt(0)));
    result = [...result.slice(0, at), ...inserted, ...result.slice(at + e.remove)];
  }
  return Uint8Array.from(result);
}

const csvFixtures = ['linkedin-standard.csv', 'linkedin-no-preamble.csv', 'linkedin-long-preamble.csv', 'linkedin-windows-1252.csv', 'linkedin-broken-quote.csv'].map(fixture);
const vcardFixtures = ['google-contacts.vcf', 'apple-contacts.vcf', 'outlook-2.1.vcf', 'vcard-4.0.vcf', 'vcard-broken-missing-end.vcf'].map(fixture);

describe('no crash on any input', () => {
  it('LinkedIn: random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), checkLinkedIn), RUNS);
  });

  it('LinkedIn: a header followed by random CSV-ish text', () => {
    const body = fc.string({ unit: fc.constantFrom(',', '"', '\n', '\r', '\r\n', 'a', ' ', 'é', 'https://www.linkedin.com/in/x'), maxLength: 200 });
    fc.assert(
      fc.property(fc.constantFrom('', LINKEDIN_NOTES), body, (preamble, text) => checkLinkedIn(utf8(`${preamble}${LINKEDIN_HEADER}\n${text}`))),
      RUNS,
    );
  });

  it('LinkedIn: damaged real exports', () => {
    fc.assert(
      fc.property(fc.constantFrom(...csvFixtures), fc.array(edit, { minLength: 1, maxLength: 5 }), (bytes, edits) => checkLinkedIn(damage(bytes, edits))),
      RUNS,
    );
  });

  it('vCard: random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), checkVCard), RUNS);
  });

  it('vCard: random content lines inside cards', () => {
    const line = fc.string({ unit: fc.constantFrom('BEGIN', 'END', ':', ';', '=', 'VCARD', 'FN', 'N', 'EMAIL', 'x', ' ', '\\', '"', 'ENCODING=QUOTED-PRINTABLE', 'ENCODING=b', '=C3', 'item1.'), maxLength: 12 });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => checkVCard(utf8(['BEGIN:VCARD', ...lines, 'END:VCARD'].join(eol)))),
      RUNS,
    );
  });

  it('vCard: damaged real exports', () => {
    fc.assert(
      fc.property(fc.constantFrom(...vcardFixtures), fc.array(edit, { minLength: 1, maxLength: 5 }), (bytes, edits) => checkVCard(damage(bytes, edits))),
      RUNS,
    );
  });
});
