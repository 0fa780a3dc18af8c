/** One typed function per endpoint of meeting mode: the view, start and end, and the saves a phone syncs. */
import type { AnswerSaveInput, MeetingView, NotesSaveInput, SavedText } from '@shared/meeting-api.ts';
import { request } from './client.ts';

type Signal = AbortSignal | undefined;
const enc = encodeURIComponent;

/** Under 'interviews', so recording an event on the interview refreshes meeting mode too. */
export const meetingQueryKey = (interviewId: string) => ['interviews', 'meeting', interviewId] as const;

export const getMeeting = (interviewId: string, signal?: Signal) =>
  request<MeetingView>('GET', `/api/interviews/${enc(interviewId)}/meeting`, { signal });

/** Starts meeting mode with its agreed end; starting again returns the session already there. */
export const startMeeting = (interviewId: string) => request<MeetingView>('POST', `/api/interviews/${enc(interviewId)}/meeting/start`);

/** Ends meeting mode and marks a scheduled or confirmed meeting held. */
export const endMeeting = (interviewId: string) => request<MeetingView>('POST', `/api/interviews/${enc(interviewId)}/meeting/end`);

/** Refused with 409 VERSION_CONFLICT (details: currentVersion, currentText) if the answer changed since `baseVersion`. */
export const saveMeetingAnswer = (interviewId: string, itemId: string, input: AnswerSaveInput) =>
  request<SavedText>('PUT', `/api/interviews/${enc(interviewId)}/meeting/answers/${enc(itemId)}`, { body: input });

/** Refused with 409 VERSION_CONFLICT (details: currentVersion, currentText) if the notes changed since `baseVersion`. */
export const saveMeetingNotes = (interviewId: string, input: NotesSaveInput) =>
  request<SavedText>('PUT', `/api/interviews/${enc(interviewId)}/meeting/notes`, { body: input });
