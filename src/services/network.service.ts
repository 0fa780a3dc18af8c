/** "Knows" links between contacts: the edges warm paths travel besides "introduced by". */
import { notFound, validationFailed } from '../core/errors.ts';
import { contactExists } from '../repositories/contact.repository.ts';
import * as network from '../repositories/network.repository.ts';
import { isForeignKeyViolation } from '../repositories/row-mapping.ts';
import type { ContactLinks } from '../shared/plan-api.ts';
import type { ServiceContext } from './context.ts';

export async function getLinks(ctx: ServiceContext, ownerId: string, contactId: string): Promise<ContactLinks> {
  if (!(await contactExists(ctx.db, ownerId, contactId))) throw notFound('The contact');
  return { knows: await network.listLinkedContacts(ctx.db, ownerId, contactId) };
}

async function checkPair(ctx: ServiceContext, ownerId: string, contactId: string, otherId: string): Promise<void> {
  if (!(await contactExists(ctx.db, ownerId, contactId))) throw notFound('The contact');
  if (otherId === contactId) throw validationFailed([{ field: 'otherId', message: 'a contact cannot know themselves' }]);
  if (!(await contactExists(ctx.db, ownerId, otherId))) throw notFound('The other contact');
}

export async function linkContacts(ctx: ServiceContext, ownerId: string, contactId: string, otherId: string): Promise<ContactLinks> {
  await checkPair(ctx, ownerId, contactId, otherId);
  try {
    await network.insertLink(ctx.db, ownerId, contactId, otherId, ctx.now().toISOString());
  } catch (error) {
    if (isForeignKeyViolation(error)) throw notFound('The other contact');
    throw error;
  }
  return getLinks(ctx, ownerId, contactId);
}

export async function unlinkContacts(ctx: ServiceContext, ownerId: string, contactId: string, otherId: string): Promise<ContactLinks> {
  await checkPair(ctx, ownerId, contactId, otherId);
  await network.deleteLink(ctx.db, ownerId, contactId, otherId);
  return getLinks(ctx, ownerId, contactId);
}
