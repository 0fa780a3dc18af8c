/**
 * The seeker's network as the warm-path rules see it: every contact with their
 * organization, tags and who introduced them, plus the "knows" links. Read in
 * three queries whatever the size of the address book.
 */
import type { Kysely } from 'kysely';
import type { Network, NetworkPerson } from '../core/warm-paths.ts';
import type { Database } from '../db/schema.ts';
import type { Ref } from '../shared/api.ts';
import { fromDbBool } from './row-mapping.ts';

type Db = Kysely<Database>;

export async function loadNetwork(db: Db, ownerId: string): Promise<Network> {
  const [people, tags, links] = await Promise.all([
    db
      .selectFrom('contact')
      .select(['id', 'name', 'organization_id', 'known_personally', 'introduced_by_id'])
      .where('owner_id', '=', ownerId)
      .orderBy('id')
      .execute(),
    db.selectFrom('contact_tag').select(['contact_id', 'tag_key']).where('owner_id', '=', ownerId).execute(),
    db.selectFrom('contact_link').select(['contact_a_id', 'contact_b_id']).where('owner_id', '=', ownerId).execute(),
  ]);
  const tagKeys = new Map<string, string[]>();
  for (const t of tags) {
    const list = tagKeys.get(t.contact_id);
    if (list) list.push(t.tag_key);
    else tagKeys.set(t.contact_id, [t.tag_key]);
  }
  return {
    people: people.map(
      (p): NetworkPerson => ({
        id: p.id,
        name: p.name,
        organizationId: p.organization_id,
        knownPersonally: fromDbBool(p.known_personally),
        introducedById: p.introduced_by_id,
        tagKeys: tagKeys.get(p.id) ?? [],
      }),
    ),
    knows: links.map((l) => [l.contact_a_id, l.contact_b_id] as const),
  };
}

/** A pair in its stored order: smaller id first. */
function pair(a: string, b: string): { contact_a_id: string; contact_b_id: string } {
  return a < b ? { contact_a_id: a, contact_b_id: b } : { contact_a_id: b, contact_b_id: a };
}

/** Records "A knows B"; recording it twice changes nothing. */
export async function insertLink(db: Db, ownerId: string, a: string, b: string, at: string): Promise<void> {
  await db
    .insertInto('contact_link')
    .values({ owner_id: ownerId, ...pair(a, b), created_at: at })
    .onConflict((oc) => oc.columns(['contact_a_id', 'contact_b_id']).doNothing())
    .execute();
}

export async function deleteLink(db: Db, ownerId: string, a: string, b: string): Promise<void> {
  const p = pair(a, b);
  await db
    .deleteFrom('contact_link')
    .where('owner_id', '=', ownerId)
    .where('contact_a_id', '=', p.contact_a_id)
    .where('contact_b_id', '=', p.contact_b_id)
    .execute();
}

/** The people a contact knows, by name. */
export async function listLinkedContacts(db: Db, ownerId: string, contactId: string): Promise<Ref[]> {
  const links = await db
    .selectFrom('contact_link')
    .select(['contact_a_id', 'contact_b_id'])
    .where('owner_id', '=', ownerId)
    .where((eb) => eb.or([eb('contact_a_id', '=', contactId), eb('contact_b_id', '=', contactId)]))
    .execute();
  const others = links.map((l) => (l.contact_a_id === contactId ? l.contact_b_id : l.contact_a_id));
  if (others.length === 0) return [];
  const rows = await db
    .selectFrom('contact')
    .select(['id', 'name'])
    .where('owner_id', '=', ownerId)
    .where('id', 'in', others)
    .orderBy('name_key')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name }));
}
