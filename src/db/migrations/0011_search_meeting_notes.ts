import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { sqliteMarkedName } from './0009_interview_search_marked_names.ts';

/**
 * Interview search (0009) over everything the seeker writes about a
 * conversation, not only the interview's notes: the research notes on the person
 * and the organization, the free notes typed in meeting mode, the answers jotted
 * under each question, and the write-up (what was learned, what was given back,
 * the lead). Searching "kubernetes" finds the conversation where the host talked
 * about it, whichever of these it was typed into.
 *
 * All of it is the interview's "notes" vocabulary: `interview_search.notes`
 * (SQLite) and the notes part of `interview_search.document` (PostgreSQL) hold
 * the interview's notes, then its research notes, meeting notes, answers (in
 * agenda order) and write-up, the non-empty ones joined with line breaks. The
 * name stays its own, marked vocabulary, so the search itself is unchanged.
 *
 * 0009's tables, indexes and search functions stay as they are: this migration
 * replaces only what builds a row (0009's triggers on `interview`, and on
 * PostgreSQL `interview_search_refresh`), adds triggers on `meeting_session`,
 * `agenda_item` and `write_up` so every writer keeps the index right without
 * knowing of it, and indexes again the interviews that have any of the new text.
 * Taking 0009 off whole and building it again (as 0009 did to 0006) would
 * rebuild contact search and every interview's row twice for nothing. Its `down`
 * puts 0009's triggers and functions back, word for word, and indexes those
 * interviews again from their notes alone.
 *
 * A new interview has no meeting, answers or write-up yet (they reference it),
 * so its row is built from the interview alone: inserting many interviews (a
 * restore, an import, the bench's 200,000) costs what it did under 0009.
 *
 * PostgreSQL also gains `interview_search_notes(interview_id)`, the same text
 * for one interview, which search reads for the passage it quotes.
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

/** Write-up columns indexed as notes, in order. */
const WRITE_UP_COLUMNS = ['learned', 'gave_back', 'lead'] as const;

/** The interview's own text columns indexed as notes, in order. */
const INTERVIEW_COLUMNS = ['notes', 'research_person', 'research_organization'] as const;

/**
 * Interviews that have any text besides their notes: the ones whose row this
 * migration (and its `down`) changes.
 */
const WITH_MORE_TEXT = `
  research_person <> '' or research_organization <> ''
  or id in (select interview_id from meeting_session where notes <> '')
  or id in (select interview_id from agenda_item where answer <> '')
  or id in (select interview_id from write_up where ${WRITE_UP_COLUMNS.map((c) => `${c} <> ''`).join(' or ')})`;

/**
 * The SQL of an interview's notes text: the non-empty parts joined with line
 * breaks, null when there are none. `row` names the interview row; `children`
 * adds the meeting notes, answers and write-up (a subquery each, by index).
 * SQLite's `concat_ws` and PostgreSQL's both skip nulls.
 */
function notesText(dialect: 'sqlite' | 'postgres', row: string, children: boolean): string {
  const newline = dialect === 'sqlite' ? 'char(10)' : `E'\\n'`;
  const joined = (parts: string[]) => `nullif(concat_ws(${newline}, ${parts.join(', ')}), '')`;
  const parts = INTERVIEW_COLUMNS.map((column) => `nullif(${row}.${column}, '')`);
  if (children) {
    const answers = dialect === 'sqlite' ? 'group_concat(a.answer, char(10) order by a.position, a.id)' : `string_agg(a.answer, E'\\n' order by a.position, a.id)`;
    parts.push(
      `(select nullif(m.notes, '') from meeting_session m where m.interview_id = ${row}.id)`,
      `(select ${answers} from agenda_item a where a.interview_id = ${row}.id and a.answer <> '')`,
      `(select ${joined(WRITE_UP_COLUMNS.map((column) => `nullif(w.${column}, '')`))} from write_up w where w.interview_id = ${row}.id)`,
    );
  }
  return joined(parts);
}

