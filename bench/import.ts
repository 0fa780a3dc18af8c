/**
 * Import speed on a generated 30,000-row LinkedIn Connections.csv, against
 * references run in the same process on the same rows:
 *  - SQLite: raw better-sqlite3 upserts of the same parsed rows in one transaction;
 *  - PostgreSQL: COPY of the same rows into a staging table (the issue's budget);
 *    and, like the SQLite reference, which writes into the real contact table, COPY
 *    of the same rows straight into organization and contact — PostgreSQL's fastest
 *    bulk load into the real tables, with their indexes, foreign keys and search index.
 * Also the resident memory of the process after the imports.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createAuth } from '../src/auth/auth.ts';
import { matchKey } from '../src/core/normalize.ts';
import { migrateToLatest, openPostgres, openSqlite, type Db } from '../src/db/database.ts';
import { parseLinkedInConnections } from '../src/imports/linkedin-csv.ts';
import type { ImportedPerson } from '../src/imports/types.ts';
import { addAccount } from '../src/services/account.service.ts';
import { serviceContext } from '../src/services/context.ts';
import { importParsed } from '../src/services/import.service.ts';

export interface Result {
  name: string;
  value: number;
  unit: string;
  reference: number;
  ratio: number;
}

const ROWS = 30_000;
const round = (n: number) => Math.round(n * 100) / 100;

export function generateConnections(rows: number): Uint8Array {
  const lines = ['Notes:', '"When exporting your connection data, you may notice that some of the email addresses are missing."', '', 'First Name,Last Name,URL,Email Address,Company,Position,Connected On'];
  for (let i = 0; i < rows; i++) {
    const company = i % 7 === 0 ? '"Contoso, Ltd."' : `Company ${i % 900}`;
    lines.push(`First${i},Last${i},https://www.linkedin.com/in/person-${i},${i % 3 === 0 ? `p${i}@example.com` : ''},${company},Engineer ${i % 50},${1 + (i % 28)} Mar 2024`);
  }
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}

async function timed<T>(run: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await run();
  return { ms: performance.now() - start, value };
}

async function owner(db: Db): Promise<string> {
  const ctx = serviceContext(db.kysely, db.dialect);
  const auth = createAuth({ db: db.kysely, dialect: db.dialect, secret: 'bench-secret-0123456789-0123456789-abcdef', publicUrl: 'http://127.0.0.1', logLevel: 'error' });
  return (await addAccount(ctx, auth, { name: 'Bench', email: 'bench@example.com', password: 'bench passphrase' })).id;
}

/** The reference: the same people written straight with better-sqlite3, one transaction, one prepared upsert. */
function rawSqliteUpsert(file: string, ownerId: string, people: ImportedPerson[]): void {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  const insert = sqlite.prepare(
    `insert into contact (id, owner_id, name, name_key, emails, phones, linkedin_url, organization_id, title, source, connected_on, version, created_at, updated_at)
     values (?, ?, ?, ?, ?, '[]', ?, null, ?, 'LinkedIn', ?, 1, ?, ?)
     on conflict (id) do update set title = excluded.title, updated_at = excluded.updated_at`,
  );
  const now = new Date().toISOString();
  sqlite.transaction(() => {
    for (const [i, p] of people.entries()) insert.run(`raw-${i}`, ownerId, p.name, matchKey(p.name), JSON.stringify(p.emails), p.linkedinUrl, p.title, p.connectedOn, now, now);
  })();
  sqlite.close();
}

