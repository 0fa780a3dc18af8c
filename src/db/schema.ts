/**
 * Table types for Kysely. Auth tables keep better-auth's own column names
 * (camelCase); Rapport's tables are snake_case. Timestamps are ISO strings in
 * SQLite and `timestamptz` (read back as Date) in PostgreSQL; repositories map
 * both to ISO strings at the edge.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date | string, Date | string, Date | string>;

export interface UserTable {
  id: string;
  name: string;
  email: string;
  emailVerified: ColumnType<boolean | number, boolean | number, boolean | number>;
  image: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface SessionTable {
  id: string;
  expiresAt: Timestamp;
  token: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  ipAddress: string | null;
  userAgent: string | null;
  userId: string;
}

export interface AccountTable {
  id: string;
  accountId: string;
  providerId: string;
  userId: string;
  accessToken: string | null;
  refreshToken: string | null;
  idToken: string | null;
  accessTokenExpiresAt: Timestamp | null;
  refreshTokenExpiresAt: Timestamp | null;
  scope: string | null;
  password: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface VerificationTable {
  id: string;
  identifier: string;
  value: string;
  expiresAt: Timestamp;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface RateLimitTable {
  id: string;
  key: string;
  count: number;
  lastRequest: number | string | bigint;
}

/** Instance-wide facts: whether setup happened, the generated auth secret. */
export interface SettingTable {
  key: string;
  value: string;
}

