/**
 * The HTTP contract of preparing a conversation: the question bank, the
 * questions picked for one interview in priority order, the research notes,
 * and the planned agenda. Shared by the server routes and the web app.
 */
import { z } from 'zod';
import { editedVersion, recordId } from './api.ts';
import type { AgendaPlan } from '../core/agenda.ts';
import { MAX_MEETING_MINUTES, MIN_MEETING_MINUTES } from '../core/agenda.ts';
import { cleanText } from '../core/normalize.ts';
import { QUESTION_CATEGORIES, TIARA_TAGS, type QuestionCategory, type TiaraTag } from '../core/question-bank.ts';

export { CATEGORY_LABELS, QUESTION_CATEGORIES, TIARA_LABELS, TIARA_TAGS, type QuestionCategory, type TiaraTag } from '../core/question-bank.ts';
export type { AgendaBlock, AgendaPlan, AgendaWarning, PlannedQuestion, TimelineBlock } from '../core/agenda.ts';

const id = recordId;
const version = editedVersion(1);

/** How many questions one agenda may hold: far more than any time box fits. */
export const MAX_AGENDA_QUESTIONS = 40;

const questionText = z
  .string({ message: 'is required' })
  .transform(cleanText)
  .pipe(z.string().min(1, { message: 'is required' }).max(500, { message: 'must be at most 500 characters' }));
const category = z.enum(QUESTION_CATEGORIES, { message: `must be one of ${QUESTION_CATEGORIES.join(', ')}` });
const tiara = z.enum(TIARA_TAGS, { message: `must be one of ${TIARA_TAGS.join(', ')}` });

const researchText = z
  .string()
  .max(50_000, { message: 'must be at most 50,000 characters' })
  .nullable()
  .transform((v) => (v == null || v.trim() === '' ? null : v.replace(/\r\n?/g, '\n')));

// ---------------------------------------------------------------------------
// The question bank

export interface Question {
  id: string;
  text: string;
  category: QuestionCategory;
  tiara: TiaraTag;
  readilyAvailable: boolean;
  retired: boolean;
  /** Which of Rapport's seeded questions this is; null for the seeker's own. */
  seedKey: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const QuestionListQuerySchema = z.object({
  category: category.optional(),
  tiara: tiara.optional(),
  /** 'false' (the default): questions in use; 'true': retired ones; 'all': both. */
  retired: z.enum(['true', 'false', 'all'], { message: 'must be true, false or all' }).default('false'),
});
export type QuestionListQuery = z.input<typeof QuestionListQuerySchema>;

export interface QuestionList {
  items: Question[];
  total: number;
}

export const QuestionCreateSchema = z.strictObject({
  text: questionText,
  category,
  tiara,
  readilyAvailable: z.boolean().default(false),
});
export type QuestionCreateInput = z.input<typeof QuestionCreateSchema>;
export type QuestionCreate = z.output<typeof QuestionCreateSchema>;

export const QuestionUpdateSchema = z.strictObject({
  version,
  text: questionText.optional(),
  category: category.optional(),
  tiara: tiara.optional(),
  readilyAvailable: z.boolean().optional(),
  /** Retired questions leave the picker; agendas that hold one keep it. */
  retired: z.boolean().optional(),
});
export type QuestionUpdateInput = z.input<typeof QuestionUpdateSchema>;
export type QuestionUpdate = z.output<typeof QuestionUpdateSchema>;

// ---------------------------------------------------------------------------
// One interview's preparation

/** A question picked for one interview. Its text was copied from the bank when it was picked. */
export interface AgendaItem {
  id: string;
  questionId: string | null;
  text: string;
  /** 0 first: priority order. */
  position: number;
  category: QuestionCategory | null;
  tiara: TiaraTag | null;
  readilyAvailable: boolean;
  /** What the host answered, jotted in meeting mode. */
  answer: string | null;
  answerVersion: number;
}

export interface PrepareView {
  interviewId: string;
  /** The interview's version: research notes are saved with it. */
  interviewVersion: number;
  researchPerson: string | null;
  researchOrganization: string | null;
  /** The time box planned for: the meeting's length, else a preview length, else 30. */
  minutes: number;
  /** The scheduled meeting's length, when one is set. */
  meetingMinutes: number | null;
  items: AgendaItem[];
  /** Changes whenever the picked questions or their order change; sent back to replace them. */
  agendaVersion: string;
  plan: AgendaPlan;
}

export const PrepareQuerySchema = z.object({
  /** Plan for this length instead (before a meeting is set, to compare 20 and 30 minutes). */
  minutes: z.coerce
    .number()
    .int({ message: 'must be a whole number of minutes' })
    .min(MIN_MEETING_MINUTES, { message: `must be at least ${MIN_MEETING_MINUTES}` })
    .max(MAX_MEETING_MINUTES, { message: `must be at most ${MAX_MEETING_MINUTES}` })
    .optional(),
});
export type PrepareQuery = z.input<typeof PrepareQuerySchema>;

export const AgendaUpdateSchema = z.strictObject({
  /** The agenda version you loaded: a list changed elsewhere meanwhile is refused, not overwritten. */
  agendaVersion: z.string({ message: 'is required: the agenda version you are editing' }).min(1).max(100),
  /** Bank questions in priority order, most important first. */
  questionIds: z
    .array(id)
    .max(MAX_AGENDA_QUESTIONS, { message: `pick at most ${MAX_AGENDA_QUESTIONS} questions` })
    .refine((ids) => new Set(ids.map((v) => v.toLowerCase())).size === ids.length, { message: 'lists a question twice' })
    .transform((ids) => ids.map((v) => v.toLowerCase())),
  /** Plan the answer for this length (as in the prepare query). */
  minutes: PrepareQuerySchema.shape.minutes,
});
export type AgendaUpdateInput = z.input<typeof AgendaUpdateSchema>;
export type AgendaUpdate = z.output<typeof AgendaUpdateSchema>;

export const ResearchUpdateSchema = z.strictObject({
  /** The interview's version (also changed by notes and events). */
  version,
  researchPerson: researchText.optional(),
  researchOrganization: researchText.optional(),
});
export type ResearchUpdateInput = z.input<typeof ResearchUpdateSchema>;
export type ResearchUpdate = z.output<typeof ResearchUpdateSchema>;
