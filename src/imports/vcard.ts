/**
 * vCard files (2.1, 3.0 and 4.0, any number of cards) parsed into people. Pure:
 * bytes in, `ParsedImport` out, or an `AppError` naming the card and line at fault.
 *
 * Written for what exporters really produce: Outlook's 2.1 with QUOTED-PRINTABLE
 * soft line breaks and per-value CHARSET, Google's 3.0, Apple's 3.0 with `item1.`
 * groups, escaped colons and folded base64 photos, and 4.0 with `tel:` URIs.
 *
 * The file is read as bytes (one character per byte) until a value is decoded, so
 * each value can be in its own CHARSET. A value without one is UTF-8 when its bytes
 * are valid UTF-8, otherwise Windows-1252 (old Outlook files that declare nothing).
 *
 * @example
 * const parsed = parseVCards(await file.bytes());
 * parsed.people[0]; // { line: 1 (the card number), name: 'Dana Reyes', emails: [...], … }
 */
import { AppError } from '../core/errors.ts';
import { cleanText, isEmail, isHttpUrl, normalizeEmails, normalizePhones } from '../core/normalize.ts';
import { looksLikeWebAddress, safeLinkedInUrl } from './linkedin-csv.ts';
import { binaryStringToBytes, bytesToBinaryString, decodeCharset, detectBom } from './text-decoding.ts';
import type { ImportedPerson, ParsedImport, SkippedRecord } from './types.ts';

export const NO_NAME = 'no name';

type Version = '2.1' | '3.0' | '4.0';

/** The physical lines between one BEGIN:VCARD and its END:VCARD. */
interface RawCard {
  number: number;
  beginLine: number;
  lines: string[];
  /** Physical line number of lines[0]. */
  firstLine: number;
}

interface Property {
  name: string;
  /** TYPE values (and bare 2.1 parameters), lowercased. */
  types: Set<string>;
  encoding: string | null;
  charset: string | null;
  params: Map<string, string>;
  /** Still raw bytes as a binary string. */
  value: string;
}

interface Context {
  version: Version;
}

export function parseVCards(bytes: Uint8Array): ParsedImport {
  const cards = splitCards(readBinary(bytes));
  const people: ImportedPerson[] = [];
  const skipped: SkippedRecord[] = [];
  for (const card of cards) {
    const person = readCard(card);
    if (person) people.push(person);
    else skipped.push({ line: card.number, reason: NO_NAME });
  }
  return { format: 'vcard', read: people.length + skipped.length, people, skipped };
}

/** The file as one character per byte, without its BOM. */
function readBinary(bytes: Uint8Array): string {
  const bom = detectBom(bytes);
  const body = bytes.subarray(bom?.length ?? 0);
  if (bom && bom.encoding !== 'utf-8') {
    // Structure is found byte by byte, so UTF-16 is first re-encoded as UTF-8.
    return bytesToBinaryString(new TextEncoder().encode(new TextDecoder(bom.encoding, { ignoreBOM: true }).decode(body)));
  }
  return bytesToBinaryString(body);
}

function malformed(card: number, line: number, message: string): AppError {
  return new AppError('IMPORT_MALFORMED', message, { card, line });
}

const BEGIN = /^begin[ \t]*:[ \t]*vcard[ \t]*$/i;
const END = /^end[ \t]*:[ \t]*vcard[ \t]*$/i;

