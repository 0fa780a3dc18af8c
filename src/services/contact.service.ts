/** Use cases for contacts: references stay inside the owner's data, edits carry versions. */
import { AppError, notFound, versionConflict, type FieldIssue } from '../core/errors.ts';
import { matchKey } from '../core/normalize.ts';
import * as contacts from '../repositories/contact.repository.ts';
import { organizationExists } from '../repositories/organization.repository.ts';
import { isForeignKeyViolation, toDbBool, toIso } from '../repositories/row-mapping.ts';
import type { Contact, ContactCreate, ContactHistoryEntry, ContactListItem, ContactSort, ContactUpdate, Page, TagCount } from '../shared/api.ts';
import type { ServiceContext } from './context.ts';

/**
 * An id of another account's organization or contact is reported exactly like an id
 * that does not exist, so nobody can probe for other people's data.
 */
async function checkReferences(
  ctx: ServiceContext,
  ownerId: string,
  contactId: string,
  refs: { organizationId?: string | null | undefined; introducedById?: string | null | undefined },
): Promise<void> {
  const issues: FieldIssue[] = [];
  if (refs.organizationId && !(await organizationExists(ctx.db, ownerId, refs.organizationId))) {
    issues.push({ field: 'organizationId', message: 'no such organization' });
  }
  if (refs.introducedById) {
    if (refs.introducedById === contactId) issues.push({ field: 'introducedById', message: 'a contact cannot introduce themselves' });
    else if (!(await contacts.contactExists(ctx.db, ownerId, refs.introducedById)))
      issues.push({ field: 'introducedById', message: 'no such contact' });
  }
  if (issues.length > 0) {
    throw new AppError('INVALID_REFERENCE', issues.map((i) => `${i.field}: ${i.message}`).join('; '), { issues });
  }
}

/**
 * Runs a write that links to other rows. If a linked organization or contact is
 * deleted between our check and the write, the database's foreign key refuses it;
 * that is the same "no such record" the check would have reported.
 */
async function inReferenceSafeTransaction(ctx: ServiceContext, work: (trx: ServiceContext['db']) => Promise<void>): Promise<void> {
  try {
    await ctx.db.transaction().execute(work);
  } catch (error) {
    if (isForeignKeyViolation(error)) {
      throw new AppError('INVALID_REFERENCE', 'The organization or contact you linked to no longer exists.');
    }
    throw error;
  }
}

export async function createContact(ctx: ServiceContext, ownerId: string, input: ContactCreate): Promise<Contact> {
  const id = ctx.newId();
  const now = ctx.now().toISOString();
  await inReferenceSafeTransaction(ctx, async (trx) => {
    await checkReferences({ ...ctx, db: trx }, ownerId, id, input);
    await contacts.insertContact(
      trx,
      {
        id,
        owner_id: ownerId,
        name: input.name,
        name_key: matchKey(input.name),
        emails: JSON.stringify(input.emails),
        phones: JSON.stringify(input.phones),
        linkedin_url: input.linkedinUrl,
        organization_id: input.organizationId,
        title: input.title,
        location: input.location,
        time_zone: input.timeZone,
        source: input.source,
        introduced_by_id: input.introducedById,
        known_personally: toDbBool(input.knownPersonally),
        notes: input.notes,
        version: 1,
        created_at: now,
        updated_at: now,
      },
      input.tags,
    );
  });
  return getContact(ctx, ownerId, id);
}

export async function getContact(ctx: ServiceContext, ownerId: string, id: string): Promise<Contact> {
  const contact = await contacts.findContact(ctx.db, ownerId, id);
  if (!contact) throw notFound('The contact');
  return contact;
}

export async function updateContact(ctx: ServiceContext, ownerId: string, id: string, input: ContactUpdate): Promise<Contact> {
  const { version, tags, name, emails, phones, linkedinUrl, organizationId, timeZone, introducedById, knownPersonally, ...text } = input;
  const changes: contacts.ContactChanges = { ...text, updated_at: ctx.now().toISOString() };
  if (name !== undefined) {
    changes.name = name;
    changes.name_key = matchKey(name);
  }
  if (emails !== undefined) changes.emails = JSON.stringify(emails);
  if (phones !== undefined) changes.phones = JSON.stringify(phones);
  if (linkedinUrl !== undefined) changes.linkedin_url = linkedinUrl;
  if (organizationId !== undefined) changes.organization_id = organizationId;
  if (timeZone !== undefined) changes.time_zone = timeZone;
  if (introducedById !== undefined) changes.introduced_by_id = introducedById;
  if (knownPersonally !== undefined) changes.known_personally = toDbBool(knownPersonally);

  await inReferenceSafeTransaction(ctx, async (trx) => {
    const current = await contacts.currentContactVersion(trx, ownerId, id);
    if (current === undefined) throw notFound('The contact');
    await checkReferences({ ...ctx, db: trx }, ownerId, id, { organizationId, introducedById });
    const applied = await contacts.updateContactIfVersion(trx, ownerId, id, version, changes);
    if (!applied) throw versionConflict('contact', current);
    if (tags !== undefined) await contacts.replaceTags(trx, ownerId, id, tags);
  });
  return getContact(ctx, ownerId, id);
}

/** With `expectedVersion`, a contact changed since the caller loaded it is not deleted. */
export async function deleteContact(ctx: ServiceContext, ownerId: string, id: string, expectedVersion?: number): Promise<void> {
  if (await contacts.deleteContact(ctx.db, ownerId, id, expectedVersion)) return;
  const current = await contacts.currentContactVersion(ctx.db, ownerId, id);
  if (current === undefined) throw notFound('The contact');
  throw versionConflict('contact', current);
}

export function listContacts(
  ctx: ServiceContext,
  ownerId: string,
  query: { q?: string | undefined; tag?: string | undefined; organizationId?: string | undefined; sort: ContactSort; offset: number; limit: number },
): Promise<Page<ContactListItem>> {
  return contacts.listContacts(ctx.db, ownerId, query);
}

export function listTags(ctx: ServiceContext, ownerId: string): Promise<TagCount[]> {
  return contacts.listTags(ctx.db, ownerId);
}

/** Earlier titles and organizations, oldest first. */
export async function getContactHistory(ctx: ServiceContext, ownerId: string, id: string): Promise<ContactHistoryEntry[]> {
  if (!(await contacts.contactExists(ctx.db, ownerId, id))) throw notFound('The contact');
  const rows = await contacts.listContactHistory(ctx.db, ownerId, id);
  return rows.map((r) => ({
    field: r.field === 'organization' ? 'organization' : 'title',
    oldValue: r.old_value,
    newValue: r.new_value,
    source: r.source,
    changedAt: toIso(r.changed_at),
  }));
}
