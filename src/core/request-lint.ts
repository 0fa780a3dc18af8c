/**
 * The request lint: checks an informational interview request against what
 * makes a stranger say yes (PRODUCT.md, step 2 "Ask") and explains each
 * problem in words a seeker understands.
 *
 * A request is *ready* when it has no blocker. Blockers: more than 150 words,
 * any mention of jobs/hiring, résumés, referrals or attachments, asking for
 * more than 30 minutes, an unfilled template placeholder. Warnings: more than
 * 100 words, no question, no reason for choosing this person, the shared
 * connection missing or named late, a LinkedIn note over 300 characters.
 *
 * Matching is case-insensitive with Unicode-aware word boundaries (a letter,
 * mark or digit on either side means "inside a word"; JavaScript's `\b` is
 * ASCII-only and would split "résumé"). Every occurrence of a banned phrase is
 * its own finding with the span to highlight; overlapping matches of one rule
 * ("any positions available") merge into one finding.
 *
 * False-positive rules, decided on purpose (each is covered by the table test):
 * - Jobs: "job"/"jobs" are flagged everywhere, even "your job as a designer"
 *   (the product says a request never mentions jobs; "your work" says the same
 *   thing). Not flagged: "Steve Jobs", "jobs to be done" (a product framework),
 *   praise such as "a great job explaining". "position" and "role" alone are
 *   fine ("your position as head of design"); only "open positions/roles",
 *   "any positions/roles" and "positions available" are flagged. "open" alone
 *   is fine. "opening" is flagged only as "openings", "an opening" or "any
 *   opening" (not "the opening keynote", "the opening of your office").
 * - Hiring: "hiring" and "hire" are flagged; "hired" and "hires" are not
 *   (they describe the past or other people: "since you were hired at Acme"),
 *   nor "a new/recent/fellow hire".
 * - Résumé: any accented spelling and "CV"/"curriculum vitae" are flagged.
 *   Unaccented "resume" is also the verb "to resume": it is *not* flagged
 *   after a modal or subject ("to resume", "I resume", "will resume") or before
 *   an object ("resume my career", "resume our conversation"), unless a
 *   determiner shows it is the noun ("my resume", "the resume"). "CV" is not
 *   flagged in a message that mentions computer vision.
 * - Referral: "refer me to someone/others/…" asks for names, which is the
 *   point of an informational interview, and is not flagged; "refer me" alone
 *   is. "referred" is not flagged ("Wendy referred me to you" is a shared
 *   connection, the best opening there is).
 * - Time: a duration is flagged when it exceeds 30 minutes ("an hour",
 *   "45 minutes", "30–45 min", "1.5 hrs", "half a day", "a tour", "shadow
 *   you"), or is open-ended from 30 up ("at least 30 minutes", "30+ minutes").
 *   "half an hour" is fine. Durations that are not the ask are skipped:
 *   after "in/within/next/past/every/spent…" ("I'll follow up in 24 hours"),
 *   before "drive/walk/away/ago…" ("an hour away"), and adjectives on a noun
 *   that is not a meeting ("your 45-minute talk", but "a 45-minute call" is
 *   flagged).
 * - Question: a "?" outside URLs, or "I was wondering if/whether".
 * - Words: letters, marks and digits, with apostrophes and hyphens inside a
 *   word ("don't", "well-known" = 1) and separators inside numbers ("3:30",
 *   "1,000" = 1); a URL or e-mail address is 1 word. Scripts written without
 *   spaces count a run as one word.
 *
 * Pure: no I/O, no clock.
 */
import { firstName } from './request-templates.ts';

export type LintSeverity = 'warning' | 'blocker';
export type LintCode =
  | 'LONG'
  | 'TOO_LONG'
  | 'MENTIONS_JOB'
  | 'MENTIONS_RESUME'
  | 'MENTIONS_REFERRAL'
  | 'MENTIONS_ATTACHMENT'
  | 'ASKS_TOO_LONG'
  | 'NO_QUESTION'
  | 'NO_REASON'
  | 'NO_SHARED_CONNECTION'
  | 'UNFILLED_PLACEHOLDER'
  | 'LINKEDIN_NOTE_TOO_LONG';

