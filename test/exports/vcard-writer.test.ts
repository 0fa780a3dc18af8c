/**
 * The vCard writer: golden cards for 4.0 and 3.0, and the structure any reader
 * relies on (CRLF, 75-octet folding that never splits a character, escapes),
 * checked by unfolding and unescaping the output per RFC 6350 §3.2 and §3.4.
 */
import { describe, expect, it } from 'vitest';
import { contactsToVCards, escapeText, foldLine } from '../../src/exports/vcard-writer.ts';
import { parseVCards } from '../../src/imports/vcard.ts';
import type { Contact } from '../../src/shared/api.ts';
import { contactFixture } from '../support/factories.ts';

function contact(overrides: Partial<Contact> = {}): Contact {
  return contactFixture({ updatedAt: '2026-11-23T08:30:05.120Z', ...overrides });
}

const full = contact({
  name: 'Dana María Reyes',
  emails: ['dana@contoso.example', 'd.reyes@fabrikam.example'],
  phones: ['+1 555 0100'],
  linkedinUrl: 'https://www.linkedin.com/in/dana-reyes',
  organization: { id: 'o1', name: 'Contoso; Research, Inc.' },
  title: 'Head of Design',
  tags: ['alumni', 'design, UX'],
  notes: 'Met at the meetup.\nLikes C:\\Windows paths',
});

const utf8 = new TextEncoder();

interface Property {
  name: string;
  params: string[];
  value: string;
}

/** RFC 6350 §3.2: a CRLF followed by one space or tab is removed. */
function unfold(text: string): string[] {
  expect(text.endsWith('\r\n')).toBe(true);
  return text.replace(/\r\n[ \t]/g, '').split('\r\n').slice(0, -1);
}

function properties(text: string): Property[] {
  return unfold(text).map((line) => {
    const colon = line.indexOf(':');
    const [name, ...params] = line.slice(0, colon).split(';');
    return { name: name!, params, value: line.slice(colon + 1) };
  });
}

/** Splits on unescaped separators, then unescapes each part. */
function textValues(value: string, separator: ',' | ';'): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '\\') {
      const next = value[++i]!;
      current += next === 'n' || next === 'N' ? '\n' : next;
    } else if (ch === separator) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

const text = (value: string) => textValues(value, ';').join(';');

describe('contactsToVCards', () => {
  it('writes a 4.0 card (golden)', () => {
    expect(contactsToVCards([full], '4.0')).toBe(
      [
        'BEGIN:VCARD',
        'VERSION:4.0',
        'UID:urn:uuid:0d6f5a38-3a43-4a4c-9d7e-2f6a1c1b9e01',
        'FN:Dana María Reyes',
        'N:Reyes;Dana María;;;',
        'EMAIL:dana@contoso.example',
        'EMAIL:d.reyes@fabrikam.example',
        'TEL:+1 555 0100',
        'ORG:Contoso\\; Research\\, Inc.',
        'TITLE:Head of Design',
        'NOTE:Met at the meetup.\\nLikes C:\\\\Windows paths',
        'URL:https://www.linkedin.com/in/dana-reyes',
        'CATEGORIES:alumni,design\\, UX',
        'REV:20261123T083005Z',
        'END:VCARD',
        '',
      ].join('\r\n'),
    );
  });

  it('writes a 3.0 card (golden): TYPE=INTERNET e-mails, extended REV', () => {
    expect(contactsToVCards([contact({ emails: ['dana@contoso.example'] })], '3.0')).toBe(
      [
        'BEGIN:VCARD',
        'VERSION:3.0',
        'UID:0d6f5a38-3a43-4a4c-9d7e-2f6a1c1b9e01',
        'FN:Dana Reyes',
        'N:Reyes;Dana;;;',
        'EMAIL;TYPE=INTERNET:dana@contoso.example',
        'REV:2026-11-23T08:30:05Z',
        'END:VCARD',
        '',
      ].join('\r\n'),
    );
  });

  it('puts a one-word name in the given name and keeps a non-UUID id as is', () => {
    const card = contactsToVCards([contact({ id: 'legacy-7', name: 'Cher' })], '4.0');
    expect(card).toContain('\r\nN:;Cher;;;\r\n');
    expect(card).toContain('\r\nUID:legacy-7\r\n');
  });

  it('writes nothing for no contacts, and one card per contact', () => {
    expect(contactsToVCards([], '4.0')).toBe('');
    const many = contactsToVCards([full, contact(), contact({ name: 'Third Person' })], '3.0');
    expect(many.match(/^BEGIN:VCARD\r$/gm)).toHaveLength(3);
    expect(many.match(/^END:VCARD\r$/gm)).toHaveLength(3);
  });

  it.each(['4.0', '3.0'] as const)('%s: every physical line ≤ 75 octets, CRLF only, and values read back exactly', (version) => {
    const long = contact({
      name: 'Ångström Ōkubo-Łukasiewicz 山田太郎 Ñandú Œuvre ' + 'ü'.repeat(40),
      emails: ['a.very.long.address.that.goes.on.and.on.and.on.and.on@subdomain.of.contoso.example'],
      organization: { id: 'o', name: '漢字'.repeat(60) },
      title: 'x'.repeat(74),
      tags: ['😀 emoji tag', 'a,b', 'semi;colon', 'back\\slash'],
      notes: `${'Line with emoji 😀😀😀 and accents éèê, commas; semicolons\\ backslashes. '.repeat(8)}\r\nsecond line\nthird\rfourth`,
      linkedinUrl: 'https://www.linkedin.com/in/' + 'a'.repeat(120),
    });
    const out = contactsToVCards([long, full], version);

    // CRLF only; no bare CR or LF.
    expect(out.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of out.split('\r\n')) {
      expect(utf8.encode(line).length).toBeLessThanOrEqual(75);
      // No line was cut inside a character: each is valid UTF-16 on its own (no lone surrogate)…
      expect(line).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      // …and never ends in the middle of a backslash escape.
      expect(line.match(/\\*$/)![0].length % 2).toBe(0);
    }

    const props = properties(out);
    const first = props.slice(0, props.findIndex((p) => p.name === 'END') + 1);
    const get = (name: string) => first.filter((p) => p.name === name);
    expect(text(get('FN')[0]!.value)).toBe(long.name);
    const words = long.name.split(' ');
    expect(textValues(get('N')[0]!.value, ';')).toEqual([words.at(-1), words.slice(0, -1).join(' '), '', '', '']);
    expect(text(get('ORG')[0]!.value)).toBe(long.organization!.name);
    expect(text(get('TITLE')[0]!.value)).toBe(long.title);
    expect(text(get('NOTE')[0]!.value)).toBe(long.notes!.replace(/\r\n|\r/g, '\n'));
    expect(get('URL')[0]!.value).toBe(long.linkedinUrl);
    expect(get('EMAIL').map((p) => text(p.value))).toEqual(long.emails);
    expect(textValues(get('CATEGORIES')[0]!.value, ',')).toEqual(long.tags);
    if (version === '3.0') expect(get('EMAIL')[0]!.params).toEqual(['TYPE=INTERNET']);
  });
});

