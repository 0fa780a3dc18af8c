/**
 * The JSON backup file of one account, format "rapport-backup" version 1: its
 * types and the zod schema a file must pass before anything is restored.
 *
 * Every column of the account's organizations, contacts, tags and contact history
 * is in the file, ids kept, timestamps as ISO 8601 UTC strings, e-mails and phones
 * as arrays, with two kinds of exception:
 * - `owner_id` is left out: a restore gives the rows to the account it creates.
 * - `name_key` and `tag_key` are left out: they are `matchKey(name)` and
 *   `matchKey(tag)`, recomputed on restore, so a hand-edited file can never make
 *   the sort and search keys disagree with the names.
 *
 * `account.passwordHash` is the scrypt hash better-auth keeps, so the owner signs
 * in with the same password after a restore. Anyone holding the file can try to
 * crack it offline: the file must be kept as private as the database.
 *
 * Pure: no I/O, no clock.
 */
import { hasUnsafeText } from '../core/normalize.ts';
import { z } from 'zod';
import { isEmail, matchKey } from '../core/normalize.ts';

export const BACKUP_FORMAT = 'rapport-backup';
export const BACKUP_VERSION = 1;

export interface BackupAccount {
  email: string;
  name: string;
  /** better-auth's credential hash; null when the account has no password (it cannot sign in until one is set). */
  passwordHash: string | null;
}

export interface BackupOrganization {
  id: string;
  name: string;
  website: string | null;
  industry: string | null;
  notes: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface BackupContact {
  id: string;
  name: string;
  emails: string[];
  phones: string[];
  linkedinUrl: string | null;
  organizationId: string | null;
  title: string | null;
  location: string | null;
  timeZone: string | null;
  source: string | null;
  introducedById: string | null;
  notes: string | null;
  /** YYYY-MM-DD */
  connectedOn: string | null;
  /** What the last import said (see migration 0004); absent in older version-1 files. */
  importedTitle: string | null;
  importedOrganization: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface BackupContactTag {
  contactId: string;
  tag: string;
  position: number;
}

export interface BackupContactHistory {
  id: string;
  contactId: string;
  /** 'title' or 'organization' today; kept as written so a newer field survives the round trip. */
  field: string;
  oldValue: string | null;
  newValue: string | null;
  source: string;
  changedAt: string;
}

export interface AccountBackup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  account: BackupAccount;
  /** Sorted by id. */
  organizations: BackupOrganization[];
  /** Sorted by id. */
  contacts: BackupContact[];
  /** Sorted by contact id, then position. */
  contactTags: BackupContactTag[];
  /** Sorted by id. */
  contactHistory: BackupContactHistory[];
}

// A restore of such text would fail on one database and not the other.
const str = () => z.string().refine((v) => !hasUnsafeText(v), { message: 'contains a NUL or broken Unicode character' });

const id = str().min(1, { message: 'is required' }).max(200, { message: 'must be at most 200 characters' });
const nullableText = str().nullable();
const requiredText = str().refine((v) => v.trim() !== '', { message: 'is required' });
/** Any ISO 8601 date-time with a zone, stored in one spelling (…T10:00:00.000Z) so SQLite sorts it as text. */
const timestamp = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date and time such as 2026-11-22T10:00:00.000Z' })
  .transform((v) => new Date(v).toISOString());
// Both databases store these in 32-bit integer columns.
const version = z.number().int().min(1, { message: 'must be a whole number of at least 1' }).max(2_147_483_647, { message: 'is too large' });

const AccountSchema = z.strictObject({
  email: str()
    .trim()
    .toLowerCase()
    .refine(isEmail, { message: 'is not an e-mail address' }),
  name: requiredText,
  passwordHash: str().min(1, { message: 'must not be empty; use null for an account without a password' }).nullable(),
}) satisfies z.ZodType<BackupAccount>;

const OrganizationSchema = z.strictObject({
  id,
  name: requiredText,
  website: nullableText,
  industry: nullableText,
  notes: nullableText,
  version,
  createdAt: timestamp,
  updatedAt: timestamp,
}) satisfies z.ZodType<BackupOrganization>;

const ContactSchema = z.strictObject({
  id,
  name: requiredText,
  emails: z.array(str()),
  phones: z.array(str()),
  linkedinUrl: nullableText,
  organizationId: id.nullable(),
  title: nullableText,
  location: nullableText,
  timeZone: nullableText,
  source: nullableText,
  introducedById: id.nullable(),
  notes: nullableText,
  connectedOn: z.iso.date({ message: 'must be a date such as 2024-03-12' }).nullable(),
  importedTitle: nullableText.default(null),
  importedOrganization: nullableText.default(null),
  version,
  createdAt: timestamp,
  updatedAt: timestamp,
}) satisfies z.ZodType<BackupContact>;

const ContactTagSchema = z.strictObject({
  contactId: id,
  tag: requiredText,
  position: z.number().int().min(0, { message: 'must be a whole number of at least 0' }).max(2_147_483_647, { message: 'is too large' }),
}) satisfies z.ZodType<BackupContactTag>;

const ContactHistorySchema = z.strictObject({
  id,
  contactId: id,
  field: requiredText,
  oldValue: nullableText,
  newValue: nullableText,
  source: requiredText,
  changedAt: timestamp,
}) satisfies z.ZodType<BackupContactHistory>;

/**
 * A whole file. Beyond each row's shape it checks what the database would
 * otherwise refuse halfway through a restore: ids unique, every reference pointing
 * at a row in the same file, organization names and a contact's tags unique
 * case-insensitively. Each problem names its path, e.g. `contacts.3.organizationId`.
 */
export const AccountBackupSchema = z
  .strictObject({
    format: z.literal(BACKUP_FORMAT),
    version: z.literal(BACKUP_VERSION),
    exportedAt: timestamp,
    account: AccountSchema,
    organizations: z.array(OrganizationSchema),
    contacts: z.array(ContactSchema),
    contactTags: z.array(ContactTagSchema),
    contactHistory: z.array(ContactHistorySchema),
  })
  .superRefine((backup, ctx) => {
    const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });

