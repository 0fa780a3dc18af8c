/**
 * Contacts as a CSV file for spreadsheets: UTF-8 with a byte-order mark (so Excel
 * reads accents right), CRLF line endings, a header row, quoting per RFC 4180.
 *
 * Every cell that a spreadsheet could take for a formula is neutralized with a
 * leading `'`, as OWASP advises against CSV injection: a cell whose first character
 * is `=`, `+`, `-`, `@`, a tab or a carriage return. The rule is deliberately blunt
 * and looks at nothing but that first character, so harmless text such as a name
 * "-dash" or a phone "+33 1 23 45 67 89" gets the quote too: telling a formula from
 * text is what the spreadsheet gets wrong, so we do not try. Multi-valued cells
 * (e-mails, phones, tags) are joined with "; " first and checked as one cell.
 *
 * Pure: no I/O, no clock.
 *
 * @example
 * contactsToCsv([contact]) // "\uFEFFName,E-mails,…\r\nDana Reyes,dana@contoso.example,…\r\n"
 */
import type { Contact } from '../shared/api.ts';

export const CSV_HEADER = [
  'Name',
  'E-mails',
  'Phones',
  'LinkedIn URL',
  'Organization',
  'Title',
  'Location',
  'Time zone',
  'Tags',
  'How we met',
  'Introduced by',
  'Connected on',
  'Notes',
  'Created',
  'Updated',
] as const;

const BOM = '\uFEFF';
const EOL = '\r\n';
const LIST_SEPARATOR = '; ';

/** First characters that make a spreadsheet evaluate (or mangle) a cell. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** The cell as written: neutralized against formulas, then quoted if needed. */
export function csvCell(value: string | null | undefined): string {
  let cell = value ?? '';
  if (FORMULA_START.test(cell)) cell = `'${cell}`;
  return NEEDS_QUOTES.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function contactRow(contact: Contact): (string | null)[] {
  return [
    contact.name,
    contact.emails.join(LIST_SEPARATOR),
    contact.phones.join(LIST_SEPARATOR),
    contact.linkedinUrl,
    contact.organization?.name ?? null,
    contact.title,
    contact.location,
    contact.timeZone,
    contact.tags.join(LIST_SEPARATOR),
    contact.source,
    contact.introducedBy?.name ?? null,
    contact.connectedOn,
    contact.notes,
    contact.createdAt,
    contact.updatedAt,
  ];
}

/** The whole file, BOM and header included, one CRLF-terminated line per contact. */
export function contactsToCsv(contacts: readonly Contact[]): string {
  const lines = [CSV_HEADER, ...contacts.map(contactRow)].map((row) => row.map(csvCell).join(','));
  return BOM + lines.map((line) => line + EOL).join('');
}
