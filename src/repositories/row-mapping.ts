/** Small conversions shared by repositories at the database edge. */
import { sql, type RawBuilder } from 'kysely';

/** SQLite hands back the ISO text we stored; PostgreSQL hands back a Date. */
export function toIso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

export function parseJsonArray(value: string): string[] {
  const parsed: unknown = JSON.parse(value);
  return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
}

/** A `LIKE '%…%'` pattern that matches the text literally (no user wildcards). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** `column LIKE pattern ESCAPE '\'`, spelled the same way for both databases. */
export function likeEscaped(column: string, pattern: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
}

/** Both drivers' spelling of "a unique constraint refused this row". */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Both drivers' spelling of "a foreign key refused this row" (the referenced row is gone). */
export function isForeignKeyViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/**
 * A boolean as both databases accept it: SQLite has no boolean type and its
 * driver refuses `true`, while PostgreSQL reads the text '1'/'0' as a boolean.
 */
export function toDbBool(value: boolean): number {
  return value ? 1 : 0;
}

/** SQLite answers 0/1, PostgreSQL true/false. */
export function fromDbBool(value: boolean | number | string | null | undefined): boolean {
  return value === true || value === 1 || value === '1' || value === 't';
}
