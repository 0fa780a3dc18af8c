import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { columnTypes } from '../column-types.ts';

/**
 * Full-text search over contacts: name, organization name, title, tags and notes.
 *
 * Both databases keep one search row per contact in `contact_search`, maintained
 * by triggers on `contact`, `contact_tag` and `organization`, so every writer (the
 * API, the CLI, imports, a restore) keeps the index right without knowing of it.
 * The row lives beside the contact rather than in it: organization names and tags
 * live in other tables (a generated column cannot reach them), a `select *` of
 * contacts stays the same on both databases, and re-indexing does not rewrite the
 * contact row and its five indexes.
 *
 * - SQLite: `contact_search` holds the text; `contact_fts` is an FTS5 index over it
 *   (external content, rowid = `contact_search.doc_id`). Contact ids are text, so
 *   the integer `doc_id` is the mapping; it is looked up by the unique `contact_id`.
 * - PostgreSQL: `contact_search.document` is a weighted `tsvector` (name A;
 *   organization, title and tags B; notes C; the name's first word once more as
 *   D, so "the name begins with it" is a cheap ts_filter) with a GIN index.
 *   Triggers are per statement, so a bulk import or a tag list rewrite re-indexes
 *   each contact once per statement rather than once per row.
 *
 * Both copy the contact's `name_key` too, so ranking never visits contact rows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await upPostgres(db, await enableUnaccent(db));
  else await upSqlite(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await downPostgres(db);
  else await downSqlite(db);
}

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

// --- SQLite --------------------------------------------------------------------

/** Columns of `contact_search` that FTS5 indexes, in the order `bm25()` weighs them. */
const SQLITE_FTS_COLUMNS = ['name', 'organization', 'title', 'tags', 'notes'] as const;

/**
 * Upserts the search rows of the contacts that `where` picks, from the current
 * contact, organization and tags. Upserting rather than inserting keeps an
 * `INSERT OR REPLACE` on contact from failing.
 */
function sqliteUpsert(where: string): string {
  return `
    insert into contact_search (contact_id, owner_id, name_key, name, organization, title, tags, notes)
    select c.id, c.owner_id, c.name_key, c.name, o.name, c.title,
           (select group_concat(t.tag, ' ' order by t.position) from contact_tag t where t.contact_id = c.id),
           c.notes
    from contact c left join organization o on o.id = c.organization_id
    where ${where}
    on conflict (contact_id) do update set
      owner_id = excluded.owner_id, name_key = excluded.name_key, name = excluded.name, organization = excluded.organization,
      title = excluded.title, tags = excluded.tags, notes = excluded.notes;`;
}

/** The same for one contact, named by a column of the triggering row. */
const sqliteRefresh = (idExpression: string) => sqliteUpsert(`c.id = ${idExpression}`);

const ftsValues = (row: 'new' | 'old') => SQLITE_FTS_COLUMNS.map((column) => `${row}.${column}`).join(', ');

