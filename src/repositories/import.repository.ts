/**
 * SQL for imports: read everything needed to match a file against one account in
 * a few queries, then write the plan in batches. Dialect differences (the
 * PostgreSQL advisory lock) stay here.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ContactRow } from './contact.repository.ts';
import type { OrganizationRow } from './organization.repository.ts';
import { parseJsonArray } from './row-mapping.ts';

type Db = Kysely<Database>;

/** What matching needs to know of an existing contact. */
export interface MatchableContact {
  id: string;
  nameKey: string;
  organizationId: string | null;
  title: string | null;
  linkedinUrl: string | null;
  emails: string[];
  phones: string[];
  notes: string | null;
  connectedOn: string | null;
  version: number;
}

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
    .select(['id', 'name_key', 'organization_id', 'title', 'linkedin_url', 'emails', 'phones', 'notes', 'connected_on', 'version'])
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

export async function insertContacts(db: Db, rows: readonly ContactRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await db.insertInto('contact').values(rows.slice(i, i + BATCH)).execute();
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

export type ImportedChanges = Partial<
  Pick<ContactRow, 'title' | 'organization_id' | 'linkedin_url' | 'emails' | 'phones' | 'notes' | 'connected_on'>
> & { updated_at: string };

/** Updates one matched contact, only if nobody changed it since it was read. */
export async function updateImportedContact(db: Db, ownerId: string, id: string, version: number, changes: ImportedChanges): Promise<boolean> {
  const result = await db
    .updateTable('contact')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('owner_id', '=', ownerId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function listContactHistory(db: Db, ownerId: string, contactId: string) {
  return db
    .selectFrom('contact_history')
    .select(['field', 'old_value', 'new_value', 'source', 'changed_at'])
    .where('owner_id', '=', ownerId)
    .where('contact_id', '=', contactId)
    .orderBy('changed_at')
    .orderBy('id')
    .execute();
}
