/**
 * Request templates: the first message of an informational interview, one per
 * channel (e-mail, LinkedIn connection note, a note asking a mutual contact for
 * an introduction).
 *
 * Every template follows the rules that `lintRequest` checks: the shared
 * connection named in the first sentence, a reason for choosing this person, a
 * question, "20 or 30 minutes at your convenience" and nothing about jobs,
 * hiring, résumés, referrals or attachments. A field the seeker has not filled
 * in becomes a visible placeholder such as `[why this person]`, which the lint
 * reports as `UNFILLED_PLACEHOLDER`, so an unfinished draft can never be "ready".
 *
 * Pure: no I/O, no clock.
 *
 * @example
 * renderRequestTemplate('linkedin', {
 *   seekerName: 'Maya Patel', contactName: 'Dana Chen', organizationName: null,
 *   sharedConnectionName: 'Wendy Park', introducerName: null,
 *   topic: 'product design', reason: 'your talk on accessible design at Config',
 * }).body
 * // "Hi Dana, Wendy Park suggested I reach out. I'm exploring product design …"
 */

export type RequestTemplateId = 'email' | 'linkedin' | 'intro_request';

export interface RequestTemplateFields {
  /** Signs the message. */
  seekerName: string;
  /** Full name of the person asked (for intro_request: the person you want to meet). */
  contactName: string;
  organizationName: string | null;
  /** Who connects you; named in the first sentence when present. */
  sharedConnectionName: string | null;
  /** intro_request: the mutual contact you write to. */
  introducerName: string | null;
  /** The field the seeker wants to learn about, e.g. "product design". */
  topic: string | null;
  /** Why this person, e.g. "your talk on accessible design at Config". */
  reason: string | null;
}

export interface RequestTemplate {
  id: RequestTemplateId;
  label: string;
  channel: 'email' | 'linkedin' | 'intro_request';
  description: string;
}

export const REQUEST_TEMPLATES: readonly RequestTemplate[] = [
  {
    id: 'email',
    label: 'E-mail',
    channel: 'email',
    description:
      'A short e-mail to someone you want to learn from: who connects you, why them, and a request for 20 or 30 minutes at their convenience.',
  },
  {
    id: 'linkedin',
    label: 'LinkedIn note',
    channel: 'linkedin',
    description: 'A connection note that fits in LinkedIn’s 300 characters: the connection, the reason and one question.',
  },
  {
    id: 'intro_request',
    label: 'Introduction request',
    channel: 'intro_request',
    description:
      'A note to a mutual contact asking whether they would introduce you, with a short blurb they can forward as it is.',
  },
];

/**
 * What a missing field becomes. Square brackets so that the lint's
 * `UNFILLED_PLACEHOLDER` rule finds them and the seeker sees exactly what to write.
 */
export const REQUEST_PLACEHOLDERS = {
  seekerName: '[your name]',
  contactName: '[their name]',
  personToMeet: '[the person you want to meet]',
  introducerName: '[your mutual contact]',
  topic: '[the field you want to learn about]',
  reason: '[why this person]',
} as const;

export interface RenderedRequest {
  /** Only for e-mail and intro_request; a LinkedIn note has no subject. */
  subject: string | null;
  body: string;
}

const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'mx', 'miss', 'dr', 'prof', 'professor', 'sir', 'dame', 'rev']);
const NAME_SUFFIXES = new Set([
  'jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'mba', 'cpa', 'esq', 'pe', 'rn', 'dds', 'jd', 'msc', 'cfa', 'pmp', 'faia', 'aia',
]);

function isSuffix(part: string): boolean {
  return NAME_SUFFIXES.has(part.toLowerCase().replace(/[.\s]/g, ''));
}

/**
 * The name to greet someone by: "Dana Chen" → "Dana", "Dr. Dana Chen" → "Dana",
 * "Chen, Dana" → "Dana", "Dana Chen, PhD" → "Dana", "Siobhan O'Neil" → "Siobhan".
 * A placeholder such as "[their name]" is returned whole; a blank name gives "".
 */
export function firstName(fullName: string): string {
  let name = fullName.trim().replace(/\s+/g, ' ');
  if (name === '') return '';
  if (/^\[[^\]]*\]$/.test(name)) return name;
  const parts = name.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length > 1) {
    const rest = parts.slice(1);
    // "Dana Chen, PhD" keeps the part before the comma; "Chen, Dana" is last-name-first.
    name = rest.every(isSuffix) ? parts[0]! : rest.join(' ');
  } else {
    name = parts[0] ?? name;
  }
  const tokens = name.split(' ');
  while (tokens.length > 1 && HONORIFICS.has(tokens[0]!.toLowerCase().replace(/\.$/, ''))) tokens.shift();
  return tokens[0] ?? '';
}

/** A trimmed value, or null when blank. */
function filled(value: string | null | undefined): string | null {
  const v = value?.trim().replace(/\s+/g, ' ') ?? '';
  return v === '' ? null : v;
}

/** Drops a trailing full stop etc. so a field can sit inside a sentence. */
function phrase(value: string): string {
  return value.replace(/[\s.!?;:,]+$/u, '');
}

