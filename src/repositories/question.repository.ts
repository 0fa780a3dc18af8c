/**
 * All SQL about the question bank. Every query is scoped by owner. Seeded
 * questions are inserted with their seed key under the unique
 * (owner_id, seed_key) constraint, so two first visits at once add each
 * question once.
 */
import type { Insertable, Kysely, Selectable } from 'kysely';
import { QUESTION_CATEGORIES, TIARA_TAGS, type QuestionCategory, type TiaraTag } from '../core/question-bank.ts';
import type { Database, QuestionTable } from '../db/schema.ts';
import type { Question } from '../shared/prepare-api.ts';
import { fromDbBool, toDbBool, toIso } from './row-mapping.ts';

type Db = Kysely<Database>;

export type QuestionRow = Omit<Insertable<QuestionTable>, 'created_at' | 'updated_at'> & { created_at: string; updated_at: string };
export type QuestionChanges = Partial<Pick<QuestionRow, 'text' | 'category' | 'tiara' | 'readily_available' | 'retired' | 'updated_at'>>;

/** Stored text outside the closed lists reads as the nearest safe value rather than breaking the page. */
export function toCategory(value: string | null): QuestionCategory | null {
  return QUESTION_CATEGORIES.includes(value as QuestionCategory) ? (value as QuestionCategory) : null;
}

export function toTiara(value: string | null): TiaraTag | null {
  return TIARA_TAGS.includes(value as TiaraTag) ? (value as TiaraTag) : null;
}

function toQuestion(row: Selectable<QuestionTable>): Question {
  return {
    id: row.id,
    text: row.text,
    category: toCategory(row.category) ?? 'position',
    tiara: toTiara(row.tiara) ?? 'insights',
    readilyAvailable: fromDbBool(row.readily_available),
    retired: fromDbBool(row.retired),
    seedKey: row.seed_key,
    version: row.version,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export interface QuestionFilter {
  category?: QuestionCategory | undefined;
  tiara?: TiaraTag | undefined;
  /** undefined: both. */
  retired?: boolean | undefined;
}

/** Unordered: the service puts them in the bank's order. */
export async function listQuestions(db: Db, ownerId: string, filter: QuestionFilter): Promise<Question[]> {
  let query = db.selectFrom('question').selectAll().where('owner_id', '=', ownerId);
  if (filter.category) query = query.where('category', '=', filter.category);
  if (filter.tiara) query = query.where('tiara', '=', filter.tiara);
  // The parameter goes to PostgreSQL untyped, so it reads '1'/'0' as the boolean column's value.
  if (filter.retired !== undefined) query = query.where('retired', '=', toDbBool(filter.retired));
  const rows = await query.execute();
  return rows.map(toQuestion);
}

export async function findQuestion(db: Db, ownerId: string, id: string): Promise<Question | undefined> {
  const row = await db.selectFrom('question').selectAll().where('owner_id', '=', ownerId).where('id', '=', id).executeTakeFirst();
  return row ? toQuestion(row) : undefined;
}

/** The caller's questions among `ids`; ids of nobody's or someone else's are simply absent. */
export async function findQuestions(db: Db, ownerId: string, ids: readonly string[]): Promise<Question[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('question').selectAll().where('owner_id', '=', ownerId).where('id', 'in', [...ids]).execute();
  return rows.map(toQuestion);
}

export async function seedKeysOf(db: Db, ownerId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('question').select('seed_key').where('owner_id', '=', ownerId).where('seed_key', 'is not', null).execute();
  return new Set(rows.flatMap((r) => (r.seed_key === null ? [] : [r.seed_key])));
}

/** Inserts seeded questions, skipping any the account already holds (by seed key). */
export async function insertSeedQuestions(db: Db, rows: readonly QuestionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('question')
    .values([...rows])
    .onConflict((oc) => oc.columns(['owner_id', 'seed_key']).doNothing())
    .execute();
}

export async function insertQuestion(db: Db, row: QuestionRow): Promise<void> {
  await db.insertInto('question').values(row).execute();
}

export async function updateQuestionIfVersion(db: Db, ownerId: string, id: string, expectedVersion: number, changes: QuestionChanges): Promise<boolean> {
  const result = await db
    .updateTable('question')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('owner_id', '=', ownerId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function currentQuestionVersion(db: Db, ownerId: string, id: string): Promise<number | undefined> {
  const row = await db.selectFrom('question').select('version').where('owner_id', '=', ownerId).where('id', '=', id).executeTakeFirst();
  return row?.version;
}