const SQLITE_TRIGGERS: Record<string, string> = {
  // The index follows its content table (FTS5's external-content pattern).
  contact_search_fts_insert: `after insert on contact_search begin
    insert into contact_fts (rowid, ${SQLITE_FTS_COLUMNS.join(', ')}) values (new.doc_id, ${ftsValues('new')});
  end`,
  contact_search_fts_delete: `after delete on contact_search begin
    insert into contact_fts (contact_fts, rowid, ${SQLITE_FTS_COLUMNS.join(', ')}) values ('delete', old.doc_id, ${ftsValues('old')});
  end`,
  contact_search_fts_update: `after update on contact_search
  when ${SQLITE_FTS_COLUMNS.map((column) => `new.${column} is not old.${column}`).join(' or ')} or new.doc_id is not old.doc_id
  begin
    insert into contact_fts (contact_fts, rowid, ${SQLITE_FTS_COLUMNS.join(', ')}) values ('delete', old.doc_id, ${ftsValues('old')});
    insert into contact_fts (rowid, ${SQLITE_FTS_COLUMNS.join(', ')}) values (new.doc_id, ${ftsValues('new')});
  end`,

  // The content table follows contacts, their tags and their organization's name.
  contact_search_contact_insert: `after insert on contact begin ${sqliteRefresh('new.id')} end`,
  contact_search_contact_update: `after update of name, name_key, title, notes, organization_id, owner_id on contact
  when new.name is not old.name or new.name_key is not old.name_key or new.title is not old.title or new.notes is not old.notes
    or new.organization_id is not old.organization_id or new.owner_id is not old.owner_id
  begin ${sqliteRefresh('new.id')} end`,
  contact_search_contact_delete: `after delete on contact begin
    delete from contact_search where contact_id = old.id;
  end`,
  contact_search_tag_insert: `after insert on contact_tag begin ${sqliteRefresh('new.contact_id')} end`,
  contact_search_tag_delete: `after delete on contact_tag begin ${sqliteRefresh('old.contact_id')} end`,
  contact_search_tag_update: `after update on contact_tag begin
    ${sqliteRefresh('old.contact_id')}
    ${sqliteRefresh('new.contact_id')}
  end`,
  // A deleted organization sets its contacts' organization_id to null, which the
  // contact update trigger sees; only a rename needs its own.
  contact_search_organization_rename: `after update of name on organization when new.name is not old.name begin
    update contact_search set organization = new.name
    where contact_id in (select id from contact where organization_id = new.id);
  end`,
};

async function upSqlite(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('contact_search')
    .addColumn('doc_id', 'integer', (c) => c.primaryKey())
    .addColumn('contact_id', 'text', (c) => c.notNull().unique())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    // The contact's sort key, so ranking never has to visit the contact rows.
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('organization', 'text')
    .addColumn('title', 'text')
    .addColumn('tags', 'text')
    .addColumn('notes', 'text')
    .execute();
  await sql.raw(sqliteUpsert('true')).execute(db);

  // remove_diacritics 2: "emile" finds "Émile". The 2- and 3-character prefix
  // indexes make the short prefixes typed into a search box cheap.
  await sql`
    create virtual table contact_fts using fts5(
      ${sql.raw(SQLITE_FTS_COLUMNS.join(', '))},
      content = 'contact_search', content_rowid = 'doc_id',
      tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
    )`.execute(db);
  await sql`insert into contact_fts (contact_fts) values ('rebuild')`.execute(db);

  for (const [name, body] of Object.entries(SQLITE_TRIGGERS)) {
    await sql.raw(`create trigger ${name} ${body}`).execute(db);
  }
}

async function downSqlite(db: Kysely<any>): Promise<void> {
  for (const name of Object.keys(SQLITE_TRIGGERS)) await sql.raw(`drop trigger if exists ${name}`).execute(db);
  await sql`drop table contact_fts`.execute(db);
  await db.schema.dropTable('contact_search').execute();
}

// --- PostgreSQL ----------------------------------------------------------------

/**
 * Installs `unaccent` when this database allows it (it is a trusted extension, so a
 * database owner may). Failing is fine: search then folds accents itself. The block
 * catches the error, so the migration's transaction carries on.
 */
async function enableUnaccent(db: Kysely<any>): Promise<boolean> {
  await sql`
    do $$ begin
      create extension if not exists unaccent;
    exception when others then
      null;
    end $$`.execute(db);
  const { rows } = await sql<{ found: boolean }>`select exists (select 1 from pg_extension where extname = 'unaccent') as found`.execute(db);
  return rows[0]?.found === true;
}

/**
 * Accented Latin letters and what they fold to, for databases without `unaccent`:
 * every letter of Latin-1 and Latin Extended-A that decomposes to one ASCII letter
 * plus marks (Unicode keeps decompositions stable, so this never changes), and the
 * few that do not decompose.
 */
function latinFolding(): { from: string; to: string } {
  let from = 'ØøĐđĦħıŁłŀĿÐð';
  let to = 'OoDdHhiLllLDd';
  for (let code = 0xc0; code <= 0x17f; code++) {
    const letter = String.fromCodePoint(code);
    const base = letter.normalize('NFD').replace(/\p{M}/gu, '');
    if (base !== letter && /^[A-Za-z]$/.test(base)) {
      from += letter;
      to += base;
    }
  }
  return { from, to };
}

