/**
 * All SQL of the JSON backup of one account: reading every row an account owns,
 * and writing them back into a new account. Rows are mapped to the backup file's
 * records here, at the edge: timestamps to ISO text, JSON arrays to arrays.
 */
import { PostgresAdapter, type Kysely } from 'kysely';
import type {
  BackupAccount,
  BackupContact,
  BackupContactHistory,
  BackupContactTag,
  BackupOrganization,
} from '../backup/backup-format.ts';
import { matchKey } from '../core/normalize.ts';
import type { Database } from '../db/schema.ts';
import { parseJsonArray, toIso } from './row-mapping.ts';

type Db = Kysely<Database>;

/**
 * Rows per INSERT: far below SQLite's 32,766 and PostgreSQL's 65,535 bound
 * parameters even for the widest table (contact, 19 columns).
 */
const CHUNK = 500;

function chunks<T>(rows: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) result.push(rows.slice(i, i + CHUNK));
  return result;
}

/**
 * Ids are compared in JavaScript, not with ORDER BY: PostgreSQL would sort a text
 * id by the cluster's locale, SQLite byte by byte, and the file must not depend
 * on which database it came from.
 */
function byKey<T>(key: (row: T) => string | number, ...more: ((row: T) => string | number)[]): (a: T, b: T) => number {
  const keys = [key, ...more];
  return (a, b) => {
    for (const k of keys) {
      const x = k(a);
      const y = k(b);
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  };
}

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

// ---- reading ---------------------------------------------------------------

/** The user and, if there is one, their password hash (better-auth's 'credential' account). */
export async function findBackupAccount(db: Db, ownerId: string): Promise<BackupAccount | undefined> {
  const row = await db
    .selectFrom('user as u')
    .leftJoin('account as a', (join) => join.onRef('a.userId', '=', 'u.id').on('a.providerId', '=', 'credential'))
    .select(['u.email', 'u.name', 'a.password'])
    .where('u.id', '=', ownerId)
    .executeTakeFirst();
  return row ? { email: row.email, name: row.name, passwordHash: row.password ?? null } : undefined;
}

export async function listBackupOrganizations(db: Db, ownerId: string): Promise<BackupOrganization[]> {
  const rows = await db.selectFrom('organization').selectAll().where('owner_id', '=', ownerId).execute();
  return rows
    .map((row) => ({
      id: row.id,
      name: row.name,
      website: row.website,
      industry: row.industry,
      notes: row.notes,
      version: row.version,
      createdAt: toIso(row.created_at),
      updatedAt: toIso(row.updated_at),
    }))
    .sort(byKey((r) => r.id));
}

export async function listBackupContacts(db: Db, ownerId: string): Promise<BackupContact[]> {
  const rows = await db.selectFrom('contact').selectAll().where('owner_id', '=', ownerId).execute();
  return rows
    .map((row) => ({
      id: row.id,
      name: row.name,
      emails: parseJsonArray(row.emails),
      phones: parseJsonArray(row.phones),
      linkedinUrl: row.linkedin_url,
      organizationId: row.organization_id,
      title: row.title,
      location: row.location,
      timeZone: row.time_zone,
      source: row.source,
      introducedById: row.introduced_by_id,
      notes: row.notes,
      connectedOn: row.connected_on,
      importedTitle: row.imported_title,
      importedOrganization: row.imported_organization,
      version: row.version,
      createdAt: toIso(row.created_at),
      updatedAt: toIso(row.updated_at),
    }))
    .sort(byKey((r) => r.id));
}

export async function listBackupContactTags(db: Db, ownerId: string): Promise<BackupContactTag[]> {
  const rows = await db.selectFrom('contact_tag').select(['contact_id', 'tag', 'position']).where('owner_id', '=', ownerId).execute();
  return rows
    .map((row) => ({ contactId: row.contact_id, tag: row.tag, position: Number(row.position) }))
    .sort(byKey((r) => r.contactId, (r) => r.position, (r) => r.tag));
}

export async function listBackupContactHistory(db: Db, ownerId: string): Promise<BackupContactHistory[]> {
  const rows = await db.selectFrom('contact_history').selectAll().where('owner_id', '=', ownerId).execute();
  return rows
    .map((row) => ({
      id: row.id,
      contactId: row.contact_id,
      field: row.field,
      oldValue: row.old_value,
      newValue: row.new_value,
      source: row.source,
      changedAt: toIso(row.changed_at),
    }))
    .sort(byKey((r) => r.id));
}

// ---- writing (a restore; the caller holds the transaction) -----------------

/**
 * Which of these ids some row of the table already has, whatever its owner: ids
 * are primary keys across the whole instance, so a restore must not reuse one.
 */
export async function existingIds(db: Db, table: 'organization' | 'contact' | 'contact_history', ids: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const part of chunks(ids)) {
    const rows = await db.selectFrom(table).select('id').where('id', 'in', part).execute();
    found.push(...rows.map((r) => r.id));
  }
  return found;
}

