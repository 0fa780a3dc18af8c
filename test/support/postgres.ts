/**
 * PostgreSQL for tests: one template database migrated once per run, cloned into a
 * fresh database for each test file (CREATE DATABASE … TEMPLATE), as Immich does.
 */
import pg from 'pg';

export const PG_ADMIN_URL = process.env.RAPPORT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEMPLATE_DB = 'rapport_test_template';

export function databaseUrl(name: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Clones the migrated template; retries while another file's clone holds the template. */
export async function cloneTemplate(name: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(`create database "${name}" template "${TEMPLATE_DB}"`);
      return databaseUrl(name);
    } catch (error) {
      if (attempt < 50 && /being accessed by other users/.test((error as Error).message)) {
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
        continue;
      }
      throw error;
    }
  }
}

export async function dropDatabase(name: string): Promise<void> {
  await adminQuery(`drop database if exists "${name}" with (force)`);
}
