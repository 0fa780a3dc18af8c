/**
 * All SQL of the JSON backup of one account: reading every row an account owns,
 * and writing them back into a new account. Rows are mapped to the backup file's
 * records here, at the edge: timestamps to ISO text, JSON arrays to arrays,
 * SQLite's 0/1 and PostgreSQL's booleans to booleans.
 */
import { PostgresAdapter, type Kysely } from 'kysely';
import type { z } from 'zod';
import {
  BackupMeetingPlaceSchema,
  BackupProposedSlotsSchema,
  type BackupAccount,
  type BackupAgendaItem,
  type BackupCalendarFeed,
  type BackupContact,
  type BackupContactHistory,
  type BackupContactLink,
  type BackupContactTag,
  type BackupInterview,
  type BackupInterviewEvent,
  type BackupMeetingSession,
  type BackupOrganization,
  type BackupOutcome,
  type BackupPreferences,
  type BackupQuestion,
  type BackupReferral,
  type BackupTarget,
  type BackupWriteUp,
  type BackupTaskDecision,
} from '../backup/backup-format.ts';
import type { Responsiveness } from '../core/follow-up.ts';
import type { InterviewEventKind, InterviewStage, RequestChannel } from '../core/interview-stages.ts';
import type { MeetingMinutes } from '../core/meeting-slots.ts';
import { matchKey } from '../core/normalize.ts';
import type { RequestTemplateId } from '../core/request-templates.ts';
import type { Database } from '../db/schema.ts';
import { fromDbBool, parseJsonArray, toDbBool, toIso } from './row-mapping.ts';

type Db = Kysely<Database>;

/**
 * Rows per INSERT: far below SQLite's 32,766 and PostgreSQL's 65,535 bound
 * parameters even for the widest tables (interview, 27 columns).
 */
const CHUNK = 500;

function chunks<T>(rows: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) result.push(rows.slice(i, i + CHUNK));
  return result;
}

/**
 * Ids are compared in JavaScript, not with ORDER BY: PostgreSQL would sort a text
 * id by the cluster's locale, SQLite byte by byte, and the file must not depend
 * on which database it came from.
 */
