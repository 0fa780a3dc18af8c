import { describe, expect, it } from 'vitest';
import { parseConnectedOn, parseLinkedInConnections } from '../../src/imports/linkedin-csv.ts';
import type { ImportedPerson } from '../../src/imports/types.ts';
import { appErrorFrom, fixture, LINKEDIN_HEADER, LINKEDIN_NOTES, utf8 } from './helpers.ts';

function person(fields: Partial<ImportedPerson> & Pick<ImportedPerson, 'line' | 'name'>): ImportedPerson {
  return { emails: [], phones: [], linkedinUrl: null, organization: null, title: null, notes: null, urls: [], connectedOn: null, ...fields };
}

const parseText = (text: string) => parseLinkedInConnections(utf8(text));

describe('LinkedIn Connections.csv fixtures', () => {
  it('reads the usual export: BOM, CRLF, the Notes block, quoted commas, quotes and newlines, blank e-mails', () => {
    const parsed = parseLinkedInConnections(fixture('linkedin-standard.csv'));
    expect(parsed.format).toBe('linkedin');
    expect(parsed.people).toEqual([
      person({
        line: 5,
        name: 'Dana Reyes',
        emails: ['dana.reyes@acme.example'],
        linkedinUrl: 'https://www.linkedin.com/in/dana-reyes-4a1b2c',
        organization: 'Acme, Inc.',
        title: 'VP Engineering',
        connectedOn: '2024-03-12',
      }),
      person({
        line: 6,
        name: 'Chidi Okafor',
        linkedinUrl: 'https://www.linkedin.com/in/chidiokafor',
        organization: 'Globex',
        title: 'Staff Scientist, Research',
        connectedOn: '2019-01-02',
      }),
      person({
        line: 7,
        name: 'María José García-López',
        linkedinUrl: 'https://www.linkedin.com/in/mariajose-garcia',
        organization: 'Universidad Ejemplo',
        title: 'Profesora',
        connectedOn: '2023-02-28',
      }),
      person({
        line: 8,
        name: 'Wei Zhang 张',
        linkedinUrl: 'https://www.linkedin.com/in/wei-zhang-8b7',
        organization: 'ByteCraft "Labs"',
        title: 'Engineer',
        connectedOn: '2022-11-05',
      }),
      // The position spans lines 9–10; the record is reported on the line it starts.
      person({
        line: 9,
        name: 'Jean-Luc Picard, PhD',
        linkedinUrl: 'https://www.linkedin.com/in/jlpicard',
        organization: 'Starfleet',
        title: 'Captain USS Enterprise',
        connectedOn: '2021-04-01',
      }),
      // Line 11 is ",,,,,,": ignored, not counted. Line 13 has only three cells.
      person({ line: 13, name: 'Sam Lee', linkedinUrl: 'https://www.linkedin.com/in/samlee' }),
    ]);
    expect(parsed.skipped).toEqual([{ line: 12, reason: 'no name or profile URL' }]);
    expect(parsed.read).toBe(7);
  });

  it('reads an export without a preamble (before 2019), LF line endings', () => {
    const parsed = parseLinkedInConnections(fixture('linkedin-no-preamble.csv'));
    expect(parsed.people.map((p) => [p.line, p.name, p.emails, p.linkedinUrl, p.organization, p.title, p.connectedOn])).toEqual([
      [2, 'Ava Thompson', ['ava@thompson.example'], 'https://www.linkedin.com/in/avathompson', 'Northwind', 'Recruiter', '2017-08-17'],
      [3, 'Ben Carter', [], 'https://www.linkedin.com/in/bencarter', null, null, null],
      // "not an email" is dropped, not a failure; an ISO date is accepted.
      [4, 'Caro Diaz', [], 'https://www.linkedin.com/in/carodiaz', 'Contoso', 'Sales, EMEA', '2024-03-12'],
    ]);
    expect(parsed.read).toBe(3);
  });

  it('finds the header after a long preamble with blank lines and quoted multi-line text', () => {
    const parsed = parseLinkedInConnections(fixture('linkedin-long-preamble.csv'));
    expect(parsed.people.map((p) => [p.line, p.name, p.title])).toEqual([
      [12, 'Erin Walsh', 'CFO'],
      [13, 'Femi Adeyemi', 'Head of Product, Mobile'],
    ]);
    expect(parsed.skipped).toEqual([]);
  });

  it('reads a Windows-1252 file (re-saved by Excel) when the bytes are not UTF-8', () => {
    const parsed = parseLinkedInConnections(fixture('linkedin-windows-1252.csv'));
    expect(parsed.people.map((p) => [p.line, p.name, p.organization, p.title])).toEqual([
      [5, 'Zoë Müller', 'L’Oréal', 'Directrice générale'],
      [6, 'José Peña', 'Café €uro', 'Barista'],
    ]);
  });

  it('refuses a quote that is never closed, naming the line it opens on', () => {
    const error = appErrorFrom(() => parseLinkedInConnections(fixture('linkedin-broken-quote.csv')));
    expect(error.code).toBe('IMPORT_MALFORMED');
    expect(error.details).toEqual({ line: 14 });
    expect(error.message).toBe('Line 14: a quoted field is never closed (a " is missing).');
  });
});

