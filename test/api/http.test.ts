import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/http/security.ts';
import { DEFAULT_WEB_ROOT } from '../../src/server.ts';
import type { Contact } from '../../src/shared/api.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS, dialectUnavailable } from '../support/databases.ts';
import { PG_ADMIN_URL } from '../support/postgres.ts';

const webBuilt = existsSync(path.join(DEFAULT_WEB_ROOT, 'index.html'));
if (!webBuilt && process.env.CI === 'true') throw new Error('Build the web app first (npm run build:web).');

describe.each(DIALECTS)('HTTP edges on %s', (dialect) => {
  const skip = dialectUnavailable(dialect);
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    if (skip) return;
    t = await createTestApp(dialect, { webRoot: DEFAULT_WEB_ROOT });
    ({ cookie } = await t.signUpAndIn('seeker@example.com'));
  });
  afterAll(async () => {
    await t?.close();
  });

  it.skipIf(skip)('GET /healthz names the database', async () => {
    const response = await t.request('GET', '/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, db: dialect });
  });

  it.skipIf(skip)('every answer carries the security headers', async () => {
    for (const path of ['/healthz', '/api/contacts', '/nowhere']) {
      const response = await t.request('GET', path, { cookie });
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it.skipIf(skip)('unknown routes answer a JSON 404, and better-auth’s own endpoints are not exposed', async () => {
    for (const [method, path] of [
      ['GET', '/api/nothing-here'],
      ['POST', '/api/auth/sign-up/email'],
      ['GET', '/api/auth/get-session'],
    ] as const) {
      const response = await t.request(method, path, { cookie, body: method === 'POST' ? { email: 'x@y.z', password: 'longenough!!', name: 'x' } : undefined });
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      expect(await response.json()).toMatchObject({ error: { code: 'ROUTE_NOT_FOUND' } });
    }
    const users = await t.db.kysely.selectFrom('user').select('email').execute();
    expect(users.map((u) => u.email)).toEqual(['seeker@example.com']);
  });

  it.skipIf(skip)('an oversized body is refused with BODY_TOO_LARGE and nothing is written', async () => {
    const notes = 'a'.repeat(MAX_BODY_BYTES + 10);
    const response = await t.request('POST', '/api/contacts', { cookie, body: { name: 'Huge', notes } });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'BODY_TOO_LARGE' } });
    expect(await (await t.request('GET', '/api/contacts', { cookie })).json()).toMatchObject({ total: 0 });
  });

  it.skipIf(skip)('a body that is not JSON is refused with UNSUPPORTED_MEDIA_TYPE', async () => {
    const response = await t.request('POST', '/api/contacts', { cookie, rawBody: 'name=Form', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
  });

  it.skipIf(skip)('malformed ids answer 404, like ids that do not exist', async () => {
    for (const path of ['/api/contacts/not-a-uuid', `/api/contacts/${crypto.randomUUID()}`, "/api/organizations/1'%20or%201=1"]) {
      const response = await t.request('GET', path, { cookie });
      expect(response.status, path).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
  });

  it.skipIf(skip || !webBuilt)('serves the web app with the same headers; a missing file is a JSON 404, a client route is the page', async () => {
    for (const route of ['/', '/contacts/some-client-route']) {
      const page = await t.request('GET', route);
      expect(page.status, route).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(await page.text()).toContain('<div id="root">');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
    const html = await (await t.request('GET', '/')).text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const script = await t.request('GET', asset!);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toContain('immutable');
    for (const missing of ['/assets/missing.js', '/robots.txt']) {
      const response = await t.request('GET', missing);
      expect(response.status, missing).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'ROUTE_NOT_FOUND' } });
    }
    const anonymousUnknown = await t.request('GET', '/api/nothing-here');
    expect(anonymousUnknown.status).toBe(404);
  });

  it.skipIf(skip)('a request for another host name (DNS rebinding) is refused before anything runs', async () => {
    const rebound = { host: 'evil.example:7420' };
    const setup = await t.request('POST', '/api/setup', {
      origin: 'http://evil.example:7420',
      headers: rebound,
      body: { name: 'Mallory', email: 'mallory@example.com', password: 'a long passphrase' },
    });
    expect(setup.status).toBe(421);
    expect(await setup.json()).toMatchObject({ error: { code: 'HOST_NOT_ALLOWED' } });
    const page = await t.request('GET', '/api/setup', { headers: rebound });
    expect(page.status).toBe(421);
    const users = await t.db.kysely.selectFrom('user').select('email').execute();
    expect(users.map((u) => u.email)).toEqual(['seeker@example.com']);
    // Monitors may probe by IP address.
    expect((await t.request('GET', '/healthz', { headers: { host: '10.0.0.5:7420' } })).status).toBe(200);
  });

  it.skipIf(skip)('NUL bytes and broken Unicode are refused the same way on both databases', async () => {
    for (const body of [{ name: 'a\u0000b' }, { name: 'Ok', notes: 'x\uD800y' }, { name: 'Ok', tags: ['fine', 'bad\u0000'] }]) {
      const response = await t.request('POST', '/api/contacts', { cookie, body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { issues: [{ message: 'contains a NUL or broken Unicode character' }] } } });
    }
    for (const query of ['q=%00', 'tag=a%00b']) {
      const response = await t.request('GET', `/api/contacts?${query}`, { cookie });
      expect(response.status, query).toBe(400);
    }
    const emoji = await t.request('POST', '/api/contacts', { cookie, body: { name: 'Zoë 🌱 Ngata' } });
    expect(emoji.status).toBe(201);
    expect(((await emoji.json()) as Contact).name).toBe('Zoë 🌱 Ngata');
    // Unknown query parameters (cache busters) are ignored, not refused.
    expect((await t.request('GET', '/api/contacts?_=123', { cookie })).status).toBe(200);
  });

  it.skipIf(skip)('a delete that names a stale version is refused and deletes nothing', async () => {
    const created = (await (await t.request('POST', '/api/contacts', { cookie, body: { name: 'Versioned' } })).json()) as Contact;
    await t.request('PATCH', `/api/contacts/${created.id}`, { cookie, body: { version: 1, title: 'Changed elsewhere' } });
    const stale = await t.request('DELETE', `/api/contacts/${created.id}?version=1`, { cookie });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: 'VERSION_CONFLICT', details: { currentVersion: 2 } } });
    expect((await t.request('GET', `/api/contacts/${created.id}`, { cookie })).status).toBe(200);
    expect((await t.request('DELETE', `/api/contacts/${created.id}?version=2`, { cookie })).status).toBe(204);
  });

  it.skipIf(skip || dialect !== 'postgres')('survives PostgreSQL cutting its connections', async () => {
    expect((await t.request('GET', '/healthz')).status).toBe(200);
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    const database = new URL(t.db.url!).pathname.slice(1);
    const cut = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [database]);
    await admin.end();
    expect(cut.rowCount).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    // The pool replaces the dead connections; the next requests succeed.
    let status = 0;
    for (let attempt = 0; attempt < 5 && status !== 200; attempt++) status = (await t.request('GET', '/api/contacts', { cookie })).status;
    expect(status).toBe(200);
    expect(t.errors.filter((line) => !/PostgreSQL connection lost|terminating connection/.test(line))).toEqual([]);
  });
});