function byKey<T>(key: (row: T) => string | number, ...more: ((row: T) => string | number)[]): (a: T, b: T) => number {
  const keys = [key, ...more];
  return (a, b) => {
    for (const k of keys) {
      const x = k(a);
      const y = k(b);
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  };
}

const isoOrNull = (value: Date | string | null): string | null => (value === null ? null : toIso(value));

/**
 * A JSON column whose shape the file spells out as an object (see the top of
 * backup-format.ts): read back through the file's own schema, which puts its
 * keys in one order and changes nothing else. A value that does not fit (text
 * that is not JSON, a shape the app never writes) is exported as found, for a
 * restore to refuse naming its path, rather than failing the export or being dropped.
 */
function storedJson<T>(schema: z.ZodType<T>, text: string | null): T | null {
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = text;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : (value as T);
}

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

// ---- reading ---------------------------------------------------------------

/** The user and, if there is one, their password hash (better-auth's 'credential' account). */
export async function findBackupAccount(db: Db, ownerId: string): Promise<BackupAccount | undefined> {
  const row = await db
    .selectFrom('user as u')
    .leftJoin('account as a', (join) => join.onRef('a.userId', '=', 'u.id').on('a.providerId', '=', 'credential'))
    .select(['u.email', 'u.name', 'a.password'])
    .where('u.id', '=', ownerId)
    .executeTakeFirst();
  return row ? { email: row.email, name: row.name, passwordHash: row.password ?? null } : undefined;
}

export async function listBackupOrganizations(db: Db, ownerId: string): Promise<BackupOrganization[]> {
  const rows = await db.selectFrom('organization').selectAll().where('owner_id', '=', ownerId).execute();
  return rows
    .map((row) => ({
      id: row.id,
      name: row.name,
      website: row.website,
      industry: row.industry,
      notes: row.notes,
      version: row.version,
      createdAt: toIso(row.created_at),
      updatedAt: toIso(row.updated_at),
    }))
    .sort(byKey((r) => r.id));
}

export async function listBackupContacts(db: Db, ownerId: string): Promise<BackupContact[]> {
  const rows = await db.selectFrom('contact').selectAll().where('owner_id', '=', ownerId).execute();
  return rows
    .map((row) => ({
      id: row.id,
      name: row.name,
      emails: parseJsonArray(row.emails),
      phones: parseJsonArray(row.phones),
      linkedinUrl: row.linkedin_url,
      organizationId: row.organization_id,
      title: row.title,
      location: row.location,
      timeZone: row.time_zone,
      source: row.source,
      introducedById: row.introduced_by_id,
      notes: row.notes,
      connectedOn: row.connected_on,
      importedTitle: row.imported_title,
      importedOrganization: row.imported_organization,
      knownPersonally: fromDbBool(row.known_personally),
      // Written only from the core's three values; exported as stored.
      responsiveness: row.responsiveness as Responsiveness | null,
      version: row.version,
      createdAt: toIso(row.created_at),
      updatedAt: toIso(row.updated_at),
    }))
    .sort(byKey((r) => r.id));
}

export async function listBackupContactTags(db: Db, ownerId: string): Promise<BackupContactTag[]> {
  const rows = await db.selectFrom('contact_tag').select(['contact_id', 'tag', 'position']).where('owner_id', '=', ownerId).execute();
  return rows
    .map((row) => ({ contactId: row.contact_id, tag: row.tag, position: Number(row.position) }))
    .sort(byKey((r) => r.contactId, (r) => r.position, (r) => r.tag));
}

export async function listBackupContactHistory(db: Db, ownerId: string): Promise<BackupContactHistory[]> {
  const rows = await db.selectFrom('contact_history').selectAll().where('owner_id', '=', ownerId).execute();
  return rows
    .map((row) => ({
      id: row.id,
      contactId: row.contact_id,
      field: row.field,
      oldValue: row.old_value,
      newValue: row.new_value,
      source: row.source,
      changedAt: toIso(row.changed_at),
    }))
    .sort(byKey((r) => r.id));
}

/** The seeker's preferences as the app reads them (see `preference.repository.ts`). */
export async function findBackupPreferences(db: Db, ownerId: string): Promise<BackupPreferences | null> {
  const row = await db.selectFrom('seeker_preference').selectAll().where('user_id', '=', ownerId).executeTakeFirst();
  if (!row) return null;
  return {
    timeZone: row.time_zone,
    workingDays: row.working_days
      .split(',')
      .map(Number)
      .filter((d) => Number.isInteger(d) && d >= 1 && d <= 7),
    weeklyRequestGoal: row.weekly_request_goal,
    activeTargetLimit: row.active_target_limit,
    affinityTags: parseJsonArray(row.affinity_tags),
    stayInTouchFirstWeeks: row.stay_in_touch_first_weeks,
    stayInTouchEveryMonths: row.stay_in_touch_every_months,
    digestHour: row.digest_hour,
    digestSentOn: row.digest_sent_on,
    version: row.version,
    updatedAt: toIso(row.updated_at),
  };
}

export async function listBackupContactLinks(db: Db, ownerId: string): Promise<BackupContactLink[]> {
  const rows = await db.selectFrom('contact_link').selectAll().where('owner_id', '=', ownerId).execute();
  return rows
    .map((row) => ({ contactAId: row.contact_a_id, contactBId: row.contact_b_id, createdAt: toIso(row.created_at) }))
    .sort(byKey((r) => r.contactAId, (r) => r.contactBId));
}

export async function listBackupTargets(db: Db, ownerId: string): Promise<BackupTarget[]> {
  const rows = await db.selectFrom('target').selectAll().where('owner_id', '=', ownerId).execute();
  return rows
    .map((row) => ({
      id: row.id,
      organizationId: row.organization_id,
      motivation: row.motivation,
      openPostings: fromDbBool(row.open_postings),
      active: fromDbBool(row.active),
      notes: row.notes,
      version: row.version,
      createdAt: toIso(row.created_at),
      updatedAt: toIso(row.updated_at),
    }))
    .sort(byKey((r) => r.id));
}

/** Stages, channels, templates and lengths are exported as stored: only the core's values are ever written. */
export async function listBackupInterviews(db: Db, ownerId: string): Promise<BackupInterview[]> {
  const rows = await db.selectFrom('interview').selectAll().where('owner_id', '=', ownerId).execute();
  return rows
    .map((row) => ({
      id: row.id,
      contactId: row.contact_id,
      organizationId: row.organization_id,
      stage: row.stage as InterviewStage,
      hostInvitedAgain: fromDbBool(row.host_invited_again),
      requestTemplate: row.request_template as RequestTemplateId | null,
      requestSubject: row.request_subject,
      requestBody: row.request_body,
      requestChannel: row.request_channel as RequestChannel | null,
      requestSentAt: isoOrNull(row.request_sent_at),
      followUpSentAt: isoOrNull(row.follow_up_sent_at),
      repliedAt: isoOrNull(row.replied_at),
      replyAnswer: row.reply_answer as 'yes' | 'no' | null,
      meetingAt: isoOrNull(row.meeting_at),
      meetingMinutes: row.meeting_minutes as MeetingMinutes | null,
      meetingPlace: storedJson(BackupMeetingPlaceSchema, row.meeting_place),
      travelMinutes: row.travel_minutes,
      proposedSlots: storedJson(BackupProposedSlotsSchema, row.proposed_slots),
      scheduleRevision: Number(row.schedule_revision),
      heldAt: isoOrNull(row.held_at),
      thankedAt: isoOrNull(row.thanked_at),
      lastTouchAt: isoOrNull(row.last_touch_at),
      researchPerson: row.research_person,
      researchOrganization: row.research_organization,
      notes: row.notes,
      version: row.version,
      createdAt: toIso(row.created_at),
      updatedAt: toIso(row.updated_at),
    }))
    .sort(byKey((r) => r.id));
}

export async function listBackupInterviewEvents(db: Db, ownerId: string): Promise<BackupInterviewEvent[]> {
  const rows = await db.selectFrom('interview_event').selectAll().where('owner_id', '=', ownerId).execute();
  return rows
    .map((row) => ({
      id: row.id,
      interviewId: row.interview_id,
      contactId: row.contact_id,
      seq: Number(row.seq),
      kind: row.kind as InterviewEventKind,
      occurredAt: toIso(row.occurred_at),
      detail: row.detail,
      recordedAt: toIso(row.recorded_at),
    }))
    .sort(byKey((r) => r.interviewId, (r) => r.seq));
}

export async function listBackupTaskDecisions(db: Db, ownerId: string): Promise<BackupTaskDecision[]> {
  const rows = await db.selectFrom('task_decision').selectAll().where('owner_id', '=', ownerId).execute();
  return rows
    .map((row) => ({
      taskKey: row.task_key,
      status: row.status as BackupTaskDecision['status'],
      snoozedUntil: row.snoozed_until,
      decidedAt: toIso(row.decided_at),
    }))
    .sort(byKey((r) => r.taskKey));
}

/** The account's calendar feed: the hash of its token, never the token (the database does not have it). */
export async function findBackupCalendarFeed(db: Db, ownerId: string): Promise<BackupCalendarFeed | null> {
  const row = await db.selectFrom('calendar_feed').select(['token_hash', 'created_at']).where('user_id', '=', ownerId).executeTakeFirst();
  return row ? { tokenHash: row.token_hash, createdAt: toIso(row.created_at) } : null;
}

/** Categories, TIARA tags and the like are exported as stored: only the core's values are ever written. */
export async function listBackupQuestions(db: Db, ownerId: string): Promise<BackupQuestion[]> {
  const rows = await db.selectFrom('question').selectAll().where('owner_id', '=', ownerId).execute();
  return rows
    .map((row) => ({
      id: row.id,
      text: row.text,
      category: row.category as BackupQuestion['category'],
      tiara: row.tiara as BackupQuestion['tiara'],
      readilyAvailable: fromDbBool(row.readily_available),
      retired: fromDbBool(row.retired),
      seedKey: row.seed_key,
      version: row.version,
      createdAt: toIso(row.created_at),
      updatedAt: toIso(row.updated_at),
    }))
    .sort(byKey((r) => r.id));
}

export async function listBackupAgendaItems(db: Db, ownerId: string): Promise<BackupAgendaItem[]> {
  const rows = await db.selectFrom('agenda_item').selectAll().where('owner_id', '=', ownerId).execute();
  return rows
    .map((row) => ({
      id: row.id,
      interviewId: row.interview_id,
      questionId: row.question_id,
      text: row.text,
      position: Number(row.position),
      answer: row.answer,
      answerVersion: Number(row.answer_version),
      answeredAt: isoOrNull(row.answered_at),
      createdAt: toIso(row.created_at),
      updatedAt: toIso(row.updated_at),
    }))
    .sort(byKey((r) => r.interviewId, (r) => r.position, (r) => r.id));
}

export async function listBackupMeetingSessions(db: Db, ownerId: string): Promise<BackupMeetingSession[]> {
  const rows = await db.selectFrom('meeting_session').selectAll().where('owner_id', '=', ownerId).execute();
  return rows
    .map((row) => ({
      interviewId: row.interview_id,
      startedAt: toIso(row.started_at),
      endsAt: toIso(row.ends_at),
      notes: row.notes,
      notesVersion: Number(row.notes_version),
      endedAt: isoOrNull(row.ended_at),
      updatedAt: toIso(row.updated_at),
    }))
    .sort(byKey((r) => r.interviewId));
}

export async function listBackupWriteUps(db: Db, ownerId: string): Promise<BackupWriteUp[]> {
  const rows = await db.selectFrom('write_up').selectAll().where('owner_id', '=', ownerId).execute();
  return rows
    .map((row) => ({
      interviewId: row.interview_id,
      learned: row.learned,
      informationRating: row.information_rating,
      gaveBack: row.gave_back,
      connectionMade: row.connection_made === null ? null : fromDbBool(row.connection_made),
      lead: row.lead,
      nextStep: row.next_step,
      thankYouSubject: row.thank_you_subject,
      thankYouBody: row.thank_you_body,
      version: row.version,
      createdAt: toIso(row.created_at),
      updatedAt: toIso(row.updated_at),
    }))
    .sort(byKey((r) => r.interviewId));
}

export async function listBackupReferrals(db: Db, ownerId: string): Promise<BackupReferral[]> {
  const rows = await db.selectFrom('referral').selectAll().where('owner_id', '=', ownerId).execute();
  return rows
    .map((row) => ({
      id: row.id,
      interviewId: row.interview_id,
      referrerContactId: row.referrer_contact_id,
      contactId: row.contact_id,
      mayUseName: row.may_use_name as BackupReferral['mayUseName'],
      note: row.note,
      referrerToldAt: isoOrNull(row.referrer_told_at),
      createdAt: toIso(row.created_at),
      version: row.version,
    }))
    .sort(byKey((r) => r.id));
}

/** Each outcome with the interviews it came from folded in, sorted. */
export async function listBackupOutcomes(db: Db, ownerId: string): Promise<BackupOutcome[]> {
  const rows = await db.selectFrom('outcome').selectAll().where('owner_id', '=', ownerId).execute();
  const links = await db.selectFrom('outcome_interview').select(['outcome_id', 'interview_id']).where('owner_id', '=', ownerId).execute();
  const interviewsOf = new Map<string, string[]>();
  for (const link of links) interviewsOf.set(link.outcome_id, [...(interviewsOf.get(link.outcome_id) ?? []), link.interview_id]);
  return rows
    .map((row) => ({
      id: row.id,
      kind: row.kind as BackupOutcome['kind'],
      title: row.title,
      organizationId: row.organization_id,
      occurredOn: row.occurred_on,
      notes: row.notes,
      interviewIds: (interviewsOf.get(row.id) ?? []).sort(byKey((id) => id)),
      version: row.version,
      createdAt: toIso(row.created_at),
      updatedAt: toIso(row.updated_at),
    }))
    .sort(byKey((r) => r.id));
}

// ---- writing (a restore; the caller holds the transaction) -----------------

/**
 * Which of these ids some row of the table already has, whatever its owner: ids
 * are primary keys across the whole instance, so a restore must not reuse one.
 */
export async function existingIds(
  db: Db,
  table: 'organization' | 'contact' | 'contact_history' | 'target' | 'interview' | 'interview_event' | 'question' | 'agenda_item' | 'referral' | 'outcome',
  ids: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const part of chunks(ids)) {
    const rows = await db.selectFrom(table).select('id').where('id', 'in', part).execute();
    found.push(...rows.map((r) => r.id));
  }
  return found;
}