describe('finding the header', () => {
  it('maps columns by name, whatever their order, case and surrounding spaces', () => {
    const parsed = parseText(
      ' connected on , COMPANY,position,Email Address,url,last name,First Name\n' +
        '12 Mar 2024,Acme,CTO,dana@acme.example,https://www.linkedin.com/in/dana,Reyes,Dana\n',
    );
    expect(parsed.people).toEqual([
      person({
        line: 2,
        name: 'Dana Reyes',
        emails: ['dana@acme.example'],
        linkedinUrl: 'https://www.linkedin.com/in/dana',
        organization: 'Acme',
        title: 'CTO',
        connectedOn: '2024-03-12',
      }),
    ]);
  });

  it('accepts a header with Company but no URL column', () => {
    const parsed = parseText('First Name,Last Name,Company\nDana,Reyes,Acme\n');
    expect(parsed.people).toEqual([person({ line: 2, name: 'Dana Reyes', organization: 'Acme' })]);
  });

  it('accepts a quoted header', () => {
    const parsed = parseText('"First Name","Last Name","URL"\n"Dana","Reyes","linkedin.com/in/dana"\n');
    expect(parsed.people[0]).toMatchObject({ name: 'Dana Reyes', linkedinUrl: 'https://www.linkedin.com/in/dana' });
  });

  it.each([
    ['an empty file', ''],
    ['only a BOM', '\uFEFF'],
    ['only the Notes block', LINKEDIN_NOTES],
    ['a CSV of something else', 'Date,Amount,Payee\n2024-03-01,12.50,Coffee\n'],
    ['a header missing URL and Company', 'First Name,Last Name,Email Address\nDana,Reyes,dana@acme.example\n'],
    ['a vCard', 'BEGIN:VCARD\nVERSION:3.0\nFN:Dana Reyes\nEND:VCARD\n'],
    ['prose with a stray quote', 'Hello, this is "not" a CSV\nat all "really\n'],
  ])('refuses %s with IMPORT_HEADER_NOT_FOUND, never "0 imported"', (_, text) => {
    const error = appErrorFrom(() => parseText(text));
    expect(error.code).toBe('IMPORT_HEADER_NOT_FOUND');
    expect(error.message).toMatch(/Connections\.csv/);
  });

  it('finds the header by itself when the preamble before it is not valid CSV', () => {
    const text = `Notes: see "privacy settings" here\n"an unclosed note\n\n${LINKEDIN_HEADER}\nDana,Reyes,https://www.linkedin.com/in/dana,,,,\n`;
    expect(parseText(text).people).toEqual([person({ line: 5, name: 'Dana Reyes', linkedinUrl: 'https://www.linkedin.com/in/dana' })]);
  });

  it('reads a file Excel re-saved with semicolons or tabs (its locale list separator)', () => {
    const semicolons = `${LINKEDIN_NOTES}First Name;Last Name;URL;Email Address;Company;Position;Connected On\r\nJosé;Peña;https://www.linkedin.com/in/jose-pena;;"Café; Bar, Inc.";Barista;21 Jul 2022\r\n`;
    expect(parseText(semicolons).people).toEqual([
      person({ line: 5, name: 'José Peña', linkedinUrl: 'https://www.linkedin.com/in/jose-pena', organization: 'Café; Bar, Inc.', title: 'Barista', connectedOn: '2022-07-21' }),
    ]);
    const tabs = `First Name\tLast Name\tCompany\nDana\tReyes\tAcme, Inc.\n`;
    expect(parseText(tabs).people).toEqual([person({ line: 2, name: 'Dana Reyes', organization: 'Acme, Inc.' })]);
    const error = appErrorFrom(() => parseText(`First Name;Last Name;URL\nDana;"Reyes"x;\n`));
    expect(error.message).toBe('Line 2: a quoted field is followed by other characters before the next semicolon.');
  });

  it('a header and no rows is an empty import, not an error', () => {
    expect(parseText(LINKEDIN_NOTES + LINKEDIN_HEADER + '\n')).toEqual({ format: 'linkedin', read: 0, people: [], skipped: [] });
  });
});

