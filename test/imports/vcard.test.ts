import { describe, expect, it } from 'vitest';
import type { ImportedPerson } from '../../src/imports/types.ts';
import { parseVCards } from '../../src/imports/vcard.ts';
import { appErrorFrom, fixture, utf8 } from './helpers.ts';

function person(fields: Partial<ImportedPerson> & Pick<ImportedPerson, 'line' | 'name'>): ImportedPerson {
  return { emails: [], phones: [], linkedinUrl: null, organization: null, title: null, notes: null, urls: [], connectedOn: null, ...fields };
}

/** One file from lines, CRLF as RFC 6350 wants. */
const vcf = (...lines: string[]) => utf8(`${lines.join('\r\n')}\r\n`);
const card = (...lines: string[]) => ['BEGIN:VCARD', 'VERSION:3.0', ...lines, 'END:VCARD'];

describe('vCard fixtures', () => {
  it('reads a Google Contacts export (3.0)', () => {
    const parsed = parseVCards(fixture('google-contacts.vcf'));
    expect(parsed.format).toBe('vcard');
    expect(parsed.people).toEqual([
      person({
        line: 1,
        name: 'Dana Reyes',
        emails: ['dana.reyes@acme.example', 'dana@reyes.example'],
        phones: ['+1 415-555-0134'],
        linkedinUrl: 'https://www.linkedin.com/in/dana-reyes-4a1b2c',
        organization: 'Acme, Inc.',
        title: 'VP Engineering',
        notes: 'Met at the alumni mixer.\nFollow up in March; ask about the platform team.',
      }),
      // Two spellings of one number are one phone.
      person({ line: 2, name: 'Chidi Okafor', phones: ['(555) 010-2030'], organization: 'Globex' }),
      person({ line: 4, name: 'María José García-López', emails: ['mj@universidad.example'], organization: 'Universidad Ejemplo', title: 'Profesora' }),
    ]);
    expect(parsed.skipped).toEqual([{ line: 3, reason: 'no name' }]);
    expect(parsed.read).toBe(4);
  });

  it('reads an Apple Contacts export (3.0, item groups, escaped colons, folded base64 photo)', () => {
    const parsed = parseVCards(fixture('apple-contacts.vcf'));
    expect(parsed.people).toEqual([
      person({
        line: 1,
        name: 'Chidi Okafor',
        emails: ['chidi@globex.example'],
        phones: ['(555) 010-2030'],
        // From X-SOCIALPROFILE's x-user, since the value is an x-apple: URI.
        linkedinUrl: 'https://www.linkedin.com/in/chidiokafor',
        organization: 'Globex',
        title: 'Staff Scientist',
        notes: 'Prefers e-mail, not calls.\nMet at PyCon 2023.',
        urls: ['https://chidi.example.net'],
      }),
      person({ line: 2, name: 'Initech', phones: ['+1 (800) 555-0199'], organization: 'Initech' }),
      person({ line: 3, name: 'Erin Walsh', emails: ['erin@walsh.example'], linkedinUrl: 'https://www.linkedin.com/in/erinwalsh' }),
    ]);
  });

  it('reads an Outlook export (2.1: Windows-1252 and UTF-8 charsets, QUOTED-PRINTABLE soft line breaks, a 2.1 photo)', () => {
    const parsed = parseVCards(fixture('outlook-2.1.vcf'));
    expect(parsed.people).toEqual([
      person({
        line: 1,
        name: 'Jürgen Müller',
        emails: ['juergen.mueller@example.de'],
        phones: ['+49 30 1234567', '+49 171 2345678'],
        linkedinUrl: 'https://www.linkedin.com/in/juergen-mueller',
        organization: 'Bäckerei Schmidt',
        title: 'Geschäftsführer',
        notes: 'Kennengelernt auf der Messe.\nNächster Schritt: Anruf im April, bitte vorher die Unterlagen schicken.',
      }),
      person({
        line: 2,
        name: 'Renée François',
        emails: ['renee.francois@conseil.example', 'renee@conseil.example'],
        phones: ['+33 1 23 45 67 89'],
        organization: 'Société Générale d’Ingénierie et de Conseil',
        notes: 'Café le 3 mars — parle de la mission à Lyon.\n\nRelancer en avril.',
      }),
      person({ line: 3, name: 'José Peña', emails: ['jose@pena.example'] }),
    ]);
  });

  it('reads a vCard 4.0 file (BOM, LF, tel: URIs, URI and data: photos)', () => {
    const parsed = parseVCards(fixture('vcard-4.0.vcf'));
    expect(parsed.people).toEqual([
      person({
        line: 1,
        name: 'Sofía Hernández',
        emails: ['sofia@universidad.example'],
        phones: ['+34-600-123-456', '+34-91-555-0100 ext. 204'],
        linkedinUrl: 'https://www.linkedin.com/in/sofia-hernandez',
        organization: 'Universidad Ejemplo',
        title: 'Profesora titular',
        notes: 'Café, martes\nHabla de becas',
        urls: ['https://sofia.example.org'],
      }),
      // No FN: the name comes from N.
      person({ line: 2, name: 'Hiro Tanaka', emails: ['hiro@tanaka.example'] }),
    ]);
  });

  it('refuses a card without END:VCARD, naming the card and the line', () => {
    const error = appErrorFrom(() => parseVCards(fixture('vcard-broken-missing-end.vcf')));
    expect(error.code).toBe('IMPORT_MALFORMED');
    expect(error.details).toEqual({ card: 3, line: 15 });
    expect(error.message).toBe('Card 3 (line 15): a new BEGIN:VCARD starts before this card, begun on line 9, has its END:VCARD.');
  });
});