function splitCards(binary: string): RawCard[] {
  const lines = binary.split(/\r\n|\r|\n/);
  const cards: RawCard[] = [];
  let current: RawCard | null = null;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    const lineNumber = i + 1;
    // A folded continuation can never be BEGIN or END; short lines only, to skip photo data fast.
    const marker = text.length <= 20 && text[0] !== ' ' && text[0] !== '\t';
    if (marker && BEGIN.test(text)) {
      if (current) {
        throw malformed(
          current.number,
          lineNumber,
          `Card ${current.number} (line ${lineNumber}): a new BEGIN:VCARD starts before this card, begun on line ${current.beginLine}, has its END:VCARD.`,
        );
      }
      current = { number: cards.length + 1, beginLine: lineNumber, lines: [], firstLine: lineNumber + 1 };
    } else if (marker && END.test(text)) {
      if (!current) {
        const where = cards.length === 0 ? 'before the first card' : `after card ${cards.length}`;
        throw malformed(cards.length + 1, lineNumber, `Line ${lineNumber}: END:VCARD without a BEGIN:VCARD before it (${where}).`);
      }
      cards.push(current);
      current = null;
    } else if (current) {
      current.lines.push(text);
    }
    // Anything between cards (blank lines, an exporter's trailing junk) is not a card.
  }
  if (current) {
    throw malformed(
      current.number,
      current.beginLine,
      `Card ${current.number} (line ${current.beginLine}): the file ends before this card's END:VCARD.`,
    );
  }
  if (cards.length === 0) throw malformed(1, 1, 'No vCard found: the file has no BEGIN:VCARD line. Is this a vCard (.vcf) file?');
  return cards;
}

function detectVersion(lines: readonly string[]): Version {
  for (const line of lines) {
    const match = /^version[ \t]*:[ \t]*(\d)/i.exec(line);
    if (match) return match[1] === '2' ? '2.1' : match[1] === '4' ? '4.0' : '3.0';
  }
  return '3.0';
}

/** A content line being put back together from its physical lines. */
interface LogicalLine {
  parts: string[];
  line: number;
  /** Index of the name/value colon in parts[0..], once known. */
  header: { colon: number; qp: boolean; base64: boolean } | null;
}

const BASE64_CONTINUATION = /^[A-Za-z0-9+/=]+$/;

function readCard(card: RawCard): ImportedPerson | null {
  const ctx: Context = { version: detectVersion(card.lines) };
  const properties: Property[] = [];
  let current: LogicalLine | null = null;

  const finish = (): void => {
    if (!current) return;
    const property = parseContentLine(current, card.number);
    if (property) properties.push(property);
    current = null;
  };

  for (let i = 0; i < card.lines.length; i++) {
    const text = card.lines[i]!;
    const lineNumber = card.firstLine + i;
    if (current) {
      const open: LogicalLine = current;
      const header = headerOf(open);
      const last = open.parts[open.parts.length - 1]!;
      // 2.1 QUOTED-PRINTABLE: a value ending in "=" continues on the next line, indented or not.
      if (header?.qp && last.endsWith('=')) {
        open.parts[open.parts.length - 1] = last.slice(0, -1);
        open.parts.push(text);
        continue;
      }
      if (text[0] === ' ' || text[0] === '\t') {
        // 3.0/4.0 folding removes the newline and one space; 2.1 keeps the space.
        open.parts.push(ctx.version === '2.1' ? text : text.slice(1));
        continue;
      }
      // Some 2.1 writers continue base64 on lines that are not indented.
      if (header?.base64 && BASE64_CONTINUATION.test(text)) {
        open.parts.push(text);
        continue;
      }
    }
    if (text.trim() === '') {
      finish();
      continue;
    }
    finish();
    current = { parts: [text], line: lineNumber, header: null };
  }
  finish();
  return toPerson(properties, ctx, card.number);
}

/** Finds the name/value colon (outside double quotes) and the encoding, once the line has one. */
function headerOf(line: LogicalLine): LogicalLine['header'] {
  if (line.header) return line.header;
  const text = line.parts.join('');
  const colon = findColon(text);
  if (colon < 0) return null;
  const semicolon = text.indexOf(';');
  const params = semicolon >= 0 && semicolon < colon ? text.slice(semicolon, colon) : '';
  line.parts = [text];
  line.header = {
    colon,
    qp: /;[ \t]*(encoding[ \t]*=[ \t]*)?"?quoted-printable"?[ \t]*(;|$)/i.test(params),
    base64: /;[ \t]*(encoding[ \t]*=[ \t]*)?"?(b|base64)"?[ \t]*(;|$)/i.test(params),
  };
  return line.header;
}

