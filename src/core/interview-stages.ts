/**
 * The life of one informational interview as a pure state machine:
 * `idea → requested → scheduled → confirmed → held → thanked → staying_in_touch`,
 * with the exits `no_reply`, `declined`, `cancelled`.
 *
 * An interview's state is the fold of its events; `applyInterviewEvent` is the
 * only way a state changes, and it refuses what cannot happen (thanking a
 * meeting that was never held, a second follow-up) with an `AppError` whose
 * message says why in the seeker's words.
 */
import { AppError } from './errors.ts';
import type { MeetingMinutes, MeetingPlace, ProposedSlot } from './meeting-slots.ts';

export const INTERVIEW_STAGES = [
  'idea',
  'requested',
  'scheduled',
  'confirmed',
  'held',
  'thanked',
  'staying_in_touch',
  'no_reply',
  'declined',
  'cancelled',
] as const;
export type InterviewStage = (typeof INTERVIEW_STAGES)[number];

/** Stages after which nothing more is expected: no follow-up task may exist for them. */
export const CLOSED_STAGES: readonly InterviewStage[] = ['no_reply', 'declined', 'cancelled'];

export const REQUEST_CHANNELS = ['email', 'linkedin', 'phone', 'in_person', 'other'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

/**
 * What can happen to an interview. `at` is an ISO instant. Events that the
 * seeker records by hand and events the follow-up engine records on its own
 * (`no_reply` after silence) share this one type.
 */
export type InterviewEvent =
  | { kind: 'created'; at: string }
  | { kind: 'request_sent'; at: string; channel: RequestChannel }
  | { kind: 'follow_up_sent'; at: string }
  | { kind: 'reply_received'; at: string; answer: 'yes' | 'no' }
  | { kind: 'slots_proposed'; at: string; slots: ProposedSlot[] }
  | {
      kind: 'scheduled';
      at: string;
      meetingAt: string;
      /** Absent in events recorded before scheduling had lengths and places: 30 minutes, no place. */
      minutes?: MeetingMinutes;
      place?: MeetingPlace | null;
      /** Minutes to get there, for an in-person meeting's "leave by" reminder. */
      travelMinutes?: number | null;
    }
  | { kind: 'confirmed'; at: string }
  | { kind: 'held'; at: string }
  | { kind: 'thanked'; at: string }
  | { kind: 'staying_in_touch'; at: string }
  /** Something of value shared after the meeting (an article, an event, how their advice worked out). */
  | { kind: 'value_shared'; at: string; what: string }
  | { kind: 'no_reply'; at: string; automatic: boolean }
  | { kind: 'cancelled'; at: string };

export type InterviewEventKind = InterviewEvent['kind'];

/** Everything the rules need to know about one interview, folded from its events. */
export interface InterviewState {
  stage: InterviewStage;
  /** When the first request went out. */
  requestSentAt: string | null;
  requestChannel: RequestChannel | null;
  /** The one follow-up, if sent. */
  followUpSentAt: string | null;
  /** The first reply, yes or no. */
  repliedAt: string | null;
  replyAnswer: 'yes' | 'no' | null;
  meetingAt: string | null;
  meetingMinutes: MeetingMinutes | null;
  meetingPlace: MeetingPlace | null;
  travelMinutes: number | null;
  /** The slots offered and not yet chosen from. */
  proposedSlots: ProposedSlot[] | null;
  /**
   * How many times the meeting changed after it was first scheduled (each
   * reschedule, and a cancellation): the calendar invite's SEQUENCE.
   */
  scheduleRevision: number;
  heldAt: string | null;
  thankedAt: string | null;
  /** When something of value was last shared: the stay-in-touch cadence restarts from it. */
  lastTouchAt: string | null;
}

export const INITIAL_INTERVIEW_STATE: InterviewState = {
  stage: 'idea',
  requestSentAt: null,
  requestChannel: null,
  followUpSentAt: null,
  repliedAt: null,
  replyAnswer: null,
  meetingAt: null,
  meetingMinutes: null,
  meetingPlace: null,
  travelMinutes: null,
  proposedSlots: null,
  scheduleRevision: 0,
  heldAt: null,
  thankedAt: null,
  lastTouchAt: null,
};

function refuse(message: string, from: InterviewStage, kind: InterviewEventKind): never {
  throw new AppError('STAGE_TRANSITION_REFUSED', message, { stage: from, event: kind });
}

const STAGE_WORDS: Record<InterviewStage, string> = {
  idea: 'still an idea',
  requested: 'requested',
  scheduled: 'scheduled',
  confirmed: 'confirmed',
  held: 'held',
  thanked: 'thanked',
  staying_in_touch: 'staying in touch',
  no_reply: 'closed with no reply',
  declined: 'declined',
  cancelled: 'cancelled',
};

/** A short phrase for a stage, for messages and the UI ("closed with no reply"). */
export function describeStage(stage: InterviewStage): string {
  return STAGE_WORDS[stage];
}

/**
 * Applies one event, or throws `STAGE_TRANSITION_REFUSED` explaining why it
 * cannot happen from the current stage.
 */
export function applyInterviewEvent(state: InterviewState, event: InterviewEvent): InterviewState {
  const { stage } = state;
  const not = (why: string): never => refuse(why, stage, event.kind);
  switch (event.kind) {
    case 'created':
      if (stage !== 'idea' || state.requestSentAt) not('This interview already exists.');
      return state;
    case 'request_sent':
      if (stage !== 'idea') {
        not(
          state.requestSentAt
            ? 'The request was already sent. Follow up once instead, or start a new interview.'
            : `A request cannot be sent for an interview that is ${describeStage(stage)}.`,
        );
      }
      return { ...state, stage: 'requested', requestSentAt: event.at, requestChannel: event.channel };
    case 'follow_up_sent':
      if (stage !== 'requested') not(`A follow-up only makes sense while a request waits for a reply; this one is ${describeStage(stage)}.`);
      if (state.repliedAt) not('They already replied, so there is nothing to follow up on.');
      if (state.followUpSentAt) not('You already followed up once. One follow-up is the limit; a second one would hurt more than help.');
      return { ...state, followUpSentAt: event.at };
    case 'reply_received': {
      // A late reply reopens an interview closed for silence: the contact turns out an obligate, not a curmudgeon.
      if (stage !== 'requested' && stage !== 'no_reply') not(`A reply can only be logged for a request; this interview is ${describeStage(stage)}.`);
      if (state.repliedAt) not('A reply was already logged for this request.');
      const replied = { ...state, repliedAt: event.at, replyAnswer: event.answer };
      return event.answer === 'no' ? { ...replied, stage: 'declined' } : { ...replied, stage: 'requested' };
    }
    case 'slots_proposed':
      if (stage !== 'requested') not(`Times can only be proposed for a request; this interview is ${describeStage(stage)}.`);
      return { ...state, proposedSlots: event.slots };
    case 'scheduled':
      if (stage !== 'requested' && stage !== 'scheduled' && stage !== 'confirmed') {
        not(`Only a requested interview can be scheduled; this one is ${describeStage(stage)}.`);
      }
      // Scheduling implies they said yes, even if the reply was never logged.
      return {
        ...state,
        stage: 'scheduled',
        meetingAt: event.meetingAt,
        meetingMinutes: event.minutes ?? 30,
        meetingPlace: event.place ?? null,
        travelMinutes: event.travelMinutes ?? null,
        proposedSlots: null,
        scheduleRevision: state.meetingAt === null ? state.scheduleRevision : state.scheduleRevision + 1,
        repliedAt: state.repliedAt ?? event.at,
        replyAnswer: state.replyAnswer ?? 'yes',
      };
    case 'confirmed':
      if (stage !== 'scheduled') not(`Only a scheduled meeting can be confirmed; this one is ${describeStage(stage)}.`);
      return { ...state, stage: 'confirmed' };
    case 'held':
      if (stage !== 'scheduled' && stage !== 'confirmed') not(`Only a scheduled meeting can be marked held; this one is ${describeStage(stage)}.`);
      return { ...state, stage: 'held', heldAt: event.at };
    case 'thanked':
      if (stage !== 'held') {
        not(
          state.heldAt
            ? 'You already thanked them.'
            : `You can only thank someone for a meeting that happened; this interview is ${describeStage(stage)}.`,
        );
      }
      return { ...state, stage: 'thanked', thankedAt: event.at };
    case 'staying_in_touch':
      if (stage !== 'thanked') not(`Staying in touch comes after the thank-you; this interview is ${describeStage(stage)}.`);
      return { ...state, stage: 'staying_in_touch' };
    case 'value_shared':
      if (stage !== 'thanked' && stage !== 'staying_in_touch') {
        not(`Sharing something of value comes after the meeting and the thank-you; this interview is ${describeStage(stage)}.`);
      }
      return { ...state, stage: 'staying_in_touch', lastTouchAt: event.at };
    case 'no_reply':
      if (stage !== 'requested' || state.repliedAt) not(`Only a request still waiting for a reply can be closed as no reply; this one is ${describeStage(stage)}.`);
      return { ...state, stage: 'no_reply' };
    case 'cancelled':
      if (!['idea', 'requested', 'scheduled', 'confirmed'].includes(stage)) {
        not(`An interview that is ${describeStage(stage)} cannot be cancelled.`);
      }
      // A cancelled meeting's invite is withdrawn with the next SEQUENCE.
      return { ...state, stage: 'cancelled', scheduleRevision: state.meetingAt === null ? state.scheduleRevision : state.scheduleRevision + 1 };
  }
}

/** Folds a whole event history, oldest first. Throws on the first impossible event. */
export function foldInterviewEvents(events: readonly InterviewEvent[]): InterviewState {
  return events.reduce(applyInterviewEvent, INITIAL_INTERVIEW_STATE);
}

/** Event kinds the seeker may record now (the UI shows one action per kind). */
export function allowedEventKinds(state: InterviewState): InterviewEventKind[] {
  const probe: Record<Exclude<InterviewEventKind, 'created'>, InterviewEvent> = {
    request_sent: { kind: 'request_sent', at: '', channel: 'email' },
    follow_up_sent: { kind: 'follow_up_sent', at: '' },
    reply_received: { kind: 'reply_received', at: '', answer: 'yes' },
    slots_proposed: { kind: 'slots_proposed', at: '', slots: [] },
    scheduled: { kind: 'scheduled', at: '', meetingAt: '' },
    confirmed: { kind: 'confirmed', at: '' },
    held: { kind: 'held', at: '' },
    thanked: { kind: 'thanked', at: '' },
    staying_in_touch: { kind: 'staying_in_touch', at: '' },
    value_shared: { kind: 'value_shared', at: '', what: '' },
    no_reply: { kind: 'no_reply', at: '', automatic: false },
    cancelled: { kind: 'cancelled', at: '' },
  };
  return (Object.keys(probe) as (keyof typeof probe)[]).filter((kind) => {
    try {
      applyInterviewEvent(state, probe[kind]);
      return true;
    } catch {
      return false;
    }
  });
}

/** Stages in which the seeker has met (or is about to meet) the contact: the basis of "once is enough". */
const MET_STAGES: readonly InterviewStage[] = ['held', 'thanked', 'staying_in_touch'];

/**
 * "Once is enough": a new interview with someone the seeker already met is
 * refused unless the host invited a second meeting; one still open is refused
 * always, naming it so the seeker can continue there.
 */
export function checkOnceIsEnough(
  existing: readonly { id: string; stage: InterviewStage }[],
  hostInvitedAgain: boolean,
  contactName: string,
): void {
  const open = existing.find((i) => !CLOSED_STAGES.includes(i.stage) && !MET_STAGES.includes(i.stage));
  if (open) {
    throw new AppError('DUPLICATE', `You already have an open interview with ${contactName}. Continue that one.`, { interviewId: open.id });
  }
  const met = existing.find((i) => MET_STAGES.includes(i.stage));
  if (!hostInvitedAgain && met) {
    throw new AppError(
      'ONCE_IS_ENOUGH',
      `You already met ${contactName}. Once is enough: ask for a second meeting only if they invited one, and say so.`,
      { interviewId: met.id },
    );
  }
}