/** What a change to a row of the tables feeding the notes must look at. */
const CHILD_TABLES: { table: string; columns: readonly string[]; order: readonly string[] }[] = [
  { table: 'meeting_session', columns: ['notes'], order: [] },
  // Answers follow agenda order in the text.
  { table: 'agenda_item', columns: ['answer'], order: ['position'] },
  { table: 'write_up', columns: WRITE_UP_COLUMNS, order: [] },
];

// --- SQLite --------------------------------------------------------------------

/** Upserts the search rows of the interviews that `where` picks, as 0009 does, with the notes text of 0011. */
function sqliteUpsert(where: string, children: boolean): string {
  return `
    insert into interview_search (interview_id, owner_id, contact_id, name, notes)
    select i.id, i.owner_id, i.contact_id, ${sqliteMarkedName('c.name')}, ${notesText('sqlite', 'i', children)}
    from interview i join contact c on c.id = i.contact_id
    where ${where}
    on conflict (interview_id) do update set
      owner_id = excluded.owner_id, contact_id = excluded.contact_id, name = excluded.name, notes = excluded.notes;`;
}

const changed = (columns: readonly string[]) => columns.map((column) => `new.${column} is not old.${column}`).join(' or ');
const nonEmpty = (row: 'new' | 'old', columns: readonly string[]) => columns.map((column) => `${row}.${column} <> ''`).join(' or ');

const SQLITE_INTERVIEW_COLUMNS = [...INTERVIEW_COLUMNS, 'contact_id', 'owner_id'];

const SQLITE_TRIGGERS: Record<string, string> = {
  // 0009's triggers on interview, replaced. A new interview has nothing else yet.
  interview_search_interview_insert: `after insert on interview begin ${sqliteUpsert('i.id = new.id', false)} end`,
  interview_search_interview_update: `after update of ${SQLITE_INTERVIEW_COLUMNS.join(', ')} on interview
  when ${changed(SQLITE_INTERVIEW_COLUMNS)}
  begin ${sqliteUpsert('i.id = new.id', true)} end`,
  // The meeting notes, answers and write-up. A delete that cascades from the
  // interview finds no interview to index again (its row went with it).
  ...Object.fromEntries(
    CHILD_TABLES.flatMap(({ table, columns, order }) => [
      [`interview_search_${table}_insert`, `after insert on ${table} when ${nonEmpty('new', columns)} begin ${sqliteUpsert('i.id = new.interview_id', true)} end`],
      [
        `interview_search_${table}_update`,
        `after update of ${[...columns, ...order, 'interview_id'].join(', ')} on ${table} when ${changed([...columns, ...order, 'interview_id'])}
  begin ${sqliteUpsert('i.id in (old.interview_id, new.interview_id)', true)} end`,
      ],
      [`interview_search_${table}_delete`, `after delete on ${table} when ${nonEmpty('old', columns)} begin ${sqliteUpsert('i.id = old.interview_id', true)} end`],
    ]),
  ),
};

/** 0009's upsert and triggers on interview, word for word, for `down`. */
function sqliteUpsert0009(where: string): string {
  return `
    insert into interview_search (interview_id, owner_id, contact_id, name, notes)
    select i.id, i.owner_id, i.contact_id, ${sqliteMarkedName('c.name')}, i.notes
    from interview i join contact c on c.id = i.contact_id
    where ${where}
    on conflict (interview_id) do update set
      owner_id = excluded.owner_id, contact_id = excluded.contact_id, name = excluded.name, notes = excluded.notes;`;
}

const SQLITE_TRIGGERS_0009: Record<string, string> = {
  interview_search_interview_insert: `after insert on interview begin ${sqliteUpsert0009('i.id = new.id')} end`,
  interview_search_interview_update: `after update of notes, contact_id, owner_id on interview
  when new.notes is not old.notes or new.contact_id is not old.contact_id or new.owner_id is not old.owner_id
  begin ${sqliteUpsert0009('i.id = new.id')} end`,
};

