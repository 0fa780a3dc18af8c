/** All SQL about contacts and their tags. Every query is scoped by owner. */
import { sql, type Insertable, type Kysely } from 'kysely';
import { matchKey } from '../core/normalize.ts';
import type { ContactTable, Database } from '../db/schema.ts';
import type { Contact, ContactListItem, ContactSort, Page, TagCount } from '../shared/api.ts';
import { containsPattern, fromDbBool, likeEscaped, parseJsonArray, toIso } from './row-mapping.ts';
import type { Responsiveness } from '../core/follow-up.ts';

type Db = Kysely<Database>;

/** A contact as written: timestamps as ISO text, e-mails and phones as JSON arrays. */
export type ContactRow = Omit<Insertable<ContactTable>, 'created_at' | 'updated_at'> & { created_at: string; updated_at: string };

export async function insertContact(db: Db, row: ContactRow, tags: readonly string[]): Promise<void> {
  await db.insertInto('contact').values(row).execute();
  await replaceTags(db, row.owner_id, row.id, tags);
}

export async function replaceTags(db: Db, ownerId: string, contactId: string, tags: readonly string[]): Promise<void> {
  await db.deleteFrom('contact_tag').where('contact_id', '=', contactId).execute();
  if (tags.length === 0) return;
  await db
    .insertInto('contact_tag')
    .values(tags.map((tag, position) => ({ contact_id: contactId, owner_id: ownerId, tag, tag_key: matchKey(tag), position })))
    .execute();
}

async function tagsByContact(db: Db, ownerId: string, contactIds: readonly string[]): Promise<Map<string, string[]>> {
  const byContact = new Map<string, string[]>();
  if (contactIds.length === 0) return byContact;
  const rows = await db
    .selectFrom('contact_tag')
    .select(['contact_id', 'tag'])
    .where('owner_id', '=', ownerId)
    .where('contact_id', 'in', contactIds)
    .orderBy('contact_id')
    .orderBy('position')
    .execute();
  for (const row of rows) {
    const list = byContact.get(row.contact_id) ?? [];
    list.push(row.tag);
    byContact.set(row.contact_id, list);
  }
  return byContact;
}

function selectFull(db: Db, ownerId: string) {
  return db
    .selectFrom('contact as c')
    .leftJoin('organization as o', 'o.id', 'c.organization_id')
    .leftJoin('contact as i', 'i.id', 'c.introduced_by_id')
    .selectAll('c')
    .select(['o.name as organization_name', 'i.name as introduced_by_name'])
    .where('c.owner_id', '=', ownerId);
}

type FullRow = Awaited<ReturnType<ReturnType<typeof selectFull>['executeTakeFirstOrThrow']>>;