export async function benchImports(pgAdminUrl: string): Promise<Result[]> {
  const results: Result[] = [];
  const bytes = generateConnections(ROWS);
  const people = parseLinkedInConnections(bytes).people;

  // SQLite: the reference and the import each get a fresh file.
  const dir = mkdtempSync(path.join(tmpdir(), 'rapport-bench-import-'));
  try {
    const refDb = openSqlite(path.join(dir, 'reference.sqlite'));
    await migrateToLatest(refDb.kysely);
    const refOwner = await owner(refDb);
    await refDb.close();
    const reference = await timed(() => rawSqliteUpsert(path.join(dir, 'reference.sqlite'), refOwner, people));

    const db = openSqlite(path.join(dir, 'rapport.sqlite'));
    await migrateToLatest(db.kysely);
    const ownerId = await owner(db);
    const ctx = serviceContext(db.kysely, db.dialect);
    const first = await timed(() => importParsed(ctx, ownerId, parseLinkedInConnections(bytes), { dryRun: false }));
    if (first.value.created !== ROWS) throw new Error(`expected ${ROWS} created, got ${first.value.created}`);
    const again = await timed(() => importParsed(ctx, ownerId, parseLinkedInConnections(bytes), { dryRun: false }));
    if (again.value.created !== 0) throw new Error('re-import created contacts');
    await db.close();
    results.push(
      { name: 'sqlite: import 30,000-row Connections.csv end to end (parse, match, write)', value: round(first.ms), unit: 'ms', reference: round(reference.ms), ratio: round(first.ms / reference.ms) },
      { name: 'sqlite: re-import of the same file (nothing changes)', value: round(again.ms), unit: 'ms', reference: round(reference.ms), ratio: round(again.ms / reference.ms) },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // PostgreSQL: COPY of the same rows into a staging table is the reference.
  const admin = new pg.Client({ connectionString: pgAdminUrl });
  try {
    await admin.connect();
  } catch (error) {
    console.warn(`PostgreSQL import bench skipped: ${(error as Error).message}`);
    return results;
  }
  try {
    const tsv = people
      .map((p) => copyLine([p.name, matchKey(p.name), JSON.stringify(p.emails), p.linkedinUrl, p.organization, p.title, p.connectedOn]))
      .join('\n');
    const { reference, first, again } = await withBenchDatabase(admin, pgAdminUrl, `rapport_bench_import_${process.pid}`, async (db, client, ownerId) => {
      await createStaging(client);
      const reference = { ms: await medianCopyMs(client, tsv) };
      const ctx = serviceContext(db.kysely, db.dialect);
      const first = await timed(() => importParsed(ctx, ownerId, parseLinkedInConnections(bytes), { dryRun: false }));
      if (first.value.created !== ROWS) throw new Error(`expected ${ROWS} created, got ${first.value.created}`);
      const again = await timed(() => importParsed(ctx, ownerId, parseLinkedInConnections(bytes), { dryRun: false }));
      if (again.value.created !== 0) throw new Error('re-import created contacts');
      return { reference, first, again };
    });
    // Like the SQLite reference: the same rows loaded straight into the real tables
    // (indexes, foreign keys, the search trigger) by COPY. Its own fresh database, so
    // it loads into empty tables as the import above did.
    const realTables = await withBenchDatabase(admin, pgAdminUrl, `rapport_bench_copy_${process.pid}`, async (_db, client, ownerId) => {
      const { organizations, contacts } = realTableRows(people, ownerId);
      return timed(() => copyIntoRealTables(client, organizations, contacts));
    });
    results.push(
      { name: 'postgres: import 30,000-row Connections.csv end to end', value: round(first.ms), unit: 'ms', reference: round(reference.ms), ratio: round(first.ms / reference.ms) },
      { name: 'postgres: re-import of the same file', value: round(again.ms), unit: 'ms', reference: round(reference.ms), ratio: round(again.ms / reference.ms) },
      {
        name: 'postgres: import 30,000-row Connections.csv end to end, against COPY of the same rows straight into organization and contact (indexes, foreign keys, search index)',
        value: round(first.ms),
        unit: 'ms',
        reference: round(realTables.ms),
        ratio: round(first.ms / realTables.ms),
      },
    );
  } finally {
    await admin.end();
  }

  results.push(...(await serverMemoryAfterImport(bytes)));
  return results;
}

/** A fresh, migrated database with one account, a plain client on it, dropped afterwards. */
async function withBenchDatabase<T>(admin: pg.Client, pgAdminUrl: string, name: string, run: (db: Db, client: pg.Client, ownerId: string) => Promise<T>): Promise<T> {
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const url = new URL(pgAdminUrl);
  url.pathname = `/${name}`;
  const db = openPostgres(url.toString());
  const client = new pg.Client({ connectionString: url.toString() });
  try {
    await migrateToLatest(db.kysely);
    const ownerId = await owner(db);
    await client.connect();
    return await run(db, client, ownerId);
  } finally {
    await client.end().catch(() => undefined);
    await db.close();
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
  }
}

async function createStaging(client: pg.Client): Promise<void> {
  await client.query('create unlogged table staging (name text, name_key text, emails text, linkedin_url text, organization text, title text, connected_on text)');
}

/** The reference: COPY of the parsed rows (tab-separated) into the staging table. */
async function copyStaging(client: pg.Client, tsv: string): Promise<void> {
  await pipeline(Readable.from([`${tsv}\n`]), client.query(copyFrom('copy staging from stdin')));
}

/**
 * The COPY takes some 50 ms, where a busy machine's noise is tens of ms, so one run
 * could halve or double every PostgreSQL ratio: the median of five, each into the
 * emptied staging table.
 */
async function medianCopyMs(client: pg.Client, tsv: string): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    await client.query('truncate staging');
    samples.push((await timed(() => copyStaging(client, tsv))).ms);
  }
  return samples.sort((a, b) => a - b)[2]!;
}

