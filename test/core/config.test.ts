import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfigAtRuntime, resolveConfig } from '../../src/config.ts';

const cwd = '/srv/rapport';

describe('resolveConfig', () => {
  it('defaults to SQLite under ./data on 127.0.0.1:7420', () => {
    expect(resolveConfig({}, {}, cwd)).toEqual({
      ok: true,
      config: { port: 7420, host: '127.0.0.1', dataDir: '/srv/rapport/data', databaseUrl: undefined, publicUrl: 'http://127.0.0.1:7420', secret: undefined, trustProxy: false },
    });
  });

  it('takes flags over environment over defaults', () => {
    const env = { PORT: '8000', HOST: '0.0.0.0', RAPPORT_DATA_DIR: '/var/lib/rapport', RAPPORT_PUBLIC_URL: 'https://rapport.example.edu/' };
    const result = resolveConfig({ port: '9000', dataDir: 'here' }, env, cwd);
    expect(result).toMatchObject({ ok: true, config: { port: 9000, host: '0.0.0.0', dataDir: '/srv/rapport/here', publicUrl: 'https://rapport.example.edu' } });
    expect(resolveConfig({}, { PORT: '8000', HOST: '0.0.0.0' }, cwd)).toMatchObject({ config: { publicUrl: 'http://127.0.0.1:8000' } });
  });

  it('lists every problem at once', () => {
    const result = resolveConfig(
      { port: 'eighty' },
      { DATABASE_URL: 'mysql://root@localhost/db', RAPPORT_PUBLIC_URL: 'https://example.org/rapport', RAPPORT_SECRET: 'short', HOST: 'bad host' },
      cwd,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(5);
    expect(result.problems.join('\n')).toMatch(/PORT "eighty"/);
    expect(result.problems.join('\n')).toMatch(/DATABASE_URL must start with postgres:\/\//);
    expect(result.problems.join('\n')).toMatch(/RAPPORT_PUBLIC_URL must be an origin without a path/);
    expect(result.problems.join('\n')).toMatch(/RAPPORT_SECRET must be at least 32 characters/);
    expect(result.problems.join('\n')).toMatch(/HOST "bad host"/);
  });

  it.each(['0', '65536', '80.5', '-1'])('refuses port %s', (port) => {
    expect(resolveConfig({ port }, {}, cwd)).toMatchObject({ ok: false, problems: [expect.stringMatching(/^PORT/)] });
  });
});

describe('checkConfigAtRuntime', () => {
  it('refuses a data directory that cannot be written', async () => {
    const base = mkdtempSync(path.join(tmpdir(), 'rapport-config-'));
    const file = path.join(base, 'a-file');
    writeFileSync(file, 'not a directory');
    const result = resolveConfig({ dataDir: path.join(file, 'data') }, {}, cwd);
    if (!result.ok) throw new Error('config should parse');
    const problems = await checkConfigAtRuntime(result.config);
    expect(problems).toEqual([expect.stringMatching(/^RAPPORT_DATA_DIR .* is not writable/)]);
  });

  it('refuses an unreachable DATABASE_URL, without printing its password', async () => {
    const result = resolveConfig({}, { DATABASE_URL: 'postgres://rapport:hunter2@127.0.0.1:1/rapport' }, cwd);
    if (!result.ok) throw new Error('config should parse');
    const problems = await checkConfigAtRuntime(result.config);
    expect(problems).toEqual([expect.stringMatching(/^DATABASE_URL postgres:\/\/rapport:\*\*\*@127\.0\.0\.1:1\/rapport is unreachable/)]);
  });
});