export interface OrganizationTable {
  id: string;
  owner_id: string;
  name: string;
  name_key: string;
  website: string | null;
  industry: string | null;
  notes: string | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ContactTable {
  id: string;
  owner_id: string;
  name: string;
  name_key: string;
  /** JSON array of strings. */
  emails: string;
  /** JSON array of strings. */
  phones: string;
  linkedin_url: string | null;
  organization_id: string | null;
  title: string | null;
  location: string | null;
  time_zone: string | null;
  source: string | null;
  introduced_by_id: string | null;
  notes: string | null;
  /** ISO date (YYYY-MM-DD) of the LinkedIn connection. */
  connected_on: string | null;
  /** The title the last import said; a re-import changes `title` only when the file changes. */
  imported_title: string | null;
  /** The organization name the last import said. */
  imported_organization: string | null;
  /** False for a name the seeker was given but has not met (a referral); warm paths start from people they know. */
  known_personally: ColumnType<boolean | number, boolean | number | undefined, boolean | number>;
  /** How they answered the last request: 'booster', 'obligate' or 'curmudgeon' (3B7). */
  responsiveness: string | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Earlier titles and organizations of a contact, newest last. */
export interface ContactHistoryTable {
  id: string;
  owner_id: string;
  contact_id: string;
  /** 'title' or 'organization'. */
  field: string;
  old_value: string | null;
  new_value: string | null;
  /** What changed it: 'linkedin', 'vcard' or 'edit'. */
  source: string;
  changed_at: Timestamp;
}

export interface ContactTagTable {
  contact_id: string;
  owner_id: string;
  tag: string;
  tag_key: string;
  position: Generated<number>;
}

/** "A knows B", stored once per pair with the smaller id in `contact_a_id`. */
export interface ContactLinkTable {
  owner_id: string;
  contact_a_id: string;
  contact_b_id: string;
  created_at: Timestamp;
}

type Bool = ColumnType<boolean | number, boolean | number | undefined, boolean | number>;

export interface TargetTable {
  id: string;
  owner_id: string;
  organization_id: string;
  motivation: number;
  open_postings: Bool;
  active: Bool;
  notes: string | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface InterviewTable {
  id: string;
  owner_id: string;
  contact_id: string;
  organization_id: string | null;
  stage: string;
  host_invited_again: Bool;
  request_template: string | null;
  request_subject: string | null;
  request_body: string | null;
  request_channel: string | null;
  request_sent_at: Timestamp | null;
  follow_up_sent_at: Timestamp | null;
  replied_at: Timestamp | null;
  reply_answer: string | null;
  meeting_at: Timestamp | null;
  held_at: Timestamp | null;
  thanked_at: Timestamp | null;
  notes: string | null;
  meeting_minutes: number | null;
  meeting_place: string | null;
  travel_minutes: number | null;
  proposed_slots: string | null;
  last_touch_at: Timestamp | null;
  research_person: string | null;
  research_organization: string | null;
  schedule_revision: ColumnType<number, number | undefined, number>;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface InterviewEventTable {
  id: string;
  owner_id: string;
  interview_id: string;
  contact_id: string;
  seq: number;
  kind: string;
  occurred_at: Timestamp;
  detail: string | null;
  recorded_at: Timestamp;
}

export interface TaskDecisionTable {
  owner_id: string;
  task_key: string;
  status: string;
  snoozed_until: string | null;
  decided_at: Timestamp;
}

export interface SeekerPreferenceTable {
  user_id: string;
  time_zone: string;
  working_days: string;
  weekly_request_goal: number;
  active_target_limit: number;
  affinity_tags: string;
  stay_in_touch_first_weeks: number;
  stay_in_touch_every_months: number;
  digest_hour: number | null;
  digest_sent_on: string | null;
  version: number;
  updated_at: Timestamp;
}

/** One private calendar feed per account; the URL carries the token, the row keeps its SHA-256. */
export interface CalendarFeedTable {
  user_id: string;
  token_hash: string;
  created_at: Timestamp;
}

/**
 * The e-mail outbox (migration 0007): one row per message, from enqueue to sent
 * or dead. States and their rules are in src/core/outbox-policy.ts.
 */
export interface OutboxMessageTable {
  id: string;
  owner_id: string;
  /** The RFC 5322 Message-ID with its angle brackets, fixed at enqueue. */
  message_id: string;
  /** JSON array of { name, address }. */
  recipients: string;
  reply_to: string | null;
  from_name: string | null;
  in_reply_to: string | null;
  subject: string;
  text_body: string;
  html_body: string | null;
  /** JSON array of { filename, contentType, contentBase64 }. */
  attachments: string;
  cause_kind: string;
  cause_id: string;
  status: string;
  attempts: number;
  next_attempt_at: Timestamp;
  locked_until: Timestamp | null;
  lease_token: string | null;
  last_attempt_at: Timestamp | null;
  last_error: string | null;
  smtp_response: string | null;
  sent_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface Database {
  user: UserTable;
  session: SessionTable;
  account: AccountTable;
  verification: VerificationTable;
  rateLimit: RateLimitTable;
  setting: SettingTable;
  organization: OrganizationTable;
  contact: ContactTable;
  contact_tag: ContactTagTable;
  contact_history: ContactHistoryTable;
  contact_link: ContactLinkTable;
  target: TargetTable;
  interview: InterviewTable;
  interview_event: InterviewEventTable;
  task_decision: TaskDecisionTable;
  seeker_preference: SeekerPreferenceTable;
  calendar_feed: CalendarFeedTable;
  outbox_message: OutboxMessageTable;
  question: QuestionTable;
  agenda_item: AgendaItemTable;
  meeting_session: MeetingSessionTable;
  write_up: WriteUpTable;
  referral: ReferralTable;
  outcome: OutcomeTable;
  outcome_interview: OutcomeInterviewTable;
}

export type Dialect = 'sqlite' | 'postgres';

/** Prepare, meet, follow through (migration 0010). */
export interface QuestionTable {
  id: string;
  owner_id: string;
  text: string;
  category: string;
  tiara: string;
  readily_available: Bool;
  retired: Bool;
  seed_key: string | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AgendaItemTable {
  id: string;
  owner_id: string;
  interview_id: string;
  question_id: string | null;
  text: string;
  position: number;
  answer: string | null;
  answer_version: ColumnType<number, number | undefined, number>;
  answered_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MeetingSessionTable {
  interview_id: string;
  owner_id: string;
  started_at: Timestamp;
  ends_at: Timestamp;
  notes: string | null;
  notes_version: ColumnType<number, number | undefined, number>;
  ended_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface WriteUpTable {
  interview_id: string;
  owner_id: string;
  learned: string | null;
  information_rating: number | null;
  gave_back: string | null;
  connection_made: Bool | null;
  lead: string | null;
  next_step: string | null;
  thank_you_subject: string | null;
  thank_you_body: string | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ReferralTable {
  id: string;
  owner_id: string;
  interview_id: string;
  referrer_contact_id: string;
  contact_id: string;
  may_use_name: string;
  note: string | null;
  referrer_told_at: Timestamp | null;
  created_at: Timestamp;
  /** Migration 0012: edits are refused over an older version. */
  version: Generated<number>;
}

export interface OutcomeTable {
  id: string;
  owner_id: string;
  kind: string;
  title: string;
  organization_id: string | null;
  occurred_on: string;
  notes: string | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OutcomeInterviewTable {
  outcome_id: string;
  interview_id: string;
  owner_id: string;
}
