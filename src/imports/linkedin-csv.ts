/**
 * LinkedIn's `Connections.csv` (Settings → Data privacy → Get a copy of your data),
 * parsed into people. Pure: bytes in, `ParsedImport` out, or an `AppError`.
 *
 * The export starts with a "Notes:" preamble whose length LinkedIn changes from time
 * to time, so the header row is found by its content and columns are mapped by name.
 *
 * @example
 * const parsed = parseLinkedInConnections(await file.bytes());
 * parsed.people[0]; // { line: 5, name: 'Dana Reyes', connectedOn: '2024-03-12', … }
 */
import { AppError } from '../core/errors.ts';
import { cleanText, isEmail, normalizeEmails, normalizeLinkedInUrl } from '../core/normalize.ts';
import { decodeText } from './text-decoding.ts';
import type { ImportedPerson, ParsedImport, SkippedRecord } from './types.ts';

type Column = 'first' | 'last' | 'url' | 'email' | 'company' | 'position' | 'connectedOn';

const HEADER_NAMES: Record<string, Column> = {
  'first name': 'first',
  'last name': 'last',
  url: 'url',
  'profile url': 'url',
  'email address': 'email',
  'e-mail address': 'email',
  email: 'email',
  'e-mail': 'email',
  company: 'company',
  position: 'position',
  'connected on': 'connectedOn',
};

type ColumnMap = Partial<Record<Column, number>>;

export const NO_NAME_OR_URL = 'no name or profile URL';

export function parseLinkedInConnections(bytes: Uint8Array): ParsedImport {
  const text = decodeText(bytes);
  const header = findHeaderLine(text);
  if (!header) throw headerNotFound();

  let columns: ColumnMap | null = null;
  const people: ImportedPerson[] = [];
  const skipped: SkippedRecord[] = [];
  // Records are mapped as they are read, so the file is never held as a table of cells.
  readCsv(text, header, (cells, line) => {
    if (columns === null) {
      columns = headerColumns(cells);
      if (!columns) throw headerNotFound();
      return;
    }
    if (isBlank(cells)) return;
    const person = toPerson(cells, line, columns);
    if (person) people.push(person);
    else skipped.push({ line, reason: NO_NAME_OR_URL });
  });
  if (!columns) throw headerNotFound();
  return { format: 'linkedin', read: people.length + skipped.length, people, skipped };
}

/** LinkedIn writes commas; Excel re-saves with the list separator of its locale. */
type Delimiter = ',' | ';' | '\t';
const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

interface HeaderLine {
  line: number;
  /** Offset of the line in the text. */
  offset: number;
  delimiter: Delimiter;
}

/**
 * The first header-looking line that is not inside a quoted preamble field (the
 * preamble is read as comma-separated). When a quote opened in the preamble is never
 * closed, the header is looked for again ignoring quotes.
 */
function findHeaderLine(text: string): HeaderLine | null {
  const quotes: QuoteState = { inQuotes: false };
  let found: HeaderLine | null = null;
  forEachLine(text, (line, lineNumber, offset) => {
    const delimiter = quotes.inQuotes ? null : headerDelimiter(line);
    if (delimiter) {
      found = { line: lineNumber, offset, delimiter };
      return true;
    }
    advanceQuotes(quotes, line);
    return false;
  });
  if (found || !quotes.inQuotes) return found;
  forEachLine(text, (line, lineNumber, offset) => {
    const delimiter = headerDelimiter(line);
    if (delimiter) found = { line: lineNumber, offset, delimiter };
    return delimiter !== null;
  });
  return found;
}

/** The delimiter that makes this line a LinkedIn header, or null when it is not one. */
function headerDelimiter(line: string): Delimiter | null {
  if (!/first\s*name/i.test(line)) return null;
  for (const delimiter of DELIMITERS) {
    const cells = line.split(delimiter).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'));
    if (headerColumns(cells) !== null) return delimiter;
  }
  return null;
}

const LINE_END = /\r\n?|\n/g;

/**
 * Calls `visit` with each line (CRLF, CR and LF each end one), its 1-based number
 * and its offset, until it returns true.
 */
function forEachLine(text: string, visit: (line: string, lineNumber: number, offset: number) => boolean): void {
  LINE_END.lastIndex = 0;
  for (let start = 0, lineNumber = 1; ; lineNumber++) {
    const end = LINE_END.exec(text);
    if (visit(text.slice(start, end ? end.index : text.length), lineNumber, start) || !end) return;
    start = LINE_END.lastIndex;
  }
}