/** UTF-16 offsets into the text, end exclusive: the editor highlights `text.slice(start, end)`. */
export interface LintSpan {
  start: number;
  end: number;
}
export interface LintFinding {
  code: LintCode;
  severity: LintSeverity;
  message: string;
  span: LintSpan | null;
}
export interface LintContext {
  channel: 'email' | 'linkedin' | 'intro_request' | 'other';
  sharedConnectionName: string | null;
}
/** `findings` are sorted: blockers first, then by span start (findings without a span last). */
export interface LintResult {
  words: number;
  ready: boolean;
  findings: LintFinding[];
}

export const LONG_WORDS = 100;
export const TOO_LONG_WORDS = 150;
export const MAX_MINUTES = 30;
export const LINKEDIN_NOTE_MAX_CHARS = 300;

export const LINT_SEVERITY: Readonly<Record<LintCode, LintSeverity>> = {
  LONG: 'warning',
  TOO_LONG: 'blocker',
  MENTIONS_JOB: 'blocker',
  MENTIONS_RESUME: 'blocker',
  MENTIONS_REFERRAL: 'blocker',
  MENTIONS_ATTACHMENT: 'blocker',
  ASKS_TOO_LONG: 'blocker',
  NO_QUESTION: 'warning',
  NO_REASON: 'warning',
  NO_SHARED_CONNECTION: 'warning',
  UNFILLED_PLACEHOLDER: 'blocker',
  LINKEDIN_NOTE_TOO_LONG: 'warning',
};

// ---------------------------------------------------------------------------
// Words

const WORD_CHAR = String.raw`[\p{L}\p{M}\p{N}]`;
/** Unicode word boundaries: `\b` in JavaScript knows only ASCII. */
const B = String.raw`(?<![\p{L}\p{M}\p{N}])`;
const E = String.raw`(?![\p{L}\p{M}\p{N}])`;

const URL_SRC = String.raw`(?:https?:\/\/|www\.)[^\s<>"]*[^\s<>".,;:!?)'’\]]`;
const EMAIL_SRC = String.raw`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`;
const WORD_SRC = String.raw`${WORD_CHAR}+(?:(?:['’\u2010\u2011-]|(?<=\p{N})[.,:](?=\p{N}))${WORD_CHAR}+)*`;
const TOKEN_RE = new RegExp(`(${URL_SRC})|${EMAIL_SRC}|${WORD_SRC}`, 'gu');

interface Token {
  start: number;
  end: number;
  url: boolean;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    tokens.push({ start: m.index, end: m.index + m[0].length, url: m[1] !== undefined });
  }
  return tokens;
}

// ---------------------------------------------------------------------------
// Phrase rules

interface PhraseRule {
  code: LintCode;
  pattern: RegExp;
  /** True when this occurrence is a known false positive. */
  skip?: (text: string, start: number, end: number) => boolean;
  message: (phrase: string, text: string, start: number) => string;
}

/** A global, case-insensitive, Unicode pattern anchored on word boundaries. */
function words(src: string): RegExp {
  return new RegExp(`${B}(?:${src})${E}`, 'giu');
}

