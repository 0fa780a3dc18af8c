import { PostgresAdapter, sql, type Kysely } from 'kysely';
import * as m0006 from './0006_interview_search.ts';

/**
 * Interview search (0006) made again, with names and notes as two vocabularies,
 * and contact search's name lookups made index reads. 0006 shipped, so this
 * migration takes its objects off (0006's own `down`) and builds the new ones
 * over the interviews already there; its `down` puts 0006's form back.
 *
 * One search row per interview in `interview_search`, kept by triggers on
 * `interview` and on `contact` (a rename), so every writer keeps the index right
 * without knowing of it. The row holds the notes and the contact's name, so
 * "dana salary" finds the interview with Dana whose notes speak of salary.
 *
 * The name's words are indexed with a mark in front ("\uE000dana" on SQLite,
 * "~dana" on PostgreSQL) that no typed word can carry, so names and notes are
 * two vocabularies in one index: a word looked up in the notes never wades
 * through every interview with a contact of that name, and a search can ask for
 * "in the notes" (at least one word must be there) without a column filter.
 *
 * Interview hits come newest first, so each row carries `doc_id`, the order in
 * which interviews were indexed: creation order (the backfill follows
 * `created_at`). Both engines walk the matches in that order and stop after a
 * page, however many of 200,000 notes hold a common word.
 *
 * A separate index rather than more columns of `contact_search`: an account holds
 * many interviews per contact, each its own hit, and notes must not slow down a
 * name search that never needs them.
 *
 * - SQLite: `interview_search` holds the text (the name marked); `interview_fts`
 *   is an FTS5 index over it (external content, rowid = `doc_id`), tokenized as
 *   `contact_fts` is. `detail = column`, as hits are never ranked by word
 *   positions: half the size of a full index, and merging the doclists of a
 *   prefix is twice as fast. Prefix indexes up to 7 characters, so a word typed
 *   whole is read as a list rather than merged from every word it begins.
 * - PostgreSQL: `interview_search.document` is a `tsvector` of the notes and the
 *   marked name, built with 0003's `rapport_search` configuration and
 *   `contact_search_text` folding, without positions, with a GIN index and a
 *   b-tree on (owner_id, doc_id) to read one account's matches newest first.
 *   Triggers run per statement. `interview_search_name_query(word)` is 0003's
 *   prefix query for the marked name.
 *
 * And for contact search, which answers in the same request: on SQLite,
 * `contact_fts` rebuilt with the same prefix indexes up to 7 characters; on
 * PostgreSQL, a GIN index of the names alone (`ts_filter(document, '{a}')`), so
 * "which contacts' names begin with this" is an index lookup, not a scan of
 * every contact whose notes say it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await m0006.down(db);
  if (isPostgres(db)) await upPostgres(db);
  else await upSqlite(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await downPostgres(db);
  else await downSqlite(db);
  await m0006.up(db);
}

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

// --- SQLite --------------------------------------------------------------------

/**
 * The mark in front of every word of a name in `interview_fts`: a private-use
 * character, part of a word to FTS5's unicode61 tokenizer (categories L*, N*,
 * Co) but never part of a search word (letters, digits, marks only).
 */
export const SQLITE_NAME_MARK = '\uE000';

/**
 * Everything that separates words in names, as far as people write them: ASCII
 * punctuation, spaces and symbols, and the Unicode punctuation found in names.
 * SQL has no tokenizer, so the mark goes after each of these; a word after a
 * separator missing here (an emoji glued to a name, say) would go unmarked and
 * count as a word of the notes.
 */
const NAME_SEPARATORS = [
  ...' \t\n\r!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  '\u00a0', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2018', '\u2019', '\u201a', '\u201c', '\u201d', '\u201e',
  '\u2026', '\u00b7', '\u2022', '\u00ab', '\u00bb', '\u2039', '\u203a', '\u00bf', '\u00a1', '\u3001', '\u3002', '\uff0c', '\u30fb',
];

const sqlString = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** SQL for `name` with the mark in front of each of its words. Exported for tests. */
export function sqliteMarkedName(name: string): string {
  let expression = name;
  for (const separator of NAME_SEPARATORS) {
    expression = `replace(${expression}, ${sqlString(separator)}, ${sqlString(separator + SQLITE_NAME_MARK)})`;
  }
  return `${sqlString(SQLITE_NAME_MARK)} || ${expression}`;
}

/** Columns of `interview_search` that FTS5 indexes. */
const SQLITE_FTS_COLUMNS = ['name', 'notes'] as const;

/** Upserts the search rows of the interviews that `where` picks, from the interview and its contact. */
function sqliteUpsert(where: string): string {
  return `
    insert into interview_search (interview_id, owner_id, contact_id, name, notes)
    select i.id, i.owner_id, i.contact_id, ${sqliteMarkedName('c.name')}, i.notes
    from interview i join contact c on c.id = i.contact_id
    where ${where}
    on conflict (interview_id) do update set
      owner_id = excluded.owner_id, contact_id = excluded.contact_id, name = excluded.name, notes = excluded.notes;`;
}