describe('escapeText', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', 'a\\,b'],
    ['a;b', 'a\\;b'],
    ['a\\b', 'a\\\\b'],
    ['a\nb', 'a\\nb'],
    ['a\r\nb', 'a\\nb'],
    ['a\rb', 'a\\nb'],
    ['\\n is not a newline', '\\\\n is not a newline'],
  ])('%j → %j', (value, escaped) => {
    expect(escapeText(value)).toBe(escaped);
  });
});

describe('foldLine', () => {
  it('leaves a line of exactly 75 octets alone and folds the 76th onto a space-led line', () => {
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
    // Continuation lines hold 74 octets after their space.
    expect(foldLine('x'.repeat(75 + 74 + 1))).toBe(`${'x'.repeat(75)}\r\n ${'x'.repeat(74)}\r\n x`);
  });

  it('never splits a multi-byte character', () => {
    // 'é' is 2 octets: 74 ASCII + 'é' would be 76, so 'é' moves to the next line.
    expect(foldLine(`${'x'.repeat(74)}é`)).toBe(`${'x'.repeat(74)}\r\n é`);
    // '😀' is 4 octets (two UTF-16 units) and stays whole.
    expect(foldLine(`${'x'.repeat(72)}😀`)).toBe(`${'x'.repeat(72)}\r\n 😀`);
    expect(foldLine(`${'x'.repeat(71)}😀`)).toBe(`${'x'.repeat(71)}😀`);
  });

  it('keeps a backslash escape on one line', () => {
    expect(foldLine(`${'x'.repeat(74)}\\n`)).toBe(`${'x'.repeat(74)}\r\n \\n`);
  });
});

describe('read back by Rapport’s own vCard import', () => {
  const people = [
    full,
    contact({
      id: '0d6f5a38-3a43-4a4c-9d7e-2f6a1c1b9e02',
      name: 'Zoë Ångström-山田 ' + 'Œ'.repeat(50),
      emails: ['zoe@contoso.example'],
      phones: ['+46 8 123 456', '(555) 0100'],
      linkedinUrl: 'https://www.linkedin.com/in/zoe-angstrom',
      organization: { id: 'o2', name: 'Société Générale, "東京"; Branch \\ 2 ' + '😀'.repeat(30) },
      title: 'VP, Engineering; Platform',
      tags: ['alumni'],
      notes: `First line, with commas; semicolons and a backslash \\ here.\nSecond: ${'ünïcødé 漢字 😀 '.repeat(20)}\n\nAfter a blank line.`,
    }),
    contact({ id: '0d6f5a38-3a43-4a4c-9d7e-2f6a1c1b9e03', name: 'Cher' }),
  ];

  it.each(['4.0', '3.0'] as const)('%s: names, e-mails, phones, organization, title, notes and LinkedIn survive', (version) => {
    const parsed = parseVCards(utf8.encode(contactsToVCards(people, version)));
    expect(parsed.skipped).toEqual([]);
    expect(parsed.people.map((p) => ({ name: p.name, emails: p.emails, phones: p.phones, linkedinUrl: p.linkedinUrl, organization: p.organization, title: p.title, notes: p.notes }))).toEqual(
      people.map((c) => ({
        name: c.name,
        emails: c.emails,
        phones: c.phones,
        linkedinUrl: c.linkedinUrl,
        organization: c.organization?.name.trim() ?? null,
        title: c.title,
        notes: c.notes,
      })),
    );
  });
});
