/**
 * Input at the edges of what the API takes, on both databases:
 * - Every edit names the version it was made over. Versions are 32-bit integer
 *   columns, so a version past their range (a client's bug, a hand-made request)
 *   is refused as bad input naming the field; it never reaches the database to
 *   come back as a 500.
 * - Ids are UUIDs issued in lower case; one a client upper-cased names the same record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contact, Organization } from '../../src/shared/api.ts';
import type { Interview } from '../../src/shared/plan-api.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS, dialectUnavailable } from '../support/databases.ts';
import { jsonApi } from '../support/json-api.ts';

const PAST_INT32 = 2 ** 31;

describe.each(DIALECTS)('input at the edges on %s', (dialect) => {
  let t: TestApp;
  let cookie: string;
  const skip = dialectUnavailable(dialect);

  beforeAll(async () => {
    if (skip) return;
    t = await createTestApp(dialect);
    ({ cookie } = await t.signUpAndIn('seeker@example.com'));
  });
  afterAll(async () => {
    await t?.close();
  });

  const { call, api } = jsonApi(() => t, () => cookie);

  const expectRefused = async (method: string, path: string, body: unknown, field: string) => {
    const r = await call(method, path, body);
    expect(r.status, `${method} ${path}: ${r.text}`).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(r.body.error.details.issues.map((i: { field: string }) => i.field)).toContain(field);
  };

  it.skipIf(skip)('refuses a version past 2³¹ − 1 on every kind of edit, and the record stays as it was', async () => {
    const organization = await api<Organization>('POST', '/api/organizations', { name: 'Northwind' }, 201);
    const contact = await api<Contact>('POST', '/api/contacts', { name: 'Dana Reyes', title: 'Designer' }, 201);
    const interview = await api<Interview>('POST', '/api/interviews', { contactId: contact.id }, 201);

    await expectRefused('PATCH', `/api/contacts/${contact.id}`, { version: PAST_INT32, title: 'Intern' }, 'version');
    await expectRefused('DELETE', `/api/contacts/${contact.id}?version=${PAST_INT32}`, undefined, 'version');
    await expectRefused('PATCH', `/api/organizations/${organization.id}`, { version: PAST_INT32, name: 'Contoso' }, 'version');
    await expectRefused('POST', `/api/interviews/${interview.id}/events`, { version: PAST_INT32, kind: 'request_sent', channel: 'email' }, 'version');
    await expectRefused('PATCH', `/api/interviews/${interview.id}/research`, { version: PAST_INT32, researchPerson: 'x' }, 'version');
    await expectRefused('PUT', `/api/interviews/${interview.id}/meeting/notes`, { notes: 'x', baseVersion: PAST_INT32 }, 'baseVersion');
    await expectRefused('PUT', '/api/preferences', { version: PAST_INT32, timeZone: 'Europe/Paris' }, 'version');

    // The largest version a record can have is still a version: a stale one, not bad input.
    const stale = await call('PATCH', `/api/contacts/${contact.id}`, { version: PAST_INT32 - 1, title: 'Intern' });
    expect(stale.status, stale.text).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');

    expect(await api<Contact>('GET', `/api/contacts/${contact.id}`)).toEqual(contact);
    expect(await api<Organization>('GET', `/api/organizations/${organization.id}`)).toMatchObject({ name: 'Northwind', version: organization.version });
  });

  it.skipIf(skip)('takes an id a client upper-cased as the record it names', async () => {
    const organization = await api<Organization>('POST', '/api/organizations', { name: 'Contoso' }, 201);
    const contact = await api<Contact>('POST', '/api/contacts', { name: 'Ana Lima', organizationId: organization.id.toUpperCase() }, 201);
    expect(contact.organization).toMatchObject({ id: organization.id, name: 'Contoso' });

    const moved = await api<Contact>('PATCH', `/api/contacts/${contact.id.toUpperCase()}`, { version: contact.version, organizationId: null });
    expect(moved.organization).toBeNull();

    const interview = await api<Interview>('POST', '/api/interviews', { contactId: contact.id.toUpperCase() }, 201);
    expect(interview.contact.id).toBe(contact.id);
  });
});
