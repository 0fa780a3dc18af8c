import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contact, Organization } from '../../src/shared/api.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS, dialectUnavailable } from '../support/databases.ts';

describe.each(DIALECTS)('one account never reaches another’s data, on %s', (dialect) => {
  const skip = dialectUnavailable(dialect);
  let t: TestApp;
  let alice: string;
  let bob: string;
  let contact: Contact;
  let organization: Organization;

  beforeAll(async () => {
    if (skip) return;
    t = await createTestApp(dialect);
    alice = (await t.signUpAndIn('alice@example.com')).cookie;
    bob = (await t.signUpAndIn('bob@example.com')).cookie;
    organization = (await (await t.request('POST', '/api/organizations', { cookie: alice, body: { name: 'Alice Org' } })).json()) as Organization;
    contact = (await (
      await t.request('POST', '/api/contacts', { cookie: alice, body: { name: 'Alice Contact', organizationId: organization.id, tags: ['secret-tag'] } })
    ).json()) as Contact;
  });
  afterAll(async () => {
    await t?.close();
  });

  const routes = () => [
    ['GET', `/api/contacts/${contact.id}`, undefined],
    ['PATCH', `/api/contacts/${contact.id}`, { version: 1, name: 'Hijacked' }],
    ['DELETE', `/api/contacts/${contact.id}`, undefined],
    ['GET', `/api/organizations/${organization.id}`, undefined],
    ['PATCH', `/api/organizations/${organization.id}`, { version: 1, name: 'Hijacked' }],
    ['DELETE', `/api/organizations/${organization.id}`, undefined],
  ] as const;

  it.skipIf(skip)('the second account gets 404 on every contact and organization route with the first account’s ids', async () => {
    for (const [method, path, body] of routes()) {
      const response = await t.request(method, path, { cookie: bob, body });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
    const list = (await (await t.request('GET', '/api/contacts', { cookie: bob })).json()) as { total: number };
    expect(list.total).toBe(0);
    const byOrg = (await (await t.request('GET', `/api/contacts?organizationId=${organization.id}`, { cookie: bob })).json()) as { total: number };
    expect(byOrg.total).toBe(0);
    expect(await (await t.request('GET', '/api/organizations', { cookie: bob })).json()).toMatchObject({ total: 0 });
    expect(await (await t.request('GET', '/api/contacts/tags', { cookie: bob })).json()).toEqual([]);

    // Searching by the other account's organization name finds nothing.
    expect(await (await t.request('GET', '/api/contacts?q=alice%20org', { cookie: bob })).json()).toMatchObject({ total: 0 });
    expect(await (await t.request('GET', '/api/organizations?q=alice', { cookie: bob })).json()).toMatchObject({ total: 0 });
    expect(await (await t.request('GET', '/api/contacts?tag=secret-tag', { cookie: bob })).json()).toMatchObject({ total: 0 });

    // Linking to someone else's records is refused like linking to nothing, on create and on edit.
    const own = (await (await t.request('POST', '/api/contacts', { cookie: bob, body: { name: 'Bob Own' } })).json()) as Contact;
    for (const change of [{ organizationId: organization.id }, { introducedById: contact.id }]) {
      const relink = await t.request('PATCH', `/api/contacts/${own.id}`, { cookie: bob, body: { version: 1, ...change } });
      expect(relink.status).toBe(422);
    }
    expect(await (await t.request('GET', `/api/contacts/${own.id}`, { cookie: bob })).json()).toMatchObject({ organization: null, introducedBy: null, version: 1 });

    const link = await t.request('POST', '/api/contacts', { cookie: bob, body: { name: 'Bob Contact', organizationId: organization.id, introducedById: contact.id } });
    expect(link.status).toBe(422);

    // And nothing of Alice's changed.
    const mine = (await (await t.request('GET', `/api/contacts/${contact.id}`, { cookie: alice })).json()) as Contact;
    expect(mine).toMatchObject({ name: 'Alice Contact', version: 1 });
    expect(await (await t.request('GET', `/api/organizations/${organization.id}`, { cookie: alice })).json()).toMatchObject({ name: 'Alice Org', version: 1 });
  });

  it.skipIf(skip)('anonymous requests get 401 on every contact and organization route', async () => {
    const all = [
      ...routes(),
      ['GET', '/api/contacts', undefined],
      ['POST', '/api/contacts', { name: 'Anon' }],
      ['GET', '/api/contacts/tags', undefined],
      ['GET', '/api/organizations', undefined],
      ['POST', '/api/organizations', { name: 'Anon' }],
      ['GET', '/api/session', undefined],
    ] as const;
    for (const [method, path, body] of all) {
      const response = await t.request(method, path, { body });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    }
    const forged = await t.request('GET', '/api/contacts', { cookie: 'rapport.session_token=forged.value' });
    expect(forged.status).toBe(401);
  });
});