/**
 * The SQL that folds `argument` for search without `unaccent`: accents off, and
 * the letters that stand for two (ß, æ, œ, þ) spelled out. Exported for tests.
 */
export function fallbackFoldSql(argument: string): string {
  const { from, to } = latinFolding();
  const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
  let expression = `translate(${argument}, ${quote(from)}, ${quote(to)})`;
  for (const [letter, spelled] of [['ß', 'ss'], ['ẞ', 'SS'], ['æ', 'ae'], ['Æ', 'AE'], ['œ', 'oe'], ['Œ', 'OE'], ['þ', 'th'], ['Þ', 'TH']]) {
    expression = `replace(${expression}, ${quote(letter!)}, ${quote(spelled!)})`;
  }
  return expression;
}

/** Every token type of the default parser that can hold letters or digits. */
const WORD_TOKENS = 'asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart';

const PG_FUNCTIONS = [
  'contact_search_text(text)',
  'contact_search_prefix_query(text)',
  'contact_search_document(text, text, text, text, text)',
  'contact_search_refresh(text[])',
  'contact_search_after_contact_insert()',
  'contact_search_after_contact_update()',
  'contact_search_after_tag_insert()',
  'contact_search_after_tag_delete()',
  'contact_search_after_tag_update()',
  'contact_search_after_organization_update()',
];

const PG_TRIGGERS: [name: string, table: string, definition: string][] = [
  ['contact_search_contact_insert', 'contact', 'after insert on contact referencing new table as new_rows for each statement execute function contact_search_after_contact_insert()'],
  ['contact_search_contact_update', 'contact', 'after update on contact referencing old table as old_rows new table as new_rows for each statement execute function contact_search_after_contact_update()'],
  ['contact_search_tag_insert', 'contact_tag', 'after insert on contact_tag referencing new table as new_rows for each statement execute function contact_search_after_tag_insert()'],
  ['contact_search_tag_delete', 'contact_tag', 'after delete on contact_tag referencing old table as old_rows for each statement execute function contact_search_after_tag_delete()'],
  ['contact_search_tag_update', 'contact_tag', 'after update on contact_tag referencing old table as old_rows new table as new_rows for each statement execute function contact_search_after_tag_update()'],
  ['contact_search_organization_update', 'organization', 'after update on organization referencing old table as old_rows new table as new_rows for each statement execute function contact_search_after_organization_update()'],
];

