import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contact, ContactListItem, Organization, Page } from '../../src/shared/api.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS, dialectUnavailable } from '../support/databases.ts';

describe.each(DIALECTS)('contacts API on %s', (dialect) => {
  let t: TestApp;
  let cookie: string;

  beforeAll(async () => {
    if (dialectUnavailable(dialect)) return;
    t = await createTestApp(dialect);
    ({ cookie } = await t.signUpAndIn('seeker@example.com'));
  });
  afterAll(async () => {
    await t?.close();
  });

  const skip = dialectUnavailable(dialect);
  const api = async <T>(method: string, path: string, body?: unknown, expected = 200): Promise<T> => {
    const response = await t.request(method, path, { cookie, body });
    const text = await response.text();
    expect(response.status, `${method} ${path}: ${text}`).toBe(expected);
    return (text ? JSON.parse(text) : undefined) as T;
  };

  it.skipIf(skip)('creates a contact with every field, normalized, and reads it back', async () => {
    const org = await api<Organization>('POST', '/api/organizations', { name: 'Northwind  Traders' }, 201);
    const introducer = await api<Contact>('POST', '/api/contacts', { name: 'Wendy Park' }, 201);
    const created = await api<Contact>(
      'POST',
      '/api/contacts',
      {
        name: '  Dana   Reyes ',
        emails: ['Dana@Northwind.example', 'dana@northwind.example', 'dreyes@home.example'],
        phones: ['+1 415 555 0100'],
        linkedinUrl: 'linkedin.com/in/Dana-Reyes/?trk=abc',
        organizationId: org.id,
        title: 'Head of Design',
        location: 'San Francisco',
        timeZone: 'America/Los_Angeles',
        tags: ['alumni', 'Alumni', 'design'],
        source: 'Alumni mixer 2025',
        introducedById: introducer.id,
        notes: '**Ask** about the design system.\r\n',
      },
      201,
    );
    expect(created).toMatchObject({
      name: 'Dana Reyes',
      emails: ['dana@northwind.example', 'dreyes@home.example'],
      phones: ['+1 415 555 0100'],
      linkedinUrl: 'https://www.linkedin.com/in/dana-reyes',
      organization: { id: org.id, name: 'Northwind Traders' },
      title: 'Head of Design',
      timeZone: 'America/Los_Angeles',
      tags: ['alumni', 'design'],
      source: 'Alumni mixer 2025',
      introducedBy: { id: introducer.id, name: 'Wendy Park' },
      notes: '**Ask** about the design system.\n',
      version: 1,
    });
    const read = await api<Contact>('GET', `/api/contacts/${created.id}`);
    expect(read).toEqual(created);
  });

  it.skipIf(skip)('edits with the current version, bumps it, and refuses a stale version without overwriting', async () => {
    const contact = await api<Contact>('POST', '/api/contacts', { name: 'Sam Okafor', title: 'Analyst', tags: ['finance'] }, 201);
    const edited = await api<Contact>('PATCH', `/api/contacts/${contact.id}`, { version: 1, title: 'Senior Analyst', tags: ['finance', 'mentor'] });
    expect(edited).toMatchObject({ title: 'Senior Analyst', tags: ['finance', 'mentor'], version: 2, name: 'Sam Okafor' });

    const stale = await t.request('PATCH', `/api/contacts/${contact.id}`, { cookie, body: { version: 1, title: 'Intern' } });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: 'VERSION_CONFLICT', details: { currentVersion: 2 } } });
    expect(await api<Contact>('GET', `/api/contacts/${contact.id}`)).toMatchObject({ title: 'Senior Analyst', version: 2 });

    const cleared = await api<Contact>('PATCH', `/api/contacts/${contact.id}`, { version: 2, title: null, tags: [] });
    expect(cleared).toMatchObject({ title: null, tags: [], version: 3 });
  });

  it.skipIf(skip)('refuses bad input with the field at fault and writes nothing', async () => {
    const before = await api<Page<ContactListItem>>('GET', '/api/contacts?limit=1');
    const cases: Array<{ body: unknown; field: string }> = [
      { body: {}, field: 'name' },
      { body: { name: '   ' }, field: 'name' },
      { body: { name: 'X', emails: ['not-an-email'] }, field: 'emails.0' },
      { body: { name: 'X', timeZone: 'Mars/Olympus' }, field: 'timeZone' },
      { body: { name: 'X', linkedinUrl: 'https://example.com/me' }, field: 'linkedinUrl' },
      { body: { name: 'X', organizationId: 'not-an-id' }, field: 'organizationId' },
      { body: { name: 'X', tags: 'one,two' }, field: 'tags' },
      { body: { name: 'X', favouriteColour: 'blue' }, field: '(body)' },
      { body: { name: 'x'.repeat(201) }, field: 'name' },
    ];
    for (const { body, field } of cases) {
      const response = await t.request('POST', '/api/contacts', { cookie, body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      const error = (await response.json()) as { error: { code: string; message: string; details: { issues: { field: string }[] } } };
      expect(error.error.code).toBe('VALIDATION_FAILED');
      expect(error.error.message.length).toBeGreaterThan(5);
      expect(error.error.details.issues.map((i) => i.field)).toContain(field);
    }
    const malformed = await t.request('POST', '/api/contacts', { cookie, rawBody: '{"name": ', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', message: 'The request body is not valid JSON.' } });

    const missingVersion = await t.request('PATCH', `/api/contacts/${crypto.randomUUID()}`, { cookie, body: { name: 'Y' } });
    expect(missingVersion.status).toBe(400);
    expect(await missingVersion.json()).toMatchObject({ error: { details: { issues: [{ field: 'version' }] } } });

    const after = await api<Page<ContactListItem>>('GET', '/api/contacts?limit=1');
    expect(after.total).toBe(before.total);
  });

  it.skipIf(skip)('refuses references to organizations and contacts that do not exist, and self-introduction', async () => {
    const ghost = crypto.randomUUID();
    const response = await t.request('POST', '/api/contacts', { cookie, body: { name: 'Lee', organizationId: ghost, introducedById: ghost } });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { code: string; details: { issues: { field: string }[] } } };
    expect(body.error.code).toBe('INVALID_REFERENCE');
    expect(body.error.details.issues.map((i) => i.field).sort()).toEqual(['introducedById', 'organizationId']);

    const lee = await api<Contact>('POST', '/api/contacts', { name: 'Lee' }, 201);
    const self = await t.request('PATCH', `/api/contacts/${lee.id}`, { cookie, body: { version: 1, introducedById: lee.id } });
    expect(self.status).toBe(422);
    expect((await api<Contact>('GET', `/api/contacts/${lee.id}`)).version).toBe(1);
  });

  it.skipIf(skip)('lists with server-side paging, sorting and filters by tag, organization and text', async () => {
    const org = await api<Organization>('POST', '/api/organizations', { name: 'Paging Labs' }, 201);
    const names = Array.from({ length: 25 }, (_, i) => `Pager ${String(i).padStart(2, '0')}`);
    for (const [i, name] of names.entries()) {
      await api('POST', '/api/contacts', { name, organizationId: org.id, tags: i % 5 === 0 ? ['Fintech'] : ['other'] }, 201);
    }
    const seen: string[] = [];
    for (let offset = 0; offset < 25; offset += 10) {
      const page = await api<Page<ContactListItem>>('GET', `/api/contacts?organizationId=${org.id}&limit=10&offset=${offset}`);
      expect(page.total).toBe(25);
      seen.push(...page.items.map((c) => c.name));
    }
    expect(seen).toEqual(names);

    const desc = await api<Page<ContactListItem>>('GET', `/api/contacts?organizationId=${org.id}&sort=-name&limit=3`);
    expect(desc.items.map((c) => c.name)).toEqual(['Pager 24', 'Pager 23', 'Pager 22']);

    const tagged = await api<Page<ContactListItem>>('GET', '/api/contacts?tag=fintech');
    expect(tagged.items.map((c) => c.name)).toEqual(['Pager 00', 'Pager 05', 'Pager 10', 'Pager 15', 'Pager 20']);
    expect(tagged.items[0]).toMatchObject({ organization: { id: org.id, name: 'Paging Labs' }, tags: ['Fintech'] });

    const byText = await api<Page<ContactListItem>>('GET', '/api/contacts?q=pager%201');
    expect(byText.total).toBe(10);
    const byOrgName = await api<Page<ContactListItem>>('GET', '/api/contacts?q=paging%20labs&limit=1');
    expect(byOrgName.total).toBe(25);
    const literal = await api<Page<ContactListItem>>('GET', '/api/contacts?q=%25');
    expect(literal.total).toBe(0);

    const tags = await api<{ tag: string; count: number }[]>('GET', '/api/contacts/tags');
    expect(tags).toContainEqual({ tag: 'Fintech', count: 5 });

    const badSort = await t.request('GET', '/api/contacts?sort=age', { cookie });
    expect(badSort.status).toBe(400);
    const tooMany = await t.request('GET', '/api/contacts?limit=5000', { cookie });
    expect(tooMany.status).toBe(400);
  });

  it.skipIf(skip)('deletes a contact; contacts they introduced keep existing without the link', async () => {
    const wendy = await api<Contact>('POST', '/api/contacts', { name: 'Introducer' }, 201);
    const dana = await api<Contact>('POST', '/api/contacts', { name: 'Introduced', introducedById: wendy.id, tags: ['x'] }, 201);
    const gone = await t.request('DELETE', `/api/contacts/${wendy.id}`, { cookie });
    expect(gone.status).toBe(204);
    expect((await t.request('GET', `/api/contacts/${wendy.id}`, { cookie })).status).toBe(404);
    expect((await t.request('DELETE', `/api/contacts/${wendy.id}`, { cookie })).status).toBe(404);
    expect(await api<Contact>('GET', `/api/contacts/${dana.id}`)).toMatchObject({ introducedBy: null, tags: ['x'] });
    expect(t.errors).toEqual([]);
  });
});
