/**
 * Full-text search over contacts and interview notes, behind the same functions
 * whatever the database: SQLite's FTS5 indexes `contact_fts` and `interview_fts`,
 * PostgreSQL's `contact_search.document` and `interview_search.document`
 * tsvectors (kept by the triggers of migrations 0003, 0009 and 0011).
 *
 * An interview's "notes" are everything the seeker wrote about it (migration
 * 0011): its notes, research notes, meeting notes, answers and write-up, one
 * text; the passage quoted comes from that text.
 *
 * Semantics, the same on both: the text is cut into words (letters and digits);
 * every word must match (AND) as the start of a word; accents and case are
 * ignored. User text never reaches the query syntax of either engine: each word
 * is quoted as a literal.
 *
 * - Contacts match in the name, organization, title, tags or notes ("dan rey"
 *   finds Dana Reyes). Contacts whose name alone matches every word come first,
 *   and among equals those whose name begins with the first word (typing "dan"
 *   puts Dana before Jordan Danvers); then relevance (FTS5 `bm25`, PostgreSQL
 *   `ts_rank_cd`, both weighing the name most and notes least), then the name.
 * - Interviews match in their notes and their contact's name, with at least one
 *   word in the notes ("dana salary" finds the interview with Dana about salary;
 *   "dana" alone finds her contact, not every interview with her). Newest first.
 *
 * Speed, whatever an account holds: interviews are read newest first from the
 * index and the reading stops after a page. Contacts are ranked among at most
 * `SEARCH_CANDIDATES` of those whose name matches and as many of those matching
 * anywhere, so a prefix that matches most of 30,000 contacts costs no more than
 * one that matches a thousand. The candidates are the newest matches on SQLite
 * and the first the index yields on PostgreSQL; below that many matches (every
 * ordinary search) the ranking is exact.
 */
import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';
import { SQLITE_NAME_MARK } from '../db/migrations/0009_interview_search_marked_names.ts';
import type { Database } from '../db/schema.ts';
import type { ContactSearchResult, InterviewSearchResult, SearchSnippet } from '../shared/api.ts';

type Db = Kysely<Database>;

/** More words than this narrow the answer little and cost an index lookup each; the rest are ignored. */
export const MAX_SEARCH_TOKENS = 8;

/** How many matching contacts, at most, are ranked (twice over: by name, and anywhere). */
export const SEARCH_CANDIDATES = 200;

/**
 * The words of a search: runs of letters, digits and combining marks, in Unicode
 * NFKC so "Émile" typed either way is one word. Everything else separates words,
 * which also drops every character either engine treats as query syntax.
 */
export function searchTokens(text: string): string[] {
  const words = text.normalize('NFKC').match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  const seen = new Set<string>();
  const tokens: string[] = [];
  for (const word of words) {
    // A lone combining mark is not a word.
    if (!/[\p{L}\p{N}]/u.test(word)) continue;
    const key = word.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    tokens.push(word);
    if (tokens.length === MAX_SEARCH_TOKENS) break;
  }
  return tokens;
}

/**
 * An FTS5 query: every token a quoted prefix, all of them required, optionally in
 * one column only; `"` is doubled as FTS5 asks.
 */
export function fts5Query(tokens: readonly string[], column?: string): string {
  const terms = tokens.map(fts5Prefix).join(' ');
  return column ? `${column} : (${terms})` : terms;
}

/** An FTS5 query for a column whose first word begins with `token`. */
export function fts5StartsQuery(token: string, column: string): string {
  return `${column} : ^${fts5Prefix(token)}`;
}

/**
 * The FTS5 query of interview notes: every token in the notes or the name, and
 * at least one in the notes. Words of names are indexed with a mark in front
 * (migration 0009), so a plain token looks in the notes only.
 */
export function fts5NotesQuery(tokens: readonly string[]): string {
  const inNotes = tokens.map(fts5Prefix);
  if (tokens.length === 1) return inNotes[0]!;
  const each = tokens.map((token, i) => `(${inNotes[i]} OR ${fts5Prefix(SQLITE_NAME_MARK + token)})`);
  return `${each.join(' AND ')} AND (${inNotes.join(' OR ')})`;
}

function fts5Prefix(token: string): string {
  return `"${token.replace(/"/g, '""')}"*`;
}

// STX and ETX mark highlights in snippets; neither is typed into notes by people.
const MARK_OPEN = '\u0002';
const MARK_CLOSE = '\u0003';

