/**
 * The clock of meeting mode (PRODUCT.md step 6): when the agreed end is, how
 * much time is left, when to cue the wrap-up, and which part of the agenda the
 * seeker should be in now.
 *
 * The agreed end is honored even if questions remain: a busy host gave 20 or
 * 30 minutes, and running over is the surest way not to be helped twice. So
 * the countdown runs to the end agreed when the meeting was scheduled — if the
 * seeker starts meeting mode around the scheduled time — and otherwise to the
 * meeting's length from the moment it starts.
 *
 * The timed blocks follow the agenda's shape: about 2 minutes of thanks and
 * confirming the end time, 2 minutes of introduction, about 3 minutes per
 * question, and the last 4 minutes for "who else should I talk to?" and thanks.
 * The closing is anchored to the agreed end, so a meeting started late loses
 * questions, never its closing.
 *
 * Pure: no clock (pass `now`), no I/O. Instants are ISO strings.
 */

// The time box is the agenda planner's: one set of numbers for what is planned and what is counted down.
import { CLOSING_MINUTES, INTRODUCTION_MINUTES, MINUTES_PER_QUESTION, OPENING_MINUTES, questionsThatFit } from './agenda.ts';

export { questionsThatFit };

/** The cue to wrap up: "5 minutes left — ask who else you should talk to". */
export const WRAP_UP_SECONDS = 5 * 60;
/** Meeting mode started this close to the scheduled start keeps the scheduled end. */
export const SCHEDULED_START_WINDOW_MINUTES = 15;
/** The meeting's length when none was recorded: the product's default. */
export const DEFAULT_MEETING_LENGTH_MINUTES = 30;

const MINUTE_MS = 60_000;

export type MeetingPhase = 'running' | 'wrap_up' | 'time_up';

export interface AgreedTime {
  /** Where the agenda's clock starts: now, or the scheduled start when meeting mode was opened early for it. */
  startedAt: string;
  endsAt: string;
  /** 'scheduled': the end agreed with the host; 'from_start': the meeting's length from now. */
  basis: 'scheduled' | 'from_start';
}

/**
 * When a meeting started now should end. Within 15 minutes before or after the
 * scheduled start, the scheduled end stands (arriving 10 minutes late does not
 * buy 10 more minutes of their time); otherwise — an unscheduled or moved
 * meeting — it is `now` plus its length (30 minutes unless recorded).
 */
export function agreedTime(now: Date, meetingAt: string | null, meetingMinutes: number | null): AgreedTime {
  const minutes = meetingMinutes ?? DEFAULT_MEETING_LENGTH_MINUTES;
  if (!Number.isInteger(minutes) || minutes <= 0) throw new Error(`A meeting lasts a positive whole number of minutes, not ${minutes}.`);
  const startedAt = now.toISOString();
  if (meetingAt !== null) {
    const scheduled = instant(meetingAt);
    if (Math.abs(now.getTime() - scheduled) <= SCHEDULED_START_WINDOW_MINUTES * MINUTE_MS) {
      // Opened early (waiting at the café), the agenda still starts at the agreed time: its blocks span the
      // meeting, not the wait. Opened late, it starts now and the closing keeps its place before the end.
      const agendaStart = now.getTime() < scheduled ? new Date(scheduled).toISOString() : startedAt;
      return { startedAt: agendaStart, endsAt: new Date(scheduled + minutes * MINUTE_MS).toISOString(), basis: 'scheduled' };
    }
  }
  return { startedAt, endsAt: new Date(now.getTime() + minutes * MINUTE_MS).toISOString(), basis: 'from_start' };
}

export type BlockKind = 'opening' | 'introduction' | 'question' | 'closing';

/** One part of the agenda, with when it starts and ends in seconds from the meeting's start. */
export interface TimedBlock {
  kind: BlockKind;
  /** For a question: its agenda item id. */
  itemId: string | null;
  fromSecond: number;
  toSecond: number;
}

export interface MeetingBlocks {
  blocks: TimedBlock[];
  /** Agenda items that do not fit before the closing, in agenda order: asked only if time allows. */
  overflowItemIds: string[];
}

/**
 * The agenda laid over the agreed time. Questions take 3 minutes each after
 * the opening and introduction; the last part before the closing runs up to
 * it, which always takes the last 4 minutes (or all that is left of a
 * very short meeting).
 */
export function meetingBlocks(startedAt: string, endsAt: string, itemIds: readonly string[]): MeetingBlocks {
  const total = Math.max(0, Math.floor((instant(endsAt) - instant(startedAt)) / 1000));
  const closingFrom = Math.max(0, total - CLOSING_MINUTES * 60);
  const blocks: TimedBlock[] = [];
  let at = 0;
  const push = (kind: BlockKind, itemId: string | null, seconds: number) => {
    const to = Math.min(at + seconds, closingFrom);
    if (to > at) blocks.push({ kind, itemId, fromSecond: at, toSecond: to });
    at = to;
  };
  push('opening', null, OPENING_MINUTES * 60);
  push('introduction', null, INTRODUCTION_MINUTES * 60);
  const fitting = itemIds.slice(0, questionsThatFit(Math.floor(total / 60)));
  for (const id of fitting) push('question', id, MINUTES_PER_QUESTION * 60);
  // Time left over before the closing goes to the last part, not to a gap in the agenda.
  const last = blocks.at(-1);
  if (last) last.toSecond = closingFrom;
  if (total > closingFrom || blocks.length === 0) blocks.push({ kind: 'closing', itemId: null, fromSecond: closingFrom, toSecond: total });
  return { blocks, overflowItemIds: itemIds.slice(fitting.length) };
}

export interface MeetingClock {
  /** Whole seconds to the agreed end, never negative. */
  remainingSeconds: number;
  /** Seconds since the start, never negative. */
  elapsedSeconds: number;
  phase: MeetingPhase;
  /** Index into `blocks` of the part the seeker should be in; null once time is up. */
  currentBlock: number | null;
}

/**
 * Where the meeting stands at `now`. Remaining time is rounded up, so the
 * countdown shows 0:01 until the last second has passed and "time is up"
 * exactly at the agreed end.
 */
export function meetingClock(now: Date, startedAt: string, endsAt: string, blocks: readonly TimedBlock[] = []): MeetingClock {
  const nowMs = now.getTime();
  const endMs = instant(endsAt);
  const remainingSeconds = Math.max(0, Math.ceil((endMs - nowMs) / 1000));
  const elapsedSeconds = Math.max(0, Math.floor((nowMs - instant(startedAt)) / 1000));
  const phase: MeetingPhase = remainingSeconds <= 0 ? 'time_up' : remainingSeconds <= WRAP_UP_SECONDS ? 'wrap_up' : 'running';
  let currentBlock: number | null = null;
  if (phase !== 'time_up') {
    const index = blocks.findIndex((b) => elapsedSeconds >= b.fromSecond && elapsedSeconds < b.toSecond);
    currentBlock = index >= 0 ? index : blocks.length > 0 ? blocks.length - 1 : null;
  }
  return { remainingSeconds, elapsedSeconds, phase, currentBlock };
}

/** "mm:ss" for the countdown; an hour or more reads "h:mm:ss". */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const two = (n: number) => String(n).padStart(2, '0');
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  return hours > 0 ? `${hours}:${two(minutes)}:${two(s % 60)}` : `${two(minutes)}:${two(s % 60)}`;
}

function instant(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`Not an instant: ${iso}`);
  return ms;
}
