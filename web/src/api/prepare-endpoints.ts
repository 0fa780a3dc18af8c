/** One typed function per endpoint of preparing: the question bank, picked questions and the agenda, research notes. */
import type { Interview } from '@shared/plan-api.ts';
import type {
  AgendaUpdateInput,
  PrepareView,
  Question,
  QuestionCreateInput,
  QuestionList,
  QuestionListQuery,
  QuestionUpdateInput,
  ResearchUpdateInput,
} from '@shared/prepare-api.ts';
import { queryString, request } from './client.ts';

type Signal = AbortSignal | undefined;
const enc = encodeURIComponent;

/** Query keys of preparing. The prepare view sits under 'interviews', so saving the interview refreshes it. */
export const prepareKeys = {
  questions: ['questions'] as const,
  questionList: (params: QuestionListQuery) => ['questions', 'list', params] as const,
  prepare: (interviewId: string, minutes?: number) => ['interviews', 'prepare', interviewId, minutes ?? null] as const,
  prepareAll: (interviewId: string) => ['interviews', 'prepare', interviewId] as const,
};

// --- The question bank -------------------------------------------------------

/** The first call seeds the account's bank with Rapport's questions. */
export const listQuestions = (params: QuestionListQuery, signal?: Signal) =>
  request<QuestionList>('GET', `/api/questions${queryString({ ...params })}`, { signal });

export const createQuestion = (input: QuestionCreateInput) => request<Question>('POST', '/api/questions', { body: input });

/** Edits, retires or restores; 409 VERSION_CONFLICT if it changed since `version` was loaded. */
export const updateQuestion = (id: string, input: QuestionUpdateInput) =>
  request<Question>('PATCH', `/api/questions/${enc(id)}`, { body: input });

// --- One interview's preparation ---------------------------------------------

/** Research notes, picked questions and the planned agenda; `minutes` previews another length. */
export const getPrepare = (interviewId: string, minutes?: number, signal?: Signal) =>
  request<PrepareView>('GET', `/api/interviews/${enc(interviewId)}/prepare${queryString({ minutes })}`, { signal });

/** Replaces the picked questions, in priority order; 409 VERSION_CONFLICT if they changed elsewhere. */
export const setAgenda = (interviewId: string, input: AgendaUpdateInput) =>
  request<PrepareView>('PUT', `/api/interviews/${enc(interviewId)}/agenda`, { body: input });

/** Saves research notes with the interview's version (as notes are). */
export const updateResearch = (interviewId: string, input: ResearchUpdateInput) =>
  request<Interview>('PATCH', `/api/interviews/${enc(interviewId)}/research`, { body: input });