/** Whether a quoted field is open at the end of a line. */
interface QuoteState {
  inQuotes: boolean;
}

/**
 * Carries the quote state over one preamble line with the rules `readCsv` applies:
 * a quote opens a field only at its start, and "" inside quotes is a literal quote.
 */
function advanceQuotes(state: QuoteState, line: string): void {
  if (!state.inQuotes && !line.includes('"')) return;
  let fieldStart = true;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (state.inQuotes) {
      if (c !== QUOTE) continue;
      if (line.charCodeAt(i + 1) === QUOTE) i++;
      else {
        state.inQuotes = false;
        fieldStart = false;
      }
    } else if (c === QUOTE && fieldStart) {
      state.inQuotes = true;
    } else {
      fieldStart = c === COMMA;
    }
  }
}

function headerNotFound(): AppError {
  return new AppError(
    'IMPORT_HEADER_NOT_FOUND',
    'No LinkedIn header row (First Name, Last Name, URL, Email Address, Company, Position, Connected On) was found. ' +
      "Is this the Connections.csv file from LinkedIn's data export?",
  );
}

/** Column positions when the cells are a LinkedIn header row, otherwise null. */
function headerColumns(cells: readonly string[]): ColumnMap | null {
  if (cells.length < 3) return null;
  const columns: ColumnMap = {};
  cells.forEach((cell, index) => {
    const column = HEADER_NAMES[cell.replace(/^\uFEFF/, '').replace(/\s+/g, ' ').trim().toLowerCase()];
    if (column !== undefined && columns[column] === undefined) columns[column] = index;
  });
  const found = columns.first !== undefined && columns.last !== undefined && (columns.url !== undefined || columns.company !== undefined);
  return found ? columns : null;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Reads RFC 4180 records from the header line to the end of the text, calling
 * `onRecord` with each record's cells and the physical line (1-based, in the whole
 * file) it starts on. `cells` is reused: read it, do not keep it.
 *
 * CRLF, CR and LF each end a line, also mixed in one file, and inside quotes each
 * becomes "\n". A quote opens a field only at its start; "" inside quotes is one
 * quote. Rows may have any number of cells; an empty line is a record of one empty
 * cell. Anything else is refused with the line at fault: a quote inside an unquoted
 * field, characters after a closing quote, or a quote never closed (the line it opens on).
 */
function readCsv(text: string, from: HeaderLine, onRecord: (cells: string[], line: number) => void): void {
  const separator = from.delimiter.charCodeAt(0);
  const end = text.length;
  const cells: string[] = [];
  let line = from.line;
  let i = from.offset;
  while (i < end) {
    const recordLine = line;
    cells.length = 0;
    let c: number;
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        const openedOn = line;
        let value = '';
        let start = ++i;
        for (;;) {
          if (i >= end) throw malformed(openedOn, 'a quoted field is never closed (a " is missing).');
          c = text.charCodeAt(i);
          if (c === QUOTE) {
            if (text.charCodeAt(i + 1) !== QUOTE) break;
            value += text.slice(start, i + 1);
            i += 2;
            start = i;
          } else if (c === CR) {
            value += `${text.slice(start, i)}\n`;
            line++;
            i += text.charCodeAt(i + 1) === LF ? 2 : 1;
            start = i;
          } else {
            if (c === LF) line++;
            i++;
          }
        }
        cells.push(value + text.slice(start, i));
        c = text.charCodeAt(++i);
        if (c !== separator && c !== CR && c !== LF && i < end) {
          throw malformed(line, `a quoted field is followed by other characters before the next ${DELIMITER_NAMES[from.delimiter]}.`);
        }
      } else {
        const start = i;
        for (c = text.charCodeAt(i); i < end && c !== separator && c !== CR && c !== LF; c = text.charCodeAt(++i)) {
          if (c === QUOTE) {
            throw malformed(line, 'a quote (") appears inside a field that is not in quotes. Put the whole field in quotes and double the quote ("").');
          }
        }
        cells.push(text.slice(start, i));
      }
      if (c !== separator || i >= end) break;
      i++;
    }
    if (i < end) {
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
    }
    onRecord(cells, recordLine);
  }
}

