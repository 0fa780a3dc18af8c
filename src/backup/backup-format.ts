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
 * The plan-and-ask rows (migration 0005) follow the same rules: targets,
 * interviews and their events keep every column but `owner_id`; preferences,
 * "knows" links and task decisions keep theirs but the owner's id. These
 * sections, and a contact's `knownPersonally` and `responsiveness`, were added
 * to version 1 without a new version: every export writes them, and a file
 * written before them restores with the defaults the migration gave existing
 * rows (known personally, no responsiveness, no preferences, empty sections).
 *
 * An interview event's `detail` is the JSON text the database holds, not a
 * parsed object: the round trip then stays byte-exact on both databases (no
 * re-spelled numbers or reordered keys), and a field a newer event adds
 * survives. A restore only checks that it is the text of a JSON object.
 *
 * `account.passwordHash` is the scrypt hash better-auth keeps, so the owner signs
 * in with the same password after a restore. Anyone holding the file can try to
 * crack it offline: the file must be kept as private as the database.
 *
 * Pure: no I/O, no clock.
 */
import { z } from 'zod';
import type { Responsiveness } from '../core/follow-up.ts';
import { INTERVIEW_STAGES, REQUEST_CHANNELS, type InterviewEventKind, type InterviewStage, type RequestChannel } from '../core/interview-stages.ts';
import { hasUnsafeText, isEmail, isTimeZone, matchKey } from '../core/normalize.ts';
import { REQUEST_TEMPLATES, type RequestTemplateId } from '../core/request-templates.ts';

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
  /** False for a referral the seeker has not met; absent (true) in files written before migration 0005. */
  knownPersonally: boolean;
  /** How they answered the last request (3B7); absent (null) in files written before migration 0005. */
  responsiveness: Responsiveness | null;
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

/** The seeker's working calendar and goals, as the account saved them. */
export interface BackupPreferences {
  timeZone: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  workingDays: number[];
  weeklyRequestGoal: number;
  activeTargetLimit: number;
  affinityTags: string[];
  version: number;
  updatedAt: string;
}

/** "A knows B". Exported with the smaller id first, as stored; a restore accepts either order. */
export interface BackupContactLink {
  contactAId: string;
  contactBId: string;
  createdAt: string;
}