describe('rows', () => {
  const file = (...rows: string[]) => `${LINKEDIN_HEADER}\n${rows.join('\n')}\n`;

  it('skips a row with neither name nor URL, ignores an empty row, and counts read = people + skipped', () => {
    const parsed = parseText(file('Dana,Reyes,,,,,', ',,,,,,', '', '  ,  ,,dana@acme.example,Acme,CTO,12 Mar 2024', ',,,,,,,,,'));
    expect(parsed.people.map((p) => p.line)).toEqual([2]);
    expect(parsed.skipped).toEqual([{ line: 5, reason: 'no name or profile URL' }]);
    expect(parsed.read).toBe(2);
  });

  it('keeps a profile without a name, named after the profile', () => {
    const parsed = parseText(file(',,https://www.linkedin.com/in/j%C3%BCrgen-m,,,,'));
    expect(parsed.people).toEqual([person({ line: 2, name: 'jürgen-m', linkedinUrl: 'https://www.linkedin.com/in/j%C3%BCrgen-m' })]);
  });

  it('puts a URL that is not a LinkedIn profile into urls, and drops one that is not a web address', () => {
    const parsed = parseText(file('Dana,Reyes,https://dana.example.com/about,,,,', 'Ben,Carter,n/a,,,,', 'Caro,Diaz,https://www.linkedin.com/in/%E0%A4%A,,,,'));
    expect(parsed.people.map((p) => [p.linkedinUrl, p.urls])).toEqual([
      [null, ['https://dana.example.com/about']],
      [null, []],
      // A broken %-escape is not a profile URL, and does not crash the import.
      [null, ['https://www.linkedin.com/in/%E0%A4%A']],
    ]);
  });

  it('normalizes e-mail addresses and drops text that is not one', () => {
    const parsed = parseText(file('Dana,Reyes,,  Dana@Acme.EXAMPLE ,,,', 'Ben,Carter,,ben(at)example.com,,,', 'Caro,Diaz,,"a@x.example, b@y.example",,,'));
    expect(parsed.people.map((p) => p.emails)).toEqual([['dana@acme.example'], [], ['a@x.example', 'b@y.example']]);
  });

  it('cleans whitespace in names, companies and positions; blank ones become null', () => {
    const parsed = parseText(file('"  Dana\t"," Reyes  ",,, ,"  ",', '"Ann\nMarie",Lee,,,"  Acme   Corp ",Lead   Engineer,'));
    expect(parsed.people.map((p) => [p.name, p.organization, p.title])).toEqual([
      ['Dana Reyes', null, null],
      ['Ann Marie Lee', 'Acme Corp', 'Lead Engineer'],
    ]);
  });

  it('ignores cells beyond the header and tolerates missing trailing cells', () => {
    const parsed = parseText(file('Dana,Reyes,,,Acme,CTO,12 Mar 2024,extra,cells', 'Ben'));
    expect(parsed.people.map((p) => [p.name, p.organization, p.connectedOn])).toEqual([
      ['Dana Reyes', 'Acme', '2024-03-12'],
      ['Ben', null, null],
    ]);
  });

  it('keeps a person whose date cannot be read, with connectedOn null', () => {
    const parsed = parseText(file('Dana,Reyes,,,,,yesterday', 'Ben,Carter,,,,,31 Feb 2024'));
    expect(parsed.people.map((p) => [p.name, p.connectedOn])).toEqual([
      ['Dana Reyes', null],
      ['Ben Carter', null],
    ]);
  });
});

