/**
 * PostgreSQL for tests: one template database migrated once per run, cloned into a
 * fresh database for each test file (CREATE DATABASE … TEMPLATE), as Immich does.
 */
import pg from 'pg';
import { inject } from 'vitest';

export const PG_ADMIN_URL = process.env.RAPPORT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** One template per test run, so two runs on one machine never drop each other's. */
export function templateName(runId: number | string): string {
  return `rapport_test_template_${runId}`;
}

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
      await adminQuery(`create database "${name}" template "${inject('postgresTemplate')}"`);
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

/**
 * Drops a test database once its connections are gone. pg's pool resolves `end()`
 * before each socket has closed, and a forced drop at that moment makes the
 * closing client emit an unhandled FATAL; so wait politely first, force last.
 */
export async function dropDatabase(name: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await adminQuery(`drop database if exists "${name}"`);
      return;
    } catch (error) {
      if (!/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await adminQuery(`drop database if exists "${name}" with (force)`);
}