async function upSqlite(db: Kysely<any>): Promise<void> {
  for (const name of Object.keys(SQLITE_TRIGGERS_0009)) await sql.raw(`drop trigger ${name}`).execute(db);
  for (const [name, body] of Object.entries(SQLITE_TRIGGERS)) await sql.raw(`create trigger ${name} ${body}`).execute(db);
  // The upsert keeps each row's doc_id, so the order of hits stays creation order.
  await sql.raw(sqliteUpsert(`i.id in (select id from interview where ${WITH_MORE_TEXT})`, true)).execute(db);
}

async function downSqlite(db: Kysely<any>): Promise<void> {
  for (const name of Object.keys(SQLITE_TRIGGERS)) await sql.raw(`drop trigger ${name}`).execute(db);
  for (const [name, body] of Object.entries(SQLITE_TRIGGERS_0009)) await sql.raw(`create trigger ${name} ${body}`).execute(db);
  await sql`
    update interview_search set notes = (select i.notes from interview i where i.id = interview_search.interview_id)
    where notes is not (select i.notes from interview i where i.id = interview_search.interview_id)`.execute(db);
}

// --- PostgreSQL ----------------------------------------------------------------

/** Upserts the search rows of the interviews `ids`, from the interview, its contact and what was written about it. */
const PG_REFRESH = `
      insert into interview_search (interview_id, owner_id, contact_id, document)
      select i.id, i.owner_id, i.contact_id, interview_search_document(c.name, ${notesText('postgres', 'i', true)})
      from interview i join contact c on c.id = i.contact_id
      where i.id = any (ids)
      order by i.created_at, i.id
      on conflict (interview_id) do update set
        owner_id = excluded.owner_id, contact_id = excluded.contact_id, document = excluded.document`;

/** 0009's, word for word, for `down`. */
const PG_REFRESH_0009 = `
      insert into interview_search (interview_id, owner_id, contact_id, document)
      select i.id, i.owner_id, i.contact_id, interview_search_document(c.name, i.notes)
      from interview i join contact c on c.id = i.contact_id
      where i.id = any (ids)
      order by i.created_at, i.id
      on conflict (interview_id) do update set
        owner_id = excluded.owner_id, contact_id = excluded.contact_id, document = excluded.document
    `;

const pgTriggerFunction = (name: string, body: string) =>
  `create or replace function ${name}() returns trigger language plpgsql as $$
         begin
           ${body};
           return null;
         end $$`;
const pgRefresh = (ids: string) => `perform interview_search_refresh(array(${ids}))`;

/** 0009's trigger functions on interview, word for word. */
const PG_INTERVIEW_FUNCTIONS_0009: [name: string, ids: string][] = [
  ['interview_search_after_interview_insert', 'select id from new_rows'],
  [
    'interview_search_after_interview_update',
    `select n.id from new_rows n join old_rows o on o.id = n.id
     where (n.notes, n.contact_id, n.owner_id) is distinct from (o.notes, o.contact_id, o.owner_id)`,
  ],
];

const PG_INTERVIEW_COLUMNS = [...INTERVIEW_COLUMNS, 'contact_id', 'owner_id'];

const PG_INTERVIEW_FUNCTIONS: [name: string, body: string][] = [
  // A new interview has nothing else yet: its row from the inserted rows alone,
  // oldest first as 0009's refresh orders them.
  [
    'interview_search_after_interview_insert',
    `insert into interview_search (interview_id, owner_id, contact_id, document)
           select n.id, n.owner_id, n.contact_id, interview_search_document(c.name, ${notesText('postgres', 'n', false)})
           from new_rows n join contact c on c.id = n.contact_id
           order by n.created_at, n.id
           on conflict (interview_id) do update set
             owner_id = excluded.owner_id, contact_id = excluded.contact_id, document = excluded.document`,
  ],
  [
    'interview_search_after_interview_update',
    pgRefresh(`select n.id from new_rows n join old_rows o on o.id = n.id
     where (${PG_INTERVIEW_COLUMNS.map((c) => `n.${c}`).join(', ')}) is distinct from (${PG_INTERVIEW_COLUMNS.map((c) => `o.${c}`).join(', ')})`),
  ],
];