function before(text: string, start: number, pattern: RegExp): boolean {
  return pattern.test(text.slice(Math.max(0, start - 60), start));
}
function after(text: string, end: number, pattern: RegExp): boolean {
  return pattern.test(text.slice(end, end + 60));
}
function previousWord(text: string, start: number): string {
  const m = /([\p{L}\p{M}'’]+)[^\p{L}\p{M}\p{N}]*$/u.exec(text.slice(Math.max(0, start - 40), start));
  return (m?.[1] ?? '').toLowerCase().replace(/’/g, "'");
}
function nextWord(text: string, end: number): string {
  const m = /^[^\p{L}\p{M}\p{N}]*([\p{L}\p{M}'’-]+)/u.exec(text.slice(end, end + 40));
  return (m?.[1] ?? '').toLowerCase();
}

const jobMessage = (phrase: string, text: string, start: number): string =>
  before(text, start, /your\s+$/iu)
    ? `Even “your ${phrase}” reads like a job hunt: say “your work” instead. An informational interview request never mentions jobs.`
    : `Remove “${phrase}”: never ask about jobs or hiring in an informational interview request — it turns a conversation into a job application and puts them on the spot. Ask what they know, not what they have.`;

const PRAISE_BEFORE = /(?:good|great|fantastic|amazing|excellent|wonderful|terrific|brilliant|superb|fine)\s+$/iu;

const RESUME_NOUN_CUES = new Set([
  'my', 'your', 'a', 'the', 'this', 'that', 'our', 'his', 'her', 'their', 'attached', 'updated', 'enclosed', 'current', 'latest',
]);
const RESUME_VERB_BEFORE = new Set([
  'to', 'will', 'would', 'could', 'can', 'should', 'might', 'may', 'must', 'i', 'we', 'they', "i'll", "i'd", "we'll", "we'd",
  'then', 'soon', 'eventually', 'finally', 'gladly', 'happily',
]);
const RESUME_VERB_AFTER = new Set([
  'my', 'our', 'your', 'his', 'her', 'their', 'the', 'work', 'working', 'where', 'after', 'once', 'when', 'full-time', 'part-time',
]);

/** Unaccented "resume" used as the verb "to resume". */
function isResumeVerb(text: string, start: number, end: number): boolean {
  const word = text.slice(start, end).toLowerCase();
  if (word !== 'resume' && word !== 'resumes') return false;
  const prev = previousWord(text, start);
  if (RESUME_NOUN_CUES.has(prev)) return false;
  return RESUME_VERB_BEFORE.has(prev) || RESUME_VERB_AFTER.has(nextWord(text, end));
}

const DURATION_MESSAGE = (phrase: string): string =>
  `Ask for 20 or 30 minutes, not “${phrase}”: a busy person says yes to a short conversation at their convenience, and asking for more is the most common reason for a no.`;
const VISIT_MESSAGE = (phrase: string): string =>
  `“${phrase}” asks for far more than a conversation: ask for 20 or 30 minutes first. A visit or a day of shadowing can come later, if they offer it.`;

const PHRASE_RULES: readonly PhraseRule[] = [
  // Jobs and hiring
  {
    code: 'MENTIONS_JOB',
    pattern: words(
      String.raw`jobs?(?:[\s-]+(?:openings?|opportunit(?:y|ies)|postings?|offers?|listings?|hunt(?:ing)?|search(?:es|ing)?|seekers?|seeking|applications?|boards?|fairs?|leads?|market))?`,
    ),
    skip: (text, start, end) =>
      before(text, start, /steve\s+$/iu) ||
      after(text, end, /^[\s-]+to[\s-]+be[\s-]+done/iu) ||
      (before(text, start, PRAISE_BEFORE) && after(text, end, /^\s+(?:of|\p{L}+ing)(?![\p{L}\p{M}\p{N}])/iu)),
    message: jobMessage,
  },
  { code: 'MENTIONS_JOB', pattern: words(String.raw`job(?:seekers?|seeking|hunt(?:ing|ers?)?)`), message: jobMessage },
  {
    code: 'MENTIONS_JOB',
    pattern: words(String.raw`(?:an?|any)\s+openings?|openings`),
    skip: (text, _start, end) =>
      after(text, end, /^\s+(?:keynote|remarks|talk|session|panel|act|night|line|statement|ceremony|address|of)(?![\p{L}])/iu),
    message: jobMessage,
  },
  { code: 'MENTIONS_JOB', pattern: words(String.raw`vacanc(?:y|ies)|hiring|headcount`), message: jobMessage },
  // Recruiting, internships, employment and applying are the same ask in other words.
  {
    code: 'MENTIONS_JOB',
    pattern: words(
      String.raw`recruit(?:ing|ers?|ment)|internships?|employment|(?:apply|applying|applied)\s+(?:for|to)|any\s+opportunit(?:y|ies)|(?:job|career|employment)\s+opportunit(?:y|ies)`,
    ),
    // Recruiting as a field of work ("your move from recruiting to people analytics") is not an ask.
    skip: (text, start, end) => /^recruit/i.test(text.slice(start, end)) && before(text, start, /(?:from|in|into|of|about|to)\s+$/iu),
    message: jobMessage,
  },
  {
    code: 'MENTIONS_JOB',
    pattern: words('hire'),
    skip: (text, start) => before(text, start, /(?:new|recent|fellow|first|latest)\s+$/iu),
    message: jobMessage,
  },
  {
    code: 'MENTIONS_JOB',
    pattern: words(
      String.raw`open\s+(?:roles?|positions?|reqs?|requisitions?|jobs?|vacanc(?:y|ies))|any\s+(?:open\s+)?(?:positions?|roles?)`,
    ),
    message: jobMessage,
  },
  // A separate pattern so that "any positions available" matches both and merges into one finding.
  { code: 'MENTIONS_JOB', pattern: words(String.raw`(?:positions?|roles?)\s+(?:available|open)`), message: jobMessage },

  // Résumé
  {
    code: 'MENTIONS_RESUME',
    pattern: words(String.raw`r(?:e\p{M}*|é)sum(?:e\p{M}*|é)s?|cvs?|c\.v\.?|curriculum\s+vitae`),
    skip: (text, start, end) =>
      isResumeVerb(text, start, end) || (/^c/i.test(text.slice(start, end)) && /computer\s+vision/iu.test(text)),
    message: (phrase) =>
      `Leave out “${phrase}”: offering your résumé turns a conversation into a job application. If they want it after you meet, they will ask.`,
  },

  // Referral
  {
    code: 'MENTIONS_REFERRAL',
    pattern: words(
      String.raw`referrals?|refer\s+me|refer\s+my\s+(?:application|name|profile)|put\s+in\s+a\s+good\s+word|put\s+a\s+good\s+word\s+in|(?:a\s+)?good\s+word\s+for\s+me|vouch\s+for\s+me|recommend\s+me\s+for|pass\s+(?:my\s+name|me)\s+along`,
    ),
    skip: (text, start, end) =>
      /^refer\s+me$/iu.test(text.slice(start, end).replace(/\s+/g, ' ')) &&
      after(text, end, /^\s+to\s+(?:someone|somebody|anyone|anybody|others|other\s+people|people|colleagues|a\s+colleague)(?![\p{L}])/iu),
    message: (phrase) =>
      `Remove “${phrase}”: don’t ask for a referral or a good word — they don’t know your work yet, and asking puts them on the spot. Ask to learn; advocates come later, from people who got to know you.`,
  },

  // Attachments
  {
    code: 'MENTIONS_ATTACHMENT',
    pattern: words(
      String.raw`(?:i['’]ve|i\s+have|i['’]m|i\s+am|we['’]ve)\s+(?:also\s+)?(?:attached|attaching|enclosed|enclosing)|attach(?:ed|es|ing|ments?)?|enclos(?:e|ed|es|ing|ures?)`,
    ),
    message: (phrase) =>
      `Attach nothing (“${phrase}”): people rarely open files from a stranger, and an attachment makes the request look like an application. Let your message and your question do the work.`,
  },

  // More than 30 minutes, apart from numeric durations (see durationFindings)
  {
    code: 'ASKS_TOO_LONG',
    pattern: words(
      String.raw`half(?:\s+a\s+|[\s-]+)day|(?:(?:a|the|one)\s+)?(?:full|whole|entire)[\s-]+(?:day|morning|afternoon)|all[\s-]+(?:day|morning|afternoon)|(?:for|spend|spending)\s+(?:a|the|one)\s+(?:day|morning|afternoon|evening|week)|shadow(?:ing)?\s+(?:you|your\s+team)|an?\s+(?:quick\s+|short\s+|brief\s+)?(?:office\s+|studio\s+|site\s+)?tour|tour\s+(?:of\s+)?(?:your|the)\s+(?:office|studio|lab|site|plant|facility|floor|space)`,
    ),
    message: VISIT_MESSAGE,
  },

  // Placeholders left from a template: "[why this person]", "{first name}", "{{name}}"
  {
    code: 'UNFILLED_PLACEHOLDER',
    pattern: /\[[^[\]\n]{1,80}\](?!\()|\{\{[^{}\n]{1,60}\}\}|\{[^{}\n]{1,60}\}/gu,
    message: (phrase) => `Replace “${phrase}” with your own words: it is a placeholder from the template.`,
  },
];

// ---------------------------------------------------------------------------
// Durations

const UNITS_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS_WORDS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const NUM_SRC = [
  String.raw`\d+(?:[.,]\d+)?`,
  String.raw`(?:twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine)(?![\p{L}]))?`,
  String.raw`half\s+an?`,
  String.raw`a\s+half`,
  String.raw`(?:a\s+)?quarter(?:\s+of\s+an?)?`,
  String.raw`(?:a\s+)?couple(?:\s+of)?`,
  String.raw`(?:a\s+)?few`,
  'several',
  Object.keys(UNITS_WORDS).sort((a, b) => b.length - a.length).join('|'),
  'an?',
].join('|');

const DURATION_RE = new RegExp(
  String.raw`(?<![\p{L}\p{M}\p{N}.,])(?<open>(?:at\s+least|more\s+than|over)\s+)?(?<a>${NUM_SRC})(?:\s*(?:-|–|—|to|or)\s*(?<b>${NUM_SRC}))?(?<plus>\+)?(?<sep>[\s-]*)(?<unit>minutes?|mins?|hours?|hrs?|h)(?<long>[\s-]+long)?${E}(?<tail>\s+or\s+(?:more|longer))?`,
  'giu',
);

function parseNumber(raw: string): number {
  const s = raw.toLowerCase().replace(/\s+/g, ' ').trim();
  if (/^\d/.test(s)) return Number(s.replace(',', '.'));
  if (s.startsWith('half') || s === 'a half') return 0.5;
  if (s.includes('quarter')) return 0.25;
  if (s.includes('couple')) return 2;
  if (s.includes('few')) return 3;
  if (s === 'several') return 4;
  if (s === 'a' || s === 'an') return 1;
  const [tens, unit] = s.split(/[\s-]+/);
  if (tens !== undefined && TENS_WORDS[tens] !== undefined) return TENS_WORDS[tens] + (unit ? (UNITS_WORDS[unit] ?? 0) : 0);
  return UNITS_WORDS[s] ?? 0;
}

/** Words before a duration that show it is not the length of the meeting asked for. */
const NOT_THE_ASK_BEFORE =
  /(?<![\p{L}\p{M}\p{N}])(?:in|within|after|before|next|past|last|every|each|per|spent|took|takes|first|final|ago)\s+$/iu;
const NOT_THE_ASK_AFTER =
  /^(?:['’]s)?\s+(?:drive|walk|commute|ride|flight|train|bus|trip|away|ago|late|early|from|outside|north|south|east|west|behind|ahead|difference)(?![\p{L}])/iu;
const MEETING_NOUNS = new Set([
  'call', 'chat', 'conversation', 'meeting', 'coffee', 'lunch', 'interview', 'zoom', 'video', 'phone', 'session', 'slot',
  'window', 'block', 'meet', 'catch-up', 'discussion', 'appointment',
]);

function durationFindings(text: string): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const m of text.matchAll(DURATION_RE)) {
    const g = m.groups ?? {};
    const start = m.index;
    const end = start + m[0].length;
    const unit = (g.unit ?? '').toLowerCase();
    // A number written in words needs a space before its unit: "Anh" is a name, not "an h".
    if (!/^\d/.test(g.a ?? '') && (unit === 'h' || g.sep === '')) continue;
    const factor = unit.startsWith('h') ? 60 : 1;
    const a = parseNumber(g.a ?? '');
    const b = g.b === undefined ? a : parseNumber(g.b);
    const minutes = Math.max(a, b) * factor;
    const openEnded = g.open !== undefined || g.plus !== undefined || g.tail !== undefined;
    if (!(minutes > MAX_MINUTES || (openEnded && minutes >= MAX_MINUTES))) continue;
    if (before(text, start, NOT_THE_ASK_BEFORE) || after(text, end, NOT_THE_ASK_AFTER)) continue;
    // "a 45-minute call" is an ask; "your 45-minute talk" or "a 60-minute podcast" describe something else.
    const adjective =
      (g.sep ?? '').includes('-') || g.long !== undefined || ((unit === 'minute' || unit === 'hour') && Math.max(a, b) !== 1);
    if (adjective && g.tail === undefined) {
      const noun = nextWord(text, end);
      if (noun !== '' && !MEETING_NOUNS.has(noun)) continue;
    }
    findings.push({ code: 'ASKS_TOO_LONG', severity: 'blocker', message: DURATION_MESSAGE(m[0].replace(/\s+/g, ' ')), span: { start, end } });
  }
  return findings;
}

// ---------------------------------------------------------------------------
// Reason, question, shared connection

const REASON_RE = new RegExp(
  B +
    '(?:' +
    [
      'because',
      'since you',
      'given your',
      String.raw`your\s+(?:work|talk|talks|article|articles|post|posts|book|podcast|paper|research|experience|path|career|journey|move|transition|background|story|writing|newsletter|presentation|keynote|panel|interview|project|projects|thread|essay|video|blog|team['’]s|switch)`,
      String.raw`i\s+(?:recently\s+|just\s+)?(?:read|saw|heard|watched|listened|noticed|admire|admired|enjoyed|loved|came\s+across|found|follow|attended|met)`,
      String.raw`i(?:['’]ve|\s+have)\s+(?:recently\s+|long\s+|always\s+)?(?:read|seen|heard|watched|admired|enjoyed|followed|been\s+following|been\s+reading|noticed)`,
      String.raw`as\s+a\s+fellow`,
      String.raw`fellow\s+(?:alum|alumna|alumnus|alumni|graduate|grad|member|veteran|parent)`,
      String.raw`we\s+both|we['’]re\s+both|we\s+are\s+both|you\s+also|as\s+you\s+did`,
      String.raw`you(?:['’]ve|\s+have)?\s+(?:worked|moved|made|switched|went|led|built|wrote|spoke|started|founded|transitioned|spent|changed|returned|came\s+back)`,
      String.raw`(?:recommended|suggested|said|thought|mentioned|told\s+me)\s+(?:that\s+)?you`,
      String.raw`impressed\s+by|inspired\s+by|your\s+name\s+came\s+up`,
    ].join('|') +
    ')' +
    E,
  'iu',
);

function asksQuestion(text: string, tokens: readonly Token[]): boolean {
  const urls = tokens.filter((t) => t.url);
  for (const m of text.matchAll(/[?？]/gu)) {
    if (!urls.some((u) => u.start <= m.index && m.index < u.end)) return true;
  }
  return /(?<![\p{L}])wonder(?:ed|ing)?\s+(?:if|whether)(?![\p{L}])/iu.test(text);
}

const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'st', 'jr', 'sr', 'vs', 'e.g', 'i.e', 'mt', 'ft']);

/** A "." that does not end a sentence: "Dr.", "e.g.", the initial in "Wendy J. Park". */
function isAbbreviationDot(text: string, dot: number): boolean {
  const m = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, dot - 12), dot));
  const word = m?.[1] ?? '';
  return ABBREVIATIONS.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word);
}

