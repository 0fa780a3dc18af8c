/**
 * Preparing one conversation: research notes on the person and the
 * organization, the questions picked from the bank in priority order, and the
 * agenda the pure planner makes of them for the meeting's time box.
 *
 * The planned questions are identified by agenda item id (not bank question
 * id): that is what meeting mode attaches answers to.
 */
import { planAgenda } from '../core/agenda.ts';
import { AppError, notFound, validationFailed, versionConflict, type FieldIssue } from '../core/errors.ts';
import * as agenda from '../repositories/agenda.repository.ts';
import * as interviews from '../repositories/interview.repository.ts';
import * as questions from '../repositories/question.repository.ts';
import type { Interview } from '../shared/plan-api.ts';
import type { AgendaItem, AgendaUpdate, PrepareView, ResearchUpdate } from '../shared/prepare-api.ts';
import type { ServiceContext } from './context.ts';
import { getInterview } from './interview.service.ts';

/** The length planned for when no meeting is set (PRODUCT.md: 30 minutes by default). */
export const DEFAULT_MEETING_MINUTES = 30;

/**
 * A fingerprint of the picked questions and their order. Any change to the
 * list changes it (new items get new ids), so a client that sends back the one
 * it loaded cannot overwrite a list changed elsewhere meanwhile.
 */
export function agendaVersionOf(items: readonly Pick<AgendaItem, 'id'>[]): string {
  // FNV-1a, 32 bits: short, stable, and no node: import for something this small.
  let hash = 0x811c9dc5;
  for (const ch of items.map((item) => item.id).join(',')) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${items.length}-${hash.toString(16).padStart(8, '0')}`;
}

function view(interviewId: string, header: agenda.PrepareHeader, items: AgendaItem[], minutes: number | undefined): PrepareView {
  const planned = minutes ?? header.meetingMinutes ?? DEFAULT_MEETING_MINUTES;
  return {
    interviewId,
    interviewVersion: header.version,
    researchPerson: header.researchPerson,
    researchOrganization: header.researchOrganization,
    minutes: planned,
    meetingMinutes: header.meetingMinutes,
    items,
    agendaVersion: agendaVersionOf(items),
    plan: planAgenda(
      planned,
      items.map((item) => ({ id: item.id, text: item.text, readilyAvailable: item.readilyAvailable })),
    ),
  };
}

export async function getPrepare(ctx: ServiceContext, ownerId: string, interviewId: string, minutes?: number): Promise<PrepareView> {
  const header = await agenda.findPrepareHeader(ctx.db, ownerId, interviewId);
  if (!header) throw notFound('The interview');
  return view(interviewId, header, await agenda.listAgendaItems(ctx.db, ownerId, interviewId), minutes);
}

/**
 * Replaces the picked questions with `questionIds`, in that priority order.
 * Items still picked keep their row, text and answer; new ones copy the bank's
 * text. A question from someone else's bank, or a retired one newly picked, is
 * refused; so is dropping a question that already has an answer from the meeting.
 */
export async function setAgenda(ctx: ServiceContext, ownerId: string, interviewId: string, input: AgendaUpdate): Promise<PrepareView> {
  await ctx.db.transaction().execute(async (trx) => {
    const header = await agenda.findPrepareHeader(trx, ownerId, interviewId, ctx.dialect);
    if (!header) throw notFound('The interview');
    const current = await agenda.listAgendaItems(trx, ownerId, interviewId);
    const currentVersion = agendaVersionOf(current);
    if (currentVersion !== input.agendaVersion) {
      throw new AppError('VERSION_CONFLICT', 'The questions for this interview were changed elsewhere since you opened them. Reload them and apply your change again.', {
        agendaVersion: currentVersion,
      });
    }

    const byQuestion = new Map(current.flatMap((item) => (item.questionId === null ? [] : [[item.questionId, item] as const])));
    const newIds = input.questionIds.filter((id) => !byQuestion.has(id));
    const found = new Map((await questions.findQuestions(trx, ownerId, newIds)).map((q) => [q.id, q]));
    const issues: FieldIssue[] = [];
    input.questionIds.forEach((id, index) => {
      if (byQuestion.has(id)) return;
      const question = found.get(id);
      if (!question) issues.push({ field: `questionIds.${index}`, message: 'is not a question in your bank' });
      else if (question.retired) issues.push({ field: `questionIds.${index}`, message: `“${question.text}” is retired: restore it in the question bank to ask it` });
    });
    if (issues.length > 0) {
      throw new AppError('INVALID_REFERENCE', issues.length === 1 ? `${issues[0]!.field}: ${issues[0]!.message}.` : `${issues.length} questions cannot be picked.`, { issues });
    }

    const picked = new Set(input.questionIds);
    // Items whose bank question is gone cannot be named in the list; they stay, after the picked ones.
    const orphans = current.filter((item) => item.questionId === null);
    const dropped = current.filter((item) => item.questionId !== null && !picked.has(item.questionId));
    const answered = dropped.filter((item) => item.answer !== null && item.answer.trim() !== '');
    if (answered.length > 0) {
      throw validationFailed(
        answered.map((item) => ({ field: 'questionIds', message: `“${item.text}” has an answer from the meeting: keep it on the agenda so the answer is not lost` })),
      );
    }

    const now = ctx.now().toISOString();
    if ((await agenda.deleteUnansweredAgendaItems(trx, ownerId, dropped.map((item) => item.id))) !== dropped.length) {
      // An answer arrived from meeting mode since the agenda was read: nothing is changed, the answer is kept.
      throw new AppError('VERSION_CONFLICT', 'An answer was just saved to a question you dropped. Reload the questions and apply your change again.', {
        agendaVersion: agendaVersionOf(await agenda.listAgendaItems(trx, ownerId, interviewId)),
      });
    }
    const inserts: agenda.AgendaItemRow[] = [];
    const order = [...input.questionIds.map((id) => byQuestion.get(id) ?? id), ...orphans];
    for (const [position, entry] of order.entries()) {
      if (typeof entry === 'string') {
        const question = found.get(entry)!;
        inserts.push({ id: ctx.newId(), owner_id: ownerId, interview_id: interviewId, question_id: question.id, text: question.text, position, created_at: now, updated_at: now });
      } else if (entry.position !== position) {
        await agenda.moveAgendaItem(trx, ownerId, entry.id, position, now);
      }
    }
    await agenda.insertAgendaItems(trx, inserts);
  });
  return getPrepare(ctx, ownerId, interviewId, input.minutes);
}

/** Saves the research notes with the interview's version, like its other notes. */
export async function updateResearch(ctx: ServiceContext, ownerId: string, interviewId: string, input: ResearchUpdate): Promise<Interview> {
  const changes: interviews.InterviewChanges = { updated_at: ctx.now().toISOString() };
  if (input.researchPerson !== undefined) changes.research_person = input.researchPerson;
  if (input.researchOrganization !== undefined) changes.research_organization = input.researchOrganization;
  if (!(await interviews.updateInterviewIfVersion(ctx.db, ownerId, interviewId, input.version, changes))) {
    const current = await interviews.currentInterviewVersion(ctx.db, ownerId, interviewId);
    if (current === undefined) throw notFound('The interview');
    throw versionConflict('interview', current);
  }
  return getInterview(ctx, ownerId, interviewId);
}