    const uniqueIds = (section: 'organizations' | 'contacts' | 'contactHistory', rows: readonly { id: string }[]) => {
      const seen = new Set<string>();
      rows.forEach((row, i) => {
        if (seen.has(row.id)) problem([section, i, 'id'], 'appears twice in the file');
        seen.add(row.id);
      });
      return seen;
    };
    const organizationIds = uniqueIds('organizations', backup.organizations);
    const contactIds = uniqueIds('contacts', backup.contacts);
    uniqueIds('contactHistory', backup.contactHistory);

    const organizationNames = new Set<string>();
    backup.organizations.forEach((organization, i) => {
      const key = matchKey(organization.name);
      if (organizationNames.has(key)) problem(['organizations', i, 'name'], 'another organization in the file has the same name');
      organizationNames.add(key);
    });

    backup.contacts.forEach((contact, i) => {
      if (contact.organizationId !== null && !organizationIds.has(contact.organizationId)) {
        problem(['contacts', i, 'organizationId'], 'no organization with this id in the file');
      }
      if (contact.introducedById !== null && !contactIds.has(contact.introducedById)) {
        problem(['contacts', i, 'introducedById'], 'no contact with this id in the file');
      }
    });

    const tagKeys = new Set<string>();
    backup.contactTags.forEach((tag, i) => {
      if (!contactIds.has(tag.contactId)) problem(['contactTags', i, 'contactId'], 'no contact with this id in the file');
      const key = JSON.stringify([tag.contactId, matchKey(tag.tag)]);
      if (tagKeys.has(key)) problem(['contactTags', i, 'tag'], 'this contact already has this tag');
      tagKeys.add(key);
    });

    backup.contactHistory.forEach((entry, i) => {
      if (!contactIds.has(entry.contactId)) problem(['contactHistory', i, 'contactId'], 'no contact with this id in the file');
    });
  });