/** A user and, with a hash, the 'credential' account better-auth signs them in with. */
export async function insertRestoredUser(
  db: Db,
  user: { id: string; accountId: string; email: string; name: string; passwordHash: string | null; at: string },
): Promise<void> {
  await db
    .insertInto('user')
    .values({
      id: user.id,
      name: user.name,
      email: user.email,
      emailVerified: isPostgres(db) ? false : 0,
      image: null,
      createdAt: user.at,
      updatedAt: user.at,
    })
    .execute();
  if (user.passwordHash === null) return;
  await db
    .insertInto('account')
    .values({
      id: user.accountId,
      accountId: user.id,
      providerId: 'credential',
      userId: user.id,
      accessToken: null,
      refreshToken: null,
      idToken: null,
      accessTokenExpiresAt: null,
      refreshTokenExpiresAt: null,
      scope: null,
      password: user.passwordHash,
      createdAt: user.at,
      updatedAt: user.at,
    })
    .execute();
}

export async function insertRestoredOrganizations(db: Db, ownerId: string, organizations: readonly BackupOrganization[]): Promise<void> {
  for (const part of chunks(organizations)) {
    await db
      .insertInto('organization')
      .values(
        part.map((o) => ({
          id: o.id,
          owner_id: ownerId,
          name: o.name,
          name_key: matchKey(o.name),
          website: o.website,
          industry: o.industry,
          notes: o.notes,
          version: o.version,
          created_at: o.createdAt,
          updated_at: o.updatedAt,
        })),
      )
      .execute();
  }
}

