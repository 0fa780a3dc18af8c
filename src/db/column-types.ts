import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * The column types that differ between the two databases, read off the
 * connection's adapter so one migration file serves both.
 */
export function columnTypes(db: Kysely<any>): { timestamp: 'timestamptz' | 'text'; boolean: 'boolean' | 'integer' } {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? { timestamp: 'timestamptz', boolean: 'boolean' }
    : { timestamp: 'text', boolean: 'integer' };
}