/** COPY's text format: tab-separated, \N for null, backslashes and the separators escaped. */
function copyLine(values: readonly (string | null)[]): string {
  return values.map((v) => (v === null ? '\\N' : v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r'))).join('\t');
}

/** The parsed people as the rows an import of them writes: one organization per company, each contact linked to its own. */
function realTableRows(people: readonly ImportedPerson[], ownerId: string): { organizations: string; contacts: string } {
  const now = new Date().toISOString();
  const organizationIds = new Map<string, string>();
  const organizations: string[] = [];
  const contacts = people.map((p) => {
    let organizationId: string | null = null;
    if (p.organization !== null) {
      const key = matchKey(p.organization);
      organizationId = organizationIds.get(key) ?? null;
      if (organizationId === null) {
        organizationId = randomUUID();
        organizationIds.set(key, organizationId);
        organizations.push(copyLine([organizationId, ownerId, p.organization, key, '1', now, now]));
      }
    }
    return copyLine([randomUUID(), ownerId, p.name, matchKey(p.name), JSON.stringify(p.emails), '[]', p.linkedinUrl, organizationId, p.title, 'LinkedIn', p.connectedOn, p.title, p.organization, '1', now, now]);
  });
  return { organizations: `${organizations.join('\n')}\n`, contacts: `${contacts.join('\n')}\n` };
}

/** Both COPYs in one transaction, as the import writes. */
async function copyIntoRealTables(client: pg.Client, organizations: string, contacts: string): Promise<void> {
  await client.query('begin');
  await pipeline(Readable.from([organizations]), client.query(copyFrom('copy organization (id, owner_id, name, name_key, version, created_at, updated_at) from stdin')));
  await pipeline(
    Readable.from([contacts]),
    client.query(
      copyFrom(
        `copy contact (id, owner_id, name, name_key, emails, phones, linkedin_url, organization_id, title, source, connected_on, imported_title, imported_organization, version, created_at, updated_at) from stdin`,
      ),
    ),
  );
  await client.query('commit');
}

/** The node flags of `npm start` (`node FLAGS dist/server/rapport.mjs serve`), so the bench measures what users run. */
function startNodeFlags(): string[] {
  const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start;
  const flags = /\bnode ((?:--[\w-]+(?:=\S+)? )*)dist\/server\/rapport\.mjs/.exec(start);
  if (!flags) throw new Error(`npm start no longer runs "node … dist/server/rapport.mjs": ${start}`);
  return flags[1]!.trim().split(' ').filter(Boolean);
}

/** Resident memory after `seconds` of idling: V8's memory reducer gives back what the import left some seconds after it. */
async function residentMiBAfter(pid: number, seconds: number): Promise<number> {
  await new Promise((r) => setTimeout(r, seconds * 1000));
  return residentMiB(pid);
}

function residentMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 'NaN');
  return kb / 1024;
}

/**
 * A real `rapport serve` process on SQLite, started the way `npm start` starts it
 * (the same node flags, read from package.json): its resident memory once started
 * (the reference), at its highest during the import of the 30,000-row file over
 * HTTP, right after it, and 15 s later (once V8's memory reducer has run on the idle
 * heap). The budget is 150 MB after the import.
 */
async function serverMemoryAfterImport(bytes: Uint8Array): Promise<Result[]> {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rapport-bench-rss-'));
  // The bundle `npm start` runs (npm run bench builds it first).
  const child = spawn(process.execPath, [...startNodeFlags(), path.resolve('dist/server/rapport.mjs'), 'serve'], {
    env: { PATH: process.env.PATH ?? '', PORT: String(port), RAPPORT_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Rapport is running')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    const origin = `http://127.0.0.1:${port}`;
    const setup = await fetch(`${origin}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ name: 'Bench', email: 'bench@example.com', password: 'bench passphrase' }),
    });
    const cookie = setup.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const idle = residentMiB(child.pid!);
    // The highest reading while the import runs, sampled every 5 ms.
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, residentMiB(child.pid!))), 5);
    let report: { created: number };
    let after: number;
    try {
      const response = await fetch(`${origin}/api/imports/linkedin?dryRun=false`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', origin, cookie },
        body: new Blob([bytes as Uint8Array<ArrayBuffer>]),
      });
      report = (await response.json()) as { created: number };
      after = residentMiB(child.pid!);
    } finally {
      clearInterval(sampler);
    }
    if (report.created !== ROWS) throw new Error(`server import created ${report.created}`);
    const settled = await residentMiBAfter(child.pid!, 15);
    return [
      { name: 'sqlite server resident memory at its highest while importing 30,000 rows over HTTP (sampled every 5 ms)', value: round(peak), unit: 'MiB', reference: round(idle), ratio: round(peak / idle) },
      { name: 'sqlite server resident memory right after importing 30,000 rows over HTTP (budget 150 MB = 143 MiB)', value: round(after), unit: 'MiB', reference: round(idle), ratio: round(after / idle) },
      { name: 'sqlite server resident memory 15 s after the import (budget 150 MB = 143 MiB)', value: round(settled), unit: 'MiB', reference: round(idle), ratio: round(settled / idle) },
    ];
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
