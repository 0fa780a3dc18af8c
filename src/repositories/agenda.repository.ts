/**
 * All SQL about one interview's preparation: its research notes and the
 * questions picked for it (agenda_item rows) in priority order. Every query is
 * scoped by owner. Answers are meeting mode's: this module only keeps them
 * when items are reordered, and never writes them.
 */
import type { Insertable, Kysely } from 'kysely';
import type { AgendaItemTable, Database, Dialect } from '../db/schema.ts';
import type { AgendaItem } from '../shared/prepare-api.ts';
import { toCategory, toTiara } from './question.repository.ts';
import { fromDbBool } from './row-mapping.ts';

type Db = Kysely<Database>;

export type AgendaItemRow = Omit<Insertable<AgendaItemTable>, 'created_at' | 'updated_at' | 'answer' | 'answer_version' | 'answered_at'> & {
  created_at: string;
  updated_at: string;
};

/** What preparing needs from the interview row. */
export interface PrepareHeader {
  version: number;
  meetingMinutes: number | null;
  researchPerson: string | null;
  researchOrganization: string | null;
}

/**
 * The interview's preparation header; with `lock`, holds the interview row
 * until the transaction ends so two agenda edits at once run one after the
 * other (SQLite's single writer already does that).
 */
export async function findPrepareHeader(db: Db, ownerId: string, interviewId: string, lock?: Dialect): Promise<PrepareHeader | undefined> {
  let query = db
    .selectFrom('interview')
    .select(['version', 'meeting_minutes', 'research_person', 'research_organization'])
    .where('owner_id', '=', ownerId)
    .where('id', '=', interviewId);
  if (lock === 'postgres') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row
    ? { version: row.version, meetingMinutes: row.meeting_minutes, researchPerson: row.research_person, researchOrganization: row.research_organization }
    : undefined;
}

export async function listAgendaItems(db: Db, ownerId: string, interviewId: string): Promise<AgendaItem[]> {
  const rows = await db
    .selectFrom('agenda_item as a')
    .leftJoin('question as q', (join) => join.onRef('q.id', '=', 'a.question_id').onRef('q.owner_id', '=', 'a.owner_id'))
    .select(['a.id', 'a.question_id', 'a.text', 'a.position', 'a.answer', 'a.answer_version', 'q.category', 'q.tiara', 'q.readily_available'])
    .where('a.owner_id', '=', ownerId)
    .where('a.interview_id', '=', interviewId)
    .orderBy('a.position')
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    questionId: row.question_id,
    text: row.text,
    position: row.position,
    category: toCategory(row.category),
    tiara: toTiara(row.tiara),
    readilyAvailable: fromDbBool(row.readily_available),
    answer: row.answer,
    answerVersion: row.answer_version,
  }));
}

export async function insertAgendaItems(db: Db, rows: readonly AgendaItemRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('agenda_item').values([...rows]).execute();
}

export async function moveAgendaItem(db: Db, ownerId: string, id: string, position: number, at: string): Promise<void> {
  await db.updateTable('agenda_item').set({ position, updated_at: at }).where('owner_id', '=', ownerId).where('id', '=', id).execute();
}

/**
 * Deletes the items that still have no answer, and says how many went. An answer saved from meeting mode after
 * the caller read the agenda (saving an answer does not lock the interview) keeps its item.
 */
export async function deleteUnansweredAgendaItems(db: Db, ownerId: string, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .deleteFrom('agenda_item')
    .where('owner_id', '=', ownerId)
    .where('id', 'in', [...ids])
    .where((eb) => eb.or([eb('answer', 'is', null), eb(eb.fn('trim', ['answer']), '=', '')]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
