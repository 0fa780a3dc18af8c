import type { Contact, ContactCreateInput, Ref } from '@shared/api.ts';

export interface ContactFormValues {
  name: string;
  emails: string[];
  phones: string[];
  linkedinUrl: string;
  organization: Ref | null;
  title: string;
  location: string;
  timeZone: string | null;
  tags: string[];
  source: string;
  introducedBy: Ref | null;
  /** False for a name someone gave the seeker but they have not met yet. */
  knownPersonally: boolean;
  notes: string;
}

export type ContactInput = Required<ContactCreateInput>;

export const emptyContact: ContactFormValues = {
  name: '',
  emails: [],
  phones: [],
  linkedinUrl: '',
  organization: null,
  title: '',
  location: '',
  timeZone: null,
  tags: [],
  source: '',
  introducedBy: null,
  knownPersonally: true,
  notes: '',
};

export function contactToForm(contact: Contact): ContactFormValues {
  return {
    name: contact.name,
    emails: contact.emails,
    phones: contact.phones,
    linkedinUrl: contact.linkedinUrl ?? '',
    organization: contact.organization,
    title: contact.title ?? '',
    location: contact.location ?? '',
    timeZone: contact.timeZone,
    tags: contact.tags,
    source: contact.source ?? '',
    introducedBy: contact.introducedBy,
    knownPersonally: contact.knownPersonally,
    notes: contact.notes ?? '',
  };
}

const blankToNull = (value: string) => (value.trim() === '' ? null : value);

export function formToContactInput(values: ContactFormValues): ContactInput {
  return {
    name: values.name,
    emails: values.emails,
    phones: values.phones,
    linkedinUrl: blankToNull(values.linkedinUrl),
    organizationId: values.organization?.id ?? null,
    title: blankToNull(values.title),
    location: blankToNull(values.location),
    timeZone: values.timeZone || null,
    tags: values.tags,
    source: blankToNull(values.source),
    introducedById: values.introducedBy?.id ?? null,
    knownPersonally: values.knownPersonally,
    notes: blankToNull(values.notes),
  };
}

/** Only the fields that differ from what was loaded, for a PATCH. */
export function changedContactFields(before: ContactFormValues, after: ContactFormValues): Partial<ContactInput> {
  const a = formToContactInput(before);
  const b = formToContactInput(after);
  const changes: Partial<ContactInput> = {};
  for (const key of Object.keys(b) as (keyof ContactInput)[]) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) (changes as Record<string, unknown>)[key] = b[key];
  }
  return changes;
}

/** API field names that differ from the form's. */
export const contactFieldFor: Record<string, string> = {
  organizationId: 'organization',
  introducedById: 'introducedBy',
};
