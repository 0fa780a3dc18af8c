/**
 * A consistent copy of the SQLite database while the server runs and writes to it.
 *
 * `VACUUM INTO` copies the database as of one read transaction: in WAL mode the
 * writers carry on meanwhile and the copy holds exactly the transactions committed
 * before it began (SQLite's online backup API, by contrast, starts over whenever
 * another connection writes, and may never finish under a steady stream of writes).
 * The copy is compacted, in rollback-journal mode (one self-contained file), synced
 * to disk, then opened and checked with `PRAGMA integrity_check`; a copy that is not
 * "ok" is deleted, never left to be mistaken for a good backup.
 *
 * For PostgreSQL use `pg_dump`, or the per-account JSON backup.
 *
 * The source is opened read-only. If no other connection has it open, SQLite
 * leaves its `-wal` and `-shm` files behind after a read-only connection; they
 * are harmless and the next writer takes them over.
 */
import { closeSync, existsSync, fsyncSync, openSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { AppError, validationFailed } from '../core/errors.ts';

export interface SqliteBackupResult {
  bytes: number;
  integrity: 'ok';
}

function fileProblem(message: string): AppError {
  return validationFailed([{ field: 'FILE', message }]);
}

/**
 * Copies `sourceFile` to `targetFile`, which must not exist yet, and checks the copy.
 * Throws VALIDATION_FAILED (field FILE) for a target that exists or cannot be
 * created, NOT_FOUND for a missing source, INTERNAL for a copy that fails its check.
 */
export async function backupSqliteFile(sourceFile: string, targetFile: string): Promise<SqliteBackupResult> {
  const target = path.resolve(targetFile);
  if (path.resolve(sourceFile) === target) throw fileProblem('is the database itself; name a new file.');
  if (!existsSync(sourceFile)) throw new AppError('NOT_FOUND', `There is no SQLite database at ${sourceFile}.`);
  // Created empty and exclusively (VACUUM INTO accepts an empty file): no other
  // file can appear under this name between our check and the copy.
  try {
    closeSync(openSync(target, 'wx'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw fileProblem(`${targetFile} already exists; a backup never overwrites a file. Choose a new name.`);
    if (code === 'ENOENT') throw fileProblem(`the folder ${path.dirname(target)} does not exist.`);
    throw fileProblem(`${targetFile} cannot be created: ${(error as Error).message}`);
  }

  let source: SqliteDatabase.Database;
  try {
    source = new SqliteDatabase(sourceFile, { readonly: true, fileMustExist: true });
  } catch (error) {
    removeCopy(target);
    throw new AppError('NOT_FOUND', `No SQLite database could be opened at ${sourceFile}: ${(error as Error).message}`);
  }
  try {
    // WAL readers seldom wait, but a checkpoint or recovery under way can make them busy for a moment.
    source.pragma('busy_timeout = 5000');
    source.prepare('VACUUM INTO ?').run(target);
  } catch (error) {
    removeCopy(target);
    throw new AppError('INTERNAL', `The database could not be copied: ${(error as Error).message}`);
  } finally {
    source.close();
  }

  try {
    syncToDisk(target);
  } catch (error) {
    removeCopy(target);
    throw new AppError('INTERNAL', `The copy could not be written to disk: ${(error as Error).message}`);
  }
  await verifySqliteCopy(target);
  return { bytes: statSync(target).size, integrity: 'ok' };
}

/**
 * Runs `PRAGMA integrity_check` on a copy; anything but "ok" deletes the file and
 * throws INTERNAL with SQLite's first findings.
 */
export async function verifySqliteCopy(file: string): Promise<'ok'> {
  let findings: string[];
  try {
    const copy = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    try {
      findings = (copy.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
    } finally {
      copy.close();
    }
  } catch (error) {
    findings = [(error as Error).message];
  }
  if (findings.length === 1 && findings[0] === 'ok') return 'ok';
  removeCopy(file);
  throw new AppError('INTERNAL', `The copy failed its integrity check and was deleted: ${findings.slice(0, 5).join('; ')}`, {
    findings: findings.slice(0, 20),
  });
}

function syncToDisk(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeCopy(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(file + suffix, { force: true });
}