function findColon(text: string): number {
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (c === ':' && !inQuotes) return i;
  }
  // An unbalanced quote in a parameter: take the first colon rather than refuse the card.
  return text.indexOf(':');
}

/** Splits `text` on `separator` outside double quotes. */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const result: string[] = [];
  let inQuotes = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (c === separator && !inQuotes) {
      result.push(text.slice(start, i));
      start = i + 1;
    }
  }
  result.push(text.slice(start));
  return result;
}

const ENCODINGS = new Set(['QUOTED-PRINTABLE', 'BASE64', 'B', '8BIT', '7BIT']);

function parseContentLine(line: LogicalLine, cardNumber: number): Property | null {
  const header = headerOf(line);
  const text = line.parts.join('');
  if (!header) {
    const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    throw malformed(
      cardNumber,
      line.line,
      `Card ${cardNumber} (line ${line.line}): "${shown}" has no ":" — every vCard line must look like NAME:value.`,
    );
  }
  const [nameWithGroup = '', ...rawParams] = splitOutsideQuotes(text.slice(0, header.colon), ';');
  // Apple groups related lines: "item1.EMAIL", "item1.X-ABLabel".
  const name = nameWithGroup.slice(nameWithGroup.lastIndexOf('.') + 1).trim().toUpperCase();
  if (!/^[A-Z0-9-]+$/.test(name)) return null;

  const property: Property = { name, types: new Set(), encoding: null, charset: null, params: new Map(), value: text.slice(header.colon + 1) };
  for (const raw of rawParams) {
    const eq = raw.indexOf('=');
    if (eq < 0) {
      // 2.1 writes bare parameters: "TEL;WORK;VOICE:", "NOTE;QUOTED-PRINTABLE:".
      const bare = raw.trim().toUpperCase();
      if (ENCODINGS.has(bare)) property.encoding = bare;
      else if (bare !== '') property.types.add(bare.toLowerCase());
      continue;
    }
    const key = raw.slice(0, eq).trim().toUpperCase();
    const value = raw
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (key === 'TYPE') {
      for (const type of value.split(',')) if (type.trim() !== '') property.types.add(type.trim().toLowerCase());
    } else if (key === 'ENCODING') property.encoding = value.toUpperCase();
    else if (key === 'CHARSET') property.charset = value;
    else property.params.set(key, value);
  }
  return property;
}

/** Decodes a quoted-printable binary string (soft line breaks are already joined). */
function decodeQuotedPrintable(value: string): string {
  return value.replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The property's value as text: transfer encoding undone, then the character set. */
function decodedValue(property: Property, ctx: Context): string {
  let binary = property.value;
  if (property.encoding === 'QUOTED-PRINTABLE') binary = decodeQuotedPrintable(binary);
  else if (property.encoding === 'B' || property.encoding === 'BASE64') {
    try {
      binary = atob(binary.replace(/\s+/g, ''));
    } catch {
      return '';
    }
  }
  if (!/[^\x00-\x7f]/.test(binary)) return binary;
  return decodeCharset(binaryStringToBytes(binary), property.charset ?? 'utf-8');
}

/** Splits a structured value on unescaped separators, keeping the escapes for `unescape`. */
function splitEscaped(value: string, separator: string): string[] {
  const result: string[] = [];
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') i++;
    else if (c === separator) {
      result.push(value.slice(start, i));
      start = i + 1;
    }
  }
  result.push(value.slice(start));
  return result;
}

