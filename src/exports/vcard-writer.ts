/**
 * Contacts as vCards: 4.0 (RFC 6350) by default, 3.0 (RFC 2426) for older address
 * books. One card per contact with FN, N, EMAIL, TEL, ORG, TITLE, NOTE, URL (the
 * LinkedIn profile), CATEGORIES (tags), REV and UID.
 *
 * Text values escape backslash, comma, semicolon and line breaks; lines end in
 * CRLF and are folded at 75 octets of UTF-8, never inside a multi-byte character
 * or a backslash escape (legal, but some readers unescape before they unfold).
 *
 * Pure: no I/O, no clock.
 *
 * @example
 * contactsToVCards([contact], '4.0')
 * // "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:…\r\nFN:Dana Reyes\r\nN:Reyes;Dana;;;\r\n…END:VCARD\r\n"
 */
import type { Contact } from '../shared/api.ts';

export type VCardVersion = '4.0' | '3.0';

const EOL = '\r\n';
const MAX_LINE_OCTETS = 75;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A text value with `\`, `,`, `;` and line breaks escaped (RFC 6350 §3.4, RFC 2426 §4). */
export function escapeText(value: string): string {
  return value.replace(/\r\n|[\r\n\\,;]/g, (ch) => (ch === '\\' ? '\\\\' : ch === ',' ? '\\,' : ch === ';' ? '\\;' : '\\n'));
}

/** URI values are not escaped, but a line break would end the property, so none may pass. */
function uriValue(value: string): string {
  return value.replace(/[\r\n]+/g, '');
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * Folds one content line: each physical line is at most 75 octets, continuation
 * lines start with one space (which counts toward their 75).
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  // Units that must stay on one line: a whole code point, or a backslash escape.
  const units = line.match(/\\.|[\s\S]/gu) ?? [];
  for (const unit of units) {
    let size = 0;
    for (const ch of unit) size += utf8Length(ch.codePointAt(0)!);
    if (octets + size > MAX_LINE_OCTETS) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += unit;
    octets += size;
  }
  out.push(current);
  return out.join(EOL);
}

/** "Dana María Reyes" → family "Reyes", given "Dana María"; a single word is a given name. */
function splitName(name: string): { family: string; given: string } {
  const words = name.trim().split(/\s+/);
  if (words.length < 2) return { family: '', given: words[0] ?? '' };
  return { family: words[words.length - 1]!, given: words.slice(0, -1).join(' ') };
}

/** 2026-11-22T10:00:00.000Z → 20261122T100000Z (4.0) or 2026-11-22T10:00:00Z (3.0). */
function timestamp(iso: string, version: VCardVersion): string {
  const seconds = new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return version === '4.0' ? seconds.replace(/[-:]/g, '') : seconds;
}

function cardLines(contact: Contact, version: VCardVersion): string[] {
  const lines = ['BEGIN:VCARD', `VERSION:${version}`];
  const uid = UUID.test(contact.id) ? `urn:uuid:${contact.id.toLowerCase()}` : contact.id;
  lines.push(version === '4.0' ? `UID:${uriValue(uid)}` : `UID:${escapeText(contact.id)}`);
  lines.push(`FN:${escapeText(contact.name)}`);
  const { family, given } = splitName(contact.name);
  lines.push(`N:${escapeText(family)};${escapeText(given)};;;`);
  for (const email of contact.emails) lines.push(`${version === '3.0' ? 'EMAIL;TYPE=INTERNET' : 'EMAIL'}:${escapeText(email)}`);
  for (const phone of contact.phones) lines.push(`TEL:${escapeText(phone)}`);
  if (contact.organization) lines.push(`ORG:${escapeText(contact.organization.name)}`);
  if (contact.title) lines.push(`TITLE:${escapeText(contact.title)}`);
  if (contact.notes) lines.push(`NOTE:${escapeText(contact.notes)}`);
  if (contact.linkedinUrl) lines.push(`URL:${uriValue(contact.linkedinUrl)}`);
  if (contact.tags.length > 0) lines.push(`CATEGORIES:${contact.tags.map(escapeText).join(',')}`);
  lines.push(`REV:${timestamp(contact.updatedAt, version)}`);
  lines.push('END:VCARD');
  return lines;
}

/** Every contact as one card, CRLF line endings, folded; an empty list gives an empty string. */
export function contactsToVCards(contacts: readonly Contact[], version: VCardVersion): string {
  return contacts
    .flatMap((contact) => cardLines(contact, version))
    .map((line) => foldLine(line) + EOL)
    .join('');
}
