/**
 * SQL for imports: read everything needed to match a file against one account in
 * a few queries, then write the plan in a few set-based statements. Dialect
 * differences (the PostgreSQL advisory lock, array parameters) stay here.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { ExistingContact } from '../core/import-plan.ts';
import type { Database } from '../db/schema.ts';
import type { ContactRow } from './contact.repository.ts';
import type { OrganizationRow } from './organization.repository.ts';
import { parseJsonArray } from './row-mapping.ts';

type Db = Kysely<Database>;

/** What matching needs to know of an existing contact: the import plan's own type. */
export type MatchableContact = ExistingContact;

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Serializes imports into one account on PostgreSQL, so two uploads of the same
 * file at once cannot both decide a person is new. SQLite transactions already
 * serialize writers.
 */
export async function lockAccountForImport(db: Db, ownerId: string): Promise<void> {
  if (isPostgres(db)) {
    await sql`select pg_advisory_xact_lock(hashtext(${`rapport-import:${ownerId}`}))`.execute(db);
  }
}

export async function loadMatchableContacts(db: Db, ownerId: string): Promise<MatchableContact[]> {
  const rows = await db
    .selectFrom('contact')
    .select(['id', 'name_key', 'organization_id', 'title', 'linkedin_url', 'emails', 'phones', 'notes', 'connected_on', 'imported_title', 'imported_organization', 'version'])
    .where('owner_id', '=', ownerId)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    nameKey: r.name_key,
    organizationId: r.organization_id,
    title: r.title,
    linkedinUrl: r.linkedin_url,
    emails: parseJsonArray(r.emails),
    phones: parseJsonArray(r.phones),
    notes: r.notes,
    connectedOn: r.connected_on,
    importedTitle: r.imported_title,
    importedOrganization: r.imported_organization,
    version: r.version,
  }));
}

export async function loadOrganizations(db: Db, ownerId: string): Promise<{ id: string; name: string; nameKey: string }[]> {
  const rows = await db.selectFrom('organization').select(['id', 'name', 'name_key']).where('owner_id', '=', ownerId).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, nameKey: r.name_key }));
}

/** 500 rows of up to 21 columns stay well under SQLite's 32,766 bound parameters. */
const SQLITE_BATCH = 500;

/** A column and the PostgreSQL type its array parameter is read as. */
type ArrayColumn<Row> = readonly [name: keyof Row & string, type: 'text' | 'integer' | 'timestamptz'];

/**
 * PostgreSQL: one statement for all the rows given, each column one array parameter
 * read with `unnest`, so thousands of rows cost one round trip, one plan and one
 * firing of the statement-level search trigger, where multi-row VALUES would need 20
 * parameters a row (PostgreSQL allows 65,535 in all).
 */