describe('line endings and line numbers', () => {
  const body = `${LINKEDIN_HEADER}\nDana,Reyes,,,"Acme,\nInc.",CTO,\nBen,Carter,,,,,\n\n`;

  it.each([
    ['LF', body],
    ['CRLF', body.replace(/\n/g, '\r\n')],
    ['lone CR (classic Mac)', body.replace(/\n/g, '\r')],
    ['mixed', body.replace(/\n/, '\r\n').replace(/\nBen/, '\rBen')],
  ])('%s: a record spanning lines reports its first line, the next one the line after', (_, text) => {
    const parsed = parseText(text);
    expect(parsed.people.map((p) => [p.line, p.name, p.organization])).toEqual([
      [2, 'Dana Reyes', 'Acme, Inc.'],
      [4, 'Ben Carter', null],
    ]);
  });

  it('counts the preamble, its quoted multi-line text and blank lines', () => {
    const text = `Notes:\n"one,\n\ntwo ""quoted"", https://x.example/a,b"\n\n\n${LINKEDIN_HEADER}\r\n\r\nDana,Reyes,,,,,\r\n`;
    expect(parseText(text).people.map((p) => p.line)).toEqual([9]);
  });

  it('decodes a UTF-16 file that starts with a BOM', () => {
    const text = `${LINKEDIN_HEADER}\r\nZoë,Müller,,,,,\r\n`;
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) bytes.set([text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8], 2 + i * 2);
    expect(parseLinkedInConnections(bytes).people.map((p) => p.name)).toEqual(['Zoë Müller']);
  });
});

describe('malformed CSV', () => {
  it.each([
    ['a stray quote inside an unquoted field', `${LINKEDIN_HEADER}\nDana,Reyes,,,,,\nBen,O"Carter,,,,,\n`, 3, /inside a field that is not in quotes/],
    ['text after a closing quote', `${LINKEDIN_HEADER}\nDana,Reyes,,,,,\n\nBen,"Carter"son,,,,,\n`, 4, /followed by other characters/],
    ['a quote never closed, opened on a later line of its record', `${LINKEDIN_HEADER}\n"Dana\nMarie",Reyes,,,"Acme\n,CTO,\nBen,Carter,,,,,\n`, 3, /never closed/],
    ['a quote never closed on the last line', `${LINKEDIN_HEADER}\r\nDana,Reyes,,,,,\r\nBen,"Carter`, 3, /never closed/],
  ])('%s → IMPORT_MALFORMED with the line', (_, text, line, message) => {
    const error = appErrorFrom(() => parseText(text));
    expect(error.code).toBe('IMPORT_MALFORMED');
    expect(error.details).toEqual({ line });
    expect(error.message).toMatch(new RegExp(`^Line ${line}: `));
    expect(error.message).toMatch(message);
  });

  it('counts the preamble in the reported line', () => {
    const error = appErrorFrom(() => parseText(`${LINKEDIN_NOTES}${LINKEDIN_HEADER}\nBen,O"Carter,,,,,\n`));
    expect(error.details).toEqual({ line: 5 });
  });
});

describe('parseConnectedOn', () => {
  it.each([
    ['12 Mar 2024', '2024-03-12'],
    ['02 Jan 2019', '2019-01-02'],
    ['2 Jan 2019', '2019-01-02'],
    ['29 Feb 2024', '2024-02-29'],
    ['31 dec 1999', '1999-12-31'],
    ['12 March 2024', '2024-03-12'],
    ['12 Sept 2024', '2024-09-12'],
    ['12-Mar-2024', '2024-03-12'],
    ['Mar 12, 2024', '2024-03-12'],
    ['2024-03-12', '2024-03-12'],
    [' 12 Mar 2024 ', '2024-03-12'],
  ])('%j → %s', (input, iso) => expect(parseConnectedOn(input)).toBe(iso));

  it.each(['', 'yesterday', '29 Feb 2023', '31 Apr 2024', '12 Marble 2024', '2024-13-01', '3/12/24', '12 Mar 24', '0 Jan 2020'])(
    '%j → null',
    (input) => expect(parseConnectedOn(input)).toBeNull(),
  );
});

describe('a large export', () => {
  it('parses 30,000 rows (~3 MB)', () => {
    const rows: string[] = [];
    for (let i = 0; i < 30_000; i++) {
      rows.push(
        `Person${i},"Example, ${i}",https://www.linkedin.com/in/person-${i},${i % 3 === 0 ? `p${i}@example.com` : ''},"Company ${i % 500}, Inc.",Senior Software Engineer,${(i % 28) + 1} Mar 2024`,
      );
    }
    const bytes = utf8(`\uFEFF${LINKEDIN_NOTES}${LINKEDIN_HEADER}\r\n${rows.join('\r\n')}\r\n`);
    expect(bytes.length).toBeGreaterThan(3_000_000);
    const parsed = parseLinkedInConnections(bytes);
    expect(parsed.read).toBe(30_000);
    expect(parsed.people).toHaveLength(30_000);
    expect(parsed.people[29_999]).toMatchObject({ line: 30_004, name: 'Person29999 Example, 29999', connectedOn: '2024-03-12' });
  });
});