/**
 * Where the first sentence ends (exclusive), counting a greeting line such as
 * "Hi Dana," or "Dear Dr. Chen," as part of it: "Hi Dana, Wendy Park suggested
 * I reach out." is one opening.
 */
function firstSentenceEnd(text: string): number {
  let i = 0;
  const greeting = /^\s*(?:hi|hello|hey|dear|greetings|good\s+(?:morning|afternoon|evening))(?![\p{L}\p{M}\p{N}])/iu.exec(text);
  if (greeting) {
    const limit = Math.min(text.length, greeting[0].length + 60);
    for (let j = greeting[0].length; j < limit; j++) {
      const ch = text[j]!;
      if (',!:;\n—–'.includes(ch) || (ch === '.' && !isAbbreviationDot(text, j)) || (ch === '-' && text[j - 1] === ' ' && text[j + 1] === ' ')) {
        i = j + 1;
        break;
      }
    }
  }
  while (i < text.length && /\s/u.test(text[i]!)) i++;
  for (let j = i; j < text.length; j++) {
    const ch = text[j]!;
    if (ch === '\n' && /^\n[^\S\n]*\n/u.test(text.slice(j))) return j;
    if ('.!?…'.includes(ch)) {
      const next = text[j + 1];
      if (next !== undefined && !/[\s"'”’)\]]/u.test(next)) continue;
      if (ch === '.' && isAbbreviationDot(text, j)) continue;
      return j + 1;
    }
  }
  return text.length;
}

/** First names that are also common words: "will" or "may" in lower case is not a mention of Will or May. */
const WORDLIKE_NAMES = new Set([
  'will', 'may', 'june', 'april', 'august', 'grace', 'hope', 'faith', 'joy', 'mark', 'bill', 'rich', 'dawn', 'amber', 'rose',
  'drew', 'pat', 'sue', 'jack', 'frank', 'art', 'gene', 'ray', 'chase', 'summer', 'iris', 'ruby', 'max', 'sky', 'hunter',
  'page', 'paige', 'penny', 'robin', 'sunny', 'lane', 'faye', 'guy', 'miles', 'rob', 'don', 'dean', 'earl', 'lee',
]);

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
function namePattern(name: string): string {
  return name.trim().split(/\s+/u).map(escapeRegExp).join(String.raw`\s+`);
}

/** Offset of the first mention of the shared connection, or -1. */
function firstMention(text: string, fullName: string): number {
  const full = fullName.trim().replace(/\s+/g, ' ');
  const first = firstName(full);
  const tokens = full.replace(/,.*$/u, '').split(' ');
  const last = tokens.length > 1 ? tokens[tokens.length - 1]! : null;
  const alternatives = [namePattern(full)];
  if (first !== '' && first.toLowerCase() !== full.toLowerCase()) alternatives.push(namePattern(first));
  if (last !== null) alternatives.push(String.raw`(?:mr|mrs|ms|mx|dr|prof|professor)\.?\s+${namePattern(last)}`);
  const re = new RegExp(`${B}(?:${alternatives.join('|')})${E}`, 'giu');
  for (const m of text.matchAll(re)) {
    const found = m[0];
    if (found === found.toLowerCase() && WORDLIKE_NAMES.has(found)) continue;
    return m.index;
  }
  return -1;
}

// ---------------------------------------------------------------------------

function phraseFindings(text: string): LintFinding[] {
  const findings: LintFinding[] = [];
  const codes = [...new Set(PHRASE_RULES.map((r) => r.code))];
  for (const code of codes) {
    const hits: { start: number; end: number; rule: PhraseRule }[] = [];
    for (const rule of PHRASE_RULES.filter((r) => r.code === code)) {
      for (const m of text.matchAll(rule.pattern)) {
        const start = m.index;
        const end = start + m[0].length;
        if (rule.skip?.(text, start, end)) continue;
        hits.push({ start, end, rule });
      }
    }
    hits.sort((x, y) => x.start - y.start || y.end - x.end);
    // Overlapping matches of one code ("any positions available") are one finding.
    const merged: typeof hits = [];
    for (const hit of hits) {
      const last = merged[merged.length - 1];
      if (last !== undefined && hit.start < last.end) last.end = Math.max(last.end, hit.end);
      else merged.push({ ...hit });
    }
    for (const hit of merged) {
      const phrase = text.slice(hit.start, hit.end).replace(/\s+/g, ' ');
      findings.push({
        code,
        severity: LINT_SEVERITY[code],
        message: hit.rule.message(phrase, text, hit.start),
        span: { start: hit.start, end: hit.end },
      });
    }
  }
  return findings;
}

function finding(code: LintCode, message: string, span: LintSpan | null = null): LintFinding {
  return { code, severity: LINT_SEVERITY[code], message, span };
}

/**
 * Lints one request. `words` is the word count shown beside the editor;
 * `ready` is false as soon as one finding is a blocker.
 *
 * @example
 * lintRequest('Hi Dana, are you hiring?', { channel: 'email', sharedConnectionName: null })
 * // → { words: 5, ready: false, findings: [{ code: 'MENTIONS_JOB', span: { start: 17, end: 23 }, … }, { code: 'NO_REASON', … }] }
 */
export function lintRequest(text: string, context: LintContext): LintResult {
  const tokens = tokenize(text);
  const wordCount = tokens.length;
  const end = text.trimEnd().length;
  const findings: LintFinding[] = [];

  if (wordCount > TOO_LONG_WORDS) {
    findings.push(
      finding(
        'TOO_LONG',
        `At ${wordCount} words this is too long to send: a stranger won’t read it. Cut it below ${TOO_LONG_WORDS} words, ideally below ${LONG_WORDS} — keep who connects you, why them and your question; the highlighted part is past the limit.`,
        { start: tokens[TOO_LONG_WORDS]!.start, end },
      ),
    );
  } else if (wordCount > LONG_WORDS) {
    findings.push(
      finding(
        'LONG',
        `At ${wordCount} words this is long: busy people skim. Aim for under ${LONG_WORDS} — cut your background to one sentence; they can ask for more when you meet.`,
        { start: tokens[LONG_WORDS]!.start, end },
      ),
    );
  }

  findings.push(...phraseFindings(text), ...durationFindings(text));

  if (!asksQuestion(text, tokens)) {
    findings.push(
      finding(
        'NO_QUESTION',
        'Ask a question: a request without one gives them nothing to answer. End with something like “Would you have 20 or 30 minutes at your convenience in the next few weeks?”',
      ),
    );
  }
  if (!REASON_RE.test(text)) {
    findings.push(
      finding(
        'NO_REASON',
        'Say why you chose this person: a line about their work, a talk or article of theirs, or what you have in common shows this is not a mass mailing.',
      ),
    );
  }

  const shared = context.sharedConnectionName?.trim() ?? '';
  if (shared !== '') {
    const at = firstMention(text, shared);
    if (at === -1) {
      findings.push(
        finding(
          'NO_SHARED_CONNECTION',
          `Mention ${shared}, who connects you: a name they know is the strongest reason for a stranger to say yes. Name ${firstName(shared)} in your first sentence.`,
        ),
      );
    } else if (context.channel !== 'intro_request' && at >= firstSentenceEnd(text)) {
      // An intro request is written to the connection, so where the name appears does not matter.
      findings.push(
        finding(
          'NO_SHARED_CONNECTION',
          `Name ${firstName(shared)} in your first sentence: a name they know is what makes a busy person read on, and later in the message it may never be seen.`,
        ),
      );
    }
  }

  if (context.channel === 'linkedin') {
    const trimmed = text.trim();
    const chars = [...trimmed];
    if (chars.length > LINKEDIN_NOTE_MAX_CHARS) {
      const lead = text.length - text.trimStart().length;
      const cut = lead + chars.slice(0, LINKEDIN_NOTE_MAX_CHARS).join('').length;
      findings.push(
        finding(
          'LINKEDIN_NOTE_TOO_LONG',
          `LinkedIn cuts connection notes at ${LINKEDIN_NOTE_MAX_CHARS} characters and this one has ${chars.length}: the highlighted part would be lost. Keep the connection, the reason and the question.`,
          { start: cut, end: lead + trimmed.length },
        ),
      );
    }
  }

  findings.sort(compareFindings);
  return { words: wordCount, ready: !findings.some((f) => f.severity === 'blocker'), findings };
}

function compareFindings(a: LintFinding, b: LintFinding): number {
  if (a.severity !== b.severity) return a.severity === 'blocker' ? -1 : 1;
  if (a.span === null || b.span === null) return a.span === b.span ? 0 : a.span === null ? 1 : -1;
  return a.span.start - b.span.start || a.span.end - b.span.end;
}