/** Notes are Markdown; a one-line quote reads better without its markup. */
function plainMarkdown(text: string): string {
  return text
    .replace(/!?\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
    .replace(/^[ \t]*(?:#{1,6}|>|[-*+]|\d+[.)])[ \t]+/gm, '')
    .replace(/\*\*|__|~~|`/g, '')
    .replace(/\*(?=\S)|(?<=\S)\*/g, '');
}

/**
 * Turns an engine's marked-up snippet into plain text and highlight ranges, with
 * Markdown markup dropped and line breaks collapsed. No highlight, no snippet:
 * the notes did not match.
 */
export function parseSnippet(marked: string | null | undefined): SearchSnippet | undefined {
  if (!marked) return undefined;
  const collapsed = plainMarkdown(marked).replace(/\s+/g, ' ').trim();
  let text = '';
  const highlights: [number, number][] = [];
  let start = -1;
  for (const ch of collapsed) {
    if (ch === MARK_OPEN) start = text.length;
    else if (ch === MARK_CLOSE) {
      if (start >= 0 && text.length > start) highlights.push([start, text.length]);
      start = -1;
    } else text += ch;
  }
  return highlights.length > 0 ? { text, highlights } : undefined;
}

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

// --- Contacts ------------------------------------------------------------------

/** A contact found, and whether its name alone holds every word (which puts it before anything else). */
export interface ContactHit {
  result: ContactSearchResult;
  nameMatch: boolean;
}

interface ContactRow {
  id: string;
  name: string;
  title: string | null;
  organization_id: string | null;
  organization_name: string | null;
  in_name: boolean | number;
  snippet: string | null;
}

function toContactHit(row: ContactRow): ContactHit {
  const snippet = parseSnippet(row.snippet);
  return {
    nameMatch: Boolean(row.in_name),
    result: {
      kind: 'contact',
      id: row.id,
      name: row.name,
      organization: row.organization_id && row.organization_name ? { id: row.organization_id, name: row.organization_name } : null,
      title: row.title,
      ...(snippet ? { snippet } : {}),
    },
  };
}

/** The owner's contacts matching `text`, best first; none for a text without words. */
export async function searchContacts(
  db: Db,
  ownerId: string,
  text: string,
  limit: number,
  candidates = SEARCH_CANDIDATES,
): Promise<ContactHit[]> {
  const tokens = searchTokens(text);
  if (tokens.length === 0) return [];
  const rows = isPostgres(db)
    ? await searchContactsPostgres(db, ownerId, tokens, limit, candidates)
    : await searchContactsSqlite(db, ownerId, tokens, limit, candidates);
  return rows.map(toContactHit);
}

// bm25 weights, in the column order of contact_fts: name, organization, title, tags, notes.
const FTS5_WEIGHTS = sql.raw('10.0, 4.0, 4.0, 4.0, 1.0');

/*
 * SQLite: the newest matches by name (`named`) and anywhere (`anywhere`) are the
 * candidates; FTS5 yields both newest first and stops at the cap. `named` is
 * exactly the candidates whose name matches: a name match among the newest
 * matches anywhere is among the newest name matches too. Ranking then reads the
 * index from the oldest candidate up. Contacts and organizations are visited for
 * the page shown only.
 */
async function searchContactsSqlite(db: Db, ownerId: string, tokens: string[], limit: number, cap: number): Promise<ContactRow[]> {
  const match = fts5Query(tokens);
  const newest = (query: string) => sql`
    select s.doc_id from contact_fts join contact_search s on s.doc_id = contact_fts.rowid
    where contact_fts match ${query} and s.owner_id = ${ownerId}
    order by contact_fts.rowid desc limit ${cap}`;
  const { rows: ranked } = await sql<{ doc_id: number; contact_id: string; in_name: number }>`
    with named as materialized (${newest(fts5Query(tokens, 'name'))}),
    anywhere as materialized (${newest(match)}),
    candidates as materialized (select doc_id from named union select doc_id from anywhere),
    bounds as materialized (select min(doc_id) as low from candidates)
    select s.doc_id, s.contact_id,
           contact_fts.rowid in (select doc_id from named) as in_name,
           contact_fts.rowid in (
             select rowid from contact_fts
             where contact_fts match ${`(${match}) AND ${fts5StartsQuery(tokens[0]!, 'name')}`} and rowid >= (select low from bounds)
           ) as name_starts
    from contact_fts
    join contact_search s on s.doc_id = contact_fts.rowid
    where contact_fts match ${match} and contact_fts.rowid >= (select low from bounds)
      and +contact_fts.rowid in (select doc_id from candidates)
    order by in_name desc, name_starts desc, bm25(contact_fts, ${FTS5_WEIGHTS}), s.name_key, s.contact_id
    limit ${limit}`.execute(db);
  if (ranked.length === 0) return [];

  const { rows: details } = await sql<Omit<ContactRow, 'snippet' | 'in_name'>>`
    select c.id, c.name, c.title, c.organization_id, o.name as organization_name
    from contact c left join organization o on o.id = c.organization_id
    where c.owner_id = ${ownerId} and c.id in (${sql.join(ranked.map((r) => r.contact_id))})`.execute(db);
  const byId = new Map(details.map((row) => [row.id, row]));

  // Snippets only where the name does not say it all. One pass over the index
  // from the oldest of them: `rowid in (…)` would run the query once per id.
  const quoted = ranked.filter((r) => !r.in_name).map((r) => r.doc_id);
  const snippets = new Map<number, string>();
  if (quoted.length > 0) {
    const { rows } = await sql<{ doc_id: number; snippet: string | null }>`
      select rowid as doc_id, snippet(contact_fts, 4, char(2), char(3), '…', 14) as snippet
      from contact_fts
      where contact_fts match ${match} and rowid >= ${Math.min(...quoted)} and +rowid in (${sql.join(quoted)})`.execute(db);
    for (const row of rows) if (row.snippet) snippets.set(row.doc_id, row.snippet);
  }
  return ranked.flatMap((r) => {
    const row = byId.get(r.contact_id);
    return row ? [{ ...row, in_name: r.in_name, snippet: snippets.get(r.doc_id) ?? null }] : [];
  });
}

// ts_rank_cd weights for labels D (the name's first word, again), C (notes),
// B (organization, title, tags), A (name).
const TS_WEIGHTS = sql.lit('{0.1, 0.2, 0.4, 1.0}');
const HEADLINE_OPTIONS = `StartSel=${MARK_OPEN}, StopSel=${MARK_CLOSE}, MaxWords=14, MinWords=6, ShortWord=0, MaxFragments=1, FragmentDelimiter=" … "`;

/**
 * One token as a prefix query: of any word, or (`name`) of a word of an
 * interview's contact name. The functions (migrations 0003, 0009) fold and quote
 * the token; spelled out where used, so the planner folds them to constants it
 * can look up in the GIN index.
 */
function pgPrefix(token: string, of: 'word' | 'name' = 'word'): RawBuilder<unknown> {
  return of === 'word' ? sql`contact_search_prefix_query(${token}::text)` : sql`interview_search_name_query(${token}::text)`;
}

const pgAll = (tokens: readonly string[]) => sql`(${sql.join(tokens.map((t) => pgPrefix(t)), sql` && `)})`;
const pgAny = (tokens: readonly string[]) => sql`(${sql.join(tokens.map((t) => pgPrefix(t)), sql` || `)})`;

/** The passage of `notes` that `query` marks (ts_headline), markers as for FTS5's snippet(). */
function pgHeadline(notes: RawBuilder<unknown>, query: RawBuilder<unknown>): RawBuilder<string | null> {
  return sql<string | null>`ts_headline('rapport_search', ${notes}, ${query}, ${HEADLINE_OPTIONS})`;
}

/**
 * A ts_headline passage with "…" where it leaves text of `notes` out, as FTS5's
 * snippet() writes it. Here rather than in SQL, where each use of the headline
 * in the expression would compute it again.
 */
export function withEllipses(notes: string | null, marked: string | null): string | null {
  if (!notes || !marked) return marked;
  const plain = marked.replaceAll(MARK_OPEN, '').replaceAll(MARK_CLOSE, '');
  const at = notes.indexOf(plain);
  if (at < 0) return marked;
  return `${at > 0 ? '…' : ''}${marked}${/[\p{L}\p{N}]/u.test(notes.slice(at + plain.length)) ? '…' : ''}`;
}

/*
 * PostgreSQL: the first matches the GIN indexes yield by name (an index of the
 * names alone, migration 0009) and anywhere are the candidates: scans that stop
 * at the cap. Ranking reads only them; contacts and organizations are visited
 * for the page shown.
 */
async function searchContactsPostgres(db: Db, ownerId: string, tokens: string[], limit: number, cap: number): Promise<ContactRow[]> {
  const query = pgAll(tokens);
  const ranking = sql`s.contact_id, s.name_key,
    ts_filter(s.document, '{a}') @@ ${query} as in_name,
    ts_filter(s.document, '{d}') @@ ${pgPrefix(tokens[0]!)} as name_starts,
    ts_rank_cd(${TS_WEIGHTS}, s.document, ${query}) as rank`;
  const { rows } = await sql<ContactRow & { notes: string | null }>`
    with ranked as (
      select * from (
        (select ${ranking} from contact_search s
         where s.owner_id = ${ownerId} and ts_filter(s.document, '{a}') @@ ${query} limit ${cap})
        union
        (select ${ranking} from contact_search s
         where s.owner_id = ${ownerId} and s.document @@ ${query} limit ${cap})
      ) candidates
      order by in_name desc, name_starts desc, rank desc, name_key, contact_id
      limit ${limit}
    )
    select c.id, c.name, c.title, c.organization_id, o.name as organization_name, r.in_name,
           case when not r.in_name then c.notes end as notes,
           case when not r.in_name and c.notes is not null then ${pgHeadline(sql`c.notes`, pgAny(tokens))} end as snippet
    from ranked r
    join contact c on c.id = r.contact_id and c.owner_id = ${ownerId}
    left join organization o on o.id = c.organization_id
    order by r.in_name desc, r.name_starts desc, r.rank desc, r.name_key, r.contact_id`.execute(db);
  return rows.map(({ notes, ...row }) => ({ ...row, snippet: withEllipses(notes, row.snippet) }));
}

// --- Interviews ----------------------------------------------------------------

interface InterviewRow {
  id: string;
  contact_id: string;
  contact_name: string;
  organization_id: string | null;
  organization_name: string | null;
  notes: string | null;
  snippet: string | null;
}

function toInterviewResult(row: InterviewRow): InterviewSearchResult {
  return {
    kind: 'interview',
    id: row.id,
    name: row.contact_name,
    contact: { id: row.contact_id, name: row.contact_name },
    organization: row.organization_id && row.organization_name ? { id: row.organization_id, name: row.organization_name } : null,
    // The notes matched, so a passage is always there; its start, should an engine mark nothing.
    snippet: parseSnippet(row.snippet) ?? { text: plainMarkdown(row.notes ?? '').replace(/\s+/g, ' ').trim().slice(0, 120), highlights: [] },
  };
}

/** The owner's interviews whose notes match `text`, newest first; none for a text without words. */
export async function searchInterviews(db: Db, ownerId: string, text: string, limit: number): Promise<InterviewSearchResult[]> {
  const tokens = searchTokens(text);
  if (tokens.length === 0) return [];
  const rows = isPostgres(db)
    ? await searchInterviewsPostgres(db, ownerId, tokens, limit)
    : await searchInterviewsSqlite(db, ownerId, tokens, limit);
  return rows.map(toInterviewResult);
}

async function searchInterviewsSqlite(db: Db, ownerId: string, tokens: string[], limit: number): Promise<InterviewRow[]> {
  // Newest first is the index's own order read backwards: FTS5 stops after the page.
  const { rows: hits } = await sql<{ interview_id: string; snippet: string | null }>`
    select s.interview_id, snippet(interview_fts, 1, char(2), char(3), '…', 14) as snippet
    from interview_fts
    join interview_search s on s.doc_id = interview_fts.rowid
    where interview_fts match ${fts5NotesQuery(tokens)} and s.owner_id = ${ownerId}
    order by interview_fts.rowid desc
    limit ${limit}`.execute(db);
  if (hits.length === 0) return [];

  // The notes as indexed (migration 0011), for a passage should FTS5 mark none.
  const { rows: details } = await sql<Omit<InterviewRow, 'snippet'>>`
    select i.id, i.contact_id, c.name as contact_name, i.organization_id, o.name as organization_name, s.notes
    from interview i
    join interview_search s on s.interview_id = i.id
    join contact c on c.id = i.contact_id
    left join organization o on o.id = i.organization_id
    where i.owner_id = ${ownerId} and i.id in (${sql.join(hits.map((h) => h.interview_id))})`.execute(db);
  const byId = new Map(details.map((row) => [row.id, row]));
  return hits.flatMap((hit) => {
    const row = byId.get(hit.interview_id);
    return row ? [{ ...row, snippet: hit.snippet }] : [];
  });
}

async function searchInterviewsPostgres(db: Db, ownerId: string, tokens: string[], limit: number): Promise<InterviewRow[]> {
  // Every word in the notes or the (marked) name, and one in the notes. The
  // planner walks (owner_id, doc_id) backwards for a common word and sorts the
  // few hits of a rare one.
  const match =
    tokens.length === 1
      ? pgPrefix(tokens[0]!)
      : sql`${sql.join(tokens.map((t) => sql`(${pgPrefix(t)} || ${pgPrefix(t, 'name')})`), sql` && `)} && ${pgAny(tokens)}`;
  const { rows } = await sql<InterviewRow>`
    with hits as (
      select s.interview_id, s.doc_id from interview_search s
      where s.owner_id = ${ownerId} and s.document @@ (${match})
      order by s.doc_id desc
      limit ${limit}
    )
    select i.id, i.contact_id, c.name as contact_name, i.organization_id, o.name as organization_name, n.notes,
           ${pgHeadline(sql`n.notes`, pgAny(tokens))} as snippet
    from hits h
    -- Everything written about the interview, as indexed (migration 0011).
    cross join lateral (select interview_search_notes(h.interview_id) as notes) n
    join interview i on i.id = h.interview_id and i.owner_id = ${ownerId}
    join contact c on c.id = i.contact_id
    left join organization o on o.id = i.organization_id
    order by h.doc_id desc`.execute(db);
  return rows.map((row) => ({ ...row, snippet: withEllipses(row.notes, row.snippet) }));
}