/** Exported for tests, which also build it without `unaccent`. */
export async function upPostgres(db: Kysely<any>, withUnaccent: boolean): Promise<void> {
  // 'simple' (no stemming, no stop words: names are not English words), with
  // unaccent in front of it when available so "emile" finds "Émile".
  await sql`create text search configuration rapport_search (copy = simple)`.execute(db);
  if (withUnaccent) {
    await sql.raw(`alter text search configuration rapport_search alter mapping for ${WORD_TOKENS} with unaccent, simple`).execute(db);
  }

  // Punctuation becomes space, as FTS5's tokenizer treats it, so "acme" finds
  // "acme.com" and "dana@contoso.example" on both databases.
  const words = `regexp_replace($1, '[[:punct:]]+', ' ', 'g')`;
  await sql
    .raw(
      `create function contact_search_text(text) returns text language sql immutable strict parallel safe
       as $$ select ${withUnaccent ? words : fallbackFoldSql(words)} $$`,
    )
    .execute(db);
  // One search word as a prefix query, quoted as a literal whatever it holds (`'`
  // doubled, `\` escaped, as to_tsquery reads them), so user text is never syntax.
  await sql`
    create function contact_search_prefix_query(word text) returns tsquery language sql immutable strict parallel safe as $$
      select to_tsquery('rapport_search',
        '''' || replace(replace(nullif(contact_search_text(word), ''), '\\', '\\\\'), '''', '''''') || ''':*')
    $$`.execute(db);
  await sql`
    create function contact_search_document(name text, organization text, title text, tags text, notes text)
    returns tsvector language sql immutable parallel safe as $$
      select setweight(to_tsvector('rapport_search', coalesce(substring(contact_search_text(name) from '[^[:space:]]+'), '')), 'D')
          || setweight(to_tsvector('rapport_search', coalesce(contact_search_text(name), '')), 'A')
          || setweight(to_tsvector('rapport_search', coalesce(contact_search_text(organization), '')), 'B')
          || setweight(to_tsvector('rapport_search', coalesce(contact_search_text(title), '')), 'B')
          || setweight(to_tsvector('rapport_search', coalesce(contact_search_text(tags), '')), 'B')
          || setweight(to_tsvector('rapport_search', coalesce(contact_search_text(notes), '')), 'C')
    $$`.execute(db);

  await db.schema
    .createTable('contact_search')
    .addColumn('contact_id', 'text', (c) => c.primaryKey().references('contact.id').onDelete('cascade'))
    .addColumn('owner_id', 'text', (c) => c.notNull())
    // The contact's sort key, so ranking never has to visit the contact rows.
    .addColumn('name_key', columnTypes(db).sortKey, (c) => c.notNull())
    .addColumn('document', sql`tsvector`, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contact_search_document_idx').on('contact_search').using('gin').column('document').execute();
  // Lets the planner start from one account's rows when a prefix matches half the instance.
  await db.schema.createIndex('contact_search_owner_idx').on('contact_search').column('owner_id').execute();

  await sql`
    create function contact_search_refresh(ids text[]) returns void language sql as $$
      insert into contact_search (contact_id, owner_id, name_key, document)
      select c.id, c.owner_id, c.name_key, contact_search_document(c.name, o.name, c.title, t.tags, c.notes)
      from contact c
      left join organization o on o.id = c.organization_id
      left join lateral (
        select string_agg(ct.tag, ' ' order by ct.position) as tags from contact_tag ct where ct.contact_id = c.id
      ) t on true
      where c.id = any (ids)
      on conflict (contact_id) do update set owner_id = excluded.owner_id, name_key = excluded.name_key, document = excluded.document
    $$`.execute(db);

  const triggerFunction = (name: string, ids: string) =>
    sql
      .raw(
        `create function ${name}() returns trigger language plpgsql as $$
         begin
           perform contact_search_refresh(array(${ids}));
           return null;
         end $$`,
      )
      .execute(db);
  await triggerFunction('contact_search_after_contact_insert', 'select id from new_rows');
  await triggerFunction(
    'contact_search_after_contact_update',
    `select n.id from new_rows n join old_rows o on o.id = n.id
     where (n.name, n.name_key, n.title, n.notes, n.organization_id, n.owner_id)
       is distinct from (o.name, o.name_key, o.title, o.notes, o.organization_id, o.owner_id)`,
  );
  await triggerFunction('contact_search_after_tag_insert', 'select distinct contact_id from new_rows');
  await triggerFunction('contact_search_after_tag_delete', 'select distinct contact_id from old_rows');
  await triggerFunction(
    'contact_search_after_tag_update',
    'select contact_id from old_rows union select contact_id from new_rows',
  );
  // A deleted organization nulls its contacts' organization_id, which the contact
  // update trigger sees; only a rename needs this one.
  await triggerFunction(
    'contact_search_after_organization_update',
    `select c.id from contact c join new_rows n on n.id = c.organization_id join old_rows o on o.id = n.id
     where n.name is distinct from o.name`,
  );

  await sql`select contact_search_refresh(array(select id from contact))`.execute(db);

  for (const [name, , definition] of PG_TRIGGERS) await sql.raw(`create trigger ${name} ${definition}`).execute(db);
}

async function downPostgres(db: Kysely<any>): Promise<void> {
  for (const [name, table] of PG_TRIGGERS) await sql.raw(`drop trigger if exists ${name} on ${table}`).execute(db);
  await db.schema.dropTable('contact_search').execute();
  for (const signature of PG_FUNCTIONS.toReversed()) await sql.raw(`drop function if exists ${signature}`).execute(db);
  await sql`drop text search configuration if exists rapport_search`.execute(db);
  // unaccent stays: other things may have come to use it.
}
