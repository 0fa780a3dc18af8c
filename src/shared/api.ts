/**
 * The HTTP contract of Rapport: zod schemas for what clients send and the types of
 * what the server answers. Shared by the server routes, the CLI and the web app so
 * the three never drift apart.
 */
import { z } from 'zod';
import {
  cleanText,
  isEmail,
  isHttpUrl,
  isTimeZone,
  normalizeEmails,
  normalizeLinkedInUrl,
  normalizePhones,
  normalizeTags,
} from '../core/normalize.ts';

/**
 * A record's id as Rapport issued it: a UUID, compared in lower case (the way ids
 * are issued and stored, and the way path ids are read), so an id a client
 * upper-cased still names its record.
 */
export const recordId = z
  .string()
  .uuid({ message: 'must be an id returned by Rapport' })
  .transform((value) => value.toLowerCase());
const id = recordId;

/** The highest version a record can reach: versions are kept in 32-bit integer columns. */
export const MAX_VERSION = 2_147_483_647;

/**
 * The version an edit was made over: a whole number from `min` (1 for a record,
 * 0 for one never saved) to MAX_VERSION. Beyond it, PostgreSQL would refuse the
 * parameter itself; said here, it is bad input naming the field.
 */
export function editedVersion(min: 0 | 1, message = 'is required: the version you are editing') {
  return z
    .number({ message })
    .int()
    .min(min, { message: `must be ${min} or more` })
    .max(MAX_VERSION, { message: `must be at most ${MAX_VERSION}` });
}

/** Optional free text: empty or blank means "none" and is stored as null. */
const optionalText = (max: number) =>
  z
    .string()
    .max(max, { message: `must be at most ${max} characters` })
    .nullable()
    .transform((v) => (v == null || cleanText(v) === '' ? null : cleanText(v)));

const notes = z
  .string()
  .max(100_000, { message: 'must be at most 100,000 characters' })
  .nullable()
  .transform((v) => (v == null || v.trim() === '' ? null : v.replace(/\r\n?/g, '\n')));

const requiredName = z
  .string({ message: 'is required' })
  .transform(cleanText)
  .pipe(z.string().min(1, { message: 'is required' }).max(200, { message: 'must be at most 200 characters' }));

export const contactFields = {
  name: requiredName,
  emails: z
    .array(z.string().trim().max(254).refine(isEmail, { message: 'is not an e-mail address' }))
    .max(20)
    .transform(normalizeEmails),
  phones: z.array(z.string().max(50, { message: 'must be at most 50 characters' })).max(20).transform(normalizePhones),
  linkedinUrl: z
    .string()
    .max(500)
    .nullable()
    .transform((v, ctx) => {
      if (v == null || v.trim() === '') return null;
      const url = normalizeLinkedInUrl(v);
      if (url == null) {
        ctx.addIssue({ code: 'custom', message: 'is not a LinkedIn profile URL (https://www.linkedin.com/in/…)' });
        return z.NEVER;
      }
      return url;
    }),
  organizationId: id.nullable(),
  title: optionalText(200),
  location: optionalText(200),
  timeZone: z
    .string()
    .nullable()
    .transform((v, ctx) => {
      if (v == null || v.trim() === '') return null;
      if (!isTimeZone(v.trim())) {
        ctx.addIssue({ code: 'custom', message: 'is not a time zone name such as Europe/Paris' });
        return z.NEVER;
      }
      return v.trim();
    }),
  tags: z.array(z.string().max(50, { message: 'must be at most 50 characters' })).max(50).transform(normalizeTags),
  source: optionalText(200),
  introducedById: id.nullable(),
  /** False for a name someone gave the seeker, not yet met: warm paths start from people they know. */
  knownPersonally: z.boolean({ message: 'must be true or false' }),
  notes,
};

export const ContactCreateSchema = z.strictObject({
  name: contactFields.name,
  emails: contactFields.emails.default([]),
  phones: contactFields.phones.default([]),
  linkedinUrl: contactFields.linkedinUrl.default(null),
  organizationId: contactFields.organizationId.default(null),
  title: contactFields.title.default(null),
  location: contactFields.location.default(null),
  timeZone: contactFields.timeZone.default(null),
  tags: contactFields.tags.default([]),
  source: contactFields.source.default(null),
  introducedById: contactFields.introducedById.default(null),
  knownPersonally: contactFields.knownPersonally.default(true),
  notes: contactFields.notes.default(null),
});
export type ContactCreateInput = z.input<typeof ContactCreateSchema>;
export type ContactCreate = z.output<typeof ContactCreateSchema>;

/** A partial edit: absent fields are left alone, null clears; `version` is the one the editor saw. */
export const ContactUpdateSchema = z.strictObject({
  version: editedVersion(1),
  name: contactFields.name.optional(),
  emails: contactFields.emails.optional(),
  phones: contactFields.phones.optional(),
  linkedinUrl: contactFields.linkedinUrl.optional(),
  organizationId: contactFields.organizationId.optional(),
  title: contactFields.title.optional(),
  location: contactFields.location.optional(),
  timeZone: contactFields.timeZone.optional(),
  tags: contactFields.tags.optional(),
  source: contactFields.source.optional(),
  introducedById: contactFields.introducedById.optional(),
  knownPersonally: contactFields.knownPersonally.optional(),
  notes: contactFields.notes.optional(),
});
export type ContactUpdateInput = z.input<typeof ContactUpdateSchema>;
export type ContactUpdate = z.output<typeof ContactUpdateSchema>;

export const CONTACT_SORTS = ['name', '-name', '-updated', '-created'] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];

