/** GET /api/search through the real app, signed in and not, on each database: contacts and interview notes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contact, SearchResponse } from '../../src/shared/api.ts';
import type { Interview } from '../../src/shared/plan-api.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS, dialectUnavailable } from '../support/databases.ts';

describe.each(DIALECTS)('search API on %s', (dialect) => {
  const skip = dialectUnavailable(dialect);
  let t: TestApp;
  let cookie: string;
  let otherCookie: string;

  beforeAll(async () => {
    if (skip) return;
    t = await createTestApp(dialect);
    ({ cookie } = await t.signUpAndIn('seeker@example.com'));
    ({ cookie: otherCookie } = await t.signUpAndIn('someone@example.com'));
    for (const [who, body] of [
      [cookie, { name: 'Dana Reyes', title: 'Head of Design', tags: ['alumni'] }],
      [cookie, { name: 'Morgan Lee', notes: 'Introduced me to Dana at the design meetup.' }],
      [otherCookie, { name: 'Dana Elsewhere' }],
    ] as const) {
      const response = await t.request('POST', '/api/contacts', { cookie: who, body });
      expect(response.status).toBe(201);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const search = async (query: string, who = cookie) => {
    const response = await t.request('GET', `/api/search${query}`, { cookie: who });
    return { status: response.status, body: (await response.json()) as SearchResponse & { error?: { code: string; details?: { issues?: { field: string }[] } } } };
  };

  it.skipIf(skip)('asks for a sign-in first', async () => {
    const response = await t.request('GET', '/api/search?q=dana');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it.skipIf(skip)('answers the signed-in account’s matches, best first', async () => {
    const { status, body } = await search('?q=dan');
    expect(status).toBe(200);
    expect(body.items.map((i) => i.name)).toEqual(['Dana Reyes', 'Morgan Lee']);
    expect(body.items[0]).toMatchObject({ kind: 'contact', name: 'Dana Reyes', title: 'Head of Design', organization: null });
    expect(body.items[1]?.snippet?.text).toContain('Dana at the design meetup');
    const contact = (await (await t.request('GET', `/api/contacts/${body.items[0]!.id}`, { cookie })).json()) as Contact;
    expect(contact.name).toBe('Dana Reyes');

    expect((await search('?q=dana', otherCookie)).body.items.map((i) => i.name)).toEqual(['Dana Elsewhere']);
  });

  it.skipIf(skip)('answers interview notes too, after the contacts whose name matches, and only the account’s own', async () => {
    const post = async (path: string, body: unknown, who = cookie) => {
      const response = await t.request('POST', path, { cookie: who, body });
      expect(response.status, path).toBe(201);
      return response.json();
    };
    const kim = (await post('/api/contacts', { name: 'Kim Dana-Park' })) as Contact;
    const interview = (await post('/api/interviews', { contactId: kim.id, notes: 'Dana suggested the **lighthouse** project.' })) as Interview;
    const stranger = (await post('/api/contacts', { name: 'Lee Elsewhere' }, otherCookie)) as Contact;
    await post('/api/interviews', { contactId: stranger.id, notes: 'Lighthouse keepers and Dana.' }, otherCookie);

    const { status, body } = await search('?q=lighthouse');
    expect(status).toBe(200);
    expect(body.items).toEqual([
      {
        kind: 'interview',
        id: interview.id,
        name: 'Kim Dana-Park',
        contact: { id: kim.id, name: 'Kim Dana-Park' },
        organization: null,
        // PostgreSQL's ts_headline leaves off the closing full stop.
        snippet: { text: expect.stringMatching(/^Dana suggested the lighthouse project\.?$/), highlights: [[19, 29]] },
      },
    ]);
    // Names first, then other contacts and notes in turn.
    expect((await search('?q=dana')).body.items.map((i) => `${i.kind} ${i.name}`)).toEqual([
      'contact Dana Reyes',
      'contact Kim Dana-Park',
      'contact Morgan Lee',
      'interview Kim Dana-Park',
    ]);
    expect((await search('?q=lighthouse', otherCookie)).body.items.map((i) => `${i.kind} ${i.name}`)).toEqual(['interview Lee Elsewhere']);
    expect((await search('?q=keepers')).body.items).toEqual([]);
  });

  it.skipIf(skip)('limits the answer, 10 by default and never more than 50', async () => {
    expect((await search('?q=d&limit=1')).body.items).toHaveLength(1);
    expect((await search('?q=d&limit=50')).status).toBe(200);
    for (const limit of ['0', '51', 'ten', '1.5', '-1']) {
      const { status, body } = await search(`?q=d&limit=${limit}`);
      expect(status, limit).toBe(400);
      expect(body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ field: 'limit' }] } });
    }
  });

  it.skipIf(skip)('refuses a missing or overlong query, and finds nothing for a blank one', async () => {
    expect((await search('')).status).toBe(400);
    expect((await search(`?q=${'a'.repeat(201)}`)).status).toBe(400);
    expect((await search('?q=%00')).status).toBe(400);
    expect(await search('?q=%20%20')).toEqual({ status: 200, body: { items: [] } });
  });

  it.skipIf(skip)('takes query syntax as text', async () => {
    for (const q of ['"dana', 'dana*', 'NEAR(dana)', "o'dana", 'dana & !x', '(', ':*', '\\']) {
      const { status } = await search(`?q=${encodeURIComponent(q)}`);
      expect(status, q).toBe(200);
    }
    expect(t.errors).toEqual([]);
  });
});
