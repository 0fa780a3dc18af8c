import { afterEach, describe, expect, it } from 'vitest';
import { cookieHeader, createTestApp, PASSWORD, type TestApp } from '../support/app.ts';
import { DIALECTS, dialectUnavailable } from '../support/databases.ts';

describe.each(DIALECTS)('setup, sign-in and sessions on %s', (dialect) => {
  const skip = dialectUnavailable(dialect);
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it.skipIf(skip)('first run: setup creates the owner, signs them in, and cannot run twice', async () => {
    t = await createTestApp(dialect);
    expect(await (await t.request('GET', '/api/setup')).json()).toEqual({ setUp: false });

    const weak = await t.request('POST', '/api/setup', { body: { name: 'Owner', email: 'owner@example.com', password: 'short' } });
    expect(weak.status).toBe(400);
    expect(await weak.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { issues: [{ field: 'password' }] } } });
    expect(await (await t.request('GET', '/api/setup')).json()).toEqual({ setUp: false });

    const setup = await t.request('POST', '/api/setup', { body: { name: 'Owner', email: 'Owner@Example.com', password: PASSWORD } });
    expect(setup.status).toBe(201);
    expect(await setup.json()).toMatchObject({ user: { email: 'owner@example.com', name: 'Owner' } });
    const cookie = cookieHeader(setup);
    const me = await t.request('GET', '/api/session', { cookie });
    expect(await me.json()).toMatchObject({ user: { email: 'owner@example.com' } });
    expect(await (await t.request('GET', '/api/setup')).json()).toEqual({ setUp: true });

    const again = await t.request('POST', '/api/setup', { body: { name: 'Intruder', email: 'intruder@example.com', password: PASSWORD } });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'ALREADY_SET_UP' } });
    expect((await t.signIn('intruder@example.com')).status).toBe(401);
  });

  it.skipIf(skip)('concurrent setups: exactly one wins', async () => {
    t = await createTestApp(dialect);
    const app = t;
    const results = await Promise.all(
      ['a', 'b', 'c'].map((who) =>
        app.request('POST', '/api/setup', { body: { name: who, email: `${who}@example.com`, password: PASSWORD } }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const users = await app.db.kysely.selectFrom('user').select('email').execute();
    expect(users).toHaveLength(1);
  });

  it.skipIf(skip)('sign-in sets an HTTP-only SameSite cookie, makes a new session each time, and sign-out ends it server-side', async () => {
    t = await createTestApp(dialect);
    const { cookie: first } = await t.signUpAndIn('seeker@example.com');
    const login = await t.signIn('seeker@example.com');
    const setCookie = login.headers.getSetCookie().find((c) => c.startsWith('rapport.session_token='));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const second = cookieHeader(login);
    expect(second).not.toBe(first);
    expect(await t.db.kysely.selectFrom('session').select('id').execute()).toHaveLength(2);

    const out = await t.request('DELETE', '/api/session', { cookie: second });
    expect(out.status).toBe(204);
    expect(await t.db.kysely.selectFrom('session').select('id').execute()).toHaveLength(1);
    // The cookie a browser (or a thief) kept no longer opens anything.
    const reused = await t.request('GET', '/api/contacts', { cookie: second });
    expect(reused.status).toBe(401);
    expect((await t.request('GET', '/api/contacts', { cookie: first })).status).toBe(200);
  });

  it.skipIf(skip)('a wrong password gets INVALID_CREDENTIALS and no session', async () => {
    t = await createTestApp(dialect);
    await t.signUpAndIn('seeker@example.com');
    const sessionsBefore = (await t.db.kysely.selectFrom('session').select('id').execute()).length;
    for (const email of ['seeker@example.com', 'nobody@example.com']) {
      const response = await t.signIn(email, 'wrong password!');
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: 'INVALID_CREDENTIALS', message: 'That e-mail and password do not match an account.' } });
      expect(response.headers.getSetCookie().some((c) => c.startsWith('rapport.session_token=') && !c.startsWith('rapport.session_token=;'))).toBe(false);
    }
    expect((await t.db.kysely.selectFrom('session').select('id').execute()).length).toBe(sessionsBefore);
    const stored = await t.db.kysely.selectFrom('account').select('password').executeTakeFirstOrThrow();
    expect(stored.password).not.toContain(PASSWORD);
    expect(stored.password!.length).toBeGreaterThan(60);
  });

  it.skipIf(skip)('sign-in attempts are rate limited per client', async () => {
    t = await createTestApp(dialect);
    await t.signUpAndIn('seeker@example.com');
    // signUpAndIn used one of the 5 attempts a minute allows.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await t.signIn('seeker@example.com', 'guess number ' + i)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    const limited = await t.signIn('seeker@example.com');
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
  });

  it.skipIf(skip)('behind a trusted proxy, each forwarded client has its own sign-in limit', async () => {
    t = await createTestApp(dialect, { trustProxy: true });
    await t.signUpAndIn('seeker@example.com');
    const from = (ip: string) => ({ headers: { 'x-forwarded-for': `203.0.113.99, ${ip}` } });
    for (let i = 0; i < 5; i++) {
      const response = await t.request('POST', '/api/session', { ...from('198.51.100.1'), body: { email: 'seeker@example.com', password: 'wrong guess!' } });
      expect(response.status).toBe(401);
    }
    const blocked = await t.request('POST', '/api/session', { ...from('198.51.100.1'), body: { email: 'seeker@example.com', password: PASSWORD } });
    expect(blocked.status).toBe(429);
    const neighbour = await t.request('POST', '/api/session', { ...from('198.51.100.2'), body: { email: 'seeker@example.com', password: PASSWORD } });
    expect(neighbour.status).toBe(200);
  });

  it.skipIf(skip)('signing out without a session is harmless', async () => {
    t = await createTestApp(dialect);
    const response = await t.request('DELETE', '/api/session');
    expect(response.status).toBe(204);
  });

  it.skipIf(skip)('state-changing requests from another origin, or with no origin, are refused', async () => {
    t = await createTestApp(dialect);
    const { cookie } = await t.signUpAndIn('seeker@example.com');
    for (const origin of ['https://evil.example', null]) {
      const response = await t.request('POST', '/api/contacts', { cookie, origin, body: { name: 'Planted' } });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: 'CSRF_REJECTED' } });
    }
    const logout = await t.request('DELETE', '/api/session', { cookie, origin: 'https://evil.example' });
    expect(logout.status).toBe(403);
    const contact = (await (await t.request('POST', '/api/contacts', { cookie, body: { name: 'Mine' } })).json()) as { id: string };
    for (const [method, path, body] of [
      ['PATCH', `/api/contacts/${contact.id}`, { version: 1, name: 'Defaced' }],
      ['DELETE', `/api/contacts/${contact.id}`, undefined],
      ['POST', '/api/organizations', { name: 'Planted' }],
      ['POST', '/api/session', { email: 'seeker@example.com', password: PASSWORD }],
      ['POST', '/api/setup', { name: 'X', email: 'x@example.com', password: PASSWORD }],
    ] as const) {
      const response = await t.request(method, path, { cookie, origin: 'https://evil.example', body });
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    expect(await (await t.request('GET', `/api/contacts/${contact.id}`, { cookie })).json()).toMatchObject({ name: 'Mine', version: 1 });
    expect(await (await t.request('GET', '/api/organizations', { cookie })).json()).toMatchObject({ total: 0 });
    await t.request('DELETE', `/api/contacts/${contact.id}`, { cookie });
    const list = await t.request('GET', '/api/contacts', { cookie });
    expect(await list.json()).toMatchObject({ total: 0 });
  });
});