describe('names', () => {
  it.each([
    ['FN wins over N', ['FN:Dr. Dana Reyes', 'N:Reyes;Dana;;Dr.;'], 'Dr. Dana Reyes'],
    ['N is given, additional, family', ['N:Reyes;Dana;Maria;Dr.;PhD'], 'Dana Maria Reyes'],
    ['N components may be lists', ['N:Reyes,Ortiz;Dana;Ana,Maria;;'], 'Dana Ana Maria Reyes Ortiz'],
    ['escaped commas and semicolons', ['FN:Reyes\\, Dana \\; PhD'], 'Reyes, Dana ; PhD'],
    ['an empty FN falls back to N', ['FN:', 'N:Reyes;Dana;;;'], 'Dana Reyes'],
    ['whitespace is cleaned', ['FN:  Dana \\n  Reyes '], 'Dana Reyes'],
  ])('%s', (_, lines, name) => {
    expect(parseVCards(vcf(...card(...lines))).people[0]?.name).toBe(name);
  });

  it('skips a card with no FN and no N (or empty ones) as "no name", numbered by card', () => {
    const parsed = parseVCards(vcf(...card('FN:One'), ...card('EMAIL:a@x.example'), ...card('FN: ', 'N:;;;;'), ...card()));
    expect(parsed.people.map((p) => p.line)).toEqual([1]);
    expect(parsed.skipped).toEqual([
      { line: 2, reason: 'no name' },
      { line: 3, reason: 'no name' },
      { line: 4, reason: 'no name' },
    ]);
    expect(parsed.read).toBe(4);
  });
});

