import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/http/security.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS, dialectUnavailable } from '../support/databases.ts';

describe.each(DIALECTS)('HTTP edges on %s', (dialect) => {
  const skip = dialectUnavailable(dialect);
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    if (skip) return;
    t = await createTestApp(dialect);
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
});