function toContact(row: FullRow, tags: string[]): Contact {
  return {
    id: row.id,
    name: row.name,
    emails: parseJsonArray(row.emails),
    phones: parseJsonArray(row.phones),
    linkedinUrl: row.linkedin_url,
    organization: row.organization_id && row.organization_name ? { id: row.organization_id, name: row.organization_name } : null,
    title: row.title,
    location: row.location,
    timeZone: row.time_zone,
    tags,
    source: row.source,
    introducedBy: row.introduced_by_id && row.introduced_by_name ? { id: row.introduced_by_id, name: row.introduced_by_name } : null,
    knownPersonally: fromDbBool(row.known_personally),
    responsiveness: toResponsiveness(row.responsiveness),
    notes: row.notes,
    connectedOn: row.connected_on,
    version: row.version,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

const RESPONSIVENESS: readonly string[] = ['booster', 'obligate', 'curmudgeon'] satisfies Responsiveness[];

export function toResponsiveness(value: string | null): Responsiveness | null {
  return RESPONSIVENESS.includes(value ?? '') ? (value as Responsiveness) : null;
}

export async function findContact(db: Db, ownerId: string, id: string): Promise<Contact | undefined> {
  const row = await selectFull(db, ownerId).where('c.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const tags = (await tagsByContact(db, ownerId, [id])).get(id) ?? [];
  return toContact(row, tags);
}

/** Every contact of an account, sorted by name, in two queries (for exports). */
export async function findAllContacts(db: Db, ownerId: string): Promise<Contact[]> {
  const rows = await selectFull(db, ownerId).orderBy('c.name_key').orderBy('c.id').execute();
  const tagRows = await db
    .selectFrom('contact_tag')
    .select(['contact_id', 'tag'])
    .where('owner_id', '=', ownerId)
    .orderBy('contact_id')
    .orderBy('position')
    .execute();
  const tags = new Map<string, string[]>();
  for (const t of tagRows) tags.set(t.contact_id, [...(tags.get(t.contact_id) ?? []), t.tag]);
  return rows.map((row) => toContact(row, tags.get(row.id) ?? []));
}

export async function contactExists(db: Db, ownerId: string, id: string): Promise<boolean> {
  const row = await db.selectFrom('contact').select('id').where('owner_id', '=', ownerId).where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

export async function currentContactVersion(db: Db, ownerId: string, id: string): Promise<number | undefined> {
  const row = await db.selectFrom('contact').select('version').where('owner_id', '=', ownerId).where('id', '=', id).executeTakeFirst();
  return row?.version;
}

export type ContactChanges = Partial<Omit<ContactRow, 'id' | 'owner_id' | 'version' | 'created_at'>>;

/**
 * Applies the change only if the stored version is the one the editor saw. Returns
 * whether it did. `bump` 0 records bookkeeping no person sees (an import baseline)
 * without making open editors stale.
 */
export async function updateContactIfVersion(
  db: Db,
  ownerId: string,
  id: string,
  expectedVersion: number,
  changes: ContactChanges,
  bump: 0 | 1 = 1,
): Promise<boolean> {
  const result = await db
    .updateTable('contact')
    .set((eb) => ({ ...changes, version: eb('version', '+', bump) }))
    .where('owner_id', '=', ownerId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteContact(db: Db, ownerId: string, id: string, expectedVersion?: number): Promise<boolean> {
  let query = db.deleteFrom('contact').where('owner_id', '=', ownerId).where('id', '=', id);
  if (expectedVersion !== undefined) query = query.where('version', '=', expectedVersion);
  const result = await query.executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export interface ContactFilter {
  q?: string | undefined;
  tag?: string | undefined;
  organizationId?: string | undefined;
  sort: ContactSort;
  offset: number;
  limit: number;
}

function filtered(db: Db, ownerId: string, filter: ContactFilter) {
  // No join here: the count runs on the contact indexes alone (a join made it ~10x slower).
  let query = db.selectFrom('contact as c').where('c.owner_id', '=', ownerId);
  if (filter.organizationId) query = query.where('c.organization_id', '=', filter.organizationId);
  if (filter.tag && filter.tag.trim() !== '') {
    const tagKey = matchKey(filter.tag);
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('contact_tag as t')
          .select(sql.lit(1).as('one'))
          .whereRef('t.contact_id', '=', 'c.id')
          .where('t.owner_id', '=', ownerId)
          .where('t.tag_key', '=', tagKey),
      ),
    );
  }
  if (filter.q && filter.q.trim() !== '') {
    const pattern = containsPattern(matchKey(filter.q));
    query = query.where((eb) =>
      eb.or([
        likeEscaped('c.name_key', pattern),
        eb(
          'c.organization_id',
          'in',
          eb.selectFrom('organization as o').select('o.id').where('o.owner_id', '=', ownerId).where(likeEscaped('o.name_key', pattern)),
        ),
      ]),
    );
  }
  return query;
}

export async function listContacts(db: Db, ownerId: string, filter: ContactFilter): Promise<Page<ContactListItem>> {
  const base = filtered(db, ownerId, filter);
  const totalRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let page = base.leftJoin('organization as o', 'o.id', 'c.organization_id').select(['c.id', 'c.name', 'c.title', 'c.emails', 'c.updated_at', 'c.organization_id', 'o.name as organization_name']);
  switch (filter.sort) {
    case 'name':
      page = page.orderBy('c.name_key', 'asc').orderBy('c.id', 'asc');
      break;
    case '-name':
      page = page.orderBy('c.name_key', 'desc').orderBy('c.id', 'desc');
      break;
    case '-updated':
      page = page.orderBy('c.updated_at', 'desc').orderBy('c.id', 'desc');
      break;
    case '-created':
      page = page.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc');
      break;
  }
  const rows = await page.limit(filter.limit).offset(filter.offset).execute();
  const tags = await tagsByContact(
    db,
    ownerId,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((row) => ({
      id: row.id,
      name: row.name,
      title: row.title,
      emails: parseJsonArray(row.emails),
      organization: row.organization_id && row.organization_name ? { id: row.organization_id, name: row.organization_name } : null,
      tags: tags.get(row.id) ?? [],
      updatedAt: toIso(row.updated_at),
    })),
    total: Number(totalRow.n),
    offset: filter.offset,
    limit: filter.limit,
  };
}

export async function listTags(db: Db, ownerId: string): Promise<TagCount[]> {
  const rows = await db
    .selectFrom('contact_tag')
    .select(['tag_key', (eb) => eb.fn.min('tag').as('tag'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('owner_id', '=', ownerId)
    .groupBy('tag_key')
    .orderBy('tag_key')
    .execute();
  return rows.map((r) => ({ tag: String(r.tag), count: Number(r.n) }));
}

/** A contact's earlier titles and organizations, oldest first. */
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
