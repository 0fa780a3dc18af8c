/** A fresh, migrated database of either dialect, for one test file or one block. */
import { inject } from 'vitest';
import { migrateToLatest, openPostgres, openSqlite, type Db } from '../../src/db/database.ts';
import type { Dialect } from '../../src/db/schema.ts';
import { cloneTemplate, dropDatabase } from './postgres.ts';

export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];

/** True when this dialect cannot run here (PostgreSQL down on a laptop; never in CI). */
export function dialectUnavailable(dialect: Dialect): boolean {
  return dialect === 'postgres' && !inject('postgresAvailable');
}

export interface TestDb extends Db {
  /** For PostgreSQL, the URL of this test's own database. */
  url: string | undefined;
}

export async function createTestDb(dialect: Dialect): Promise<TestDb> {
  if (dialect === 'sqlite') {
    const db = openSqlite(':memory:');
    await migrateToLatest(db.kysely);
    return { ...db, url: undefined };
  }
  const name = `rapport_t_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const url = await cloneTemplate(name);
  const db = openPostgres(url, 4);
  return {
    ...db,
    url,
    close: async () => {
      await db.close();
      await dropDatabase(name);
    },
  };
}