/**
 * One trigger function per table feeding the notes, for its inserts, updates and
 * deletes. An update indexes again the interviews of the rows whose text (or
 * interview, or place in the agenda) changed: the rows in one transition table
 * and not, as they were, in the other.
 */
const PG_CHILD_FUNCTIONS = CHILD_TABLES.map(({ table, columns, order }) => {
  const withText = columns.map((c) => `${c} <> ''`).join(' or ');
  const tracked = [...columns, ...order, 'interview_id'].join(', ');
  return [
    `interview_search_after_${table}_change`,
    `if tg_op = 'INSERT' then
             ${pgRefresh(`select interview_id from new_rows where ${withText}`)};
           elsif tg_op = 'DELETE' then
             ${pgRefresh(`select interview_id from old_rows where ${withText}`)};
           else
             ${pgRefresh(`select interview_id from (select ${tracked} from new_rows except all select ${tracked} from old_rows) now_rows
               union select interview_id from (select ${tracked} from old_rows except all select ${tracked} from new_rows) then_rows`)};
           end if`,
  ] as const;
});

/** Transition tables allow one event per trigger: three triggers per table. */
const PG_CHILD_TRIGGERS: [name: string, table: string, definition: string][] = CHILD_TABLES.flatMap(({ table }) => {
  const run = `for each statement execute function interview_search_after_${table}_change()`;
  return [
    [`interview_search_${table}_insert`, table, `after insert on ${table} referencing new table as new_rows ${run}`],
    [`interview_search_${table}_update`, table, `after update on ${table} referencing old table as old_rows new table as new_rows ${run}`],
    [`interview_search_${table}_delete`, table, `after delete on ${table} referencing old table as old_rows ${run}`],
  ] as [string, string, string][];
});

async function upPostgres(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `create function interview_search_notes(interview_id text) returns text language sql stable parallel safe as $$
      select ${notesText('postgres', 'i', true)} from interview i where i.id = interview_id
    $$`,
    )
    .execute(db);
  await sql.raw(`create or replace function interview_search_refresh(ids text[]) returns void language sql as $$${PG_REFRESH}\n    $$`).execute(db);
  for (const [name, body] of [...PG_INTERVIEW_FUNCTIONS, ...PG_CHILD_FUNCTIONS]) await sql.raw(pgTriggerFunction(name, body)).execute(db);
  for (const [name, , definition] of PG_CHILD_TRIGGERS) await sql.raw(`create trigger ${name} ${definition}`).execute(db);
  await sql.raw(`select interview_search_refresh(array(select id from interview where ${WITH_MORE_TEXT}))`).execute(db);
}

async function downPostgres(db: Kysely<any>): Promise<void> {
  for (const [name, table] of PG_CHILD_TRIGGERS) await sql.raw(`drop trigger ${name} on ${table}`).execute(db);
  for (const [name] of PG_CHILD_FUNCTIONS) await sql.raw(`drop function ${name}()`).execute(db);
  for (const [name, ids] of PG_INTERVIEW_FUNCTIONS_0009) await sql.raw(pgTriggerFunction(name, pgRefresh(ids))).execute(db);
  await sql.raw(`create or replace function interview_search_refresh(ids text[]) returns void language sql as $$${PG_REFRESH_0009}$$`).execute(db);
  await sql`drop function interview_search_notes(text)`.execute(db);
  // The interviews whose rows held more than their notes, indexed from their notes again.
  await sql.raw(`select interview_search_refresh(array(select id from interview where ${WITH_MORE_TEXT}))`).execute(db);
}