export const ContactListQuerySchema = z.object({
  q: z.string().max(200).optional(),
  tag: z.string().max(50).optional(),
  organizationId: id.optional(),
  sort: z.enum(CONTACT_SORTS).default('name'),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ContactListQuery = z.input<typeof ContactListQuerySchema>;

export const OrganizationCreateSchema = z.strictObject({
  name: requiredName,
  website: z
    .string()
    .max(500)
    .nullable()
    .transform((v, ctx) => {
      if (v == null || v.trim() === '') return null;
      // A bare "contoso.com" means its web site; any other scheme (ftp://, javascript:) is refused.
      const value = /^[a-z][a-z0-9+.-]*:/i.test(v.trim()) ? v.trim() : `https://${v.trim()}`;
      if (!isHttpUrl(value)) {
        ctx.addIssue({ code: 'custom', message: 'is not a web address' });
        return z.NEVER;
      }
      return value;
    })
    .default(null),
  industry: optionalText(200).default(null),
  notes: notes.default(null),
});
export type OrganizationCreateInput = z.input<typeof OrganizationCreateSchema>;
export type OrganizationCreate = z.output<typeof OrganizationCreateSchema>;

export const OrganizationUpdateSchema = z.strictObject({
  version: editedVersion(1),
  name: OrganizationCreateSchema.shape.name.optional(),
  website: OrganizationCreateSchema.shape.website.removeDefault().optional(),
  industry: OrganizationCreateSchema.shape.industry.removeDefault().optional(),
  notes: OrganizationCreateSchema.shape.notes.removeDefault().optional(),
});
export type OrganizationUpdateInput = z.input<typeof OrganizationUpdateSchema>;
export type OrganizationUpdate = z.output<typeof OrganizationUpdateSchema>;

export const OrganizationListQuerySchema = z.object({
  q: z.string().max(200).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type OrganizationListQuery = z.input<typeof OrganizationListQuerySchema>;

/** `DELETE …?version=N`: refuse the delete if the record changed since version N was loaded. */
export const DeleteQuerySchema = z.object({
  version: z.coerce.number().pipe(editedVersion(1)).optional(),
});

export const CredentialsSchema = z.strictObject({
  email: z.string().trim().toLowerCase().max(254).refine(isEmail, { message: 'is not an e-mail address' }),
  password: z.string().min(1, { message: 'is required' }).max(256),
});

export const SetupSchema = z.strictObject({
  name: requiredName,
  email: CredentialsSchema.shape.email,
  password: z
    .string()
    .min(10, { message: 'must be at least 10 characters' })
    .max(256, { message: 'must be at most 256 characters' }),
});
export type SetupInput = z.input<typeof SetupSchema>;

export interface Ref {
  id: string;
  name: string;
}

export interface Contact {
  id: string;
  name: string;
  emails: string[];
  phones: string[];
  linkedinUrl: string | null;
  organization: Ref | null;
  title: string | null;
  location: string | null;
  timeZone: string | null;
  tags: string[];
  source: string | null;
  introducedBy: Ref | null;
  knownPersonally: boolean;
  /** How they answered the seeker's last request (3B7): replied within 3 business days, later, or never. */
  responsiveness: 'booster' | 'obligate' | 'curmudgeon' | null;
  notes: string | null;
  /** ISO date (YYYY-MM-DD) the LinkedIn connection was made, when imported from LinkedIn. */
  connectedOn: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** One earlier value of a contact's title or organization. */
export interface ContactHistoryEntry {
  field: 'title' | 'organization';
  oldValue: string | null;
  newValue: string | null;
  source: string;
  changedAt: string;
}

export type ContactListItem = Pick<Contact, 'id' | 'name' | 'organization' | 'title' | 'emails' | 'tags' | 'updatedAt'>;

export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
}

export interface Organization {
  id: string;
  name: string;
  website: string | null;
  industry: string | null;
  notes: string | null;
  contactCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface SessionInfo {
  user: { id: string; email: string; name: string };
}

export interface InstanceStatus {
  setUp: boolean;
}

export interface TagCount {
  tag: string;
  count: number;
}

/** `GET /api/search?q=…&limit=…`: what a search box sends; a blank `q` finds nothing. */
export const SearchQuerySchema = z.object({
  q: z.string({ message: 'is required' }).max(200, { message: 'must be at most 200 characters' }),
  limit: z.coerce.number().int().min(1).max(50, { message: 'must be at most 50' }).default(10),
});
export type SearchQuery = z.input<typeof SearchQuerySchema>;

/** A passage of the text that matched; `highlights` are [start, end) offsets into `text` (UTF-16). */
export interface SearchSnippet {
  text: string;
  highlights: [start: number, end: number][];
}

/** A contact whose name, organization, title, tags or notes match. */
export interface ContactSearchResult {
  kind: 'contact';
  id: string;
  name: string;
  organization: Ref | null;
  title: string | null;
  /** The notes, when they rather than the name explain the match. */
  snippet?: SearchSnippet;
}

/** An interview whose notes match (with the contact's name for the other words). */
export interface InterviewSearchResult {
  kind: 'interview';
  /** The interview's id: the page is /interviews/:id. */
  id: string;
  /** The contact's name. */
  name: string;
  contact: Ref;
  organization: Ref | null;
  /** The passage of the notes that matched. */
  snippet: SearchSnippet;
}

/**
 * One search hit, best first: contacts whose name matches every word, then the
 * other contacts and interview notes in turn. `kind` leaves room for messages.
 */
export type SearchResult = ContactSearchResult | InterviewSearchResult;

export interface SearchResponse {
  items: SearchResult[];
}
