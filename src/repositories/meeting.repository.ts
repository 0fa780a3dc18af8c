/**
 * All SQL of meeting mode: the session row of an interview and the answers on
 * its agenda items. Every query is scoped by owner. Answers and notes are
 * written only over the version they were typed on (compare-and-set), so two
 * devices syncing at once cannot overwrite each other.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { MeetingItem, MeetingSession } from '../shared/meeting-api.ts';
import { toIso } from './row-mapping.ts';

type Db = Kysely<Database>;

const isoOrNull = (value: Date | string | null): string | null => (value == null ? null : toIso(value));

export async function findSession(db: Db, ownerId: string, interviewId: string): Promise<MeetingSession | undefined> {
  const row = await db
    .selectFrom('meeting_session')
    .select(['started_at', 'ends_at', 'ended_at', 'notes', 'notes_version'])
    .where('owner_id', '=', ownerId)
    .where('interview_id', '=', interviewId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    startedAt: toIso(row.started_at),
    endsAt: toIso(row.ends_at),
    endedAt: isoOrNull(row.ended_at),
    notes: row.notes,
    notesVersion: row.notes_version,
  };
}

export interface NewSession {
  ownerId: string;
  interviewId: string;
  startedAt: string;
  endsAt: string;
  endedAt: string | null;
}

/**
 * Inserts the session unless one exists: starting twice (a double tap, two
 * devices) keeps the first start and its agreed end. True when this call made it.
 */
export async function insertSessionIfAbsent(db: Db, session: NewSession): Promise<boolean> {
  const result = await db
    .insertInto('meeting_session')
    .values({
      interview_id: session.interviewId,
      owner_id: session.ownerId,
      started_at: session.startedAt,
      ends_at: session.endsAt,
      ended_at: session.endedAt,
      notes: null,
      notes_version: 0,
      updated_at: session.startedAt,
    })
    .onConflict((oc) => oc.column('interview_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function setSessionEnded(db: Db, ownerId: string, interviewId: string, endedAt: string): Promise<void> {
  await db
    .updateTable('meeting_session')
    .set({ ended_at: endedAt, updated_at: endedAt })
    .where('owner_id', '=', ownerId)
    .where('interview_id', '=', interviewId)
    .where('ended_at', 'is', null)
    .execute();
}

/** Writes the notes if they are still at `baseVersion`; false when they changed meanwhile (or there is no session). */
export async function updateNotesIfVersion(db: Db, ownerId: string, interviewId: string, baseVersion: number, notes: string | null, at: string): Promise<boolean> {
  const result = await db
    .updateTable('meeting_session')
    .set((eb) => ({ notes, notes_version: eb('notes_version', '+', 1), updated_at: at }))
    .where('owner_id', '=', ownerId)
    .where('interview_id', '=', interviewId)
    .where('notes_version', '=', baseVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The interview's questions in agenda order. */
export async function listItems(db: Db, ownerId: string, interviewId: string): Promise<MeetingItem[]> {
  const rows = await db
    .selectFrom('agenda_item')
    .select(['id', 'text', 'position', 'answer', 'answer_version'])
    .where('owner_id', '=', ownerId)
    .where('interview_id', '=', interviewId)
    .orderBy('position')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ id: r.id, text: r.text, position: r.position, answer: r.answer, answerVersion: r.answer_version }));
}

export async function findItem(db: Db, ownerId: string, interviewId: string, itemId: string): Promise<MeetingItem | undefined> {
  const row = await db
    .selectFrom('agenda_item')
    .select(['id', 'text', 'position', 'answer', 'answer_version'])
    .where('owner_id', '=', ownerId)
    .where('interview_id', '=', interviewId)
    .where('id', '=', itemId)
    .executeTakeFirst();
  return row ? { id: row.id, text: row.text, position: row.position, answer: row.answer, answerVersion: row.answer_version } : undefined;
}

/** Writes an answer if it is still at `baseVersion`; false when it changed meanwhile. */
export async function updateAnswerIfVersion(
  db: Db,
  ownerId: string,
  interviewId: string,
  itemId: string,
  baseVersion: number,
  answer: string | null,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('agenda_item')
    .set((eb) => ({ answer, answer_version: eb('answer_version', '+', 1), answered_at: answer === null ? null : at, updated_at: at }))
    .where('owner_id', '=', ownerId)
    .where('interview_id', '=', interviewId)
    .where('id', '=', itemId)
    .where('answer_version', '=', baseVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
