/**
 * import, export, restore and backup through the real CLI, on real files, on both
 * databases — including the round trip SQLite → JSON → PostgreSQL → JSON.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneTemplate, dropDatabase } from '../support/postgres.ts';
import { dialectUnavailable } from '../support/databases.ts';
import { rapport } from './run-cli.ts';

const CONNECTIONS = [
  'Notes:',
  '"When exporting your connection data, you may notice that some of the email addresses are missing."',
  '',
  'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
  'Dana,Reyes,https://www.linkedin.com/in/dana-reyes,dana@contoso.example,Contoso,Head of Design,12 Mar 2024',
  'Sam,Okafor,https://www.linkedin.com/in/sam-okafor,,"Fabrikam, Inc.","=HYPERLINK(""http://evil.example"")",02 Jan 2019',
  ',,,,,,',
  ',,,,Nobody Inc,Ghost,01 Jan 2020',
  '',
].join('\r\n');

describe('data commands of the CLI', () => {
  const pgSkip = dialectUnavailable('postgres');
  let cwd: string;
  let pgName: string | undefined;
  let pgEnv: Record<string, string> = {};

  beforeAll(async () => {
    cwd = mkdtempSync(path.join(tmpdir(), 'rapport-data-cli-'));
    writeFileSync(path.join(cwd, 'Connections.csv'), CONNECTIONS);
    if (!pgSkip) {
      pgName = `rapport_data_cli_${process.pid}_${Date.now()}`;
      pgEnv = { DATABASE_URL: await cloneTemplate(pgName) };
    }
  });
  afterAll(async () => {
    if (pgName) await dropDatabase(pgName);
  });

  it('imports a LinkedIn file with a dry run first, then for real, and again without duplicates', async () => {
    await rapport(['user', 'add', 'seeker@example.com'], { cwd, input: 'a long passphrase\n' });
    const dry = await rapport(['import', 'linkedin', 'Connections.csv', '--dry-run', '--format', 'json'], { cwd });
    expect(dry.stderr).toBe('');
    expect(JSON.parse(dry.stdout)).toEqual({ read: 3, created: 2, updated: 0, unchanged: 0, skipped: [{ line: 8, reason: expect.any(String) }] });
    const list = await rapport(['contacts', 'list', '--format', 'json'], { cwd });
    expect(JSON.parse(list.stdout).total).toBe(0);

    const real = await rapport(['import', 'linkedin', 'Connections.csv'], { cwd });
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(/^Imported Connections\.csv: 3 read, 2 created, 0 updated, 0 unchanged, 1 skipped; 2 new organizations\.\n  skipped line 8: /);
    const again = await rapport(['import', 'linkedin', 'Connections.csv', '--format', 'json'], { cwd });
    expect(JSON.parse(again.stdout)).toMatchObject({ created: 0, unchanged: 2 });

    const broken = path.join(cwd, 'broken.csv');
    writeFileSync(broken, CONNECTIONS.replace('Sam,Okafor', 'Sam,"Okafor'));
    const refused = await rapport(['import', 'linkedin', broken], { cwd });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error IMPORT_MALFORMED: .*[Ll]ine 6/);
    const missing = await rapport(['import', 'vcard', 'nope.vcf'], { cwd });
    expect(missing.stderr).toMatch(/error VALIDATION_FAILED: Cannot read nope\.vcf: ENOENT/);
  });

  it('exports CSV safe for spreadsheets and vCard that imports back', async () => {
    const csv = await rapport(['export', 'csv'], { cwd });
    expect(csv.stdout.startsWith('\uFEFFName,')).toBe(true);
    expect(csv.stdout).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    const vcf = await rapport(['export', 'vcard', '--vcard-version', '3.0', '-o', 'out.vcf'], { cwd });
    expect(vcf.code).toBe(0);
    const cards = readFileSync(path.join(cwd, 'out.vcf'), 'utf8');
    expect(cards.match(/BEGIN:VCARD/g)).toHaveLength(2);
    expect(cards).toContain('VERSION:3.0');
    const reimport = await rapport(['import', 'vcard', 'out.vcf', '--format', 'json'], { cwd });
    expect(JSON.parse(reimport.stdout)).toMatchObject({ read: 2, created: 0 });
    const bad = await rapport(['export', 'pdf'], { cwd });
    expect(bad.stderr).toMatch(/error VALIDATION_FAILED: export takes csv, vcard or json/);
  });

  it('backs up the SQLite database to a verified copy, and refuses to overwrite', async () => {
    const run = await rapport(['backup', 'copy.sqlite'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^Backed up to copy\.sqlite \(\d+ bytes, integrity ok\)\.\n$/);
    const copy = new Database(path.join(cwd, 'copy.sqlite'), { readonly: true });
    expect((copy.prepare('select count(*) as n from contact').get() as { n: number }).n).toBe(2);
    copy.close();
    const again = await rapport(['backup', 'copy.sqlite'], { cwd });
    expect(again.code).toBe(1);
  });

  it.skipIf(pgSkip)('round-trips an account SQLite → JSON → PostgreSQL → JSON unchanged', async () => {
    const out = await rapport(['export', 'json', '-o', 'backup.json'], { cwd });
    expect(out.code).toBe(0);
    expect(statSync(path.join(cwd, 'backup.json')).mode & 0o777).toBe(0o600);
    const restored = await rapport(['restore', 'backup.json'], { cwd, env: pgEnv });
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toBe('Restored 2 contacts and 2 organizations.\n');
    const back = await rapport(['export', 'json'], { cwd, env: pgEnv });
    const strip = (text: string) => ({ ...JSON.parse(text), exportedAt: undefined });
    expect(strip(back.stdout)).toEqual(strip(readFileSync(path.join(cwd, 'backup.json'), 'utf8')));
    const twice = await rapport(['restore', 'backup.json'], { cwd, env: pgEnv });
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/error RESTORE_REFUSED/);
    const backup = await rapport(['backup', 'pg.sqlite'], { cwd, env: pgEnv });
    expect(backup.stderr).toMatch(/PostgreSQL: back it up with pg_dump/);
  });
});