/**
 * Contacts first without who introduced them, then the introductions: a contact
 * may name one that comes later in the file (or two may name each other).
 */
export async function insertRestoredContacts(db: Db, ownerId: string, contacts: readonly BackupContact[]): Promise<void> {
  for (const part of chunks(contacts)) {
    await db
      .insertInto('contact')
      .values(
        part.map((c) => ({
          id: c.id,
          owner_id: ownerId,
          name: c.name,
          name_key: matchKey(c.name),
          emails: JSON.stringify(c.emails),
          phones: JSON.stringify(c.phones),
          linkedin_url: c.linkedinUrl,
          organization_id: c.organizationId,
          title: c.title,
          location: c.location,
          time_zone: c.timeZone,
          source: c.source,
          introduced_by_id: null,
          notes: c.notes,
          connected_on: c.connectedOn,
          imported_title: c.importedTitle,
          imported_organization: c.importedOrganization,
          known_personally: toDbBool(c.knownPersonally),
          responsiveness: c.responsiveness,
          version: c.version,
          created_at: c.createdAt,
          updated_at: c.updatedAt,
        })),
      )
      .execute();
  }
  for (const c of contacts) {
    if (c.introducedById === null) continue;
    await db
      .updateTable('contact')
      .set({ introduced_by_id: c.introducedById })
      .where('owner_id', '=', ownerId)
      .where('id', '=', c.id)
      .execute();
  }
}

