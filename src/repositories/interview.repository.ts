/**
 * All SQL about interviews and their events. Every query is scoped by owner.
 * An interview row holds the state folded from its events (stage and dates);
 * events are appended with a per-interview sequence number whose uniqueness
 * makes two concurrent writers collide instead of both succeeding.
 */
import type { Insertable, Kysely } from 'kysely';
import type { InterviewEvent, InterviewEventKind, InterviewStage, InterviewState, RequestChannel } from '../core/interview-stages.ts';
import type { MeetingPlace, ProposedSlot } from '../core/meeting-slots.ts';
import type { RequestTemplateId } from '../core/request-templates.ts';
import type { Database, InterviewTable } from '../db/schema.ts';
import type { Ref } from '../shared/api.ts';
import type { InterviewContactRef, InterviewListItem, TimelineEntry } from '../shared/plan-api.ts';
import { toResponsiveness } from './contact.repository.ts';
import { fromDbBool, parseJsonArray, toIso } from './row-mapping.ts';

type Db = Kysely<Database>;

export type InterviewRow = Omit<Insertable<InterviewTable>, 'created_at' | 'updated_at'> & { created_at: string; updated_at: string };

/** An interview as stored, before the service adds what the rules allow next. */
export interface StoredInterview {
  id: string;
  contact: InterviewContactRef;
  organization: Ref | null;
  state: InterviewState;
  hostInvitedAgain: boolean;
  requestTemplate: RequestTemplateId | null;
  requestSubject: string | null;
  requestBody: string | null;
  notes: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const isoOrNull = (value: Date | string | null): string | null => (value == null ? null : toIso(value));

/** JSON columns written only by this repository; anything unreadable reads as absent. */
function parseJson<T>(value: string | null): T | null {
  if (value === null) return null;
  try {
    return JSON.parse(value) as T;
  } catch {
    return null;
  }
}

function selectFull(db: Db, ownerId: string) {
  return db
    .selectFrom('interview as i')
    .innerJoin('contact as c', 'c.id', 'i.contact_id')
    .leftJoin('organization as o', 'o.id', 'i.organization_id')
    .selectAll('i')
    .select([
      'c.name as contact_name',
      'c.known_personally as contact_known_personally',
      'c.responsiveness as contact_responsiveness',
      'c.emails as contact_emails',
      'c.linkedin_url as contact_linkedin_url',
      'o.name as organization_name',
    ])
    .where('i.owner_id', '=', ownerId);
}

type FullRow = Awaited<ReturnType<ReturnType<typeof selectFull>['executeTakeFirstOrThrow']>>;

function toStored(row: FullRow): StoredInterview {
  return {
    id: row.id,
    contact: {
      id: row.contact_id,
      name: row.contact_name,
      knownPersonally: fromDbBool(row.contact_known_personally),
      responsiveness: toResponsiveness(row.contact_responsiveness),
      emails: parseJsonArray(row.contact_emails),
      linkedinUrl: row.contact_linkedin_url,
    },
    organization: row.organization_id && row.organization_name ? { id: row.organization_id, name: row.organization_name } : null,
    state: {
      stage: row.stage as InterviewStage,
      requestSentAt: isoOrNull(row.request_sent_at),
      requestChannel: row.request_channel as RequestChannel | null,
      followUpSentAt: isoOrNull(row.follow_up_sent_at),
      repliedAt: isoOrNull(row.replied_at),
      replyAnswer: row.reply_answer === 'yes' || row.reply_answer === 'no' ? row.reply_answer : null,
      meetingAt: isoOrNull(row.meeting_at),
      meetingMinutes: row.meeting_minutes === 20 || row.meeting_minutes === 30 ? row.meeting_minutes : null,
      meetingPlace: parseJson<MeetingPlace>(row.meeting_place),
      travelMinutes: row.travel_minutes,
      proposedSlots: parseJson<ProposedSlot[]>(row.proposed_slots),
      scheduleRevision: row.schedule_revision,
      heldAt: isoOrNull(row.held_at),
      thankedAt: isoOrNull(row.thanked_at),
      lastTouchAt: isoOrNull(row.last_touch_at),
    },
    hostInvitedAgain: fromDbBool(row.host_invited_again),
    requestTemplate: row.request_template as RequestTemplateId | null,
    requestSubject: row.request_subject,
    requestBody: row.request_body,
    notes: row.notes,
    version: row.version,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export async function insertInterview(db: Db, row: InterviewRow): Promise<void> {
  await db.insertInto('interview').values(row).execute();
}

export async function findInterview(db: Db, ownerId: string, id: string): Promise<StoredInterview | undefined> {
  const row = await selectFull(db, ownerId).where('i.id', '=', id).executeTakeFirst();
  return row ? toStored(row) : undefined;
}

export async function currentInterviewVersion(db: Db, ownerId: string, id: string): Promise<number | undefined> {
  const row = await db.selectFrom('interview').select('version').where('owner_id', '=', ownerId).where('id', '=', id).executeTakeFirst();
  return row?.version;
}

/** The stages of every interview with one contact: the basis of "once is enough". */
export async function stagesWithContact(db: Db, ownerId: string, contactId: string): Promise<{ id: string; stage: InterviewStage }[]> {
  const rows = await db
    .selectFrom('interview')
    .select(['id', 'stage'])
    .where('owner_id', '=', ownerId)
    .where('contact_id', '=', contactId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, stage: r.stage as InterviewStage }));
}

export const OPEN_STAGES: readonly InterviewStage[] = ['idea', 'requested', 'scheduled', 'confirmed'];
export const MET_STAGE_FILTER: readonly InterviewStage[] = ['held', 'thanked', 'staying_in_touch'];
export const CLOSED_STAGE_FILTER: readonly InterviewStage[] = ['no_reply', 'declined', 'cancelled'];

export interface InterviewFilter {
  stage?: string | undefined;
  contactId?: string | undefined;
  organizationId?: string | undefined;
  offset: number;
  limit: number;
}

export async function listInterviews(db: Db, ownerId: string, filter: InterviewFilter): Promise<{ items: InterviewListItem[]; total: number }> {
  let base = db.selectFrom('interview as i').where('i.owner_id', '=', ownerId);
  if (filter.stage === 'open') base = base.where('i.stage', 'in', OPEN_STAGES);
  else if (filter.stage === 'met') base = base.where('i.stage', 'in', MET_STAGE_FILTER);
  else if (filter.stage === 'closed') base = base.where('i.stage', 'in', CLOSED_STAGE_FILTER);
  else if (filter.stage) base = base.where('i.stage', '=', filter.stage);
  if (filter.contactId) base = base.where('i.contact_id', '=', filter.contactId);
  if (filter.organizationId) base = base.where('i.organization_id', '=', filter.organizationId);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const ids = await base
    .select('i.id')
    .orderBy('i.updated_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  if (ids.length === 0) return { items: [], total: Number(total.n) };
  const rows = await selectFull(db, ownerId)
    .where(
      'i.id',
      'in',
      ids.map((r) => r.id),
    )
    .orderBy('i.updated_at', 'desc')
    .orderBy('i.id', 'desc')
    .execute();
  return {
    items: rows.map((row) => {
      const s = toStored(row);
      return {
        id: s.id,
        contact: s.contact,
        organization: s.organization,
        stage: s.state.stage,
        requestSentAt: s.state.requestSentAt,
        meetingAt: s.state.meetingAt,
        updatedAt: s.updatedAt,
        version: s.version,
      };
    }),
    total: Number(total.n),
  };
}

/** Requests waiting for a reply: the only interviews the 3B7 rules act on. */
export async function listAwaitingReply(db: Db, ownerId: string): Promise<StoredInterview[]> {
  const rows = await selectFull(db, ownerId).where('i.stage', '=', 'requested').where('i.replied_at', 'is', null).orderBy('i.request_sent_at').execute();
  return rows.map(toStored);
}

/** Meetings coming, held or followed up: the interviews meeting reminders are about. */
export async function listWithMeetings(db: Db, ownerId: string): Promise<StoredInterview[]> {
  const rows = await selectFull(db, ownerId)
    .where('i.stage', 'in', ['scheduled', 'confirmed', 'held', 'thanked', 'staying_in_touch'])
    .orderBy('i.meeting_at')
    .execute();
  return rows.map(toStored);
}

/** When each request went out, for the weekly goal. */
export async function requestSentTimes(db: Db, ownerId: string, from: Date, to: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('interview')
    .select('request_sent_at')
    .where('owner_id', '=', ownerId)
    .where('request_sent_at', '>=', from.toISOString())
    .where('request_sent_at', '<', to.toISOString())
    .execute();
  return rows.flatMap((r) => (r.request_sent_at == null ? [] : [toIso(r.request_sent_at)]));
}

export type InterviewChanges = Partial<Omit<InterviewRow, 'id' | 'owner_id' | 'contact_id' | 'version' | 'created_at'>>;

export async function updateInterviewIfVersion(db: Db, ownerId: string, id: string, expectedVersion: number, changes: InterviewChanges): Promise<boolean> {
  const result = await db
    .updateTable('interview')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('owner_id', '=', ownerId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The columns that hold a folded state. */
export function stateColumns(state: InterviewState): InterviewChanges {
  return {
    stage: state.stage,
    request_sent_at: state.requestSentAt,
    request_channel: state.requestChannel,
    follow_up_sent_at: state.followUpSentAt,
    replied_at: state.repliedAt,
    reply_answer: state.replyAnswer,
    meeting_at: state.meetingAt,
    meeting_minutes: state.meetingMinutes,
    meeting_place: state.meetingPlace === null ? null : JSON.stringify(state.meetingPlace),
    travel_minutes: state.travelMinutes,
    proposed_slots: state.proposedSlots === null ? null : JSON.stringify(state.proposedSlots),
    schedule_revision: state.scheduleRevision,
    held_at: state.heldAt,
    thanked_at: state.thankedAt,
    last_touch_at: state.lastTouchAt,
  };
}

export async function deleteInterview(db: Db, ownerId: string, id: string, expectedVersion?: number): Promise<boolean> {
  let query = db.deleteFrom('interview').where('owner_id', '=', ownerId).where('id', '=', id);
  if (expectedVersion !== undefined) query = query.where('version', '=', expectedVersion);
  const result = await query.executeTakeFirst();
  return result.numDeletedRows > 0n;
}

// --- Events -------------------------------------------------------------------

export interface EventRowInput {
  id: string;
  ownerId: string;
  interviewId: string;
  contactId: string;
  event: InterviewEvent;
  /** The stage the event led to, kept so a timeline reads without refolding. */
  stageAfter: InterviewStage;
  recordedAt: string;
}

export async function nextEventSeq(db: Db, interviewId: string): Promise<number> {
  const row = await db
    .selectFrom('interview_event')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('interview_id', '=', interviewId)
    .executeTakeFirst();
  return Number(row?.seq ?? 0) + 1;
}

export async function insertEvent(db: Db, input: EventRowInput, seq: number): Promise<void> {
  const { kind, at, ...detail } = input.event;
  await db
    .insertInto('interview_event')
    .values({
      id: input.id,
      owner_id: input.ownerId,
      interview_id: input.interviewId,
      contact_id: input.contactId,
      seq,
      kind,
      occurred_at: at,
      detail: JSON.stringify({ ...detail, stage: input.stageAfter }),
      recorded_at: input.recordedAt,
    })
    .execute();
}

/**
 * When the last thing happened: a new event may not be dated before it. The
 * interview's creation does not count, so a request sent before the seeker
 * started using Rapport can be recorded with its real date.
 */
export async function lastEventAt(db: Db, interviewId: string): Promise<string | null> {
  const row = await db
    .selectFrom('interview_event')
    .select('occurred_at')
    .where('interview_id', '=', interviewId)
    .where('kind', '!=', 'created')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toIso(row.occurred_at) : null;
}

function toTimelineEntry(row: { id: string; interview_id: string; kind: string; occurred_at: Date | string; detail: string | null }): TimelineEntry {
  const parsed = row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : {};
  const { stage, ...detail } = parsed;
  return {
    id: row.id,
    interviewId: row.interview_id,
    kind: row.kind as InterviewEventKind,
    occurredAt: toIso(row.occurred_at),
    detail,
    stage: stage as InterviewStage,
  };
}

export async function listEvents(db: Db, ownerId: string, interviewId: string): Promise<TimelineEntry[]> {
  const rows = await db
    .selectFrom('interview_event')
    .select(['id', 'interview_id', 'kind', 'occurred_at', 'detail'])
    .where('owner_id', '=', ownerId)
    .where('interview_id', '=', interviewId)
    .orderBy('seq')
    .execute();
  return rows.map(toTimelineEntry);
}

/** Every interview event with one contact, oldest first. */
export async function listContactEvents(db: Db, ownerId: string, contactId: string): Promise<TimelineEntry[]> {
  const rows = await db
    .selectFrom('interview_event')
    .select(['id', 'interview_id', 'kind', 'occurred_at', 'detail'])
    .where('owner_id', '=', ownerId)
    .where('contact_id', '=', contactId)
    .orderBy('occurred_at')
    .orderBy('seq')
    .execute();
  return rows.map(toTimelineEntry);
}

/** Interviews closed automatically for silence since `since`. */
export async function listClosedForSilenceSince(db: Db, ownerId: string, since: string): Promise<{ interviewId: string; contact: Ref }[]> {
  const rows = await db
    .selectFrom('interview_event as e')
    .innerJoin('contact as c', 'c.id', 'e.contact_id')
    .select(['e.interview_id', 'e.contact_id', 'c.name', 'e.detail'])
    .where('e.owner_id', '=', ownerId)
    .where('e.kind', '=', 'no_reply')
    .where('e.occurred_at', '>=', since)
    .orderBy('e.occurred_at', 'desc')
    .execute();
  return rows
    .filter((r) => r.detail !== null && (JSON.parse(r.detail) as { automatic?: boolean }).automatic === true)
    .map((r) => ({ interviewId: r.interview_id, contact: { id: r.contact_id, name: r.name } }));
}

export async function setContactResponsiveness(db: Db, ownerId: string, contactId: string, value: string | null): Promise<void> {
  await db.updateTable('contact').set({ responsiveness: value }).where('owner_id', '=', ownerId).where('id', '=', contactId).execute();
}
