/**
 * Full-text search over contacts, behind one function whatever the database:
 * SQLite's FTS5 index `contact_fts` or PostgreSQL's `contact_search.document`
 * tsvector (both kept by the triggers of migration 0003).
 *
 * Semantics, the same on both: the text is cut into words (letters and digits);
 * every word must match (AND), as the start of a word anywhere in the name,
 * organization, title, tags or notes ("dan rey" finds Dana Reyes); accents and
 * case are ignored. Contacts whose name alone matches every word come first, and
 * among equals those whose name begins with the first word (typing "dan" puts
 * Dana before Jordan Danvers); then relevance (FTS5 `bm25`, PostgreSQL
 * `ts_rank_cd`, both weighing the name most and notes least), then the name.
 * User text never reaches the query syntax of either engine: each word is quoted
 * as a literal.
 */
import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { SearchResult, SearchSnippet } from '../shared/api.ts';

type Db = Kysely<Database>;

/** More words than this narrow the answer little and cost an index lookup each; the rest are ignored. */
export const MAX_SEARCH_TOKENS = 8;

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

interface HitRow {
  id: string;
  name: string;
  title: string | null;
  organization_id: string | null;
  organization_name: string | null;
  snippet: string | null;
}

function toResult(row: HitRow): SearchResult {
  const snippet = parseSnippet(row.snippet);
  return {
    kind: 'contact',
    id: row.id,
    name: row.name,
    organization: row.organization_id && row.organization_name ? { id: row.organization_id, name: row.organization_name } : null,
    title: row.title,
    ...(snippet ? { snippet } : {}),
  };
}

/** The owner's contacts matching `text`, best first; none for a text without words. */
export async function searchContacts(db: Db, ownerId: string, text: string, limit: number): Promise<SearchResult[]> {
  const tokens = searchTokens(text);
  if (tokens.length === 0) return [];
  const rows = db.getExecutor().adapter instanceof PostgresAdapter
    ? await searchPostgres(db, ownerId, tokens, limit)
    : await searchSqlite(db, ownerId, tokens, limit);
  return rows.map(toResult);
}

// bm25 weights, in the column order of contact_fts: name, organization, title, tags, notes.
const FTS5_WEIGHTS = sql.raw('10.0, 4.0, 4.0, 4.0, 1.0');

/*
 * Both engines rank in the search table alone, which holds the sort key too, and
 * visit contacts and organizations only for the page shown: with a word that
 * matches most of an account, the ranking is most of the work.
 */

async function searchSqlite(db: Db, ownerId: string, tokens: string[], limit: number): Promise<HitRow[]> {
  const match = fts5Query(tokens);
  const { rows: ranked } = await sql<{ doc_id: number; contact_id: string; in_name: number }>`
    select s.doc_id, s.contact_id,
           contact_fts.rowid in (select rowid from contact_fts where contact_fts match ${fts5Query(tokens, 'name')}) as in_name,
           contact_fts.rowid in (select rowid from contact_fts where contact_fts match ${fts5StartsQuery(tokens[0]!, 'name')}) as name_starts
    from contact_fts
    join contact_search s on s.doc_id = contact_fts.rowid
    where contact_fts match ${match} and s.owner_id = ${ownerId}
    order by in_name desc, name_starts desc, bm25(contact_fts, ${FTS5_WEIGHTS}), s.name_key, s.contact_id
    limit ${limit}`.execute(db);
  if (ranked.length === 0) return [];

  const { rows: details } = await sql<Omit<HitRow, 'snippet'>>`
    select c.id, c.name, c.title, c.organization_id, o.name as organization_name
    from contact c left join organization o on o.id = c.organization_id
    where c.owner_id = ${ownerId} and c.id in (${sql.join(ranked.map((r) => r.contact_id))})`.execute(db);
  const byId = new Map(details.map((row) => [row.id, row]));

  // Snippets only where the name does not say it all.
  const quoted = ranked.filter((r) => !r.in_name).map((r) => r.doc_id);
  const snippets = new Map<number, string>();
  if (quoted.length > 0) {
    const { rows } = await sql<{ doc_id: number; snippet: string | null }>`
      select rowid as doc_id, snippet(contact_fts, 4, char(2), char(3), '…', 14) as snippet
      from contact_fts
      where contact_fts match ${match} and rowid in (${sql.join(quoted)})`.execute(db);
    for (const row of rows) if (row.snippet) snippets.set(row.doc_id, row.snippet);
  }
  return ranked.flatMap((r) => {
    const row = byId.get(r.contact_id);
    return row ? [{ ...row, snippet: snippets.get(r.doc_id) ?? null }] : [];
  });
}

// ts_rank_cd weights for labels D (the name's first word, again), C (notes),
// B (organization, title, tags), A (name).
const TS_WEIGHTS = sql.lit('{0.1, 0.2, 0.4, 1.0}');
const HEADLINE_OPTIONS = `StartSel=${MARK_OPEN}, StopSel=${MARK_CLOSE}, MaxWords=14, MinWords=6, ShortWord=0, MaxFragments=1, FragmentDelimiter=" … "`;

async function searchPostgres(db: Db, ownerId: string, tokens: string[], limit: number): Promise<HitRow[]> {
  // contact_search_prefix_query (migration 0003) folds and quotes one token as a
  // prefix literal. Spelled out where used, so the planner folds it to a constant
  // it can look up in the GIN index.
  const prefix = (token: string) => sql`contact_search_prefix_query(${token}::text)`;
  const query = (): RawBuilder<unknown> => sql`(${sql.join(tokens.map(prefix), sql` && `)})`;
  const { rows } = await sql<HitRow>`
    with ranked as (
      select s.contact_id, s.name_key,
             ts_filter(s.document, '{a}') @@ ${query()} as in_name,
             ts_filter(s.document, '{d}') @@ ${prefix(tokens[0]!)} as name_starts,
             ts_rank_cd(${TS_WEIGHTS}, s.document, ${query()}) as rank
      from contact_search s
      where s.owner_id = ${ownerId} and s.document @@ ${query()}
      order by in_name desc, name_starts desc, rank desc, s.name_key, s.contact_id
      limit ${limit}
    )
    select c.id, c.name, c.title, c.organization_id, o.name as organization_name,
           -- "…" where the passage leaves notes out, as FTS5's snippet() writes it.
           case when h.at > 1 then '…' else '' end || h.marked
             || case when h.at > 0 and substr(c.notes, h.at + length(h.plain)) ~ '[[:alnum:]]' then '…' else '' end as snippet
    from ranked r
    join contact c on c.id = r.contact_id and c.owner_id = ${ownerId}
    left join organization o on o.id = c.organization_id
    left join lateral (
      select marked, plain, strpos(c.notes, plain) as at
      from (select ts_headline('rapport_search', c.notes, ${query()}, ${HEADLINE_OPTIONS}) as marked) m,
           lateral (select translate(m.marked, chr(2) || chr(3), '') as plain) p
    ) h on not r.in_name and c.notes is not null
    order by r.in_name desc, r.name_starts desc, r.rank desc, r.name_key, r.contact_id`.execute(db);
  return rows;
}
