import type { TestProject } from 'vitest/node';
import { migrateToLatest, openPostgres } from '../../src/db/database.ts';
import { adminQuery, databaseUrl, dropDatabase, PG_ADMIN_URL, templateName } from './postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAvailable: boolean;
    postgresTemplate: string;
  }
}

/**
 * Migrates the PostgreSQL template once. Without PostgreSQL, tests of that dialect
 * are skipped on a laptop but fail the run in CI (CI=true).
 */
export default async function setup(project: TestProject) {
  const TEMPLATE_DB = templateName(process.pid);
  project.provide('postgresTemplate', TEMPLATE_DB);
  try {
    await dropDatabase(TEMPLATE_DB);
    await adminQuery(`create database "${TEMPLATE_DB}"`);
  } catch (error) {
    if (process.env.CI === 'true') {
      throw new Error(`PostgreSQL is required in CI but ${PG_ADMIN_URL} is unreachable: ${(error as Error).message}`);
    }
    console.warn(`PostgreSQL unreachable at ${PG_ADMIN_URL}; PostgreSQL tests will be skipped.`);
    project.provide('postgresAvailable', false);
    return;
  }
  const db = openPostgres(databaseUrl(TEMPLATE_DB), 1);
  await migrateToLatest(db.kysely);
  await db.close();
  project.provide('postgresAvailable', true);
  return async () => {
    await dropDatabase(TEMPLATE_DB);
  };
}
