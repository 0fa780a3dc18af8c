/** One entry point for every import format, shared by the HTTP route and the CLI. */
import { applyContactLimits } from './limits.ts';
import { parseLinkedInConnections } from './linkedin-csv.ts';
import type { ImportFormat, ParsedImport } from './types.ts';
import { parseVCards } from './vcard.ts';

export const IMPORT_FORMATS: readonly ImportFormat[] = ['linkedin', 'vcard'];

export function parseImportFile(format: ImportFormat, bytes: Uint8Array): ParsedImport {
  return applyContactLimits(format === 'linkedin' ? parseLinkedInConnections(bytes) : parseVCards(bytes));
}