async function unnestInsert<Row extends object>(db: Db, table: string, columns: readonly ArrayColumn<Row>[], rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const arrays = columns.map(([name, type]) => sql`${rows.map((row) => row[name] ?? null)}::${sql.raw(type)}[]`);
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map(([name]) => sql.ref(name)))}) select * from unnest(${sql.join(arrays)})`.execute(db);
}

const ORGANIZATION_COLUMNS: readonly ArrayColumn<OrganizationRow>[] = [
  ['id', 'text'],
  ['owner_id', 'text'],
  ['name', 'text'],
  ['name_key', 'text'],
  ['website', 'text'],
  ['industry', 'text'],
  ['notes', 'text'],
  ['version', 'integer'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
];

export async function insertOrganizations(db: Db, rows: readonly OrganizationRow[]): Promise<void> {
  if (isPostgres(db)) return unnestInsert(db, 'organization', ORGANIZATION_COLUMNS, rows);
  for (let i = 0; i < rows.length; i += SQLITE_BATCH) await db.insertInto('organization').values(rows.slice(i, i + SQLITE_BATCH)).execute();
}

/** A new contact as an import writes it: every column the import knows, the rest left to their defaults. */
export type ImportedContactRow = Omit<ContactRow, 'known_personally' | 'responsiveness'>;

const CONTACT_COLUMNS: readonly ArrayColumn<ImportedContactRow>[] = [
  ['id', 'text'],
  ['owner_id', 'text'],
  ['name', 'text'],
  ['name_key', 'text'],
  ['emails', 'text'],
  ['phones', 'text'],
  ['linkedin_url', 'text'],
  ['organization_id', 'text'],
  ['title', 'text'],
  ['location', 'text'],
  ['time_zone', 'text'],
  ['source', 'text'],
  ['introduced_by_id', 'text'],
  ['notes', 'text'],
  ['connected_on', 'text'],
  ['imported_title', 'text'],
  ['imported_organization', 'text'],
  ['version', 'integer'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
];

export async function insertContacts(db: Db, rows: readonly ImportedContactRow[]): Promise<void> {
  if (isPostgres(db)) return unnestInsert(db, 'contact', CONTACT_COLUMNS, rows);
  for (let i = 0; i < rows.length; i += SQLITE_BATCH) await db.insertInto('contact').values(rows.slice(i, i + SQLITE_BATCH)).execute();
}

/**
 * What an import sets on a contact it matched: every field it may change, written
 * whole (unchanged ones with the value they have), and applied only if the contact
 * is still at `expected_version`.
 */
export interface ImportedContactUpdate {
  id: string;
  expected_version: number;
  /** 1 when the person sees the change; 0 when only the import baseline moved. */
  bump: 0 | 1;
  /** The new `updated_at`, or null to keep it (a baseline-only change). */
  updated_at: string | null;
  emails: string;
  phones: string;
  linkedin_url: string | null;
  organization_id: string | null;
  title: string | null;
  notes: string | null;
  connected_on: string | null;
  imported_title: string | null;
  imported_organization: string | null;
}

const UPDATE_COLUMNS: readonly ArrayColumn<ImportedContactUpdate>[] = [
  ['id', 'text'],
  ['expected_version', 'integer'],
  ['bump', 'integer'],
  ['updated_at', 'timestamptz'],
  ['emails', 'text'],
  ['phones', 'text'],
  ['linkedin_url', 'text'],
  ['organization_id', 'text'],
  ['title', 'text'],
  ['notes', 'text'],
  ['connected_on', 'text'],
  ['imported_title', 'text'],
  ['imported_organization', 'text'],
];

/** The columns an import update writes, each from the column of the same name in the update. */
const SET_FROM_UPDATE = ['emails', 'phones', 'linkedin_url', 'organization_id', 'title', 'notes', 'connected_on', 'imported_title', 'imported_organization'] as const;

/**
 * Applies the updates whose contact is still at the version the import read, and
 * returns how many were applied: fewer than given means the account changed meanwhile.
 * PostgreSQL: one `update … from unnest(…)`; SQLite: one statement a contact.
 */
export async function updateContacts(db: Db, ownerId: string, updates: readonly ImportedContactUpdate[]): Promise<number> {
  if (updates.length === 0) return 0;
  if (isPostgres(db)) {
    const arrays = UPDATE_COLUMNS.map(([name, type]) => sql`${updates.map((u) => u[name])}::${sql.raw(type)}[]`);
    const result = await sql`
      update contact as c set
        ${sql.join(SET_FROM_UPDATE.map((name) => sql`${sql.ref(name)} = u.${sql.ref(name)}`))},
        updated_at = coalesce(u.updated_at, c.updated_at),
        version = c.version + u.bump
      from unnest(${sql.join(arrays)}) as u(${sql.join(UPDATE_COLUMNS.map(([name]) => sql.ref(name)))})
      where c.owner_id = ${ownerId} and c.id = u.id and c.version = u.expected_version`.execute(db);
    return Number(result.numAffectedRows ?? 0n);
  }
  let applied = 0;
  for (const u of updates) {
    const result = await db
      .updateTable('contact')
      .set((eb) => ({
        emails: u.emails,
        phones: u.phones,
        linkedin_url: u.linkedin_url,
        organization_id: u.organization_id,
        title: u.title,
        notes: u.notes,
        connected_on: u.connected_on,
        imported_title: u.imported_title,
        imported_organization: u.imported_organization,
        ...(u.updated_at === null ? {} : { updated_at: u.updated_at }),
        version: eb('version', '+', u.bump),
      }))
      .where('owner_id', '=', ownerId)
      .where('id', '=', u.id)
      .where('version', '=', u.expected_version)
      .executeTakeFirst();
    applied += Number(result.numUpdatedRows);
  }
  return applied;
}

export interface HistoryRow {
  id: string;
  owner_id: string;
  contact_id: string;
  field: 'title' | 'organization';
  old_value: string | null;
  new_value: string | null;
  source: string;
  changed_at: string;
}

const HISTORY_COLUMNS: readonly ArrayColumn<HistoryRow>[] = [
  ['id', 'text'],
  ['owner_id', 'text'],
  ['contact_id', 'text'],
  ['field', 'text'],
  ['old_value', 'text'],
  ['new_value', 'text'],
  ['source', 'text'],
  ['changed_at', 'timestamptz'],
];

export async function insertHistory(db: Db, rows: readonly HistoryRow[]): Promise<void> {
  if (isPostgres(db)) return unnestInsert(db, 'contact_history', HISTORY_COLUMNS, rows);
  for (let i = 0; i < rows.length; i += SQLITE_BATCH) await db.insertInto('contact_history').values(rows.slice(i, i + SQLITE_BATCH)).execute();
}
