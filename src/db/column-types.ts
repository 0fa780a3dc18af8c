import { PostgresAdapter, sql, type Expression, type Kysely } from 'kysely';

/**
 * The column types that differ between the two databases, read off the
 * connection's adapter so one migration file serves both.
 *
 * `sortKey` is text compared byte by byte in both: SQLite's default (BINARY) and
 * PostgreSQL's "C" collation, so lists sort and page identically on either
 * database whatever locale the PostgreSQL cluster was created with.
 */
export function columnTypes(db: Kysely<any>): {
  timestamp: 'timestamptz' | 'text';
  boolean: 'boolean' | 'integer';
  sortKey: 'text' | Expression<unknown>;
} {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? { timestamp: 'timestamptz', boolean: 'boolean', sortKey: sql`text collate "C"` }
    : { timestamp: 'text', boolean: 'integer', sortKey: 'text' };
}