export async function insertRestoredContactTags(db: Db, ownerId: string, tags: readonly BackupContactTag[]): Promise<void> {
  for (const part of chunks(tags)) {
    await db
      .insertInto('contact_tag')
      .values(part.map((t) => ({ contact_id: t.contactId, owner_id: ownerId, tag: t.tag, tag_key: matchKey(t.tag), position: t.position })))
      .execute();
  }
}

export async function insertRestoredContactHistory(db: Db, ownerId: string, history: readonly BackupContactHistory[]): Promise<void> {
  for (const part of chunks(history)) {
    await db
      .insertInto('contact_history')
      .values(
        part.map((h) => ({
          id: h.id,
          owner_id: ownerId,
          contact_id: h.contactId,
          field: h.field,
          old_value: h.oldValue,
          new_value: h.newValue,
          source: h.source,
          changed_at: h.changedAt,
        })),
      )
      .execute();
  }
}

/** Links in their stored order, smaller id first, whichever way the file names them. */
export async function insertRestoredContactLinks(db: Db, ownerId: string, links: readonly BackupContactLink[]): Promise<void> {
  for (const part of chunks(links)) {
    await db
      .insertInto('contact_link')
      .values(
        part.map((l) => {
          const [a, b] = l.contactAId < l.contactBId ? [l.contactAId, l.contactBId] : [l.contactBId, l.contactAId];
          return { owner_id: ownerId, contact_a_id: a, contact_b_id: b, created_at: l.createdAt };
        }),
      )
      .execute();
  }
}

