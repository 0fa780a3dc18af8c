/**
 * The contacts CSV: what a spreadsheet opens (BOM, CRLF, RFC 4180 quoting), what a
 * standard CSV reader reads back, and no cell a spreadsheet would run as a formula.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { contactsToCsv, csvCell, CSV_HEADER } from '../../src/exports/contacts-csv.ts';
import type { Contact } from '../../src/shared/api.ts';
import { contactFixture } from '../support/factories.ts';

const contact = contactFixture;

const full = contact({
  name: 'Émile Roy-Dubois',
  emails: ['emile@contoso.example', 'e.roy@fabrikam.example'],
  phones: ['(555) 0100', '555 0199'],
  linkedinUrl: 'https://www.linkedin.com/in/emile-roy',
  organization: { id: 'o1', name: 'Contoso, Inc.' },
  title: 'Head of "Design"',
  location: 'Montréal',
  timeZone: 'America/Toronto',
  tags: ['alumni', 'design'],
  source: 'Met at a meetup',
  introducedBy: { id: 'c2', name: 'Zoë Park' },
  notes: 'Line one\nLine two, with a comma\n\nLast 😀',
  connectedOn: '2024-03-12',
});

function readBack(csv: string): string[][] {
  return parse(csv, { bom: true, relax_column_count: false }) as string[][];
}

describe('contactsToCsv', () => {
  it('starts with a BOM and a header row, ends every record with CRLF', () => {
    const csv = contactsToCsv([contact()]);
    expect(csv.startsWith('\uFEFFName,E-mails,Phones,LinkedIn URL,Organization,Title,Location,Time zone,Tags,How we met,Introduced by,Connected on,Notes,Created,Updated\r\n')).toBe(true);
    expect(csv).toBe(
      '\uFEFF' + CSV_HEADER.join(',') + '\r\n' + 'Dana Reyes,,,,,,,,,,,,,2026-11-22T10:00:00.000Z,2026-11-23T08:30:00.000Z\r\n',
    );
    // Outside quoted cells, no bare LF and no bare CR.
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('is just the header for no contacts', () => {
    expect(contactsToCsv([])).toBe('\uFEFF' + CSV_HEADER.join(',') + '\r\n');
  });

  it('writes every field, multi-valued cells joined with "; ", and a CSV reader reads the same cells back', () => {
    const csv = contactsToCsv([full, contact()]);
    const rows = readBack(csv);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual([...CSV_HEADER]);
    expect(rows[1]).toEqual([
      'Émile Roy-Dubois',
      'emile@contoso.example; e.roy@fabrikam.example',
      '(555) 0100; 555 0199',
      'https://www.linkedin.com/in/emile-roy',
      'Contoso, Inc.',
      'Head of "Design"',
      'Montréal',
      'America/Toronto',
      'alumni; design',
      'Met at a meetup',
      'Zoë Park',
      '2024-03-12',
      'Line one\nLine two, with a comma\n\nLast 😀',
      '2026-11-22T10:00:00.000Z',
      '2026-11-23T08:30:00.000Z',
    ]);
    expect(rows[2]![0]).toBe('Dana Reyes');
    expect(rows[2]!.slice(1, 13)).toEqual(Array(12).fill(''));
  });

  it.each([
    ['plain', 'plain'],
    ['with, comma', '"with, comma"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ['two\nlines', '"two\nlines"'],
    ['carriage\rreturn', '"carriage\rreturn"'],
    ['crlf\r\ninside', '"crlf\r\ninside"'],
    ['semi; colon', 'semi; colon'],
    [' padded ', ' padded '],
    ['', ''],
  ])('quotes per RFC 4180: %j → %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('writes null and undefined as empty cells', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  // A spreadsheet runs a cell starting with = + - @ as a formula, and tab or CR can
  // hide one after leading whitespace; OWASP's advice is a leading single quote.
  // The rule looks at the first character only, so "-dash" and "+33 …" get it too.
  describe.each([
    ['=1+1', "'=1+1"],
    ['+cmd|\' /C calc\'!A0', "'+cmd|' /C calc'!A0"],
    ['-2', "'-2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=x', "'\t=x"],
    ['\r=x', "'\r=x"],
    ['-dash', "'-dash"],
    ['+33 1 23 45 67 89', "'+33 1 23 45 67 89"],
    ['=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")'],
  ])('neutralizes %j', (value, neutralized) => {
    it('in every column', () => {
      const evil = contact({
        name: value,
        emails: [value],
        phones: [value],
        linkedinUrl: value,
        organization: { id: 'o', name: value },
        title: value,
        location: value,
        timeZone: value,
        tags: [value],
        source: value,
        introducedBy: { id: 'i', name: value },
        notes: value,
        connectedOn: value,
        createdAt: value,
        updatedAt: value,
      });
      const rows = readBack(contactsToCsv([evil]));
      expect(rows[1]).toEqual(Array(CSV_HEADER.length).fill(neutralized));
      // Strip the neutralizing quote and the cell is what was stored.
      expect(rows[1]!.map((cell) => cell.slice(1))).toEqual(Array(CSV_HEADER.length).fill(value));
    });
  });

  it('looks at the joined cell: a formula in a second e-mail or tag stays inside the text', () => {
    const rows = readBack(contactsToCsv([contact({ tags: ['ok', '=1+1'], emails: ['-a@b.example', 'c@d.example'] })]));
    expect(rows[1]![8]).toBe('ok; =1+1');
    expect(rows[1]![1]).toBe("'-a@b.example; c@d.example");
  });

  it.each(['Dana', 'x=1', 'a-b', "'quoted", ' =spaced', '1+1', '#hash', '%pct'])('leaves %j alone (not a formula start)', (value) => {
    expect(csvCell(value)).toBe(value);
  });

  it('reads back many contacts with awkward text exactly', () => {
    const names = ['a,b', 'q"uote', 'new\nline', 'tab\tinside', 'ünï©ødé 漢字 😀', "'apostrophe", 'trailing ', ''];
    const contacts = names.map((name, i) => contact({ id: `c${i}`, name: name || 'x', notes: name === '' ? null : `${name}\r\n${name}` }));
    const rows = readBack(contactsToCsv(contacts));
    expect(rows.slice(1).map((r) => r[0])).toEqual(contacts.map((c) => c.name));
    expect(rows.slice(1).map((r) => r[12])).toEqual(contacts.map((c) => c.notes ?? ''));
  });
});
