/**
 * What every import format is parsed into, before any matching against the
 * database. Parsers are pure: bytes in, people out, or an AppError
 * (IMPORT_MALFORMED / IMPORT_HEADER_NOT_FOUND) naming the line or card at fault.
 */

export type ImportFormat = 'linkedin' | 'vcard';

/** One person read from a file. */
export interface ImportedPerson {
  /** CSV: the 1-based physical line the record starts on. vCard: the 1-based card number. */
  line: number;
  /** Display name, whitespace-cleaned; never empty. */
  name: string;
  emails: string[];
  phones: string[];
  /** Canonical LinkedIn profile URL (normalizeLinkedInUrl), or null. */
  linkedinUrl: string | null;
  organization: string | null;
  title: string | null;
  notes: string | null;
  /** Other web addresses found (vCard URL lines that are not LinkedIn profiles). */
  urls: string[];
  /** ISO date (YYYY-MM-DD) the LinkedIn connection was made, or null. */
  connectedOn: string | null;
}

/** A record the parser read but could not use, and why (e.g. "no name"). */
export interface SkippedRecord {
  line: number;
  reason: string;
}

export interface ParsedImport {
  format: ImportFormat;
  /** Records read (people plus skipped). */
  read: number;
  people: ImportedPerson[];
  skipped: SkippedRecord[];
}

/** What an import did, or with `dryRun`, would do. */
export interface ImportReport {
  dryRun: boolean;
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: SkippedRecord[];
  /** Organizations created from company names. */
  organizationsCreated: number;
}
