/** Printing for the CLI: `--format json` for scripts, `--format table` for people. */
import Table from 'cli-table3';
import { AppError } from '../core/errors.ts';

export type Format = 'json' | 'table';

export function parseFormat(value: string | undefined): Format {
  if (value === undefined || value === 'table') return 'table';
  if (value === 'json') return 'json';
  throw new AppError('VALIDATION_FAILED', `--format must be json or table (got "${value}").`);
}

export function printRows(format: Format, rows: Record<string, unknown>[], columns: string[], json: unknown = rows): void {
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return;
  }
  if (rows.length === 0) {
    process.stdout.write('(none)\n');
    return;
  }
  const table = new Table({ head: columns, style: { head: [], border: [] } });
  for (const row of rows) table.push(columns.map((c) => formatCell(row[c])));
  process.stdout.write(`${table.toString()}\n`);
}

function formatCell(value: unknown): string {
  if (value == null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}