const DELIMITER_NAMES: Record<Delimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

function malformed(line: number, reason: string): AppError {
  return new AppError('IMPORT_MALFORMED', `Line ${line}: ${reason}`, { line });
}

function toPerson(cells: readonly string[], line: number, columns: ColumnMap): ImportedPerson | null {
  const url = cellAt(cells, columns.url).trim();
  let name = clean(`${cellAt(cells, columns.first)} ${cellAt(cells, columns.last)}`);
  if (name === '' && url === '') return null;

  const linkedinUrl = safeLinkedInUrl(url);
  // A profile with no name (LinkedIn leaves it out for some members) still names a person.
  if (name === '') name = cleanText(profileSlug(linkedinUrl) ?? url);
  const organization = clean(cellAt(cells, columns.company));
  const title = clean(cellAt(cells, columns.position));
  const email = cellAt(cells, columns.email);
  return {
    line,
    name,
    emails: email === '' ? [] : normalizeEmails(email.split(/[\s,;]+/).filter(isEmail)),
    phones: [],
    linkedinUrl,
    organization: organization === '' ? null : organization,
    title: title === '' ? null : title,
    notes: null,
    urls: linkedinUrl === null && looksLikeWebAddress(url) ? [url] : [],
    connectedOn: parseConnectedOn(cellAt(cells, columns.connectedOn)),
  };
}

function cellAt(cells: readonly string[], index: number | undefined): string {
  return index === undefined ? '' : (cells[index] ?? '');
}

function isBlank(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell.trim() !== '') return false;
  return true;
}

/** Words separated by single spaces: what cleanText would return unchanged. */
const CLEAN = /^(\S+( \S+)*)?$/;

/** cleanText, without building a new string for the usual cell that is already clean. */
function clean(value: string): string {
  return CLEAN.test(value) ? value : cleanText(value);
}

/** Already what normalizeLinkedInUrl returns: https, www, lowercase, no escapes, no trailing slash. */
const CANONICAL_PROFILE_URL = /^https:\/\/www\.linkedin\.com\/(in|pub|company|school)\/[a-z0-9_-]+$/;

/** normalizeLinkedInUrl, but a malformed %-escape in the path means "not a profile URL", not a crash. */
export function safeLinkedInUrl(value: string): string | null {
  if (value.trim() === '') return null;
  // Nearly every URL in an export is already canonical; parsing 30,000 of them is most of a large import's parse time.
  if (CANONICAL_PROFILE_URL.test(value)) return value;
  try {
    return normalizeLinkedInUrl(value);
  } catch {
    return null;
  }
}

/** "example.com/jane" or "https://…": worth keeping as a link; "n/a" or "-" is not. */
export function looksLikeWebAddress(value: string): boolean {
  return /^(https?:\/\/)?[^\s/.]+(\.[^\s/.]+)+(\/\S*)?$/i.test(value);
}

function profileSlug(canonicalUrl: string | null): string | null {
  if (!canonicalUrl) return null;
  const slug = canonicalUrl.slice(canonicalUrl.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(slug);
  } catch {
    return slug;
  }
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * LinkedIn writes "12 Mar 2024"; "2024-03-12", "12-Mar-2024" and "Mar 12, 2024" are
 * accepted too. Anything else (or an impossible date) is null, never a failure.
 */
export function parseConnectedOn(value: string): string | null {
  const text = value.trim();
  let year: number;
  let month: number;
  let day: number;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text))) {
    year = Number(match[1]);
    month = Number(match[2]);
    day = Number(match[3]);
  } else if ((match = /^(\d{1,2})[ -]([A-Za-z]{3,9})\.?,?[ -](\d{4})$/.exec(text))) {
    day = Number(match[1]);
    month = monthNumber(match[2]!);
    year = Number(match[3]);
  } else if ((match = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/.exec(text))) {
    month = monthNumber(match[1]!);
    day = Number(match[2]);
    year = Number(match[3]);
  } else {
    return null;
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || year < 1900) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function monthNumber(name: string): number {
  const lower = name.toLowerCase();
  // "Mar", "March" and "Sept" are months; "Marble" is not.
  const index = MONTHS.findIndex((month) => month.startsWith(lower.slice(0, 3)) && (month.startsWith(lower) || lower === 'sept'));
  return index + 1;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