export interface BackupTarget {
  id: string;
  organizationId: string;
  motivation: number;
  openPostings: boolean;
  active: boolean;
  notes: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** An interview with its state folded into columns, as the database holds it. */
export interface BackupInterview {
  id: string;
  contactId: string;
  organizationId: string | null;
  stage: InterviewStage;
  hostInvitedAgain: boolean;
  requestTemplate: RequestTemplateId | null;
  requestSubject: string | null;
  requestBody: string | null;
  requestChannel: RequestChannel | null;
  requestSentAt: string | null;
  followUpSentAt: string | null;
  repliedAt: string | null;
  replyAnswer: 'yes' | 'no' | null;
  meetingAt: string | null;
  heldAt: string | null;
  thankedAt: string | null;
  notes: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface BackupInterviewEvent {
  id: string;
  interviewId: string;
  /** The interview's contact (the column is kept for the contact's timeline). */
  contactId: string;
  /** Position in the interview's history, from 1. */
  seq: number;
  kind: InterviewEventKind;
  occurredAt: string;
  /** JSON text of an object (the event's own fields and the stage it led to), kept as stored. */
  detail: string | null;
  recordedAt: string;
}

export interface BackupTaskDecision {
  /** `${interviewId}:${taskKind}`; kept as written, even for an interview since deleted. */
  taskKey: string;
  status: 'done' | 'dismissed' | 'snoozed';
  /** YYYY-MM-DD */
  snoozedUntil: string | null;
  decidedAt: string;
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
  /** Null when the seeker never saved any. */
  preferences: BackupPreferences | null;
  /** Sorted by contactAId, then contactBId. */
  contactLinks: BackupContactLink[];
  /** Sorted by id. */
  targets: BackupTarget[];
  /** Sorted by id. */
  interviews: BackupInterview[];
  /** Sorted by interviewId, then seq. */
  interviewEvents: BackupInterviewEvent[];
  /** Sorted by taskKey. */
  taskDecisions: BackupTaskDecision[];
}

export const RESPONSIVENESS = ['booster', 'obligate', 'curmudgeon'] as const satisfies readonly Responsiveness[];

// Written as a record so that a kind added to the core fails to compile here until the backup knows it.
const EVENT_KINDS = Object.keys({
  created: true,
  request_sent: true,
  follow_up_sent: true,
  reply_received: true,
  scheduled: true,
  confirmed: true,
  held: true,
  thanked: true,
  staying_in_touch: true,
  no_reply: true,
  cancelled: true,
} satisfies Record<InterviewEventKind, true>) as InterviewEventKind[];

const TASK_STATUSES = ['done', 'dismissed', 'snoozed'] as const satisfies readonly BackupTaskDecision['status'][];

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
const count = version;
const oneOf = <const T extends readonly string[]>(values: T) => z.enum(values, { message: `must be one of ${values.join(', ')}` });
const isoDate = z.iso.date({ message: 'must be a date such as 2024-03-12' });
const jsonObjectText = str().refine(
  (v) => {
    try {
      const parsed: unknown = JSON.parse(v);
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
    } catch {
      return false;
    }
  },
  { message: 'must be the JSON text of an object' },
);

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
  knownPersonally: z.boolean().default(true),
  responsiveness: oneOf(RESPONSIVENESS).nullable().default(null),
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

const PreferencesSchema = z.strictObject({
  timeZone: str().refine(isTimeZone, { message: 'is not a time zone name such as Europe/Paris' }),
  workingDays: z
    .array(z.number().int().min(1, { message: 'must be 1 (Monday) to 7 (Sunday)' }).max(7, { message: 'must be 1 (Monday) to 7 (Sunday)' }))
    .min(1, { message: 'needs at least one working day' })
    .refine((days) => new Set(days).size === days.length, { message: 'names a day twice' }),
  weeklyRequestGoal: count,
  activeTargetLimit: count,
  affinityTags: z.array(str()),
  version,
  updatedAt: timestamp,
}) satisfies z.ZodType<BackupPreferences>;

const ContactLinkSchema = z.strictObject({
  contactAId: id,
  contactBId: id,
  createdAt: timestamp,
}) satisfies z.ZodType<BackupContactLink>;

const TargetSchema = z.strictObject({
  id,
  organizationId: id,
  motivation: z.number().int().min(1, { message: 'must be 1, 2 or 3' }).max(3, { message: 'must be 1, 2 or 3' }),
  openPostings: z.boolean(),
  active: z.boolean(),
  notes: nullableText,
  version,
  createdAt: timestamp,
  updatedAt: timestamp,
}) satisfies z.ZodType<BackupTarget>;

const InterviewSchema = z.strictObject({
  id,
  contactId: id,
  organizationId: id.nullable(),
  stage: oneOf(INTERVIEW_STAGES),
  hostInvitedAgain: z.boolean(),
  requestTemplate: oneOf(REQUEST_TEMPLATES.map((t) => t.id)).nullable(),
  requestSubject: nullableText,
  requestBody: nullableText,
  requestChannel: oneOf(REQUEST_CHANNELS).nullable(),
  requestSentAt: timestamp.nullable(),
  followUpSentAt: timestamp.nullable(),
  repliedAt: timestamp.nullable(),
  replyAnswer: oneOf(['yes', 'no']).nullable(),
  meetingAt: timestamp.nullable(),
  heldAt: timestamp.nullable(),
  thankedAt: timestamp.nullable(),
  notes: nullableText,
  version,
  createdAt: timestamp,
  updatedAt: timestamp,
}) satisfies z.ZodType<BackupInterview>;

const InterviewEventSchema = z.strictObject({
  id,
  interviewId: id,
  contactId: id,
  seq: count,
  kind: oneOf(EVENT_KINDS),
  occurredAt: timestamp,
  detail: jsonObjectText.nullable(),
  recordedAt: timestamp,
}) satisfies z.ZodType<BackupInterviewEvent>;

const TaskDecisionSchema = z.strictObject({
  taskKey: requiredText,
  status: oneOf(TASK_STATUSES),
  snoozedUntil: isoDate.nullable(),
  decidedAt: timestamp,
}) satisfies z.ZodType<BackupTaskDecision>;

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
    // Optional: files written before migration 0005 have none of these.
    preferences: PreferencesSchema.nullable().default(null),
    contactLinks: z.array(ContactLinkSchema).default([]),
    targets: z.array(TargetSchema).default([]),
    interviews: z.array(InterviewSchema).default([]),
    interviewEvents: z.array(InterviewEventSchema).default([]),
    taskDecisions: z.array(TaskDecisionSchema).default([]),
  })
  .superRefine((backup, ctx) => {
    const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });

    const uniqueIds = (section: 'organizations' | 'contacts' | 'contactHistory' | 'targets' | 'interviews' | 'interviewEvents', rows: readonly { id: string }[]) => {
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
    uniqueIds('targets', backup.targets);
    uniqueIds('interviews', backup.interviews);
    uniqueIds('interviewEvents', backup.interviewEvents);

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

    const links = new Set<string>();
    backup.contactLinks.forEach((link, i) => {
      if (!contactIds.has(link.contactAId)) problem(['contactLinks', i, 'contactAId'], 'no contact with this id in the file');
      if (!contactIds.has(link.contactBId)) problem(['contactLinks', i, 'contactBId'], 'no contact with this id in the file');
      if (link.contactAId === link.contactBId) problem(['contactLinks', i, 'contactBId'], 'is the same contact as contactAId');
      // One row per pair, whichever way round the file names it.
      const key = JSON.stringify([link.contactAId, link.contactBId].sort());
      if (links.has(key)) problem(['contactLinks', i], 'these two contacts are already linked');
      links.add(key);
    });

    const targetOrganizations = new Set<string>();
    backup.targets.forEach((target, i) => {
      if (!organizationIds.has(target.organizationId)) problem(['targets', i, 'organizationId'], 'no organization with this id in the file');
      if (targetOrganizations.has(target.organizationId)) problem(['targets', i, 'organizationId'], 'another target in the file is this organization');
      targetOrganizations.add(target.organizationId);
    });

    const interviewContacts = new Map<string, string>();
    backup.interviews.forEach((interview, i) => {
      if (!contactIds.has(interview.contactId)) problem(['interviews', i, 'contactId'], 'no contact with this id in the file');
      if (interview.organizationId !== null && !organizationIds.has(interview.organizationId)) {
        problem(['interviews', i, 'organizationId'], 'no organization with this id in the file');
      }
      interviewContacts.set(interview.id, interview.contactId);
    });

    const positions = new Set<string>();
    backup.interviewEvents.forEach((event, i) => {
      const interviewContact = interviewContacts.get(event.interviewId);
      if (interviewContact === undefined) problem(['interviewEvents', i, 'interviewId'], 'no interview with this id in the file');
      if (!contactIds.has(event.contactId)) problem(['interviewEvents', i, 'contactId'], 'no contact with this id in the file');
      else if (interviewContact !== undefined && interviewContact !== event.contactId) {
        problem(['interviewEvents', i, 'contactId'], 'is not the contact of its interview');
      }
      const key = JSON.stringify([event.interviewId, event.seq]);
      if (positions.has(key)) problem(['interviewEvents', i, 'seq'], 'another event of this interview has the same seq');
      positions.add(key);
    });

    const taskKeys = new Set<string>();
    backup.taskDecisions.forEach((decision, i) => {
      if (taskKeys.has(decision.taskKey)) problem(['taskDecisions', i, 'taskKey'], 'appears twice in the file');
      taskKeys.add(decision.taskKey);
    });
  });
