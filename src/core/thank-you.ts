/**
 * The thank-you after an informational interview (PRODUCT.md step 7): a draft
 * built from what the seeker wrote down, and a lint for the draft as edited.
 *
 * A thank-you that could have been sent to anyone reads as a form letter; one
 * that names something the host actually said shows they were listened to. So
 * the draft quotes or paraphrases one concrete thing from the jotted answers,
 * the notes or what the seeker learned, and names the seeker's next step (their
 * own plan, or reaching out to someone the host suggested) so the host sees
 * their time turned into action.
 *
 * Nothing is invented: with nothing specific written down, the draft keeps a
 * bracketed placeholder and a finding asks the seeker to fill it in.
 *
 * Pure: no clock (pass `now`), no I/O. Deterministic for the same input.
 */
import { DateTime } from 'luxon';
import { THANK_YOU_WITHIN_HOURS } from './reminders.ts';

/** One question asked in the meeting and the answer jotted for it. */
export interface JottedAnswer {
  question: string;
  answer: string | null;
}

export interface ThankYouInput {
  seekerName: string;
  hostName: string;
  /** The local date of the meeting (YYYY-MM-DD), or null when unknown. */
  meetingDate: string | null;
  /** What the seeker learned (the write-up), in their own words. */
  learned: string | null;
  /** The agenda's questions with the answers jotted in meeting mode, in agenda order. */
  answers: readonly JottedAnswer[];
  /** Free notes: meeting mode's, then the interview's (markdown). */
  notes: readonly (string | null)[];
  /** The seeker's next step from the write-up. */
  nextStep: string | null;
  /** Names the host gave, in the order recorded. */
  referralNames: readonly string[];
}

export type ThankYouFindingCode = 'no_specific' | 'placeholder' | 'no_next_step' | 'too_long' | 'late' | 'empty';

export interface ThankYouFinding {
  code: ThankYouFindingCode;
  /** `problem` should be fixed before sending; `advice` is worth a look. */
  severity: 'problem' | 'advice';
  message: string;
}

export interface ThankYouDraft {
  subject: string;
  body: string;
  /** The specific thing the draft names, as taken from the notes; null when nothing was written down. */
  specific: string | null;
  /** Where the specific came from. */
  specificSource: 'answer' | 'notes' | 'learned' | null;
  findings: ThankYouFinding[];
}

/** The recommended length; longer thank-yous go unread. */
export const THANK_YOU_MAX_WORDS = 150;
/** A sentence shorter than this is too thin to be "something specific". */
const MIN_SPECIFIC_WORDS = 4;
/** A quoted sentence is cut here so the note stays short. */
const MAX_SPECIFIC_WORDS = 22;
/** How many consecutive words of a specific an edited draft must still contain to name it. */
const MATCH_WORDS = 4;

export const PLACEHOLDER_SPECIFIC = '[Name one thing they said that helped you, in a sentence.]';

const LOCALE = 'en-US';

function words(text: string): string[] {
  return text.trim().split(/\s+/).filter((w) => w !== '');
}

export function countWords(text: string): number {
  return words(text).length;
}

function firstNameOf(name: string): string {
  return words(name)[0] ?? name.trim();
}