const ftsValues = (row: 'new' | 'old') => SQLITE_FTS_COLUMNS.map((column) => `${row}.${column}`).join(', ');
const FTS_COLUMN_LIST = SQLITE_FTS_COLUMNS.join(', ');

const SQLITE_TRIGGERS: Record<string, string> = {
  // The index follows its content table (FTS5's external-content pattern).
  interview_search_fts_insert: `after insert on interview_search begin
    insert into interview_fts (rowid, ${FTS_COLUMN_LIST}) values (new.doc_id, ${ftsValues('new')});
  end`,
  interview_search_fts_delete: `after delete on interview_search begin
    insert into interview_fts (interview_fts, rowid, ${FTS_COLUMN_LIST}) values ('delete', old.doc_id, ${ftsValues('old')});
  end`,
  interview_search_fts_update: `after update on interview_search
  when ${SQLITE_FTS_COLUMNS.map((column) => `new.${column} is not old.${column}`).join(' or ')} or new.doc_id is not old.doc_id
  begin
    insert into interview_fts (interview_fts, rowid, ${FTS_COLUMN_LIST}) values ('delete', old.doc_id, ${ftsValues('old')});
    insert into interview_fts (rowid, ${FTS_COLUMN_LIST}) values (new.doc_id, ${ftsValues('new')});
  end`,

  // The content table follows interviews…
  interview_search_interview_insert: `after insert on interview begin ${sqliteUpsert('i.id = new.id')} end`,
  interview_search_interview_update: `after update of notes, contact_id, owner_id on interview
  when new.notes is not old.notes or new.contact_id is not old.contact_id or new.owner_id is not old.owner_id
  begin ${sqliteUpsert('i.id = new.id')} end`,
  // Also when the deletion of a contact or an account cascades here.
  interview_search_interview_delete: `after delete on interview begin
    delete from interview_search where interview_id = old.id;
  end`,
  // …and the names of their contacts.
  interview_search_contact_rename: `after update of name on contact when new.name is not old.name begin
    update interview_search set name = ${sqliteMarkedName('new.name')} where contact_id = new.id;
  end`,
};

async function upSqlite(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('interview_search')
    .addColumn('doc_id', 'integer', (c) => c.primaryKey())
    .addColumn('interview_id', 'text', (c) => c.notNull().unique())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    // The contact's name, each word marked.
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .execute();
  // For a contact's rename.
  await db.schema.createIndex('interview_search_contact_idx').on('interview_search').column('contact_id').execute();
  // Oldest first, so doc_id follows creation here as it does for interviews added later.
  await sql.raw(sqliteUpsert('true order by i.created_at, i.id')).execute(db);

  // As contact_fts: "emile" finds "Émile"; the prefixes typed into a search box stay cheap.
  await sql`
    create virtual table interview_fts using fts5(
      ${sql.raw(FTS_COLUMN_LIST)},
      content = 'interview_search', content_rowid = 'doc_id',
      tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4 5 6 7', detail = column
    )`.execute(db);
  await sql`insert into interview_fts (interview_fts) values ('rebuild')`.execute(db);

  for (const [name, body] of Object.entries(SQLITE_TRIGGERS)) {
    await sql.raw(`create trigger ${name} ${body}`).execute(db);
  }

  await rebuildContactFts(db, '2 3 4 5 6 7');
}

/**
 * 0003's `contact_fts` again with other prefix indexes. Its triggers name it and
 * stay; the index is built afresh from `contact_search`.
 */
async function rebuildContactFts(db: Kysely<any>, prefix: string): Promise<void> {
  await sql`drop table contact_fts`.execute(db);
  await sql`
    create virtual table contact_fts using fts5(
      name, organization, title, tags, notes,
      content = 'contact_search', content_rowid = 'doc_id',
      tokenize = 'unicode61 remove_diacritics 2', prefix = ${sql.lit(prefix)}
    )`.execute(db);
  await sql`insert into contact_fts (contact_fts) values ('rebuild')`.execute(db);
}

async function downSqlite(db: Kysely<any>): Promise<void> {
  await rebuildContactFts(db, '2 3');
  for (const name of Object.keys(SQLITE_TRIGGERS)) await sql.raw(`drop trigger if exists ${name}`).execute(db);
  await sql`drop table interview_fts`.execute(db);
  await db.schema.dropTable('interview_search').execute();
}

// --- PostgreSQL ----------------------------------------------------------------

/** The mark in front of every lexeme of a name in `interview_search.document`; folded words never hold punctuation. */
export const PG_NAME_MARK = '~';

