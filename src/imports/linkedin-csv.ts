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
import { parse } from 'csv-parse/sync';
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

/** A CSV record and the physical line (1-based, in the whole file) it starts on. */
interface Row {
  cells: string[];
  line: number;
}

export const NO_NAME_OR_URL = 'no name or profile URL';

export function parseLinkedInConnections(bytes: Uint8Array): ParsedImport {
  // csv-parse settles on the first line ending it meets; one kind of ending for the
  // whole file keeps mixed files parseable and makes every ending count as one line.
  const text = decodeText(bytes).replace(/\r\n?/g, '\n');
  const header = findHeaderLine(text);
  if (!header) throw headerNotFound();

  // Parsing starts at the header so its width is what csv-parse expects of every row:
  // with the one-cell "Notes:" line first, it would build (and then relax) an error
  // object for every row, which makes a large export several times slower.
  const rest = text.slice(header.offset);
  const lineOffset = header.line - 1;
  let rows: Row[];
  try {
    rows = parseCsv(rest, lineOffset, header.delimiter);
  } catch (error) {
    throw asMalformed(error, rest, lineOffset, header.delimiter);
  }
  const columns = rows[0] ? headerColumns(rows[0].cells) : null;
  if (!columns) throw headerNotFound();

  const people: ImportedPerson[] = [];
  const skipped: SkippedRecord[] = [];
  for (const row of rows.slice(1)) {
    if (row.cells.every((cell) => cell.trim() === '')) continue;
    const person = toPerson(row, columns);
    if (person) people.push(person);
    else skipped.push({ line: row.line, reason: NO_NAME_OR_URL });
  }
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
  const quotes: QuoteState = { inQuotes: false, openedAt: 0 };
  let found: HeaderLine | null = null;
  forEachLine(text, (line, lineNumber, offset) => {
    const delimiter = quotes.inQuotes ? null : headerDelimiter(line);
    if (delimiter) {
      found = { line: lineNumber, offset, delimiter };
      return true;
    }
    advanceQuotes(quotes, line, lineNumber, ',');
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

/** Calls `visit` with each LF-separated line, its 1-based number and its offset, until it returns true. */
function forEachLine(text: string, visit: (line: string, lineNumber: number, offset: number) => boolean): void {
  let lineNumber = 1;
  for (let start = 0; start <= text.length; lineNumber++) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    if (visit(text.slice(start, end), lineNumber, start) || newline < 0) return;
    start = newline + 1;
  }
}

/** Whether a quoted field is open at the end of a line, and the line that opened it. */
interface QuoteState {
  inQuotes: boolean;
  openedAt: number;
}

/**
 * Carries the quote state over one line with the rules csv-parse applies to valid CSV:
 * a quote opens a field only at its start, and "" inside quotes is a literal quote.
 */
function advanceQuotes(state: QuoteState, line: string, lineNumber: number, delimiter: Delimiter): void {
  const separator = delimiter.charCodeAt(0);
  if (!state.inQuotes && !line.includes('"')) return;
  let fieldStart = true;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (state.inQuotes) {
      if (c !== 34) continue;
      if (line.charCodeAt(i + 1) === 34) i++;
      else {
        state.inQuotes = false;
        fieldStart = false;
      }
    } else if (c === 34 && fieldStart) {
      state.inQuotes = true;
      state.openedAt = lineNumber;
    } else {
      fieldStart = c === separator;
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

/**
 * Parses normalized (LF-only) text; `lineOffset` is how many physical lines precede it.
 * Every line belongs to a record (empty lines are records too) and quoted newlines
 * stay in the cells, so a record starts one line after the previous record's start
 * plus the newlines inside it — cheaper than asking csv-parse for per-record info.
 */
function parseCsv(text: string, lineOffset: number, delimiter: Delimiter): Row[] {
  const records = parse(text, {
    bom: false,
    delimiter,
    record_delimiter: '\n',
    quote: '"',
    escape: '"',
    relax_column_count: true,
    skip_empty_lines: false,
  });
  let line = lineOffset + 1;
  return records.map((cells) => {
    const row = { cells, line };
    line += 1 + newlinesIn(cells);
    return row;
  });
}

function newlinesIn(cells: readonly string[]): number {
  let count = 0;
  for (const cell of cells) {
    for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) count++;
  }
  return count;
}

/** Turns a csv-parse error into IMPORT_MALFORMED with the physical line at fault. */
function asMalformed(error: unknown, text: string, lineOffset: number, delimiter: Delimiter): AppError {
  const csvError = error as { code?: unknown; lines?: unknown };
  if (typeof csvError.code !== 'string' || typeof csvError.lines !== 'number') throw error;
  let line = Math.max(csvError.lines, 1) + lineOffset;
  let reason: string;
  switch (csvError.code) {
    case 'CSV_QUOTE_NOT_CLOSED': {
      // csv-parse reports the end of the file; the person needs the opening quote.
      line = unclosedQuoteLine(text, delimiter) + lineOffset;
      reason = 'a quoted field is never closed (a " is missing).';
      break;
    }
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_OPENING_QUOTE':
      reason = 'a quote (") appears inside a field that is not in quotes. Put the whole field in quotes and double the quote ("").';
      break;
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      reason = `a quoted field is followed by other characters before the next ${delimiter === ',' ? 'comma' : delimiter === ';' ? 'semicolon' : 'tab'}.`;
      break;
    default:
      reason = 'this line is not valid CSV.';
  }
  return new AppError('IMPORT_MALFORMED', `Line ${line}: ${reason}`, { line });
}

/** The line of the quote that opens the field csv-parse found never closed. */
function unclosedQuoteLine(text: string, delimiter: Delimiter): number {
  const quotes: QuoteState = { inQuotes: false, openedAt: 1 };
  forEachLine(text, (line, lineNumber) => {
    advanceQuotes(quotes, line, lineNumber, delimiter);
    return false;
  });
  return quotes.openedAt;
}

function toPerson(row: Row, columns: ColumnMap): ImportedPerson | null {
  const cell = (column: Column): string => {
    const index = columns[column];
    return index === undefined ? '' : (row.cells[index] ?? '');
  };
  const url = cell('url').trim();
  let name = cleanText(`${cell('first')} ${cell('last')}`);
  if (name === '' && url === '') return null;

  const linkedinUrl = safeLinkedInUrl(url);
  // A profile with no name (LinkedIn leaves it out for some members) still names a person.
  if (name === '') name = cleanText(profileSlug(linkedinUrl) ?? url);
  const organization = cleanText(cell('company'));
  const title = cleanText(cell('position'));
  return {
    line: row.line,
    name,
    emails: normalizeEmails(
      cell('email')
        .split(/[\s,;]+/)
        .filter((e) => isEmail(e)),
    ),
    phones: [],
    linkedinUrl,
    organization: organization === '' ? null : organization,
    title: title === '' ? null : title,
    notes: null,
    urls: linkedinUrl === null && looksLikeWebAddress(url) ? [url] : [],
    connectedOn: parseConnectedOn(cell('connectedOn')),
  };
}

/** normalizeLinkedInUrl, but a malformed %-escape in the path means "not a profile URL", not a crash. */
export function safeLinkedInUrl(value: string): string | null {
  if (value.trim() === '') return null;
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