/** A user and, with a hash, the 'credential' account better-auth signs them in with. */
export async function insertRestoredUser(
  db: Db,
  user: { id: string; accountId: string; email: string; name: string; passwordHash: string | null; at: string },
): Promise<void> {
  await db
    .insertInto('user')
    .values({
      id: user.id,
      name: user.name,
      email: user.email,
      emailVerified: isPostgres(db) ? false : 0,
      image: null,
      createdAt: user.at,
      updatedAt: user.at,
    })
    .execute();
  if (user.passwordHash === null) return;
  await db
    .insertInto('account')
    .values({
      id: user.accountId,
      accountId: user.id,
      providerId: 'credential',
      userId: user.id,
      accessToken: null,
      refreshToken: null,
      idToken: null,
      accessTokenExpiresAt: null,
      refreshTokenExpiresAt: null,
      scope: null,
      password: user.passwordHash,
      createdAt: user.at,
      updatedAt: user.at,
    })
    .execute();
}

export async function insertRestoredOrganizations(db: Db, ownerId: string, organizations: readonly BackupOrganization[]): Promise<void> {
  for (const part of chunks(organizations)) {
    await db
      .insertInto('organization')
      .values(
        part.map((o) => ({
          id: o.id,
          owner_id: ownerId,
          name: o.name,
          name_key: matchKey(o.name),
          website: o.website,
          industry: o.industry,
          notes: o.notes,
          version: o.version,
          created_at: o.createdAt,
          updated_at: o.updatedAt,
        })),
      )
      .execute();
  }
}

/**
 * Contacts first without who introduced them, then the introductions: a contact
 * may name one that comes later in the file (or two may name each other).
 */
export async function insertRestoredContacts(db: Db, ownerId: string, contacts: readonly BackupContact[]): Promise<void> {
  for (const part of chunks(contacts)) {
    await db
      .insertInto('contact')
      .values(
        part.map((c) => ({
          id: c.id,
          owner_id: ownerId,
          name: c.name,
          name_key: matchKey(c.name),
          emails: JSON.stringify(c.emails),
          phones: JSON.stringify(c.phones),
          linkedin_url: c.linkedinUrl,
          organization_id: c.organizationId,
          title: c.title,
          location: c.location,
          time_zone: c.timeZone,
          source: c.source,
          introduced_by_id: null,
          notes: c.notes,
          connected_on: c.connectedOn,
          imported_title: c.importedTitle,
          imported_organization: c.importedOrganization,
          version: c.version,
          created_at: c.createdAt,
          updated_at: c.updatedAt,
        })),
      )
      .execute();
  }
  for (const c of contacts) {
    if (c.introducedById === null) continue;
    await db
      .updateTable('contact')
      .set({ introduced_by_id: c.introducedById })
      .where('owner_id', '=', ownerId)
      .where('id', '=', c.id)
      .execute();
  }
}

export async function insertRestoredContactTags(db: Db, ownerId: string, tags: readonly BackupContactTag[]): Promise<void> {
  for (const part of chunks(tags)) {
    await db
      .insertInto('contact_tag')
      .values(part.map((t) => ({ contact_id: t.contactId, owner_id: ownerId, tag: t.tag, tag_key: matchKey(t.tag), position: t.position })))
      .execute();
  }
}

export async function insertRestoredContactHistory(db: Db, ownerId: string, history: readonly BackupContactHistory[]): Promise<void> {
  for (const part of chunks(history)) {
    await db
      .insertInto('contact_history')
      .values(
        part.map((h) => ({
          id: h.id,
          owner_id: ownerId,
          contact_id: h.contactId,
          field: h.field,
          old_value: h.oldValue,
          new_value: h.newValue,
          source: h.source,
          changed_at: h.changedAt,
        })),
      )
      .execute();
  }
}