export async function insertRestoredTargets(db: Db, ownerId: string, targets: readonly BackupTarget[]): Promise<void> {
  for (const part of chunks(targets)) {
    await db
      .insertInto('target')
      .values(
        part.map((t) => ({
          id: t.id,
          owner_id: ownerId,
          organization_id: t.organizationId,
          motivation: t.motivation,
          open_postings: toDbBool(t.openPostings),
          active: toDbBool(t.active),
          notes: t.notes,
          version: t.version,
          created_at: t.createdAt,
          updated_at: t.updatedAt,
        })),
      )
      .execute();
  }
}

export async function insertRestoredInterviews(db: Db, ownerId: string, interviews: readonly BackupInterview[]): Promise<void> {
  for (const part of chunks(interviews)) {
    await db
      .insertInto('interview')
      .values(
        part.map((i) => ({
          id: i.id,
          owner_id: ownerId,
          contact_id: i.contactId,
          organization_id: i.organizationId,
          stage: i.stage,
          host_invited_again: toDbBool(i.hostInvitedAgain),
          request_template: i.requestTemplate,
          request_subject: i.requestSubject,
          request_body: i.requestBody,
          request_channel: i.requestChannel,
          request_sent_at: i.requestSentAt,
          follow_up_sent_at: i.followUpSentAt,
          replied_at: i.repliedAt,
          reply_answer: i.replyAnswer,
          meeting_at: i.meetingAt,
          meeting_minutes: i.meetingMinutes,
          meeting_place: i.meetingPlace === null ? null : JSON.stringify(i.meetingPlace),
          travel_minutes: i.travelMinutes,
          proposed_slots: i.proposedSlots === null ? null : JSON.stringify(i.proposedSlots),
          schedule_revision: i.scheduleRevision,
          held_at: i.heldAt,
          thanked_at: i.thankedAt,
          last_touch_at: i.lastTouchAt,
          research_person: i.researchPerson,
          research_organization: i.researchOrganization,
          notes: i.notes,
          version: i.version,
          created_at: i.createdAt,
          updated_at: i.updatedAt,
        })),
      )
      .execute();
  }
}

export async function insertRestoredInterviewEvents(db: Db, ownerId: string, events: readonly BackupInterviewEvent[]): Promise<void> {
  for (const part of chunks(events)) {
    await db
      .insertInto('interview_event')
      .values(
        part.map((e) => ({
          id: e.id,
          owner_id: ownerId,
          interview_id: e.interviewId,
          contact_id: e.contactId,
          seq: e.seq,
          kind: e.kind,
          occurred_at: e.occurredAt,
          detail: e.detail,
          recorded_at: e.recordedAt,
        })),
      )
      .execute();
  }
}

export async function insertRestoredTaskDecisions(db: Db, ownerId: string, decisions: readonly BackupTaskDecision[]): Promise<void> {
  for (const part of chunks(decisions)) {
    await db
      .insertInto('task_decision')
      .values(
        part.map((d) => ({ owner_id: ownerId, task_key: d.taskKey, status: d.status, snoozed_until: d.snoozedUntil, decided_at: d.decidedAt })),
      )
      .execute();
  }
}

export async function insertRestoredPreferences(db: Db, userId: string, preferences: BackupPreferences): Promise<void> {
  await db
    .insertInto('seeker_preference')
    .values({
      user_id: userId,
      time_zone: preferences.timeZone,
      working_days: preferences.workingDays.join(','),
      weekly_request_goal: preferences.weeklyRequestGoal,
      active_target_limit: preferences.activeTargetLimit,
      affinity_tags: JSON.stringify(preferences.affinityTags),
      stay_in_touch_first_weeks: preferences.stayInTouchFirstWeeks,
      stay_in_touch_every_months: preferences.stayInTouchEveryMonths,
      digest_hour: preferences.digestHour,
      digest_sent_on: preferences.digestSentOn,
      version: preferences.version,
      updated_at: preferences.updatedAt,
    })
    .execute();
}

/** Whether some account of this instance already has a calendar feed with this token hash (the column is unique). */
export async function calendarFeedTaken(db: Db, tokenHash: string): Promise<boolean> {
  const row = await db.selectFrom('calendar_feed').select('user_id').where('token_hash', '=', tokenHash).executeTakeFirst();
  return row !== undefined;
}

