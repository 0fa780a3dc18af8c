/**
 * The seeker's question bank: seeded with Rapport's questions on first use,
 * then theirs to edit, add to and retire. Questions are never deleted, so an
 * agenda that used one still reads.
 */
import { notFound, versionConflict } from '../core/errors.ts';
import { QUESTION_CATEGORIES, SEED_QUESTIONS } from '../core/question-bank.ts';
import * as questions from '../repositories/question.repository.ts';
import { toDbBool } from '../repositories/row-mapping.ts';
import type { Question, QuestionCreate, QuestionList, QuestionUpdate } from '../shared/prepare-api.ts';
import type { z } from 'zod';
import type { QuestionListQuerySchema } from '../shared/prepare-api.ts';
import type { ServiceContext } from './context.ts';

type ListQuery = z.output<typeof QuestionListQuerySchema>;

const SEED_ORDER = new Map(SEED_QUESTIONS.map((seed, index) => [seed.key, index]));

/** The bank's order: by category, Rapport's questions in their written order, then the seeker's own oldest first. */
export function compareQuestions(a: Question, b: Question): number {
  const byCategory = QUESTION_CATEGORIES.indexOf(a.category) - QUESTION_CATEGORIES.indexOf(b.category);
  if (byCategory !== 0) return byCategory;
  const seedA = a.seedKey === null ? undefined : SEED_ORDER.get(a.seedKey);
  const seedB = b.seedKey === null ? undefined : SEED_ORDER.get(b.seedKey);
  if (seedA !== undefined || seedB !== undefined) {
    if (seedA === undefined) return 1;
    if (seedB === undefined) return -1;
    return seedA - seedB;
  }
  return a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

/**
 * Adds the seeded questions this account does not hold yet. Idempotent: the
 * unique (owner, seed key) makes a second run, even a concurrent one, add nothing.
 */
export async function ensureSeeded(ctx: ServiceContext, ownerId: string): Promise<void> {
  const held = await questions.seedKeysOf(ctx.db, ownerId);
  const missing = SEED_QUESTIONS.filter((seed) => !held.has(seed.key));
  if (missing.length === 0) return;
  const now = ctx.now().toISOString();
  await questions.insertSeedQuestions(
    ctx.db,
    missing.map((seed) => ({
      id: ctx.newId(),
      owner_id: ownerId,
      text: seed.text,
      category: seed.category,
      tiara: seed.tiara,
      readily_available: toDbBool(seed.readilyAvailable),
      retired: toDbBool(false),
      seed_key: seed.key,
      version: 1,
      created_at: now,
      updated_at: now,
    })),
  );
}

export async function listQuestions(ctx: ServiceContext, ownerId: string, query: ListQuery): Promise<QuestionList> {
  await ensureSeeded(ctx, ownerId);
  const items = await questions.listQuestions(ctx.db, ownerId, {
    category: query.category,
    tiara: query.tiara,
    retired: query.retired === 'all' ? undefined : query.retired === 'true',
  });
  items.sort(compareQuestions);
  return { items, total: items.length };
}

export async function getQuestion(ctx: ServiceContext, ownerId: string, id: string): Promise<Question> {
  const question = await questions.findQuestion(ctx.db, ownerId, id);
  if (!question) throw notFound('The question');
  return question;
}

export async function createQuestion(ctx: ServiceContext, ownerId: string, input: QuestionCreate): Promise<Question> {
  const id = ctx.newId();
  const now = ctx.now().toISOString();
  await questions.insertQuestion(ctx.db, {
    id,
    owner_id: ownerId,
    text: input.text,
    category: input.category,
    tiara: input.tiara,
    readily_available: toDbBool(input.readilyAvailable),
    retired: toDbBool(false),
    seed_key: null,
    version: 1,
    created_at: now,
    updated_at: now,
  });
  return getQuestion(ctx, ownerId, id);
}

export async function updateQuestion(ctx: ServiceContext, ownerId: string, id: string, input: QuestionUpdate): Promise<Question> {
  const changes: questions.QuestionChanges = { updated_at: ctx.now().toISOString() };
  if (input.text !== undefined) changes.text = input.text;
  if (input.category !== undefined) changes.category = input.category;
  if (input.tiara !== undefined) changes.tiara = input.tiara;
  if (input.readilyAvailable !== undefined) changes.readily_available = toDbBool(input.readilyAvailable);
  if (input.retired !== undefined) changes.retired = toDbBool(input.retired);
  if (!(await questions.updateQuestionIfVersion(ctx.db, ownerId, id, input.version, changes))) {
    const current = await questions.currentQuestionVersion(ctx.db, ownerId, id);
    if (current === undefined) throw notFound('The question');
    throw versionConflict('question', current);
  }
  return getQuestion(ctx, ownerId, id);
}
