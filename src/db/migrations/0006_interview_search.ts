import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Full-text search over interview notes, beside the contact search of 0003.
 *
 * One search row per interview in `interview_search`, kept by triggers on
 * `interview` and on `contact` (a rename), so every writer keeps the index right
 * without knowing of it. The row holds the notes and the contact's name, so
 * "dana salary" finds the interview with Dana whose notes speak of salary; the
 * search itself asks for at least one word in the notes, so a name alone finds
 * the contact, not every interview with them.
 *
 * Interview hits come newest first, so each row carries `doc_id`, the order in
 * which interviews were indexed: creation order (the backfill follows
 * `created_at`). Both engines walk matches in that order and stop after a page,
 * however many of 200,000 notes hold a common word; no relevance score over all
 * matches is ever needed.
 *
 * A separate index rather than more columns of `contact_search`: an account holds
 * many interviews per contact, each its own hit, and notes must not slow down a
 * name search that never needs them.
 *
 * - SQLite: `interview_search` holds the text; `interview_fts` is an FTS5 index
 *   over it (external content, rowid = `doc_id`), tokenized as `contact_fts` is.
 *   `detail = column`, as hits are never ranked by word positions: the index is
 *   half the size, and prefix queries over common words about twice as fast.
 * - PostgreSQL: `interview_search.document` is a `tsvector` (name weighted A,
 *   notes C), built with 0003's `rapport_search` configuration and
 *   `contact_search_text` folding, with a GIN index and a b-tree on
 *   (owner_id, doc_id) to read one account's matches newest first. Triggers run
 *   per statement. `search_prefix_query(word, weights)` is 0003's prefix query
 *   limited to some weights ('C': in the notes, 'A': in the name).
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await upPostgres(db);
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

/** Columns of `interview_search` that FTS5 indexes. */
const SQLITE_FTS_COLUMNS = ['name', 'notes'] as const;

/** Upserts the search rows of the interviews that `where` picks, from the interview and its contact. */
function sqliteUpsert(where: string): string {
  return `
    insert into interview_search (interview_id, owner_id, contact_id, name, notes)
    select i.id, i.owner_id, i.contact_id, c.name, i.notes
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
    update interview_search set name = new.name where contact_id = new.id;
  end`,
};

async function upSqlite(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('interview_search')
    .addColumn('doc_id', 'integer', (c) => c.primaryKey())
    .addColumn('interview_id', 'text', (c) => c.notNull().unique())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .execute();
  // For a contact's rename.
  await db.schema.createIndex('interview_search_contact_idx').on('interview_search').column('contact_id').execute();
  // Oldest first, so doc_id follows creation here as it does for interviews added later.
  await sql.raw(sqliteUpsert('true order by i.created_at, i.id')).execute(db);

  // As contact_fts: "emile" finds "Émile"; short prefixes typed into a search box stay cheap.
  await sql`
    create virtual table interview_fts using fts5(
      ${sql.raw(FTS_COLUMN_LIST)},
      content = 'interview_search', content_rowid = 'doc_id',
      tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3', detail = column
    )`.execute(db);
  await sql`insert into interview_fts (interview_fts) values ('rebuild')`.execute(db);

  for (const [name, body] of Object.entries(SQLITE_TRIGGERS)) {
    await sql.raw(`create trigger ${name} ${body}`).execute(db);
  }
}

async function downSqlite(db: Kysely<any>): Promise<void> {
  for (const name of Object.keys(SQLITE_TRIGGERS)) await sql.raw(`drop trigger if exists ${name}`).execute(db);
  await sql`drop table interview_fts`.execute(db);
  await db.schema.dropTable('interview_search').execute();
}

// --- PostgreSQL ----------------------------------------------------------------

const PG_FUNCTIONS = [
  'search_prefix_query(text, text)',
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
  // One search word as a prefix limited to `weights` ('' for any): 0003's
  // contact_search_prefix_query with a weight list, the same folding and quoting.
  // Weights come from code, never from what people type.
  await sql`
    create function search_prefix_query(word text, weights text) returns tsquery language sql immutable strict parallel safe as $$
      select to_tsquery('rapport_search',
        '''' || replace(replace(nullif(contact_search_text(word), ''), '\\', '\\\\'), '''', '''''') || ''':*' || weights)
    $$`.execute(db);
  await sql`
    create function interview_search_document(name text, notes text)
    returns tsvector language sql immutable parallel safe as $$
      select setweight(to_tsvector('rapport_search', coalesce(contact_search_text(name), '')), 'A')
          || setweight(to_tsvector('rapport_search', coalesce(contact_search_text(notes), '')), 'C')
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

  // Oldest first, so doc_id follows creation here as it does for interviews added later.
  await sql`select interview_search_refresh(array(select id from interview))`.execute(db);

  for (const [name, , definition] of PG_TRIGGERS) await sql.raw(`create trigger ${name} ${definition}`).execute(db);
}

async function downPostgres(db: Kysely<any>): Promise<void> {
  for (const [name, table] of PG_TRIGGERS) await sql.raw(`drop trigger if exists ${name} on ${table}`).execute(db);
  await db.schema.dropTable('interview_search').execute();
  for (const signature of PG_FUNCTIONS.toReversed()) await sql.raw(`drop function if exists ${signature}`).execute(db);
}
