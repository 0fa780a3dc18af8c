/**
 * `rapport backup FILE` on SQLite: a consistent copy while another process keeps
 * writing, checked by `PRAGMA integrity_check`; never over an existing file; a
 * copy that fails its check is deleted.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupSqliteFile, verifySqliteCopy } from '../../src/backup/sqlite-backup.ts';
import { AppError } from '../../src/core/errors.ts';
import { migrateToLatest, openSqlite } from '../../src/db/database.ts';

const WRITER = fileURLToPath(new URL('./fixtures/sqlite-writer.mjs', import.meta.url));
const ROWS_PER_BATCH = 10;

let dir: string;
let source: string;

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

function count(file: string): number {
  const db = new SqliteDatabase(file, { readonly: true });
  try {
    return (db.prepare('select count(*) as n from item').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Starts the writer process and resolves once it is writing. */
function startWriter(file: string): Promise<ChildProcessWithoutNullStreams> {
  const child = spawn(process.execPath, [WRITER, file], { stdio: 'pipe' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`writer exited early (${code})`)));
    child.stdout.once('data', () => resolve(child));
  });
}

function stopWriter(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.removeAllListeners('exit');
    child.once('exit', () => resolve(out.trim()));
    child.stdin.write('stop\n');
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'rapport-backup-'));
  source = path.join(dir, 'rapport.sqlite');
  // The server's own way of opening the database (WAL, synchronous=FULL), its schema,
  // and a table of batches big enough that the copy takes a moment.
  const db = openSqlite(source);
  await migrateToLatest(db.kysely);
  await db.close();
  const raw = new SqliteDatabase(source);
  raw.exec('create table item (id integer primary key, batch integer not null, payload text not null)');
  const insert = raw.prepare('insert into item (batch, payload) values (?, ?)');
  raw.transaction(() => {
    for (let b = 0; b < 8_000; b++) for (let i = 0; i < ROWS_PER_BATCH; i++) insert.run(b, `seed ${b} ${i} ${'y'.repeat(200)}`);
  })();
  raw.close();
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('backupSqliteFile', () => {
  it('copies a consistent snapshot while another process keeps writing, and checks it', async () => {
    const writer = await startWriter(source);
    let before: number;
    let after: number;
    let result: Awaited<ReturnType<typeof backupSqliteFile>>;
    const target = path.join(dir, 'live-copy.sqlite');
    try {
      // Let it get going, so the backup starts in the middle of a stream of commits.
      const start = count(source);
      while (count(source) < start + 50 * ROWS_PER_BATCH) await new Promise((r) => setTimeout(r, 5));
      before = count(source);
      result = await backupSqliteFile(source, target);
      after = count(source);
    } finally {
      expect(await stopWriter(writer)).toMatch(/^ready\s+wrote \d+$|^wrote \d+$/);
    }

    expect(result).toEqual({ bytes: statSync(target).size, integrity: 'ok' });
    expect(after).toBeGreaterThan(before); // the writer really was writing meanwhile

    const copy = new SqliteDatabase(target, { readonly: true });
    try {
      expect(copy.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      const stats = copy.prepare('select count(*) as n, count(distinct batch) as batches, max(batch) as last from item').get() as {
        n: number;
        batches: number;
        last: number;
      };
      // A snapshot: between the counts before and after, made only of whole transactions, with none missing.
      expect(stats.n).toBeGreaterThanOrEqual(before);
      expect(stats.n).toBeLessThanOrEqual(after);
      expect(stats.n).toBe(stats.batches * ROWS_PER_BATCH);
      expect(stats.last + 1).toBe(stats.batches);
      // The rest of the database came along too.
      const migrations = copy.prepare('select name from rapport_migration order by name').all() as { name: string }[];
      expect(migrations.length).toBeGreaterThan(0);
    } finally {
      copy.close();
    }
    // One self-contained file: no journal files beside the copy.
    expect(existsSync(`${target}-wal`)).toBe(false);
    expect(existsSync(`${target}-shm`)).toBe(false);
  });

  it('never overwrites an existing file, even an empty one', async () => {
    const existing = path.join(dir, 'precious.txt');
    writeFileSync(existing, 'do not touch');
    const error = await refusal(backupSqliteFile(source, existing));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details?.issues).toEqual([{ field: 'FILE', message: expect.stringMatching(/already exists/) }]);
    expect(readFileSync(existing, 'utf8')).toBe('do not touch');

    const empty = path.join(dir, 'empty.sqlite');
    writeFileSync(empty, '');
    expect((await refusal(backupSqliteFile(source, empty))).code).toBe('VALIDATION_FAILED');
    expect(statSync(empty).size).toBe(0);

    expect((await refusal(backupSqliteFile(source, source))).details?.issues?.[0]?.field).toBe('FILE');
  });

  it('names FILE when its folder does not exist, and NOT_FOUND for a missing database', async () => {
    const noFolder = await refusal(backupSqliteFile(source, path.join(dir, 'no', 'such', 'copy.sqlite')));
    expect(noFolder.code).toBe('VALIDATION_FAILED');
    expect(noFolder.details?.issues?.[0]).toEqual({ field: 'FILE', message: expect.stringMatching(/does not exist/) });

    const target = path.join(dir, 'never.sqlite');
    expect((await refusal(backupSqliteFile(path.join(dir, 'missing.sqlite'), target))).code).toBe('NOT_FOUND');
    expect(existsSync(target)).toBe(false);
  });

  it('deletes the copy and reports INTERNAL when the source is not a database', async () => {
    const junk = path.join(dir, 'junk.sqlite');
    writeFileSync(junk, 'this is not a database file at all, just text padding '.repeat(100));
    const target = path.join(dir, 'junk-copy.sqlite');
    const error = await refusal(backupSqliteFile(junk, target));
    expect(error.code).toBe('INTERNAL');
    expect(existsSync(target)).toBe(false);
  });
});

describe('verifySqliteCopy', () => {
  it('deletes a copy whose integrity check is not ok, and says what SQLite found', async () => {
    const file = path.join(dir, 'corrupt.sqlite');
    const db = new SqliteDatabase(file);
    db.exec('create table t (x text); create index t_x on t (x);');
    const insert = db.prepare('insert into t values (?)');
    for (let i = 0; i < 20; i++) insert.run(`value-${i}`);
    const root = (db.prepare("select rootpage from sqlite_master where name = 't_x'").get() as { rootpage: number }).rootpage;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    // Change one key inside the index page: the table and the index now disagree.
    const bytes = readFileSync(file);
    const page = bytes.subarray((root - 1) * pageSize, root * pageSize);
    page.write('VALUE-7', page.indexOf(Buffer.from('value-7')));
    writeFileSync(file, bytes);

    const error = await refusal(verifySqliteCopy(file));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toMatch(/integrity check.*deleted.*missing from index t_x/);
    expect(existsSync(file)).toBe(false);
  });

  it('deletes a copy that is not a database at all', async () => {
    const file = path.join(dir, 'garbage.sqlite');
    writeFileSync(file, 'garbage '.repeat(1000));
    expect((await refusal(verifySqliteCopy(file))).message).toMatch(/not a database/);
    expect(existsSync(file)).toBe(false);
  });

  it('answers ok for a good copy and leaves it in place', async () => {
    const file = path.join(dir, 'good.sqlite');
    new SqliteDatabase(file).exec('create table t (x)').close();
    expect(await verifySqliteCopy(file)).toBe('ok');
    expect(existsSync(file)).toBe(true);
  });
});
