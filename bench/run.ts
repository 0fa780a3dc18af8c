/**
 * `npm run bench`: how the contact list holds up with 30,000 contacts, through the
 * real HTTP server on each database, as ratios against a bare route of the same
 * server measured in the same run. Writes bench/results.json.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../src/config.ts';
import { matchKey } from '../src/core/normalize.ts';
import type { Dialect } from '../src/db/schema.ts';
import { startServer } from '../src/server.ts';
import { benchFeed } from './feed.ts';
import { benchImports } from './import.ts';
import { NOTES, SEARCHES, seedInterviewNotes } from './notes.ts';

const CONTACTS = 30_000;
const ROUNDS = 300;
const PG_ADMIN = process.env.RAPPORT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Result {
  name: string;
  value: number;
  unit: string;
  reference: number;
  ratio: number;
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timeRequests(url: string, cookie: string, rounds: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    const response = await fetch(url, { headers: { cookie } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    samples.push(performance.now() - start);
  }
  return samples;
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function benchDialect(dialect: Dialect): Promise<Result[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rapport-bench-'));
  const pgName = `rapport_bench_${process.pid}`;
  let databaseUrl: string | undefined;
  if (dialect === 'postgres') {
    await admin(`drop database if exists ${pgName} with (force)`);
    await admin(`create database ${pgName}`);
    const url = new URL(PG_ADMIN);
    url.pathname = `/${pgName}`;
    databaseUrl = url.toString();
  }
  const config: Config = { port: 0, host: '127.0.0.1', dataDir, databaseUrl, publicUrl: 'http://127.0.0.1', secret: 'bench-secret-0123456789-0123456789-abcdef', trustProxy: false };
  const server = await startServer(config, { log: () => undefined });
  try {
    const origin = server.url;
    const setup = await fetch(`${origin}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1' },
      body: JSON.stringify({ name: 'Bench', email: 'bench@example.com', password: 'bench passphrase' }),
    });
    if (setup.status !== 201) throw new Error(`setup: ${setup.status} ${await setup.text()}`);
    const cookie = setup.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const owner = await server.db.kysely.selectFrom('user').select('id').executeTakeFirstOrThrow();

    // Seed straight through SQL: this bench is about reading, not importing.
    const now = Date.now();
    const orgs = Array.from({ length: 500 }, (_, i) => ({
      id: crypto.randomUUID(),
      owner_id: owner.id,
      name: `Organization ${i}`,
      name_key: matchKey(`Organization ${i}`),
      website: null,
      industry: null,
      notes: null,
      version: 1,
      created_at: new Date(now).toISOString(),
      updated_at: new Date(now).toISOString(),
    }));
    await server.db.kysely.transaction().execute(async (trx) => {
      for (let i = 0; i < orgs.length; i += 100) await trx.insertInto('organization').values(orgs.slice(i, i + 100)).execute();
      for (let i = 0; i < CONTACTS; i += 500) {
        const rows = Array.from({ length: Math.min(500, CONTACTS - i) }, (_, j) => {
          const n = i + j;
          const name = `Person ${String((n * 7919) % CONTACTS).padStart(5, '0')} ${['Reyes', 'Chen', 'Okafor', 'Smith', 'García'][n % 5]}`;
          return {
            id: crypto.randomUUID(),
            owner_id: owner.id,
            name,
            name_key: matchKey(name),
            emails: JSON.stringify([`p${n}@example.com`]),
            phones: '[]',
            linkedin_url: null,
            organization_id: orgs[n % orgs.length]!.id,
            title: 'Engineer',
            location: null,
            time_zone: null,
            source: null,
            introduced_by_id: null,
            notes: `Met at ${['the alumni mixer', 'a design meetup', 'a hackathon', 'a conference on cloud costs'][n % 4]}; talked about ${['hiring trends', 'career changes', 'platform teams', 'mentoring'][n % 4]} and ${n % 97 === 0 ? 'sailing' : 'books'}.`,
            version: 1,
            created_at: new Date(now + n).toISOString(),
            updated_at: new Date(now + n).toISOString(),
          };
        });
        await trx.insertInto('contact').values(rows).execute();
        const tags = rows.filter((_, j) => (i + j) % 10 === 0).map((r) => ({ contact_id: r.id, owner_id: owner.id, tag: 'alumni', tag_key: 'alumni', position: 0 }));
        if (tags.length > 0) await trx.insertInto('contact_tag').values(tags).execute();
      }
    });

    // Interview notes for search, indexed by the triggers as they are written.
    await seedInterviewNotes(server.db.kysely, owner.id, NOTES);

    // Fresh statistics, as PostgreSQL's autovacuum would gather within a minute of a bulk load.
    if (dialect === 'postgres') await sql`analyze`.execute(server.db.kysely);
    else await sql`pragma optimize`.execute(server.db.kysely);

    const reference = percentile(await timeRequests(`${origin}/healthz`, cookie, ROUNDS), 95);
    const cases: Array<[string, string]> = [
      ['first page by name', '/api/contacts?limit=100'],
      ['middle page by name (offset 15,000)', '/api/contacts?limit=100&offset=15000'],
      ['last page, recently updated first', '/api/contacts?limit=100&offset=29900&sort=-updated'],
      ['tag filter (3,000 matches)', '/api/contacts?limit=100&tag=alumni'],
      ['name search "okafor"', '/api/contacts?limit=100&q=okafor'],
      // What the Ctrl-K box asks as someone types: contacts and interview notes, 12 at a time.
      ...SEARCHES.map(([q, what]): [string, string] => [
        `full-text search "${q}" with ${NOTES.toLocaleString('en-US')} interview notes (${what})`,
        `/api/search?q=${encodeURIComponent(q)}&limit=12`,
      ]),
    ];
    const results: Result[] = [];
    for (const [label, url] of cases) {
      await timeRequests(`${origin}${url}`, cookie, 20); // warm-up
      const p95 = percentile(await timeRequests(`${origin}${url}`, cookie, ROUNDS), 95);
      results.push({
        name: `${dialect}: p95 over ${CONTACTS.toLocaleString('en-US')} contacts, ${label}`,
        value: round(p95),
        unit: 'ms',
        reference: round(reference),
        ratio: round(p95 / reference),
      });
    }
    return results;
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (dialect === 'postgres') await admin(`drop database if exists ${pgName} with (force)`);
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

const all: Result[] = [];
for (const dialect of ['sqlite', 'postgres'] as const) {
  try {
    all.push(...(await benchDialect(dialect)));
  } catch (error) {
    if (dialect === 'postgres') console.warn(`PostgreSQL bench skipped: ${(error as Error).message}`);
    else throw error;
  }
}
all.push(...(await benchImports(PG_ADMIN)));
all.push(...benchFeed());
writeFileSync(path.resolve('bench/results.json'), `${JSON.stringify(all, null, 2)}\n`);
console.log('references: list — p95 of GET /healthz on the same server; import — raw better-sqlite3 upserts / PostgreSQL COPY of the same rows; memory — the same server idle (budget 150 MB); feed — the same strings concatenated without iCalendar rules');
for (const r of all) console.log(`${r.name}: ${r.value} ${r.unit} (${r.ratio}× reference ${r.reference} ${r.unit})`);