const PG_FUNCTIONS = [
  'interview_search_name_query(text)',
  'interview_search_document(text, text)',
  'interview_search_refresh(text[])',
  'interview_search_after_interview_insert()',
  'interview_search_after_interview_update()',
  'interview_search_after_contact_update()',
];

const PG_TRIGGERS: [name: string, table: string, definition: string][] = [
  ['interview_search_interview_insert', 'interview', 'after insert on interview referencing new table as new_rows for each statement execute function interview_search_after_interview_insert()'],
  ['interview_search_interview_update', 'interview', 'after update on interview referencing old table as old_rows new table as new_rows for each statement execute function interview_search_after_interview_update()'],
  ['interview_search_contact_update', 'contact', 'after update on contact referencing old table as old_rows new table as new_rows for each statement execute function interview_search_after_contact_update()'],
];

async function upPostgres(db: Kysely<any>): Promise<void> {
  // The notes' lexemes without positions (nothing ranks them), and the name's
  // lexemes marked. Folding and configuration as contact documents.
  await sql`
    create function interview_search_document(name text, notes text)
    returns tsvector language sql immutable parallel safe as $$
      select strip(to_tsvector('rapport_search', coalesce(contact_search_text(notes), '')))
          || array_to_tsvector(array(
               select ${sql.lit(PG_NAME_MARK)} || lexeme from unnest(to_tsvector('rapport_search', coalesce(contact_search_text(name), '')))
             ))
    $$`.execute(db);
  // One search word as a prefix of a word of the name: 0003's
  // contact_search_prefix_query (folded, quoted) with the mark in front of each lexeme.
  await sql`
    create function interview_search_name_query(word text) returns tsquery language sql immutable strict parallel safe as $$
      select regexp_replace(contact_search_prefix_query(word)::text, '(^|[ (!])''', ${sql.lit(`\\1'${PG_NAME_MARK}`)}, 'g')::tsquery
    $$`.execute(db);

  await db.schema
    .createTable('interview_search')
    .addColumn('interview_id', 'text', (c) => c.primaryKey().references('interview.id').onDelete('cascade'))
    .addColumn('doc_id', 'bigint', (c) => c.notNull().generatedByDefaultAsIdentity())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('document', sql`tsvector`, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('interview_search_document_idx').on('interview_search').using('gin').column('document').execute();
  // One account's rows, newest first: a common word's hits are read in this order, a page at a time.
  await db.schema.createIndex('interview_search_recent_idx').on('interview_search').columns(['owner_id', 'doc_id']).execute();
  // For a contact's rename.
  await db.schema.createIndex('interview_search_contact_idx').on('interview_search').column('contact_id').execute();

  await sql`
    create function interview_search_refresh(ids text[]) returns void language sql as $$
      insert into interview_search (interview_id, owner_id, contact_id, document)
      select i.id, i.owner_id, i.contact_id, interview_search_document(c.name, i.notes)
      from interview i join contact c on c.id = i.contact_id
      where i.id = any (ids)
      order by i.created_at, i.id
      on conflict (interview_id) do update set
        owner_id = excluded.owner_id, contact_id = excluded.contact_id, document = excluded.document
    $$`.execute(db);

  const triggerFunction = (name: string, ids: string) =>
    sql
      .raw(
        `create function ${name}() returns trigger language plpgsql as $$
         begin
           perform interview_search_refresh(array(${ids}));
           return null;
         end $$`,
      )
      .execute(db);
  await triggerFunction('interview_search_after_interview_insert', 'select id from new_rows');
  await triggerFunction(
    'interview_search_after_interview_update',
    `select n.id from new_rows n join old_rows o on o.id = n.id
     where (n.notes, n.contact_id, n.owner_id) is distinct from (o.notes, o.contact_id, o.owner_id)`,
  );
  // A deleted interview takes its row along (the foreign key cascades); a renamed
  // contact's interviews are indexed again.
  await triggerFunction(
    'interview_search_after_contact_update',
    `select i.id from interview i join new_rows n on n.id = i.contact_id join old_rows o on o.id = n.id
     where n.name is distinct from o.name`,
  );

  // The refresh inserts in creation order, so doc_id follows creation here as it does later.
  await sql`select interview_search_refresh(array(select id from interview))`.execute(db);

  for (const [name, , definition] of PG_TRIGGERS) await sql.raw(`create trigger ${name} ${definition}`).execute(db);

  // Contact search's name tier (0003's weight A) as an index lookup.
  await sql`create index contact_search_name_idx on contact_search using gin (ts_filter(document, '{a}'))`.execute(db);
}

async function downPostgres(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists contact_search_name_idx`.execute(db);
  for (const [name, table] of PG_TRIGGERS) await sql.raw(`drop trigger if exists ${name} on ${table}`).execute(db);
  await db.schema.dropTable('interview_search').execute();
  for (const signature of PG_FUNCTIONS.toReversed()) await sql.raw(`drop function if exists ${signature}`).execute(db);
}
