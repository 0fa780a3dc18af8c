/**
 * Meeting mode: starting it with an agreed end, the answers and notes synced
 * from the seeker's phone, and ending it, which marks the meeting held.
 *
 * Saves are compare-and-set on a per-text version. A phone that typed offline
 * over version 3 while a laptop saved version 4 is refused with the server's
 * text in the conflict's details; a save of the very text already stored (the
 * phone retrying after its first try's answer was lost) is not a conflict.
 */
import { AppError, notFound, type ErrorDetails } from '../core/errors.ts';
import type { InterviewStage } from '../core/interview-stages.ts';
import { agreedTime, DEFAULT_MEETING_LENGTH_MINUTES, questionsThatFit } from '../core/meeting-clock.ts';
import * as interviews from '../repositories/interview.repository.ts';
import * as meetings from '../repositories/meeting.repository.ts';
import type { AnswerSave, MeetingView, NotesSave, SavedText, TextConflictDetails } from '../shared/meeting-api.ts';
import type { ServiceContext } from './context.ts';
import { recordEvent } from './interview.service.ts';

/** Meeting mode is for a meeting that is set, or one just held (to finish the notes). */
const MEETING_STAGES: readonly InterviewStage[] = ['scheduled', 'confirmed', 'held'];
/** Ending meeting mode on these marks the meeting held. */
const BEFORE_HELD: readonly InterviewStage[] = ['scheduled', 'confirmed'];

async function findInterviewOrThrow(ctx: ServiceContext, ownerId: string, interviewId: string): Promise<interviews.StoredInterview> {
  const stored = await interviews.findInterview(ctx.db, ownerId, interviewId);
  if (!stored) throw notFound('The interview');
  return stored;
}

export async function getMeeting(ctx: ServiceContext, ownerId: string, interviewId: string): Promise<MeetingView> {
  const stored = await findInterviewOrThrow(ctx, ownerId, interviewId);
  const [session, items] = await Promise.all([meetings.findSession(ctx.db, ownerId, interviewId), meetings.listItems(ctx.db, ownerId, interviewId)]);
  const { state } = stored;
  return {
    interview: {
      id: stored.id,
      contactName: stored.contact.name,
      organizationName: stored.organization?.name ?? null,
      stage: state.stage,
      meetingAt: state.meetingAt,
      meetingMinutes: state.meetingMinutes,
      meetingPlace: state.meetingPlace,
    },
    session: session ?? null,
    items,
    canStart: MEETING_STAGES.includes(state.stage),
    questionsThatFit: questionsThatFit(state.meetingMinutes ?? DEFAULT_MEETING_LENGTH_MINUTES),
  };
}

/**
 * Starts meeting mode: the agreed end is the scheduled end when started around
 * the scheduled time, otherwise the meeting's length from now. Starting again
 * returns the session already there, its agreed end unchanged.
 */
export async function startMeeting(ctx: ServiceContext, ownerId: string, interviewId: string): Promise<MeetingView> {
  const stored = await findInterviewOrThrow(ctx, ownerId, interviewId);
  if (!(await meetings.findSession(ctx.db, ownerId, interviewId))) {
    const { stage, meetingAt, meetingMinutes } = stored.state;
    if (!MEETING_STAGES.includes(stage)) {
      throw new AppError(
        'STAGE_TRANSITION_REFUSED',
        `Meeting mode is for a scheduled meeting; this interview is ${stage.replace(/_/g, ' ')}. Record the meeting's time first.`,
        { stage },
      );
    }
    const now = ctx.now();
    const agreed = agreedTime(now, meetingAt, meetingMinutes);
    // A meeting already held opens for review: its notes can be finished, its clock does not run.
    const endedAt = stage === 'held' ? now.toISOString() : null;
    await meetings.insertSessionIfAbsent(ctx.db, { ownerId, interviewId, startedAt: agreed.startedAt, endsAt: agreed.endsAt, endedAt });
  }
  return getMeeting(ctx, ownerId, interviewId);
}

function textConflict(what: string, current: SavedText): AppError {
  const details: TextConflictDetails & ErrorDetails = { currentVersion: current.version, currentText: current.text };
  return new AppError('VERSION_CONFLICT', `${what} was changed elsewhere since this device last synced. Choose which version to keep.`, details);
}

export async function saveAnswer(ctx: ServiceContext, ownerId: string, interviewId: string, itemId: string, input: AnswerSave): Promise<SavedText> {
  await findInterviewOrThrow(ctx, ownerId, interviewId);
  const now = ctx.now().toISOString();
  if (await meetings.updateAnswerIfVersion(ctx.db, ownerId, interviewId, itemId, input.baseVersion, input.answer, now)) {
    return { text: input.answer, version: input.baseVersion + 1 };
  }
  const current = await meetings.findItem(ctx.db, ownerId, interviewId, itemId);
  if (!current) throw notFound('The question');
  // The same text already stored: a retry whose first answer never arrived.
  if (current.answer === input.answer) return { text: current.answer, version: current.answerVersion };
  throw textConflict('This answer', { text: current.answer, version: current.answerVersion });
}

export async function saveNotes(ctx: ServiceContext, ownerId: string, interviewId: string, input: NotesSave): Promise<SavedText> {
  await findInterviewOrThrow(ctx, ownerId, interviewId);
  const now = ctx.now().toISOString();
  if (await meetings.updateNotesIfVersion(ctx.db, ownerId, interviewId, input.baseVersion, input.notes, now)) {
    return { text: input.notes, version: input.baseVersion + 1 };
  }
  const session = await meetings.findSession(ctx.db, ownerId, interviewId);
  if (!session) throw new AppError('NOT_FOUND', 'Meeting mode was not started for this interview.');
  if (session.notes === input.notes) return { text: session.notes, version: session.notesVersion };
  throw textConflict('The meeting notes', { text: session.notes, version: session.notesVersion });
}

/**
 * Ends meeting mode. A scheduled or confirmed meeting is marked held through
 * the interview's state machine (so its tasks follow: the thank-you is due);
 * ending twice changes nothing.
 */
export async function endMeeting(ctx: ServiceContext, ownerId: string, interviewId: string): Promise<MeetingView> {
  const stored = await findInterviewOrThrow(ctx, ownerId, interviewId);
  const session = await meetings.findSession(ctx.db, ownerId, interviewId);
  if (!session) throw new AppError('NOT_FOUND', 'Meeting mode was not started for this interview.');
  const endedAt = ctx.now().toISOString();
  if (BEFORE_HELD.includes(stored.state.stage)) {
    try {
      // One transaction: the meeting is held and its session ended together.
      await recordEvent(ctx, ownerId, interviewId, { kind: 'held', version: stored.version }, (trx) => meetings.setSessionEnded(trx, ownerId, interviewId, endedAt));
      return getMeeting(ctx, ownerId, interviewId);
    } catch (error) {
      // A second tap on End (or another device) recorded it first: ending again is not an error.
      const now = await findInterviewOrThrow(ctx, ownerId, interviewId);
      if (!(error instanceof AppError && error.code === 'VERSION_CONFLICT') || BEFORE_HELD.includes(now.state.stage)) throw error;
    }
  }
  await meetings.setSessionEnded(ctx.db, ownerId, interviewId, endedAt);
  return getMeeting(ctx, ownerId, interviewId);
}