/** Markdown and list marks removed, so a note line reads as a sentence. */
function plainLine(line: string): string {
  return line
    .replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+(\[[ xX]\]\s+)?|\d+[.)]\s+)/, '')
    .replace(/[*_`]+/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Sentences of a text, split at . ! ? followed by a space, and at line breaks. */
function sentences(text: string): string[] {
  return text
    .split(/\n+/)
    .map(plainLine)
    .flatMap((line) => line.split(/(?<=[.!?])\s+(?=[A-Z0-9"“'‘(])/))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A sentence worth naming: long enough, not a question of the seeker's, not a bare list of names. */
function substantive(sentence: string): boolean {
  if (sentence.endsWith('?')) return false;
  if (/\[[^\]]*\]/.test(sentence)) return false;
  return countWords(sentence) >= MIN_SPECIFIC_WORDS;
}

/** Trimmed to a short quote, without its final full stop. */
function trimSpecific(sentence: string): string {
  const list = words(sentence.replace(/^["“'‘]+|["”'’]+$/g, ''));
  const cut = list.length > MAX_SPECIFIC_WORDS ? [...list.slice(0, MAX_SPECIFIC_WORDS), '…'].join(' ') : list.join(' ');
  return cut.replace(/[.;:,]+$/, '').replace(/\s+…$/, '…');
}

interface Candidate {
  text: string;
  source: 'answer' | 'notes' | 'learned';
}

/**
 * Everything the seeker wrote down that could be the specific thing, best
 * first: the first sentence of each answer, the most substantive answer first
 * (the most words; agenda order breaks ties), then sentences of the notes, then
 * of what they learned.
 */
export function specificCandidates(input: Pick<ThankYouInput, 'answers' | 'notes' | 'learned'>): Candidate[] {
  const answers = input.answers
    .map((a, index) => ({ index, sentence: sentences(a.answer ?? '').find(substantive) ?? null, size: countWords(a.answer ?? '') }))
    .filter((a): a is { index: number; sentence: string; size: number } => a.sentence !== null)
    .sort((x, y) => y.size - x.size || x.index - y.index)
    .map((a) => ({ text: trimSpecific(a.sentence), source: 'answer' as const }));
  const notes = input.notes.flatMap((n) => sentences(n ?? '').filter(substantive)).map((s) => ({ text: trimSpecific(s), source: 'notes' as const }));
  const learned = sentences(input.learned ?? '').filter(substantive).map((s) => ({ text: trimSpecific(s), source: 'learned' as const }));
  return [...answers, ...notes, ...learned];
}

/** Whether a sentence is in the host's first person ("I started in QA"), which a paraphrase would garble. */
function firstPerson(sentence: string): boolean {
  return /^(i|i'm|i’m|i've|i’ve|i'd|my|we|we're|our|me)\b/i.test(sentence);
}

function lowerFirst(text: string): string {
  // Keep "I", acronyms and names as they are: only a plain capitalised word is lowered.
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** "Your point that … has stayed with me." or, for the host's own words, a quote. */
function specificSentence(candidate: Candidate): string {
  const { text } = candidate;
  if (candidate.source === 'learned') return `What you told me stayed with me: ${lowerFirst(text)}${/[.!…]$/.test(text) ? '' : '.'}`;
  if (firstPerson(text)) return `What you said, “${text}”, has stayed with me.`;
  const stripped = text.replace(/^(she|he|they)\s+(said|says|thinks|suggested|mentioned)\s+(that\s+)?/i, '');
  return `Your point that ${lowerFirst(stripped)} has stayed with me.`;
}

/** "I'm going to …." from a next step typed any way ("Apply to…", "I will…", "going to…"). */
function nextStepSentence(nextStep: string): string {
  const step = nextStep.trim().replace(/[.;:,!]+$/, '').replace(/\s+/g, ' ');
  if (/^(i|i'm|i’m|i'll|i’ll|i will|i plan|i am)\b/i.test(step)) return `${step.charAt(0).toUpperCase()}${step.slice(1)}.`;
  const rest = step.replace(/^(going to|to|next:?|next step:?)\s+/i, '');
  return `I'm going to ${lowerFirst(rest)}.`;
}

function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  if (names.length === 2) return `${names[0]} and ${names[1]}`;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** "Tuesday, March 10" */
function meetingDay(date: string): string | null {
  const parsed = DateTime.fromISO(date, { zone: 'utc', locale: LOCALE });
  return parsed.isValid ? parsed.toFormat('cccc, LLLL d') : null;
}

/**
 * The thank-you draft: greeting, thanks for the meeting on its day, the one
 * specific thing, the next step, thanks again and the seeker's name.
 */
export function draftThankYou(input: ThankYouInput): ThankYouDraft {
  const host = firstNameOf(input.hostName);
  const candidates = specificCandidates(input);
  const best = candidates[0] ?? null;
  const day = input.meetingDate ? meetingDay(input.meetingDate) : null;

  const lines: string[] = [];
  lines.push(`Thank you for taking the time to talk with me${day ? ` on ${day}` : ''}. ${best ? specificSentence(best) : PLACEHOLDER_SPECIFIC}`);
  const steps: string[] = [];
  if (input.nextStep && input.nextStep.trim() !== '') steps.push(nextStepSentence(input.nextStep));
  const names = input.referralNames.map((n) => n.trim()).filter((n) => n !== '').slice(0, 3);
  if (names.length > 0) steps.push(`I'll reach out to ${listNames(names)} as you suggested.`);
  if (steps.length > 0) lines.push(steps.join(' '));
  lines.push('Thank you again for your time and advice.');

  const body = `Hi ${host},\n\n${lines.join('\n\n')}\n\n${input.seekerName.trim()}`;
  const subject = `Thank you, ${host}`;
  return {
    subject,
    body,
    specific: best?.text ?? null,
    specificSource: best?.source ?? null,
    findings: lintThankYou({ subject, body, candidates: candidates.map((c) => c.text) }),
  };
}

export interface ThankYouLintInput {
  subject: string;
  body: string;
  /** What the seeker wrote down (from `specificCandidates`): the draft should still name one of them. */
  candidates: readonly string[];
  /** When the meeting ended; with `now`, checks the 24-hour window. */
  meetingEndedAt?: string | null;
  now?: Date;
  /** Already sent: lateness is history, not a warning. */
  sentAt?: string | null;
}

function normalized(text: string): string[] {
  return words(text.toLowerCase().replace(/[“”"‘’'.,;:!?()…–—-]+/g, ' '));
}

/** Whether `body` still contains MATCH_WORDS consecutive words of `specific` (or all of a shorter one). */
function names(body: string, specific: string): boolean {
  const haystack = ` ${normalized(body).join(' ')} `;
  const needle = normalized(specific);
  const n = Math.min(MATCH_WORDS, needle.length);
  if (n === 0) return false;
  for (let i = 0; i + n <= needle.length; i++) {
    if (haystack.includes(` ${needle.slice(i, i + n).join(' ')} `)) return true;
  }
  return false;
}

/** The deadline of the thank-you: 24 hours after the meeting ended. */
export function thankYouDeadline(meetingEndedAt: string): string {
  return new Date(Date.parse(meetingEndedAt) + THANK_YOU_WITHIN_HOURS * 3_600_000).toISOString();
}

/**
 * Problems with a thank-you as it stands, edited or not: nothing specific, a
 * placeholder left in, no next step, too long, or past the 24-hour window.
 */
export function lintThankYou(input: ThankYouLintInput): ThankYouFinding[] {
  const findings: ThankYouFinding[] = [];
  const body = input.body.trim();
  if (body === '') {
    return [{ code: 'empty', severity: 'problem', message: 'The thank-you is empty. Write a few lines, or reset it to the draft.' }];
  }
  if (/\[[^\]]+\]/.test(body) || /\[[^\]]+\]/.test(input.subject)) {
    findings.push({ code: 'placeholder', severity: 'problem', message: 'Replace the text in [brackets] before you send it.' });
  }
  const named = input.candidates.some((c) => names(body, c));
  if (!named) {
    findings.push({
      code: 'no_specific',
      severity: 'problem',
      message:
        input.candidates.length === 0
          ? 'Nothing you wrote down names something specific they said. Add one thing they said (an answer, a note, what you learned) so the thank-you is clearly for them.'
          : 'The thank-you no longer names anything specific they said. Mention one thing from your notes so it is clearly for them.',
    });
  }
  if (!/\b(i'm going to|i’m going to|i'll|i’ll|i will|i plan|i am going to|next,? i)\b/i.test(body)) {
    findings.push({ code: 'no_next_step', severity: 'advice', message: 'Say what you will do next (your next step, or whom you will contact): they will want to know their time helped.' });
  }
  const count = countWords(body);
  if (count > THANK_YOU_MAX_WORDS) {
    findings.push({ code: 'too_long', severity: 'advice', message: `${count} words; keep a thank-you under ${THANK_YOU_MAX_WORDS} so it gets read.` });
  }
  if (input.meetingEndedAt && input.now && !input.sentAt) {
    const deadline = thankYouDeadline(input.meetingEndedAt);
    if (input.now.getTime() > Date.parse(deadline)) {
      const hours = Math.floor((input.now.getTime() - Date.parse(input.meetingEndedAt)) / 3_600_000);
      findings.push({
        code: 'late',
        severity: 'advice',
        message: `The meeting ended ${hours} hours ago: past the ${THANK_YOU_WITHIN_HOURS}-hour window. Send it today anyway, without apologising at length.`,
      });
    }
  }
  return findings;
}