const LOWERCASE_LEADS = new Set(['your', 'you', "you're", 'you’re', "you've", 'you’ve', 'the', 'a', 'an', 'my', 'our', 'we', 'because', 'since']);

/** Lowercases a sentence-initial "Your talk…" so it reads inside our sentence; never touches names or "I". */
function inline(value: string): string {
  const first = value.split(/\s/)[0] ?? '';
  return LOWERCASE_LEADS.has(first.toLowerCase()) ? value.charAt(0).toLowerCase() + value.slice(1) : value;
}

/**
 * Turns the reason into a clause after "I'm reaching out …": a noun phrase
 * ("your talk at Config") gets "because of", a clause ("you moved from
 * teaching to UX") gets "because", a reason that already starts with "because"
 * is kept as written.
 */
function becauseClause(reason: string | null): string {
  if (reason === null) return `because of ${REQUEST_PLACEHOLDERS.reason}`;
  const r = inline(phrase(reason));
  if (/^because\s/iu.test(r)) return r;
  if (/^(?:you|you['’](?:re|ve)|i|i['’](?:m|ve)|we|we['’](?:re|ve)|they|she|he)\s/iu.test(r)) return `because ${r}`;
  return `because of ${r}`;
}

/** The values every template uses, with placeholders for what is missing. */
function resolve(fields: RequestTemplateFields) {
  const seeker = filled(fields.seekerName) ?? REQUEST_PLACEHOLDERS.seekerName;
  const topic = filled(fields.topic);
  return {
    seeker,
    seekerFirst: firstName(seeker),
    organization: filled(fields.organizationName),
    shared: filled(fields.sharedConnectionName),
    topic: topic === null ? REQUEST_PLACEHOLDERS.topic : phrase(topic),
    because: becauseClause(filled(fields.reason)),
  };
}

function renderEmail(fields: RequestTemplateFields): RenderedRequest {
  const v = resolve(fields);
  const contact = filled(fields.contactName) ?? REQUEST_PLACEHOLDERS.contactName;
  const opening = v.shared === null ? '' : `${v.shared} suggested I write to you. `;
  const about = v.organization === null ? 'your work' : `your work at ${v.organization}`;
  const body = [
    `Hi ${firstName(contact)},`,
    '',
    `${opening}I’m exploring ${v.topic}, and I’m reaching out ${v.because}.`,
    '',
    `Could I ask you a few questions about ${about}? I’d like to learn how you see the field and what you wish you had known starting out. Would you have 20 or 30 minutes at your convenience, by phone, video or over coffee (my treat)?`,
    '',
    'Thank you for considering it,',
    v.seeker,
  ].join('\n');
  const subject = v.shared === null ? `A question about ${v.topic}` : `${v.shared} suggested I write to you`;
  return { subject, body };
}

function renderLinkedIn(fields: RequestTemplateFields): RenderedRequest {
  const v = resolve(fields);
  const contact = filled(fields.contactName) ?? REQUEST_PLACEHOLDERS.contactName;
  const opening = v.shared === null ? '' : `${v.shared} suggested I reach out. `;
  const body =
    `Hi ${firstName(contact)}, ${opening}I’m exploring ${v.topic} and would love to learn from you ${v.because}. ` +
    `Would you have 20 or 30 minutes at your convenience for a call? Thank you! ${v.seekerFirst}`;
  return { subject: null, body };
}

/**
 * A note to the mutual contact. The introducer is `introducerName`, or the
 * shared connection when no introducer is given (they are the same person in
 * practice). The reason is written to the person you want to meet ("your talk
 * …"), so it goes in the forwardable blurb, which is addressed to them.
 */
function renderIntroRequest(fields: RequestTemplateFields): RenderedRequest {
  const v = resolve(fields);
  const introducer = filled(fields.introducerName) ?? v.shared ?? REQUEST_PLACEHOLDERS.introducerName;
  const person = filled(fields.contactName) ?? REQUEST_PLACEHOLDERS.personToMeet;
  const personFirst = firstName(person);
  const at = v.organization === null ? '' : ` at ${v.organization}`;
  const body = [
    `Hi ${firstName(introducer)},`,
    '',
    `Would you be willing to introduce me to ${person}${at}? I’m exploring ${v.topic}, and a short conversation with ${personFirst} would help me a lot.`,
    '',
    'If it’s easier, here is a note you could forward:',
    '',
    `“Hi ${personFirst}, I’m ${v.seeker}, and I’m exploring ${v.topic}. I’m writing ${v.because}. Would you have 20 or 30 minutes at your convenience to share how you see the field?”`,
    '',
    'Either way, thank you,',
    v.seekerFirst,
  ].join('\n');
  return { subject: `Would you introduce me to ${person}?`, body };
}

/**
 * Renders one template. Field values are inserted as written (never
 * interpreted: "$&" or "O'Neil" come out unchanged); blank fields become
 * placeholders; the organization and the shared connection are optional and
 * simply left out when missing.
 */
export function renderRequestTemplate(id: RequestTemplateId, fields: RequestTemplateFields): RenderedRequest {
  switch (id) {
    case 'email':
      return renderEmail(fields);
    case 'linkedin':
      return renderLinkedIn(fields);
    case 'intro_request':
      return renderIntroRequest(fields);
  }
}