describe('content lines', () => {
  it('unfolds 3.0 lines (CRLF or LF + one space or tab), even inside the property name', () => {
    const text = 'BEGIN:VCARD\nVERSION:3.0\nFN:Dana Re\n yes\nEM\n AIL;TYPE=INT\n\tERNET:dana@acme.\n example\nEND:VCARD\n';
    expect(parseVCards(utf8(text)).people[0]).toMatchObject({ name: 'Dana Reyes', emails: ['dana@acme.example'] });
  });

  it('unfolds 2.1 lines keeping the space (RFC 822 folding)', () => {
    const text = 'BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Dana\r\n Reyes\r\nNOTE:one\r\n two\r\nEND:VCARD\r\n';
    expect(parseVCards(utf8(text)).people[0]).toMatchObject({ name: 'Dana Reyes', notes: 'one two' });
  });

  it('accepts lowercase names, groups, quoted parameters and blank lines between cards', () => {
    const text = '\n\nbegin:vcard\nversion:3.0\nitem1.fn:Dana Reyes\nitem2.email;type="internet,pref":dana@acme.example\nend:vcard\n\n\nBEGIN:VCARD\nFN:Ben\nEND:VCARD\n\n';
    const parsed = parseVCards(utf8(text));
    expect(parsed.people.map((p) => [p.line, p.name, p.emails])).toEqual([
      [1, 'Dana Reyes', ['dana@acme.example']],
      [2, 'Ben', []],
    ]);
  });

  it('decodes 2.1 bare parameters: QUOTED-PRINTABLE, CHARSET and types', () => {
    const parsed = parseVCards(vcf('BEGIN:VCARD', 'VERSION:2.1', 'FN;QUOTED-PRINTABLE;CHARSET=ISO-8859-1:Ren=E9e', 'TEL;WORK;VOICE:555-0100', 'END:VCARD'));
    expect(parsed.people[0]).toMatchObject({ name: 'Renée', phones: ['555-0100'] });
  });

  it('joins QUOTED-PRINTABLE soft line breaks, indented or not', () => {
    const parsed = parseVCards(
      vcf('BEGIN:VCARD', 'VERSION:2.1', 'FN:X', 'NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:caf=C3=', '=A9 au =', ' lait=0D=0Aok', 'END:VCARD'),
    );
    expect(parsed.people[0]?.notes).toBe('café au  lait\nok');
  });

  it('decodes base64 text values and ignores base64 photos, also when the data lines are not indented', () => {
    const parsed = parseVCards(
      vcf(
        'BEGIN:VCARD',
        'VERSION:2.1',
        'FN:X',
        'PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQEASABIAAD',
        'AAAAQSkZJRgABAQEASABIAADAAAAQSkZJRgABAQEASABIAAD',
        'QSkZJRgABAQ==',
        '',
        `NOTE;ENCODING=BASE64;CHARSET=UTF-8:${btoa(String.fromCharCode(...utf8('Grüße')))}`,
        'END:VCARD',
      ),
    );
    expect(parsed.people[0]).toMatchObject({ name: 'X', notes: 'Grüße' });
  });

  it('ignores PHOTO, LOGO, SOUND and KEY whatever they hold, and unknown properties', () => {
    const parsed = parseVCards(
      vcf(
        ...card(
          'FN:X',
          'PHOTO;VALUE=uri:https://example.com/x.jpg',
          'LOGO;ENCODING=b;TYPE=PNG:iVBORw0KGgo=',
          'SOUND;VALUE=URL:file:///x.wav',
          'KEY;ENCODING=b:MIICajCCAdOgAwIBAgICBEUwDQYJKoZIhvcNAQEEBQAw',
          'X-UNKNOWN;FOO=bar:baz',
          'ADR:;;1 Main St;Town;;;',
        ),
      ),
    );
    expect(parsed.people).toEqual([person({ line: 1, name: 'X' })]);
  });

  it('reads raw Windows-1252 bytes when a value declares no charset and is not UTF-8, UTF-8 otherwise', () => {
    const bytes = Uint8Array.from('BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Jos\xe9 Pe\xf1a\r\nORG:Caf\xc3\xa9\r\nEND:VCARD\r\n', (c) => c.charCodeAt(0));
    expect(parseVCards(bytes).people[0]).toMatchObject({ name: 'José Peña', organization: 'Café' });
  });

  it('reads a UTF-16 file with a BOM', () => {
    const text = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Müller\r\nEND:VCARD\r\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) bytes.set([text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8], 2 + i * 2);
    expect(parseVCards(bytes).people[0]?.name).toBe('Zoë Müller');
  });
});

