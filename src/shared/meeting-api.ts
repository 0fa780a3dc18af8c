/**
 * The HTTP contract of meeting mode: the session (when it started, the agreed
 * end, the free notes), the agenda's questions with the answers jotted in it,
 * and the saves a phone sends when it syncs what was typed. Every save names
 * the version it was typed over; a save over a version that changed meanwhile
 * is refused with 409 VERSION_CONFLICT carrying the server's text, so the
 * seeker chooses — nothing is overwritten silently.
 */
import { z } from 'zod';
import { editedVersion } from './api.ts';
import type { InterviewStage } from '../core/interview-stages.ts';
import type { MeetingMinutes, MeetingPlace } from '../core/meeting-slots.ts';

/** Enough for a dense half hour of notes; an answer box is one question's worth. */
export const MAX_ANSWER_CHARS = 20_000;
export const MAX_NOTES_CHARS = 100_000;

const baseVersion = editedVersion(0, 'is required: the version your text was typed over');

const text = (max: number) =>
  z
    .string()
    .max(max, { message: `must be at most ${max.toLocaleString('en')} characters` })
    .nullable()
    .transform((v) => (v == null || v.trim() === '' ? null : v.replace(/\r\n?/g, '\n')));

export const AnswerSaveSchema = z.strictObject({ answer: text(MAX_ANSWER_CHARS), baseVersion });
export type AnswerSaveInput = z.input<typeof AnswerSaveSchema>;
export type AnswerSave = z.output<typeof AnswerSaveSchema>;

export const NotesSaveSchema = z.strictObject({ notes: text(MAX_NOTES_CHARS), baseVersion });
export type NotesSaveInput = z.input<typeof NotesSaveSchema>;
export type NotesSave = z.output<typeof NotesSaveSchema>;

/** Meeting mode for one interview, once started. */
export interface MeetingSession {
  startedAt: string;
  /** The agreed end: the countdown's zero, honored even if questions remain. */
  endsAt: string;
  /** When "End meeting" was pressed. */
  endedAt: string | null;
  notes: string | null;
  notesVersion: number;
}

/** One question picked for the interview, in agenda order, with the answer jotted in meeting mode. */
export interface MeetingItem {
  id: string;
  text: string;
  position: number;
  answer: string | null;
  answerVersion: number;
}

export interface MeetingInterview {
  id: string;
  contactName: string;
  organizationName: string | null;
  stage: InterviewStage;
  meetingAt: string | null;
  meetingMinutes: MeetingMinutes | null;
  meetingPlace: MeetingPlace | null;
}

/** `GET /api/interviews/:id/meeting`. */
export interface MeetingView {
  interview: MeetingInterview;
  /** Null until meeting mode is started. */
  session: MeetingSession | null;
  items: MeetingItem[];
  /** Whether meeting mode can be started now (the interview is scheduled, confirmed or held). */
  canStart: boolean;
  /** How many questions fit the meeting's length: the rest are asked only if time allows. */
  questionsThatFit: number;
}

/** A saved answer or notes: the text as stored and its new version. */
export interface SavedText {
  text: string | null;
  version: number;
}

/**
 * The `details` of a 409 VERSION_CONFLICT on an answer or the notes: what the
 * server holds now, so both versions can be shown side by side.
 */
export interface TextConflictDetails {
  currentVersion: number;
  currentText: string | null;
}
