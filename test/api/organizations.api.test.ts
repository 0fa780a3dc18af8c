import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contact, Organization, Page } from '../../src/shared/api.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS, dialectUnavailable } from '../support/databases.ts';

describe.each(DIALECTS)('organizations API on %s', (dialect) => {
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
  const api = async <T>(method: string, path: string, body?: unknown, expected = 200): Promise<T> => {
    const response = await t.request(method, path, { cookie, body });
    const text = await response.text();
    expect(response.status, `${method} ${path}: ${text}`).toBe(expected);
    return (text ? JSON.parse(text) : undefined) as T;
  };

  it.skipIf(skip)('creates, reads, edits with versions, lists with contact counts', async () => {
    const org = await api<Organization>('POST', '/api/organizations', { name: 'Contoso', website: 'contoso.example', industry: 'Software', notes: '# Why\nGood mentors' }, 201);
    expect(org).toMatchObject({ name: 'Contoso', website: 'https://contoso.example', industry: 'Software', contactCount: 0, version: 1 });
    await api<Contact>('POST', '/api/contacts', { name: 'Ana', organizationId: org.id }, 201);
    await api<Contact>('POST', '/api/contacts', { name: 'Ben', organizationId: org.id }, 201);
    expect((await api<Organization>('GET', `/api/organizations/${org.id}`)).contactCount).toBe(2);

    const edited = await api<Organization>('PATCH', `/api/organizations/${org.id}`, { version: 1, industry: 'Cloud software', website: null });
    expect(edited).toMatchObject({ industry: 'Cloud software', website: null, version: 2 });
    const stale = await t.request('PATCH', `/api/organizations/${org.id}`, { cookie, body: { version: 1, industry: 'Retail' } });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: 'VERSION_CONFLICT', details: { currentVersion: 2 } } });
    expect((await api<Organization>('GET', `/api/organizations/${org.id}`)).industry).toBe('Cloud software');

    await api('POST', '/api/organizations', { name: 'Adventure Works' }, 201);
    const list = await api<Page<Organization>>('GET', '/api/organizations');
    expect(list.items.map((o) => [o.name, o.contactCount])).toEqual([
      ['Adventure Works', 0],
      ['Contoso', 2],
    ]);
    expect((await api<Page<Organization>>('GET', '/api/organizations?q=CONTO')).items.map((o) => o.name)).toEqual(['Contoso']);
  });

  it.skipIf(skip)('names are unique per account, case- and space-insensitively', async () => {
    await api('POST', '/api/organizations', { name: 'Fabrikam Inc' }, 201);
    const dup = await t.request('POST', '/api/organizations', { cookie, body: { name: '  fabrikam   INC ' } });
    expect(dup.status).toBe(409);
    expect(await dup.json()).toMatchObject({ error: { code: 'DUPLICATE', details: { issues: [{ field: 'name' }] } } });
    const other = await api<Organization>('POST', '/api/organizations', { name: 'Fabrikam Labs' }, 201);
    const rename = await t.request('PATCH', `/api/organizations/${other.id}`, { cookie, body: { version: 1, name: 'FABRIKAM inc' } });
    expect(rename.status).toBe(409);
    expect((await api<Organization>('GET', `/api/organizations/${other.id}`)).name).toBe('Fabrikam Labs');
  });

  it.skipIf(skip)('refuses bad input with the field at fault, and writes nothing', async () => {
    const before = (await api<Page<Organization>>('GET', '/api/organizations')).total;
    for (const [body, field] of [
      [{}, 'name'],
      [{ name: 'X', website: 'ftp://files.example' }, 'website'],
      [{ name: 'X', industry: 'x'.repeat(201) }, 'industry'],
    ] as const) {
      const response = await t.request('POST', '/api/organizations', { cookie, body });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { issues: [{ field }] } } });
    }
    expect((await api<Page<Organization>>('GET', '/api/organizations')).total).toBe(before);
  });

  it.skipIf(skip)('deleting an organization keeps its contacts, without the organization', async () => {
    const org = await api<Organization>('POST', '/api/organizations', { name: 'Doomed Corp' }, 201);
    const contact = await api<Contact>('POST', '/api/contacts', { name: 'Survivor', organizationId: org.id }, 201);
    expect((await t.request('DELETE', `/api/organizations/${org.id}`, { cookie })).status).toBe(204);
    expect((await t.request('GET', `/api/organizations/${org.id}`, { cookie })).status).toBe(404);
    expect(await api<Contact>('GET', `/api/contacts/${contact.id}`)).toMatchObject({ name: 'Survivor', organization: null });
  });
});
