/**
 * Opens the database Rapport runs on: embedded SQLite under the data directory by
 * default, PostgreSQL when a `DATABASE_URL` is given. Everything above this module
 * sees one `Kysely<Database>` and a dialect name.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteAdapter, SqliteDialect, type Migration, type MigrationResult } from 'kysely';
import type pg from 'pg';
import type { Database, Dialect } from './schema.ts';
import { migrations } from './migrations/index.ts';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** Where the data lives, for people: a file path or a redacted URL. */
  location: string;
  close(): Promise<void>;
}

const requireModule = createRequire(import.meta.url);
let pgModule: typeof pg | undefined;

/**
 * The `pg` driver, loaded on first use rather than at start: a server on the
 * embedded SQLite never needs it, and loading it costs some 3 MB of resident memory.
 */
export function loadPg(): typeof pg {
  if (!pgModule) {
    pgModule = requireModule('pg') as typeof pg;
    // PostgreSQL bigint (int8) and numeric counts come back as strings by default;
    // our counts fit comfortably in a JS number.
    pgModule.types.setTypeParser(20, (value) => Number.parseInt(value, 10));
  }
  return pgModule;
}

/**
 * SQLite does run DDL inside transactions, but Kysely's adapter says it does not,
 * so its Migrator would apply SQLite migrations without one. Saying so lets a
 * migration that fails halfway roll back whole, as it does on PostgreSQL.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class RapportSqliteDialect extends SqliteDialect {
  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/** The SQLite page cache per connection, in KiB (see openSqlite). */
export const SQLITE_PAGE_CACHE_KIB = 8192;

export function sqliteFilePath(dataDir: string): string {
  return path.join(dataDir, 'rapport.sqlite');
}

export function openSqlite(file: string): Db {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a committed contact survives a power cut, at a small write cost.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  // better-sqlite3 builds SQLite with a 16 MB page cache (SQLite's own default is
  // 2 MB), which a 30,000-row import fills, and keeps: 17 MB more resident memory.
  // 8 MB holds what a large account's reads touch most while the operating system
  // caches the rest of the file (npm run bench, 30,000 contacts: the contact page at
  // offset 15,000 takes 25 ms with 16 MB, 47 ms with 8 MB, 69 ms with 4 MB).
  sqlite.pragma(`cache_size = -${SQLITE_PAGE_CACHE_KIB}`);
  sqlite.pragma('foreign_keys = ON');
  const kysely = new Kysely<Database>({ dialect: new RapportSqliteDialect({ database: sqlite }) });
  return {
    kysely,
    dialect: 'sqlite',
    location: file,
    close: () => kysely.destroy(),
  };
}

export function openPostgres(connectionString: string, poolSize = 10, log: (line: string) => void = (line) => console.error(line)): Db {
  const pool = new (loadPg().Pool)({ connectionString, max: poolSize });
  // An idle connection can be cut (a PostgreSQL restart, an admin's terminate).
  // Without a listener that 'error' event would crash the process; the pool
  // drops the broken client and opens a new one on the next query.
  pool.on('error', (error) => log(`[${new Date().toISOString()}] PostgreSQL connection lost: ${error.message}`));
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kysely,
    dialect: 'postgres',
    location: redactUrl(connectionString),
    close: () => kysely.destroy(),
  };
}

export function openDatabase(options: { databaseUrl?: string | undefined; dataDir: string }): Db {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openSqlite(sqliteFilePath(options.dataDir));
}

/** Applies pending migrations; applying them again is a no-op. */
export async function migrateToLatest(db: Kysely<any>, all: Record<string, Migration> = migrations): Promise<MigrationResult[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => all },
    migrationTableName: 'rapport_migration',
    migrationLockTableName: 'rapport_migration_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return results ?? [];
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
