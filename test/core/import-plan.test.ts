import { describe, expect, it } from 'vitest';
import { planImport, type ExistingContact, type ExistingOrganization } from '../../src/core/import-plan.ts';
import type { ImportedPerson } from '../../src/imports/types.ts';

let counter = 0;
const newId = () => `new-${++counter}`;

function person(overrides: Partial<ImportedPerson>): ImportedPerson {
  return { line: 1, name: 'Dana Reyes', emails: [], phones: [], linkedinUrl: null, organization: null, title: null, notes: null, urls: [], connectedOn: null, ...overrides };
}

function contact(overrides: Partial<ExistingContact>): ExistingContact {
  return { id: 'c1', nameKey: 'dana reyes', organizationId: null, title: null, linkedinUrl: null, emails: [], phones: [], notes: null, connectedOn: null, importedTitle: null, importedOrganization: null, version: 3, ...overrides };
}

const contoso: ExistingOrganization = { id: 'o1', name: 'Contoso', nameKey: 'contoso' };

describe('planImport', () => {
  it('prefers the LinkedIn URL over e-mail over name and organization', () => {
    const existing = [
      contact({ id: 'by-url', nameKey: 'someone', linkedinUrl: 'https://www.linkedin.com/in/dana' }),
      contact({ id: 'by-email', nameKey: 'other', emails: ['dana@x.org'] }),
      contact({ id: 'by-name', organizationId: 'o1' }),
    ];
    const plan = planImport(existing, [contoso], [person({ linkedinUrl: 'https://www.linkedin.com/in/dana', emails: ['dana@x.org'], organization: 'Contoso', title: 'CTO' })], [], newId);
    expect(plan.updates.map((u) => u.contactId)).toEqual(['by-url']);
    const byEmail = planImport(existing, [contoso], [person({ emails: ['dana@x.org'], title: 'CTO' })], [], newId);
    expect(byEmail.updates.map((u) => u.contactId)).toEqual(['by-email']);
    const byName = planImport(existing, [contoso], [person({ organization: ' CONTOSO', title: 'CTO' })], [], newId);
    expect(byName.updates.map((u) => u.contactId)).toEqual(['by-name']);
    const noMatch = planImport(existing, [contoso], [person({ organization: 'Fabrikam' })], [], newId);
    expect(noMatch).toMatchObject({ created: 1, updates: [], newOrganizations: [{ name: 'Fabrikam', nameKey: 'fabrikam' }] });
  });

  it('records history only for values the contact already had', () => {
    const plan = planImport([contact({ organizationId: 'o1', title: null, linkedinUrl: 'https://www.linkedin.com/in/dana' })], [contoso], [
      person({ linkedinUrl: 'https://www.linkedin.com/in/dana', organization: 'Northwind', title: 'Designer' }),
    ], [], newId);
    expect(plan.updates[0]!.history).toEqual([{ field: 'organization', oldValue: 'Contoso', newValue: 'Northwind' }]);
    expect(plan.updates[0]!.after).toMatchObject({ title: 'Designer' });
    expect(plan.updates[0]!.version).toBe(3);
  });

  it('never removes: blank fields in the file leave the contact alone', () => {
    const existing = contact({ organizationId: 'o1', title: 'CTO', emails: ['a@x.org'], phones: ['+1 (555) 0100'], notes: 'mine', linkedinUrl: 'https://www.linkedin.com/in/dana' });
    const plan = planImport([existing], [contoso], [person({ linkedinUrl: 'https://www.linkedin.com/in/dana', phones: ['+15550100'], notes: 'theirs' })], [], newId);
    expect(plan).toMatchObject({ updated: 0, unchanged: 1, updates: [] });
  });

  it('merges duplicate rows of one file into one new contact', () => {
    const plan = planImport([], [], [
      person({ line: 2, emails: ['dana@x.org'] }),
      person({ line: 3, name: 'D. Reyes', emails: ['dana@x.org', 'dana@home.org'], title: 'CTO' }),
    ], [], newId);
    // Counted per contact: two rows about one new person are one creation.
    expect(plan).toMatchObject({ created: 1, updated: 0, unchanged: 0 });
    expect(plan.creates).toHaveLength(1);
    expect(plan.creates[0]!.contact).toMatchObject({ name: 'Dana Reyes', emails: ['dana@x.org', 'dana@home.org'], title: 'CTO' });
    expect(plan.updates).toEqual([]);
  });

  it('creates each new organization once, reusing existing ones case- and space-insensitively', () => {
    const plan = planImport([], [contoso], [
      person({ name: 'A', organization: 'contoso' }),
      person({ name: 'B', organization: 'Fabrikam  Inc' }),
      person({ name: 'C', organization: 'FABRIKAM inc' }),
      person({ name: 'D', organization: '   ' }),
    ], [], newId);
    expect(plan.newOrganizations.map((o) => o.name)).toEqual(['Fabrikam Inc']);
    expect(plan.creates.map((c) => c.contact.organizationId)).toEqual(['o1', plan.newOrganizations[0]!.id, plan.newOrganizations[0]!.id, null]);
  });

  it('passes skipped records through', () => {
    expect(planImport([], [], [], [{ line: 9, reason: 'no name' }], newId).skipped).toEqual([{ line: 9, reason: 'no name' }]);
  });

  it('a re-import leaves a title or organization the person changed by hand', () => {
    const imported = contact({ title: 'My own words', organizationId: 'o1', importedTitle: 'Engineer', importedOrganization: 'Contoso', linkedinUrl: 'https://www.linkedin.com/in/dana' });
    const same = planImport([imported], [contoso], [person({ linkedinUrl: 'https://www.linkedin.com/in/dana', title: 'Engineer', organization: 'CONTOSO' })], [], newId);
    expect(same).toMatchObject({ updated: 0, unchanged: 1, updates: [] });
    const moved = planImport([imported], [contoso], [person({ linkedinUrl: 'https://www.linkedin.com/in/dana', title: 'Staff Engineer', organization: 'Contoso' })], [], newId);
    expect(moved.updates[0]!.after).toMatchObject({ title: 'Staff Engineer', importedTitle: 'Staff Engineer' });
    expect(moved.updates[0]!.history).toEqual([{ field: 'title', oldValue: 'My own words', newValue: 'Staff Engineer' }]);
  });

  it('counts duplicates of one existing contact once', () => {
    const existing = contact({ emails: ['dana@x.org'] });
    const plan = planImport([existing], [], [person({ emails: ['dana@x.org'], phones: ['+1 555 0100'] }), person({ emails: ['dana@x.org'], phones: ['+1 555 0100'] })], [], newId);
    expect(plan).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
  });
});
