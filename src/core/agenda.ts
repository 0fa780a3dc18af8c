/**
 * The agenda planner: which of the seeker's questions fit the time box, and
 * when each part of the meeting happens (PRODUCT.md step 5).
 *
 * A meeting opens with about 2 minutes of thanks and confirming the end time,
 * then 2 minutes for the seeker's introduction, then about 3 minutes per
 * question, and always keeps its last 4 minutes for "who else should I talk
 * to?" and thanks. So `floor((minutes − 8) / 3)` questions fit: 7 in 30
 * minutes, 4 in 20. Questions are kept in the seeker's priority order; the
 * first ones that fit are planned and the rest are marked "will not fit".
 *
 * Every block is contiguous with the next, from minute 0 to the end of the
 * time box. Minutes left over after the last question (fewer questions than
 * fit, or a length that is not a multiple of 3 apart) become one spare block
 * just before the closing, so meeting mode can show it as room to follow up.
 *
 * @example
 * const plan = planAgenda(30, questions); // 9 questions
 * plan.fitCount;  // 7
 * plan.summary;   // "7 of 9 questions fit in 30 minutes"
 */
import { validationFailed } from './errors.ts';

export const OPENING_MINUTES = 2;
export const INTRODUCTION_MINUTES = 2;
export const MINUTES_PER_QUESTION = 3;
export const CLOSING_MINUTES = 4;
export const MIN_MEETING_MINUTES = 10;
export const MAX_MEETING_MINUTES = 120;

/** A question as the planner needs it, in priority order (first = most important). */
export interface AgendaQuestion {
  id: string;
  text: string;
  /** "Answer readily available?": asking it spends their time on what a search would tell. */
  readilyAvailable: boolean;
}

export type AgendaBlockKind = 'opening' | 'introduction' | 'question' | 'spare' | 'closing';

/** One part of the meeting, in minutes from its start: [startMinute, endMinute). */
export interface AgendaBlock {
  kind: AgendaBlockKind;
  title: string;
  startMinute: number;
  endMinute: number;
  /** For a question block: which question. */
  questionId: string | null;
}

export interface PlannedQuestion extends AgendaQuestion {
  /** 1 for the most important. */
  priority: number;
  fits: boolean;
  /** When it is asked, for a question that fits. */
  startMinute: number | null;
  endMinute: number | null;
}

export type AgendaWarningKind = 'no_questions' | 'will_not_fit' | 'readily_available';

export interface AgendaWarning {
  kind: AgendaWarningKind;
  /** The question it is about, for readily-available warnings. */
  questionId: string | null;
  message: string;
}

export interface AgendaPlan {
  minutes: number;
  /** How many questions the time box holds. */
  capacity: number;
  /** How many of the given questions fit (at most `capacity`). */
  fitCount: number;
  total: number;
  /** "7 of 9 questions fit in 30 minutes". */
  summary: string;
  questions: PlannedQuestion[];
  blocks: AgendaBlock[];
  warnings: AgendaWarning[];
}

/** How many questions fit in a meeting of this length (10 to 120 minutes). */
export function questionCapacity(minutes: number): number {
  checkMinutes(minutes);
  return questionsThatFit(minutes);
}

/**
 * The arithmetic of the time box, for any length: what is left after the
 * opening, the introduction and the closing, in whole questions. Meeting mode
 * uses it too, for a meeting that started late and has less time than planned.
 */
export function questionsThatFit(minutes: number): number {
  return Math.max(0, Math.floor((minutes - OPENING_MINUTES - INTRODUCTION_MINUTES - CLOSING_MINUTES) / MINUTES_PER_QUESTION));
}

