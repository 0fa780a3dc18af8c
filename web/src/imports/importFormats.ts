import type { ImportFormat } from '../api/index.ts';

export interface FormatInfo {
  label: string;
  /** What the drop zone asks for. */
  fileHint: string;
  /** What react-dropzone accepts: MIME types and the extensions that go with them. */
  accept: Record<string, string[]>;
  extensions: string;
  /** In the skipped list and errors: CSV rows are lines, vCards are cards. */
  unit: 'Line' | 'Card';
}

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export const FORMATS: Record<ImportFormat, FormatInfo> = {
  linkedin: {
    label: 'LinkedIn',
    fileHint: 'Connections.csv',
    // Windows often labels .csv files as Excel; the extension decides.
    accept: { 'text/csv': ['.csv'], 'application/vnd.ms-excel': ['.csv'] },
    extensions: '.csv',
    unit: 'Line',
  },
  vcard: {
    label: 'vCard',
    fileHint: 'a .vcf file',
    accept: { 'text/vcard': ['.vcf', '.vcard'], 'text/x-vcard': ['.vcf', '.vcard'], 'text/directory': ['.vcf', '.vcard'] },
    extensions: '.vcf or .vcard',
    unit: 'Card',
  },
};

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const mb = bytes / 1024 / 1024;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