describe('fields', () => {
  it('keeps every valid e-mail (lowercased, deduplicated, mailto: stripped) and drops the rest', () => {
    const parsed = parseVCards(vcf(...card('FN:X', 'EMAIL:Dana@Acme.example', 'EMAIL;TYPE=work:dana@acme.example', 'EMAIL:not an email', 'EMAIL:mailto:d@r.example', 'EMAIL:')));
    expect(parsed.people[0]?.emails).toEqual(['dana@acme.example', 'd@r.example']);
  });

  it('keeps every phone, stripping tel: and turning ;ext= into "ext."', () => {
    const parsed = parseVCards(vcf(...card('FN:X', 'TEL;TYPE=cell:+1 555 0100', 'TEL;VALUE=uri:tel:+1-555-0101', 'TEL;VALUE=uri:tel:+1-555-0102;ext=7', 'TEL:')));
    expect(parsed.people[0]?.phones).toEqual(['+1 555 0100', '+1-555-0101', '+1-555-0102 ext. 7']);
  });

  it('takes the first ORG component and the first TITLE; joins several NOTEs', () => {
    const parsed = parseVCards(vcf(...card('FN:X', 'ORG:Acme\\; Sons;Research;Lab', 'ORG:Other', 'TITLE:CTO', 'TITLE:CEO', 'NOTE:one', 'NOTE:two\\nlines')));
    expect(parsed.people[0]).toMatchObject({ organization: 'Acme; Sons', title: 'CTO', notes: 'one\n\ntwo\nlines' });
  });

  it('sorts URLs: the first LinkedIn profile is linkedinUrl, other links go to urls', () => {
    const parsed = parseVCards(
      vcf(
        ...card(
          'FN:X',
          'URL:https://example.com',
          'URL;TYPE=work:https\\://www.linkedin.com/in/Dana-R/?trk=x',
          'URL:linkedin.com/in/other',
          'URL:https://example.com',
          'URL:not a link',
          'X-SOCIALPROFILE;type=twitter:https://twitter.com/dana',
        ),
      ),
    );
    expect(parsed.people[0]).toMatchObject({
      linkedinUrl: 'https://www.linkedin.com/in/dana-r',
      urls: ['https://example.com', 'https://www.linkedin.com/in/other'],
    });
  });

  it('takes LinkedIn from X-SOCIALPROFILE', () => {
    const parsed = parseVCards(
      vcf(...card('FN:A', 'X-SOCIALPROFILE;type=linkedin:http\\://www.linkedin.com/in/dana'), ...card('FN:B', 'X-SOCIALPROFILE;TYPE=LinkedIn;X-USER=ben-c:x-apple:ben-c')),
    );
    expect(parsed.people.map((p) => p.linkedinUrl)).toEqual(['https://www.linkedin.com/in/dana', 'https://www.linkedin.com/in/ben-c']);
  });
});

describe('malformed vCards', () => {
  it.each([
    ['no BEGIN:VCARD at all', 'FN:Dana Reyes\nEMAIL:dana@acme.example\n', { card: 1, line: 1 }, /^No vCard found/],
    ['an empty file', '', { card: 1, line: 1 }, /^No vCard found/],
    ['a CSV file', 'First Name,Last Name,URL\nDana,Reyes,\n', { card: 1, line: 1 }, /^No vCard found/],
    ['BEGIN inside a card', 'BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B\nBEGIN:VCARD\nFN:C\nEND:VCARD\n', { card: 2, line: 6 }, /^Card 2 \(line 6\): .*begun on line 4/],
    ['END without BEGIN', 'BEGIN:VCARD\nFN:A\nEND:VCARD\n\nFN:B\nEND:VCARD\n', { card: 2, line: 6 }, /^Line 6: END:VCARD without a BEGIN:VCARD before it \(after card 1\)/],
    ['END before any card', 'END:VCARD\n', { card: 1, line: 1 }, /before the first card/],
    ['a missing END at the end of the file', 'BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B\n', { card: 2, line: 4 }, /^Card 2 \(line 4\): the file ends before/],
    ['a content line without ":"', 'BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:B\r\nEMAIL dana@acme.example\r\nEND:VCARD\r\n', { card: 2, line: 7 }, /^Card 2 \(line 7\): "EMAIL dana@acme.example" has no ":"/],
    ['a folded line without ":" reports where it starts', 'BEGIN:VCARD\nFN:A\nNOTE\n and more\nEND:VCARD\n', { card: 1, line: 3 }, /^Card 1 \(line 3\)/],
  ])('%s → IMPORT_MALFORMED', (_, text, details, message) => {
    const error = appErrorFrom(() => parseVCards(utf8(text)));
    expect(error.code).toBe('IMPORT_MALFORMED');
    expect(error.details).toEqual(details);
    expect(error.message).toMatch(message);
  });

  it('ignores text between cards', () => {
    const parsed = parseVCards(utf8('Exported by Foo\nBEGIN:VCARD\nFN:A\nEND:VCARD\n\x1a'));
    expect(parsed.people.map((p) => p.name)).toEqual(['A']);
  });
});
