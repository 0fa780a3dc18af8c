import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneTemplate, dropDatabase } from '../support/postgres.ts';
import { DIALECTS, dialectUnavailable } from '../support/databases.ts';
import { rapport } from './run-cli.ts';

describe.each(DIALECTS)('the rapport CLI on %s', (dialect) => {
  const skip = dialectUnavailable(dialect);
  let cwd: string;
  let env: Record<string, string> = {};
  let pgName: string | undefined;

  beforeAll(async () => {
    cwd = mkdtempSync(path.join(tmpdir(), 'rapport-cli-'));
    if (dialect === 'postgres' && !skip) {
      pgName = `rapport_cli_${process.pid}_${Date.now()}`;
      env = { DATABASE_URL: await cloneTemplate(pgName) };
    }
  });
  afterAll(async () => {
    if (pgName) await dropDatabase(pgName);
  });

  it.skipIf(skip)('migrates, adds a user with the password from stdin, adds and lists contacts', async () => {
    const migrate = await rapport(['db', 'migrate'], { cwd, env });
    expect(migrate.stderr).toBe('');
    expect(migrate.code).toBe(0);
    const again = await rapport(['db', 'migrate', '--format', 'json'], { cwd, env });
    expect(JSON.parse(again.stdout)).toEqual({ applied: [], database: dialect });

    const none = await rapport(['contacts', 'list'], { cwd, env });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/There is no account yet. Create one with: rapport user add EMAIL/);

    const add = await rapport(['user', 'add', 'seeker@example.com', '--name', 'Sky'], { cwd, env, input: 'a long passphrase\n' });
    expect(add.stderr).toBe('');
    expect(add.stdout).toBe('Created account seeker@example.com.\n');
    const dup = await rapport(['user', 'add', 'seeker@example.com'], { cwd, env, input: 'a long passphrase\n' });
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/error DUPLICATE: An account for seeker@example.com already exists/);
    const weak = await rapport(['user', 'add', 'other@example.com'], { cwd, env, input: 'short\n' });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/password: must be at least 10 characters/);

    const contact = await rapport(
      ['contacts', 'add', '--name', 'Dana Reyes', '--email', 'dana@contoso.example', '--organization', 'Contoso', '--tag', 'alumni', '--title', 'Designer'],
      { cwd, env },
    );
    expect(contact.stderr).toBe('');
    expect(contact.stdout).toMatch(/^Added Dana Reyes \(Contoso\) — id [0-9a-f-]{36}\n$/);
    await rapport(['contacts', 'add', '--name', 'Ari Chen', '--organization', 'contoso', '--format', 'json'], { cwd, env });

    const json = await rapport(['contacts', 'list', '--format', 'json'], { cwd, env });
    const page = JSON.parse(json.stdout) as { total: number; items: { name: string; organization: { name: string }; tags: string[] }[] };
    expect(page.total).toBe(2);
    expect(page.items.map((c) => [c.name, c.organization.name])).toEqual([
      ['Ari Chen', 'Contoso'],
      ['Dana Reyes', 'Contoso'],
    ]);

    const table = await rapport(['contacts', 'list', '--tag', 'alumni'], { cwd, env });
    expect(table.stdout).toMatch(/Dana Reyes\s+│ Contoso\s+│ Designer\s+│ dana@contoso\.example │ alumni/);
    expect(table.stdout).not.toMatch(/Ari Chen/);

    const bad = await rapport(['contacts', 'add', '--name', 'X', '--email', 'nope', '--time-zone', 'Mars/Base'], { cwd, env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/error VALIDATION_FAILED/);
    expect(bad.stderr).toMatch(/emails\.0: is not an e-mail address/);
    expect(bad.stderr).toMatch(/timeZone: is not a time zone name/);
  });

  it.skipIf(skip)('refuses to start on bad configuration, listing every problem', async () => {
    const run = await rapport(['serve', '--port', '70000'], {
      cwd,
      env: { DATABASE_URL: 'postgres://nobody:secret@127.0.0.1:1/none', RAPPORT_PUBLIC_URL: 'ftp://x' },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Rapport cannot start:/);
    expect(run.stderr).toMatch(/PORT "70000" must be between 1 and 65535/);
    expect(run.stderr).toMatch(/RAPPORT_PUBLIC_URL must be http:\/\/ or https:\/\//);
    // What the machine says is listed with what the settings say, in one report.
    expect(run.stderr).toMatch(/DATABASE_URL postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none is unreachable/);
    expect(run.stderr).not.toMatch(/secret/);

    const blocker = path.join(cwd, 'not-a-dir');
    writeFileSync(blocker, '');
    const unwritable = await rapport(['serve', '--port', 'x'], { cwd, env: { RAPPORT_DATA_DIR: path.join(blocker, 'data') } });
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toMatch(/PORT "x" must be a number/);
    expect(unwritable.stderr).toMatch(/RAPPORT_DATA_DIR .*not-a-dir\/data is not writable/);
  });

  it.skipIf(skip)('says so when the port is taken, instead of a stack trace', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const port = (squatter.address() as { port: number }).port;
    try {
      const run = await rapport(['serve', '--port', String(port)], { cwd, env });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`PORT ${port} on 127.0.0.1 is already in use`);
    } finally {
      squatter.close();
    }
  });
});
