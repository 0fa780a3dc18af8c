/** Domain objects for tests of pure modules, with every field set and overridable. */
import type { Contact } from '../../src/shared/api.ts';

export function contactFixture(overrides: Partial<Contact> = {}): Contact {
  return {
    id: '0d6f5a38-3a43-4a4c-9d7e-2f6a1c1b9e01',
    name: 'Dana Reyes',
    emails: [],
    phones: [],
    linkedinUrl: null,
    organization: null,
    title: null,
    location: null,
    timeZone: null,
    tags: [],
    source: null,
    introducedBy: null,
    notes: null,
    connectedOn: null,
    version: 1,
    createdAt: '2026-11-22T10:00:00.000Z',
    updatedAt: '2026-11-23T08:30:00.000Z',
    ...overrides,
  };
}