function checkMinutes(minutes: number): void {
  if (!Number.isInteger(minutes) || minutes < MIN_MEETING_MINUTES || minutes > MAX_MEETING_MINUTES) {
    throw validationFailed([{ field: 'minutes', message: `must be a whole number of minutes from ${MIN_MEETING_MINUTES} to ${MAX_MEETING_MINUTES}` }]);
  }
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function planAgenda(minutes: number, questions: readonly AgendaQuestion[]): AgendaPlan {
  const capacity = questionCapacity(minutes);
  const fitCount = Math.min(capacity, questions.length);
  const firstQuestionAt = OPENING_MINUTES + INTRODUCTION_MINUTES;
  const closingAt = minutes - CLOSING_MINUTES;

  const planned: PlannedQuestion[] = questions.map((q, index) => {
    const fits = index < fitCount;
    const start = firstQuestionAt + index * MINUTES_PER_QUESTION;
    return {
      id: q.id,
      text: q.text,
      readilyAvailable: q.readilyAvailable,
      priority: index + 1,
      fits,
      startMinute: fits ? start : null,
      endMinute: fits ? start + MINUTES_PER_QUESTION : null,
    };
  });

  const blocks: AgendaBlock[] = [
    { kind: 'opening', title: 'Thank them and confirm the end time', startMinute: 0, endMinute: OPENING_MINUTES, questionId: null },
    { kind: 'introduction', title: 'Introduce yourself', startMinute: OPENING_MINUTES, endMinute: firstQuestionAt, questionId: null },
  ];
  for (const q of planned) {
    if (q.fits) blocks.push({ kind: 'question', title: q.text, startMinute: q.startMinute!, endMinute: q.endMinute!, questionId: q.id });
  }
  const questionsEnd = firstQuestionAt + fitCount * MINUTES_PER_QUESTION;
  if (questionsEnd < closingAt) {
    blocks.push({ kind: 'spare', title: 'Spare time: follow up on what interested you', startMinute: questionsEnd, endMinute: closingAt, questionId: null });
  }
  blocks.push({ kind: 'closing', title: 'Who else should I talk to? Thank them', startMinute: closingAt, endMinute: minutes, questionId: null });

  const warnings: AgendaWarning[] = [];
  if (questions.length === 0) {
    warnings.push({
      kind: 'no_questions',
      questionId: null,
      message:
        capacity > 0
          ? `No questions picked yet: choose up to ${plural(capacity, 'question', 'questions')} for ${minutes} minutes, most important first.`
          : `No questions fit in ${minutes} minutes: ask for at least 20.`,
    });
  }
  const left = questions.length - fitCount;
  if (left > 0) {
    warnings.push({
      kind: 'will_not_fit',
      questionId: null,
      message: `${plural(left, 'question', 'questions')} will not fit in ${minutes} minutes. The agreed time comes first: drop ${left === 1 ? 'it' : 'them'}, or keep ${left === 1 ? 'it' : 'them'} for another conversation.`,
    });
  }
  for (const q of planned) {
    if (q.readilyAvailable) {
      warnings.push({
        kind: 'readily_available',
        questionId: q.id,
        message: `“${q.text}” can be answered with a little research. Look it up before the meeting instead of spending their time on it.`,
      });
    }
  }

  return {
    minutes,
    capacity,
    fitCount,
    total: questions.length,
    summary:
      questions.length === 0
        ? `${plural(capacity, 'question fits', 'questions fit')} in ${minutes} minutes`
        : `${fitCount} of ${plural(questions.length, 'question', 'questions')} ${fitCount === 1 ? 'fits' : 'fit'} in ${minutes} minutes`,
    questions: planned,
    blocks,
    warnings,
  };
}

/** A block as meeting mode counts it down: offsets in minutes from the meeting's start. */
export interface TimelineBlock {
  kind: AgendaBlockKind;
  title: string;
  questionId: string | null;
  startMinute: number;
  endMinute: number;
}

/** The planned blocks in order, for meeting mode: which part of the meeting is due at each minute. */
export function meetingTimeline(plan: Pick<AgendaPlan, 'blocks'>): TimelineBlock[] {
  return plan.blocks.map(({ kind, title, questionId, startMinute, endMinute }) => ({ kind, title, questionId, startMinute, endMinute }));
}

/** The block under way `elapsedMinutes` into the meeting; null before it starts or once time is up. */
export function blockAt(timeline: readonly TimelineBlock[], elapsedMinutes: number): TimelineBlock | null {
  return timeline.find((b) => elapsedMinutes >= b.startMinute && elapsedMinutes < b.endMinute) ?? null;
}
