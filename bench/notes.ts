/**
 * Generated interview notes for the search bench: what a seeker writes after an
 * informational interview, 20–60 words in a few sentences, drawn from a
 * vocabulary whose words are as unevenly common as in real notes ("team" and
 * "hiring" in many notes, "sailing" in few). Deterministic for a seed, so every
 * run searches the same text.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from '../src/db/schema.ts';

/** A small, fast PRNG (mulberry32): the same seed gives the same notes. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUBJECTS = [
  'She', 'He', 'They', 'The team', 'Their manager', 'The hiring lead', 'Her director', 'His old boss', 'The founder',
  'Most of the engineers', 'The recruiter', 'Our mutual friend', 'The new VP', 'Half the department',
];

const VERBS = [
  'talked about', 'mentioned', 'recommended', 'described', 'is rebuilding', 'wants to grow', 'plans to hire for',
  'struggles with', 'moved away from', 'is excited about', 'asked me about', 'spent a year on', 'complained about',
  'suggested reading about', 'is hiring for', 'warned me about', 'explained', 'owns', 'just reorganized', 'doubled down on',
];

/** Topics, most common first: the draw favours the front of the list. */
const TOPICS = [
  'hiring', 'the team', 'career changes', 'the product roadmap', 'onboarding', 'remote work', 'quarterly planning',
  'the data platform', 'design systems', 'customer research', 'pricing experiments', 'the mobile app', 'mentoring',
  'promotion criteria', 'the interview loop', 'platform teams', 'machine learning', 'analytics', 'compliance audits',
  'the sales pipeline', 'cloud costs', 'Kubernetes', 'accessibility', 'the design review', 'on-call rotations',
  'technical debt', 'user interviews', 'the annual budget', 'partnerships', 'supply chain software', 'clinical trials',
  'payments', 'fraud detection', 'search relevance', 'the developer portal', 'open source', 'security reviews',
  'growth marketing', 'customer success', 'the support queue', 'localization', 'hardware prototypes', 'energy storage',
  'carbon accounting', 'public health data', 'grant writing', 'museum exhibitions', 'newsroom tooling', 'logistics',
  'robotics', 'observability', 'the migration to Postgres', 'the billing rewrite', 'experimentation culture',
  'product discovery', 'the offsite', 'salary bands', 'equity refreshers', 'visa sponsorship', 'parental leave',
];

const MODIFIERS = [
  'next quarter', 'since the reorg', 'before the launch', 'this year', 'after the acquisition', 'in the Berlin office',
  'with the platform group', 'for the enterprise tier', 'across three time zones', 'on a tight budget', 'every sprint',
  'with a new VP', 'in Lisbon', 'for the second time', 'without much support', 'in the spring',
];

const FOLLOW_UPS = [
  'Follow up in two weeks.', 'Send the article on staff engineering.', 'Ask for an introduction to the Chen team.',
  'Thank-you note sent the same evening.', 'She offered to review my portfolio.', 'He will forward my resume to Okafor.',
  'Check the careers page on Friday.', 'Mentioned an opening that is not posted yet.', 'Read their engineering blog.',
  'Reyes from the data team might know more.', 'Worth asking Smith about the referral.', 'Garcia runs the design guild.',
  'Bring examples of dashboards next time.', 'Coffee was great; the office is near the station.',
];

/** Rare words: a seeker's notes mention hobbies and odd facts now and then. */
const RARE = ['sailing', 'violin', 'marathon', 'beekeeping', 'chess', 'pottery', 'climbing', 'sourdough', 'origami', 'telescope'];

function skewedPick<T>(items: readonly T[], random: () => number, skew: number): T {
  return items[Math.floor(items.length * random() ** skew)]!;
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(items.length * random())]!;
}

function sentence(random: () => number): string {
  const modifier = random() < 0.6 ? ` ${pick(MODIFIERS, random)}` : '';
  return `${pick(SUBJECTS, random)} ${pick(VERBS, random)} ${skewedPick(TOPICS, random, 1.5)}${modifier}.`;
}

/** One note of 20–60 words. */
export function generateNote(random: () => number): string {
  const target = 20 + Math.floor(random() * 41);
  const parts: string[] = [];
  let words = 0;
  while (words < target) {
    const roll = random();
    const part =
      roll < 0.004 ? `We also talked about ${pick(RARE, random)}.` : roll < 0.2 ? pick(FOLLOW_UPS, random) : sentence(random);
    parts.push(part);
    words += part.split(' ').length;
  }
  return parts.join(' ');
}

/** How many interview notes the search bench writes, spread over every contact of the account. */
export const NOTES = 200_000;

/** The searches timed: names and note words, prefixes and whole words, common and rare, one and two words. */
export const SEARCHES: readonly [query: string, what: string][] = [
  ['oka', 'name prefix: 6,000 contacts, 14,000 notes'],
  ['hir', 'prefix of a word in most notes'],
  ['hiring', 'word in 55% of notes and 25% of contacts'],
  ['kubernetes', 'word in 7% of notes'],
  ['sailing', 'rare word: 0.2% of notes, 1% of contacts'],
  ['person 123', 'two words of names'],
  ['design review', 'two words of notes'],
  ['chen budget', 'name and a word of the notes'],
];

/**
 * Writes `count` interviews with generated notes for `ownerId`, spread over the
 * account's contacts, created a minute apart up to now, through the triggers
 * that index them: one transaction, a thousand rows per statement.
 */
export async function seedInterviewNotes(db: Kysely<Database>, ownerId: string, count: number, seed = 42): Promise<void> {
  const contacts = await db.selectFrom('contact').select(['id', 'organization_id']).where('owner_id', '=', ownerId).orderBy('id').execute();
  if (contacts.length === 0) throw new Error('seedInterviewNotes: the account has no contacts');
  const random = seededRandom(seed);
  const start = Date.now() - count * 60_000;
  const batch = 1000;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < count; i += batch) {
      const rows = Array.from({ length: Math.min(batch, count - i) }, (_, j) => {
        const contact = contacts[Math.floor(random() * contacts.length)]!;
        const at = new Date(start + (i + j) * 60_000).toISOString();
        return {
          id: crypto.randomUUID(),
          owner_id: ownerId,
          contact_id: contact.id,
          organization_id: contact.organization_id,
          stage: 'held',
          notes: generateNote(random),
          version: 1,
          created_at: at,
          updated_at: at,
        };
      });
      await trx.insertInto('interview').values(rows).execute();
    }
  });
  // What autovacuum does soon after a bulk load on PostgreSQL (13+ vacuums
  // insert-only tables too): among other things it moves the rows waiting in
  // each GIN index's pending list into the index proper, which every search
  // would otherwise read through.
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`vacuum analyze`.execute(db);
}
