/**
 * Something of value to share when staying in touch (PRODUCT.md step 8): ideas
 * built from what the seeker wrote after the meeting and what came of it, so
 * the 8-week and 3-month reminders do not start from a blank page.
 *
 * Best first: what came of their help (an outcome, a name they gave that was
 * contacted), how their advice or lead worked out, then an article or an event
 * in their field. Only facts the seeker recorded are named; the rest are
 * prompts with [brackets] to fill in. Pure: no clock, no I/O.
 */

export type ValueIdeaKind = 'outcome' | 'referral' | 'lead' | 'advice' | 'next_step' | 'article' | 'event';

export interface ValueIdea {
  kind: ValueIdeaKind;
  /** What to do, for the stay-in-touch card: "Tell Dana how her advice on portfolios worked out". */
  text: string;
  /** The opening of a message built on it, after "Hi Dana,". */
  line: string;
}

export interface ValueIdeaInput {
  contactName: string;
  organizationName: string | null;
  /** The organization's industry, when recorded. */
  industry: string | null;
  learned: string | null;
  lead: string | null;
  nextStep: string | null;
  /** Outcomes linked to this conversation, newest first. */
  outcomes: readonly { kind: 'lead' | 'job_interview' | 'offer'; title: string }[];
  /** Names they gave that the seeker has since contacted. */
  contactedReferrals: readonly string[];
}

const OUTCOME_WORDS = { lead: 'a lead', job_interview: 'a job interview', offer: 'an offer' } as const;

function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] || name.trim();
}

/** The first sentence, without its full stop, cut to 16 words. */
function gist(text: string): string {
  const first = text.trim().split(/(?<=[.!?])\s+|\n+/)[0] ?? '';
  const list = first.replace(/^[-*+]\s+/, '').replace(/[.;:!]+$/, '').split(/\s+/).filter(Boolean);
  return list.length > 16 ? `${list.slice(0, 16).join(' ')}…` : list.join(' ');
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

export function suggestValueToShare(input: ValueIdeaInput): ValueIdea[] {
  const who = firstName(input.contactName);
  const ideas: ValueIdea[] = [];
  for (const outcome of input.outcomes.slice(0, 2)) {
    ideas.push({
      kind: 'outcome',
      text: `Tell ${who} what came of your conversation: ${OUTCOME_WORDS[outcome.kind]}, “${outcome.title}”.`,
      line: `I wanted you to know that our conversation led to ${OUTCOME_WORDS[outcome.kind]}: ${outcome.title}. [How it came about.]`,
    });
  }
  for (const name of input.contactedReferrals.slice(0, 2)) {
    ideas.push({
      kind: 'referral',
      text: `Tell ${who} how your conversation with ${name} went.`,
      line: `I talked with ${name}, as you suggested, and [what you learned from them].`,
    });
  }
  if (input.lead && input.lead.trim() !== '') {
    const lead = gist(input.lead);
    ideas.push({ kind: 'lead', text: `Tell ${who} how the lead worked out: ${lead}.`, line: `I followed up on ${lowerFirst(lead)}: [how it worked out].` });
  }
  if (input.learned && input.learned.trim() !== '') {
    const learned = gist(input.learned);
    ideas.push({
      kind: 'advice',
      text: `Tell ${who} how their advice worked out: “${learned}”.`,
      line: `I took what you told me to heart (${lowerFirst(learned)}), and [how it worked out].`,
    });
  }
  if (input.nextStep && input.nextStep.trim() !== '') {
    const step = gist(input.nextStep);
    ideas.push({ kind: 'next_step', text: `Let ${who} know you followed through: ${lowerFirst(step)}.`, line: `I did what I said I would (${lowerFirst(step)}): [how it went].` });
  }
  const field = input.industry?.trim() ? input.industry.trim() : input.organizationName ? `${input.organizationName}'s field` : 'their field';
  ideas.push({
    kind: 'article',
    text: `Send ${who} an article on ${field} that you found useful.`,
    line: `I came across [an article] on ${field} and thought of our conversation. [One line on why it is worth their time.]`,
  });
  ideas.push({
    kind: 'event',
    text: `Invite ${who} to an event, or tell them about one, in ${field}.`,
    line: `There is [an event] on ${field} on [date] that you might enjoy. [Why it made you think of them.]`,
  });
  return ideas;
}

/** A stay-in-touch message built on the best idea. */
export function stayInTouchDraft(contactName: string, idea: ValueIdea): string {
  return `Hi ${firstName(contactName)}, ${idea.line} Thank you again for your help.`;
}
