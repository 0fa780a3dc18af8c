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
 * The scheduling columns (migration 0008) were added the same way: an
 * interview's `meetingMinutes`, `meetingPlace`, `travelMinutes`,
 * `proposedSlots`, `scheduleRevision` and `lastTouchAt`, the preferences'
 * `stayInTouchFirstWeeks`, `stayInTouchEveryMonths`, `digestHour` and
 * `digestSentOn`, and the account's `calendarFeed`. Every export writes them; a
 * file written before them restores with the migration's defaults (no length,
 * place, travel time, slots or last touch, revision 0; stay in touch after 8
 * weeks then every 3 months, no digest; no calendar feed).
 *
 * An interview event's `detail` is the JSON text the database holds, not a
 * parsed object: the round trip then stays byte-exact on both databases (no
 * re-spelled numbers or reordered keys), and a field a newer event adds
 * survives. A restore only checks that it is the text of a JSON object.
 *
 * An interview's `meetingPlace` and `proposedSlots` are the other way round:
 * objects in the file, though the database holds them as JSON text too. Their
 * shapes are closed and owned by `core/meeting-slots.ts` (a place is one of
 * five kinds, a slot an instant and a length), so they are validated field by
 * field like any other row, and a person reading or fixing the file sees an
 * address, not an escaped string. The round trip stays exact because both ends
 * write one spelling: an export re-reads a stored value through the schema
 * below (keys in its order, nothing else changed: a slot's `start` keeps the
 * offset it was written with) and a restore stores the schema's output. A
 * stored value that does not fit the schema (the app never writes one) is
 * exported as found, so an export never fails or silently drops it, and a
 * restore of that file refuses it naming its path.
 *
 * The preparation and follow-through rows (migration 0010) were added the same
 * way: an interview's `researchPerson` and `researchOrganization`, and the
 * sections `questions`, `agendaItems`, `meetingSessions`, `writeUps`,
 * `referrals` and `outcomes` (each outcome lists the ids of the interviews it
 * came from, sorted, in place of the link table's rows). A file written before
 * them restores with no research notes and empty sections. Categories, TIARA
 * tags, outcome kinds and "may I use your name?" are checked against their
 * closed lists; the question bank is restored as it was, so a restored account
 * is not seeded again on top of the seeker's edits.
 *
 * `calendarFeed` holds the SHA-256 the database keeps of the feed's secret
 * token, never the token: restoring it keeps the URL the seeker's calendar app
 * subscribed to working, and the file alone does not let anyone read the feed.
 *
 * Not in the file: the e-mail outbox (migration 0007). It is the instance's
 * record of mail sent or waiting, not part of the account; a restored account
 * starts with none, and nothing already sent is sent again.
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
import {
  MAX_PROPOSED_SLOTS,
  MEETING_MINUTES,
  MIN_PROPOSED_SLOTS,
  parseInstant,
  validatePlace,
  type MeetingMinutes,
  type MeetingPlace,
  type ProposedSlot,
} from '../core/meeting-slots.ts';
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
  /** Weeks from the meeting to the first stay-in-touch reminder; absent (8) in files written before migration 0008. */
  stayInTouchFirstWeeks: number;
  /** Months between the later ones; absent (3) in older files. */
  stayInTouchEveryMonths: number;
  /** Local hour (0–23) of the daily digest e-mail, null for none; absent (null) in older files. */
  digestHour: number | null;
  /** YYYY-MM-DD, the seeker's local date of the last digest sent; absent (null) in older files. */
  digestSentOn: string | null;
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
  /** The fields below, to `lastTouchAt`, are absent in files written before migration 0008 (null, or 0 for the revision). */
  meetingMinutes: MeetingMinutes | null;
  meetingPlace: MeetingPlace | null;
  /** Minutes to get to an in-person meeting (0–600). */
  travelMinutes: number | null;
  /** The 2 or 3 times offered and not yet chosen from. */
  proposedSlots: ProposedSlot[] | null;
  /** The calendar invite's SEQUENCE: how many times the meeting changed after it was first scheduled. */
  scheduleRevision: number;
  heldAt: string | null;
  thankedAt: string | null;
  /** When something of value was last shared. */
  lastTouchAt: string | null;
  /** Research notes (migration 0010); absent (null) in older files. */
  researchPerson: string | null;
  researchOrganization: string | null;
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

/** The account's private calendar feed: the hash of its token, as stored (see the top of this file). */
export interface BackupCalendarFeed {
  tokenHash: string;
  createdAt: string;
}

export const QUESTION_CATEGORIES = ['background', 'education', 'position', 'industry'] as const;
export const TIARA_TAGS = ['trends', 'insights', 'advice', 'resources', 'assignments'] as const;
export const OUTCOME_KINDS = ['lead', 'job_interview', 'offer'] as const;
export const MAY_USE_NAME = ['yes', 'no', 'not_asked'] as const;

export interface BackupQuestion {
  id: string;
  text: string;
  category: (typeof QUESTION_CATEGORIES)[number];
  tiara: (typeof TIARA_TAGS)[number];
  readilyAvailable: boolean;
  retired: boolean;
  /** Which of Rapport's seeded questions it is; null for the seeker's own. */
  seedKey: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A question picked for one interview, with the answer jotted in meeting mode. */
export interface BackupAgendaItem {
  id: string;
  interviewId: string;
  /** Null for a question since removed from the bank, or written for this interview only. */
  questionId: string | null;
  text: string;
  position: number;
  answer: string | null;
  /** 0 until the first answer is saved. */
  answerVersion: number;
  answeredAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface BackupMeetingSession {
  interviewId: string;
  startedAt: string;
  endsAt: string;
  notes: string | null;
  notesVersion: number;
  endedAt: string | null;
  updatedAt: string;
}

export interface BackupWriteUp {
  interviewId: string;
  learned: string | null;
  /** 1–5 */
  informationRating: number | null;
  gaveBack: string | null;
  connectionMade: boolean | null;
  lead: string | null;
  nextStep: string | null;
  thankYouSubject: string | null;
  thankYouBody: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface BackupReferral {
  id: string;
  interviewId: string;
  referrerContactId: string;
  contactId: string;
  mayUseName: (typeof MAY_USE_NAME)[number];
  note: string | null;
  referrerToldAt: string | null;
  createdAt: string;
  /** Migration 0012; absent (1) in files written before it. */
  version: number;
}

export interface BackupOutcome {
  id: string;
  kind: (typeof OUTCOME_KINDS)[number];
  title: string;
  organizationId: string | null;
  /** YYYY-MM-DD */
  occurredOn: string;
  notes: string | null;
  /** The conversations it came from, sorted. */
  interviewIds: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
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
  /** Null when the seeker never made one. */
  calendarFeed: BackupCalendarFeed | null;
  /** Sorted by id. */
  questions: BackupQuestion[];
  /** Sorted by interviewId, then position, then id. */
  agendaItems: BackupAgendaItem[];
  /** Sorted by interviewId. */
  meetingSessions: BackupMeetingSession[];
  /** Sorted by interviewId. */
  writeUps: BackupWriteUp[];
  /** Sorted by id. */
  referrals: BackupReferral[];
  /** Sorted by id. */
  outcomes: BackupOutcome[];
}

export const RESPONSIVENESS = ['booster', 'obligate', 'curmudgeon'] as const satisfies readonly Responsiveness[];

// Written as a record so that a kind added to the core fails to compile here until the backup knows it.
const EVENT_KINDS = Object.keys({
  created: true,
  request_sent: true,
  follow_up_sent: true,
  reply_received: true,
  slots_proposed: true,
  scheduled: true,
  confirmed: true,
  held: true,
  thanked: true,
  staying_in_touch: true,
  value_shared: true,
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

const meetingMinutes = z.union([z.literal(20), z.literal(30)], {
  message: `must be ${MEETING_MINUTES.join(' or ')} minutes`,
}) satisfies z.ZodType<MeetingMinutes>;

/**
 * A meeting place as `core/meeting-slots.ts` defines it, checked by its own
 * `validatePlace`. No transforms: an export passes stored places through this
 * schema to put their keys in one order, and must change nothing else.
 */
export const BackupMeetingPlaceSchema = z
  .discriminatedUnion(
    'kind',
    [
      z.strictObject({ kind: oneOf(['cafe', 'restaurant', 'office']), address: str() }),
      z.strictObject({ kind: z.literal('phone'), whoCalls: oneOf(['seeker', 'host']), number: nullableText }),
      z.strictObject({ kind: z.literal('video'), url: str() }),
    ],
    { message: 'must be a place of kind cafe, restaurant, office, phone or video' },
  )
  .superRefine((place, ctx) => {
    for (const issue of validatePlace(place)) {
      ctx.addIssue({ code: 'custom', path: issue.field.replace(/^place\./, '').split('.'), message: issue.message });
    }
  }) satisfies z.ZodType<MeetingPlace>;

/**
 * The slots offered: 2 or 3, each an ISO 8601 instant with its offset (kept as
 * written) and a length, none overlapping another. Unlike a new proposal they
 * may lie in the past: a backup holds what was offered then.
 */
export const BackupProposedSlotsSchema = z
  .array(
    z.strictObject({
      start: str().refine((v) => parseInstant(v) !== null, { message: 'must be an ISO 8601 date and time with its offset, such as 2026-03-09T10:00:00-04:00' }),
      minutes: meetingMinutes,
    }),
  )
  .min(MIN_PROPOSED_SLOTS, { message: `must offer ${MIN_PROPOSED_SLOTS} or ${MAX_PROPOSED_SLOTS} times` })
  .max(MAX_PROPOSED_SLOTS, { message: `must offer ${MIN_PROPOSED_SLOTS} or ${MAX_PROPOSED_SLOTS} times` })
  .superRefine((slots, ctx) => {
    // Back to back is fine: one ends as the next begins.
    const ranges = slots.map((slot) => {
      const start = parseInstant(slot.start)?.toMillis();
      return start === undefined ? null : { start, end: start + slot.minutes * 60_000 };
    });
    ranges.forEach((b, later) => {
      if (!b) return;
      const earlier = ranges.findIndex((a, i) => i < later && a !== null && a.start < b.end && b.start < a.end);
      if (earlier >= 0) ctx.addIssue({ code: 'custom', path: [later, 'start'], message: `overlaps the slot at index ${earlier}` });
    });
  }) satisfies z.ZodType<ProposedSlot[]>;

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
  // The bounds the preferences API allows.
  stayInTouchFirstWeeks: z.number().int({ message: 'must be 1 to 52 weeks' }).min(1, { message: 'must be 1 to 52 weeks' }).max(52, { message: 'must be 1 to 52 weeks' }).default(8),
  stayInTouchEveryMonths: z.number().int({ message: 'must be 1 to 24 months' }).min(1, { message: 'must be 1 to 24 months' }).max(24, { message: 'must be 1 to 24 months' }).default(3),
  digestHour: z.number().int({ message: 'must be an hour from 0 to 23' }).min(0, { message: 'must be an hour from 0 to 23' }).max(23, { message: 'must be an hour from 0 to 23' }).nullable().default(null),
  digestSentOn: isoDate.nullable().default(null),
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
  meetingMinutes: meetingMinutes.nullable().default(null),
  meetingPlace: BackupMeetingPlaceSchema.nullable().default(null),
  travelMinutes: z.number().int({ message: 'must be 0 to 600 minutes' }).min(0, { message: 'must be 0 to 600 minutes' }).max(600, { message: 'must be 0 to 600 minutes' }).nullable().default(null),
  proposedSlots: BackupProposedSlotsSchema.nullable().default(null),
  scheduleRevision: z
    .number()
    .int({ message: 'must be a whole number of at least 0' })
    .min(0, { message: 'must be a whole number of at least 0' })
    .max(2_147_483_647, { message: 'is too large' })
    .default(0),
  heldAt: timestamp.nullable(),
  thankedAt: timestamp.nullable(),
  lastTouchAt: timestamp.nullable().default(null),
  researchPerson: nullableText.default(null),
  researchOrganization: nullableText.default(null),
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

const CalendarFeedSchema = z.strictObject({
  tokenHash: str().refine((v) => /^[A-Za-z0-9+/=_:-]{16,200}$/.test(v), { message: 'must be the hash of the feed token, as stored' }),
  createdAt: timestamp,
}) satisfies z.ZodType<BackupCalendarFeed>;

const atLeastZero = z.number().int({ message: 'must be a whole number of at least 0' }).min(0, { message: 'must be a whole number of at least 0' }).max(2_147_483_647, { message: 'is too large' });

const QuestionSchema = z.strictObject({
  id,
  text: requiredText,
  category: oneOf(QUESTION_CATEGORIES),
  tiara: oneOf(TIARA_TAGS),
  readilyAvailable: z.boolean(),
  retired: z.boolean(),
  seedKey: id.nullable(),
  version,
  createdAt: timestamp,
  updatedAt: timestamp,
}) satisfies z.ZodType<BackupQuestion>;

const AgendaItemSchema = z.strictObject({
  id,
  interviewId: id,
  questionId: id.nullable(),
  text: requiredText,
  position: atLeastZero,
  answer: nullableText,
  answerVersion: atLeastZero,
  answeredAt: timestamp.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
}) satisfies z.ZodType<BackupAgendaItem>;

const MeetingSessionSchema = z.strictObject({
  interviewId: id,
  startedAt: timestamp,
  endsAt: timestamp,
  notes: nullableText,
  notesVersion: atLeastZero,
  endedAt: timestamp.nullable(),
  updatedAt: timestamp,
}) satisfies z.ZodType<BackupMeetingSession>;

const WriteUpSchema = z.strictObject({
  interviewId: id,
  learned: nullableText,
  informationRating: z.number().int({ message: 'must be 1 to 5' }).min(1, { message: 'must be 1 to 5' }).max(5, { message: 'must be 1 to 5' }).nullable(),
  gaveBack: nullableText,
  connectionMade: z.boolean().nullable(),
  lead: nullableText,
  nextStep: nullableText,
  thankYouSubject: nullableText,
  thankYouBody: nullableText,
  version,
  createdAt: timestamp,
  updatedAt: timestamp,
}) satisfies z.ZodType<BackupWriteUp>;

const ReferralSchema = z.strictObject({
  id,
  interviewId: id,
  referrerContactId: id,
  contactId: id,
  mayUseName: oneOf(MAY_USE_NAME),
  note: nullableText,
  referrerToldAt: timestamp.nullable(),
  createdAt: timestamp,
  version: version.default(1),
}) satisfies z.ZodType<BackupReferral, unknown>;

const OutcomeSchema = z.strictObject({
  id,
  kind: oneOf(OUTCOME_KINDS),
  title: requiredText,
  organizationId: id.nullable(),
  occurredOn: isoDate,
  notes: nullableText,
  interviewIds: z.array(id),
  version,
  createdAt: timestamp,
  updatedAt: timestamp,
}) satisfies z.ZodType<BackupOutcome>;

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
    // Optional: files written before migration 0008 have none.
    calendarFeed: CalendarFeedSchema.nullable().default(null),
    // Optional: files written before migration 0010 have none.
    questions: z.array(QuestionSchema).default([]),
    agendaItems: z.array(AgendaItemSchema).default([]),
    meetingSessions: z.array(MeetingSessionSchema).default([]),
    writeUps: z.array(WriteUpSchema).default([]),
    referrals: z.array(ReferralSchema).default([]),
    outcomes: z.array(OutcomeSchema).default([]),
  })
  .superRefine((backup, ctx) => {
    const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });

    const uniqueIds = (
      section: 'organizations' | 'contacts' | 'contactHistory' | 'targets' | 'interviews' | 'interviewEvents' | 'questions' | 'agendaItems' | 'referrals' | 'outcomes',
      rows: readonly { id: string }[],
    ) => {
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
    const questionIds = uniqueIds('questions', backup.questions);
    uniqueIds('agendaItems', backup.agendaItems);
    uniqueIds('referrals', backup.referrals);
    uniqueIds('outcomes', backup.outcomes);

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

    const seedKeys = new Set<string>();
    backup.questions.forEach((question, i) => {
      if (question.seedKey === null) return;
      if (seedKeys.has(question.seedKey)) problem(['questions', i, 'seedKey'], 'another question in the file has this seed key');
      seedKeys.add(question.seedKey);
    });

    const noInterview = (section: string, i: number, interviewId: string) => {
      if (!interviewContacts.has(interviewId)) problem([section, i, 'interviewId'], 'no interview with this id in the file');
    };
    backup.agendaItems.forEach((item, i) => {
      noInterview('agendaItems', i, item.interviewId);
      if (item.questionId !== null && !questionIds.has(item.questionId)) problem(['agendaItems', i, 'questionId'], 'no question with this id in the file');
    });
    const onePerInterview = (section: 'meetingSessions' | 'writeUps', rows: readonly { interviewId: string }[]) => {
      const seen = new Set<string>();
      rows.forEach((row, i) => {
        noInterview(section, i, row.interviewId);
        if (seen.has(row.interviewId)) problem([section, i, 'interviewId'], 'this interview appears twice in the section');
        seen.add(row.interviewId);
      });
    };
    onePerInterview('meetingSessions', backup.meetingSessions);
    onePerInterview('writeUps', backup.writeUps);

    const referred = new Set<string>();
    backup.referrals.forEach((referral, i) => {
      noInterview('referrals', i, referral.interviewId);
      if (!contactIds.has(referral.referrerContactId)) problem(['referrals', i, 'referrerContactId'], 'no contact with this id in the file');
      if (!contactIds.has(referral.contactId)) problem(['referrals', i, 'contactId'], 'no contact with this id in the file');
      const key = JSON.stringify([referral.interviewId, referral.contactId]);
      if (referred.has(key)) problem(['referrals', i, 'contactId'], 'this interview already lists this referral');
      referred.add(key);
    });

    backup.outcomes.forEach((outcome, i) => {
      if (outcome.organizationId !== null && !organizationIds.has(outcome.organizationId)) {
        problem(['outcomes', i, 'organizationId'], 'no organization with this id in the file');
      }
      const seen = new Set<string>();
      outcome.interviewIds.forEach((interviewId, j) => {
        if (!interviewContacts.has(interviewId)) problem(['outcomes', i, 'interviewIds', j], 'no interview with this id in the file');
        if (seen.has(interviewId)) problem(['outcomes', i, 'interviewIds', j], 'appears twice in the list');
        seen.add(interviewId);
      });
    });
  });