/** 3.0/4.0 escapes (\\n \\, \\; \\\\, and Apple's \\:); 2.1 only escapes ";". */
function unescapeValue(value: string, version: Version): string {
  if (version === '2.1') return value.replace(/\\;/g, ';');
  return value.replace(/\\(.)/gs, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

function textOf(property: Property, ctx: Context): string {
  return unescapeValue(decodedValue(property, ctx), ctx.version);
}

function nameFromN(property: Property, ctx: Context): string {
  const [family = '', given = '', additional = ''] = splitEscaped(decodedValue(property, ctx), ';');
  const component = (part: string): string =>
    (ctx.version === '2.1' ? [part] : splitEscaped(part, ',')).map((p) => unescapeValue(p, ctx.version)).join(' ');
  return cleanText(`${component(given)} ${component(additional)} ${component(family)}`);
}

/** "tel:+1-555-0100;ext=12" → "+1-555-0100 ext. 12". */
function phoneFromValue(value: string): string {
  const [number = '', ...params] = value.trim().replace(/^tel:/i, '').split(';');
  const ext = params.find((p) => /^ext=/i.test(p.trim()));
  return cleanText(ext ? `${number} ext. ${ext.trim().slice(4)}` : number);
}

function toPerson(properties: readonly Property[], ctx: Context, cardNumber: number): ImportedPerson | null {
  let fullName = '';
  let structuredName = '';
  let organization: string | null = null;
  let title: string | null = null;
  let linkedinUrl: string | null = null;
  const emails: string[] = [];
  const phones: string[] = [];
  const notes: string[] = [];
  const urls: string[] = [];

  const addUrl = (value: string): void => {
    const url = value.trim();
    const profile = safeLinkedInUrl(url);
    if (profile !== null && linkedinUrl === null) linkedinUrl = profile;
    else if (profile !== null && profile !== linkedinUrl && !urls.includes(profile)) urls.push(profile);
    else if (profile === null && (isHttpUrl(url) || looksLikeWebAddress(url)) && !urls.includes(url)) urls.push(url);
  };

  for (const property of properties) {
    switch (property.name) {
      case 'FN':
        if (fullName === '') fullName = cleanText(textOf(property, ctx));
        break;
      case 'N':
        if (structuredName === '') structuredName = nameFromN(property, ctx);
        break;
      case 'EMAIL': {
        const email = textOf(property, ctx).trim().replace(/^mailto:/i, '');
        if (isEmail(email)) emails.push(email);
        break;
      }
      case 'TEL': {
        const phone = phoneFromValue(textOf(property, ctx));
        if (phone !== '') phones.push(phone);
        break;
      }
      case 'ORG': {
        const [first = ''] = splitEscaped(decodedValue(property, ctx), ';');
        const org = cleanText(unescapeValue(first, ctx.version));
        if (organization === null && org !== '') organization = org;
        break;
      }
      case 'TITLE': {
        const value = cleanText(textOf(property, ctx));
        if (title === null && value !== '') title = value;
        break;
      }
      case 'NOTE': {
        const note = textOf(property, ctx).replace(/\r\n?/g, '\n').trim();
        if (note !== '') notes.push(note);
        break;
      }
      case 'URL':
        addUrl(textOf(property, ctx));
        break;
      case 'X-SOCIALPROFILE': {
        const value = textOf(property, ctx).trim();
        const profile = safeLinkedInUrl(value);
        const user = property.params.get('X-USER');
        if (profile) addUrl(profile);
        // Apple may write "x-apple:jane-doe" with the user name in a parameter.
        else if (property.types.has('linkedin') && user) addUrl(`https://www.linkedin.com/in/${user}`);
        break;
      }
      default:
      // PHOTO, LOGO, SOUND, KEY, X-ABLabel and the rest carry nothing we keep.
    }
  }

  const name = fullName !== '' ? fullName : structuredName;
  if (name === '') return null;
  return {
    line: cardNumber,
    name,
    emails: normalizeEmails(emails),
    phones: normalizePhones(phones),
    linkedinUrl,
    organization,
    title,
    notes: notes.length > 0 ? notes.join('\n\n') : null,
    urls,
    connectedOn: null,
  };
}
