/**
 * SQL for imports: read everything needed to match a file against one account in
 * a few queries, then write the plan in batches. Dialect differences (the
 * PostgreSQL advisory lock) stay here.
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

/**
 * Serializes imports into one account on PostgreSQL, so two uploads of the same
 * file at once cannot both decide a person is new. SQLite transactions already
 * serialize writers.
 */
export async function lockAccountForImport(db: Db, ownerId: string): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
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

const BATCH = 500;

export async function insertOrganizations(db: Db, rows: readonly OrganizationRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await db.insertInto('organization').values(rows.slice(i, i + BATCH)).execute();
}

const CONTACT_COLUMNS = [
  'id',
  'owner_id',
  'name',
  'name_key',
  'emails',
  'phones',
  'linkedin_url',
  'organization_id',
  'title',
  'location',
  'time_zone',
  'source',
  'introduced_by_id',
  'notes',
  'connected_on',
  'imported_title',
  'imported_organization',
  'version',
  'created_at',
  'updated_at',
] as const;

const PG_BATCH = 5000;

/**
 * Inserts many contacts. On PostgreSQL each batch is one statement over arrays
 * (`unnest`), so 5,000 rows cost 18 parameters instead of 90,000, which is what
 * keeps a 30,000-row import near the speed of COPY.
 */
export async function insertContacts(db: Db, rows: readonly ContactRow[]): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
    for (let i = 0; i < rows.length; i += BATCH) await db.insertInto('contact').values(rows.slice(i, i + BATCH)).execute();
    return;
  }
  for (let i = 0; i < rows.length; i += PG_BATCH) {
    const batch = rows.slice(i, i + PG_BATCH);
    const column = (name: (typeof CONTACT_COLUMNS)[number]) => batch.map((row) => (row[name] ?? null) as unknown);
    const arrays = CONTACT_COLUMNS.map((name) =>
      name === 'version' ? sql`${column(name)}::integer[]` : name === 'created_at' || name === 'updated_at' ? sql`${column(name)}::timestamptz[]` : sql`${column(name)}::text[]`,
    );
    await sql`insert into contact (${sql.join(CONTACT_COLUMNS.map((c) => sql.ref(c)))}) select * from unnest(${sql.join(arrays)})`.execute(db);
  }
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

export async function insertHistory(db: Db, rows: readonly HistoryRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await db.insertInto('contact_history').values(rows.slice(i, i + BATCH)).execute();
}
