/** All SQL about organizations. Every query is scoped by owner. */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, OrganizationTable } from '../db/schema.ts';
import type { Organization, Page } from '../shared/api.ts';
import { containsPattern, likeEscaped, toIso } from './row-mapping.ts';
import { matchKey } from '../core/normalize.ts';

type Db = Kysely<Database>;

/** An organization as written: timestamps as ISO text. */
export type OrganizationRow = Omit<Insertable<OrganizationTable>, 'created_at' | 'updated_at'> & { created_at: string; updated_at: string };

function toOrganization(row: Selectable<OrganizationTable> & { contact_count: number | string | null }): Organization {
  return {
    id: row.id,
    name: row.name,
    website: row.website,
    industry: row.industry,
    notes: row.notes,
    contactCount: Number(row.contact_count ?? 0),
    version: row.version,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

function selectWithCount(db: Db, ownerId: string) {
  return db
    .selectFrom('organization as o')
    .where('o.owner_id', '=', ownerId)
    .selectAll('o')
    .select((eb) =>
      eb
        .selectFrom('contact as c')
        .whereRef('c.organization_id', '=', 'o.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('contact_count'),
    );
}

export async function insertOrganization(db: Db, row: OrganizationRow): Promise<void> {
  await db.insertInto('organization').values(row).execute();
}

export async function findOrganization(db: Db, ownerId: string, id: string): Promise<Organization | undefined> {
  const row = await selectWithCount(db, ownerId).where('o.id', '=', id).executeTakeFirst();
  return row ? toOrganization(row) : undefined;
}

export async function findOrganizationIdByNameKey(db: Db, ownerId: string, nameKey: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('organization')
    .select('id')
    .where('owner_id', '=', ownerId)
    .where('name_key', '=', nameKey)
    .executeTakeFirst();
  return row?.id;
}

export async function organizationExists(db: Db, ownerId: string, id: string): Promise<boolean> {
  const row = await db.selectFrom('organization').select('id').where('owner_id', '=', ownerId).where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

export async function currentOrganizationVersion(db: Db, ownerId: string, id: string): Promise<number | undefined> {
  const row = await db.selectFrom('organization').select('version').where('owner_id', '=', ownerId).where('id', '=', id).executeTakeFirst();
  return row?.version;
}

export type OrganizationChanges = Partial<Pick<OrganizationRow, 'name' | 'name_key' | 'website' | 'industry' | 'notes'>> & {
  updated_at: string;
};

/** Applies the change only if the stored version is the one the editor saw. Returns whether it did. */
export async function updateOrganizationIfVersion(
  db: Db,
  ownerId: string,
  id: string,
  expectedVersion: number,
  changes: OrganizationChanges,
): Promise<boolean> {
  const result = await db
    .updateTable('organization')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('owner_id', '=', ownerId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteOrganization(db: Db, ownerId: string, id: string, expectedVersion?: number): Promise<boolean> {
  let query = db.deleteFrom('organization').where('owner_id', '=', ownerId).where('id', '=', id);
  if (expectedVersion !== undefined) query = query.where('version', '=', expectedVersion);
  const result = await query.executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function listOrganizations(
  db: Db,
  ownerId: string,
  query: { q?: string | undefined; offset: number; limit: number },
): Promise<Page<Organization>> {
  let base = db.selectFrom('organization as o').where('o.owner_id', '=', ownerId);
  if (query.q && query.q.trim() !== '') {
    base = base.where(likeEscaped('o.name_key', containsPattern(matchKey(query.q))));
  }
  const totalRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let page = selectWithCount(db, ownerId);
  if (query.q && query.q.trim() !== '') {
    page = page.where(likeEscaped('o.name_key', containsPattern(matchKey(query.q))));
  }
  const rows = await page.orderBy('o.name_key').orderBy('o.id').limit(query.limit).offset(query.offset).execute();
  return { items: rows.map(toOrganization), total: Number(totalRow.n), offset: query.offset, limit: query.limit };
}