/** The feed under the same token hash, so the URL the seeker's calendar subscribed to keeps working. */
export async function insertRestoredCalendarFeed(db: Db, userId: string, feed: BackupCalendarFeed): Promise<void> {
  await db.insertInto('calendar_feed').values({ user_id: userId, token_hash: feed.tokenHash, created_at: feed.createdAt }).execute();
}

export async function insertRestoredQuestions(db: Db, ownerId: string, questions: readonly BackupQuestion[]): Promise<void> {
  for (const part of chunks(questions)) {
    await db
      .insertInto('question')
      .values(
        part.map((q) => ({
          id: q.id,
          owner_id: ownerId,
          text: q.text,
          category: q.category,
          tiara: q.tiara,
          readily_available: toDbBool(q.readilyAvailable),
          retired: toDbBool(q.retired),
          seed_key: q.seedKey,
          version: q.version,
          created_at: q.createdAt,
          updated_at: q.updatedAt,
        })),
      )
      .execute();
  }
}

export async function insertRestoredAgendaItems(db: Db, ownerId: string, items: readonly BackupAgendaItem[]): Promise<void> {
  for (const part of chunks(items)) {
    await db
      .insertInto('agenda_item')
      .values(
        part.map((a) => ({
          id: a.id,
          owner_id: ownerId,
          interview_id: a.interviewId,
          question_id: a.questionId,
          text: a.text,
          position: a.position,
          answer: a.answer,
          answer_version: a.answerVersion,
          answered_at: a.answeredAt,
          created_at: a.createdAt,
          updated_at: a.updatedAt,
        })),
      )
      .execute();
  }
}

export async function insertRestoredMeetingSessions(db: Db, ownerId: string, sessions: readonly BackupMeetingSession[]): Promise<void> {
  for (const part of chunks(sessions)) {
    await db
      .insertInto('meeting_session')
      .values(
        part.map((m) => ({
          interview_id: m.interviewId,
          owner_id: ownerId,
          started_at: m.startedAt,
          ends_at: m.endsAt,
          notes: m.notes,
          notes_version: m.notesVersion,
          ended_at: m.endedAt,
          updated_at: m.updatedAt,
        })),
      )
      .execute();
  }
}

export async function insertRestoredWriteUps(db: Db, ownerId: string, writeUps: readonly BackupWriteUp[]): Promise<void> {
  for (const part of chunks(writeUps)) {
    await db
      .insertInto('write_up')
      .values(
        part.map((w) => ({
          interview_id: w.interviewId,
          owner_id: ownerId,
          learned: w.learned,
          information_rating: w.informationRating,
          gave_back: w.gaveBack,
          connection_made: w.connectionMade === null ? null : toDbBool(w.connectionMade),
          lead: w.lead,
          next_step: w.nextStep,
          thank_you_subject: w.thankYouSubject,
          thank_you_body: w.thankYouBody,
          version: w.version,
          created_at: w.createdAt,
          updated_at: w.updatedAt,
        })),
      )
      .execute();
  }
}

export async function insertRestoredReferrals(db: Db, ownerId: string, referrals: readonly BackupReferral[]): Promise<void> {
  for (const part of chunks(referrals)) {
    await db
      .insertInto('referral')
      .values(
        part.map((r) => ({
          id: r.id,
          owner_id: ownerId,
          interview_id: r.interviewId,
          referrer_contact_id: r.referrerContactId,
          contact_id: r.contactId,
          may_use_name: r.mayUseName,
          note: r.note,
          referrer_told_at: r.referrerToldAt,
          created_at: r.createdAt,
          version: r.version,
        })),
      )
      .execute();
  }
}

export async function insertRestoredOutcomes(db: Db, ownerId: string, outcomes: readonly BackupOutcome[]): Promise<void> {
  for (const part of chunks(outcomes)) {
    await db
      .insertInto('outcome')
      .values(
        part.map((o) => ({
          id: o.id,
          owner_id: ownerId,
          kind: o.kind,
          title: o.title,
          organization_id: o.organizationId,
          occurred_on: o.occurredOn,
          notes: o.notes,
          version: o.version,
          created_at: o.createdAt,
          updated_at: o.updatedAt,
        })),
      )
      .execute();
  }
  const links = outcomes.flatMap((o) => o.interviewIds.map((interviewId) => ({ outcome_id: o.id, interview_id: interviewId, owner_id: ownerId })));
  for (const part of chunks(links)) await db.insertInto('outcome_interview').values(part).execute();
}
