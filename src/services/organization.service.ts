/** Use cases for organizations: validation of references, uniqueness, optimistic versions. */
import { AppError, notFound, versionConflict } from '../core/errors.ts';
import { matchKey } from '../core/normalize.ts';
import * as organizations from '../repositories/organization.repository.ts';
import { isUniqueViolation } from '../repositories/row-mapping.ts';
import type { Organization, OrganizationCreate, OrganizationUpdate, Page } from '../shared/api.ts';
import type { ServiceContext } from './context.ts';

function duplicateName(name: string): AppError {
  return new AppError('DUPLICATE', `You already have an organization named "${name}".`, {
    issues: [{ field: 'name', message: 'is already used by another organization' }],
  });
}

export async function createOrganization(ctx: ServiceContext, ownerId: string, input: OrganizationCreate): Promise<Organization> {
  const now = ctx.now().toISOString();
  const id = ctx.newId();
  const nameKey = matchKey(input.name);
  if (await organizations.findOrganizationIdByNameKey(ctx.db, ownerId, nameKey)) throw duplicateName(input.name);
  try {
    await organizations.insertOrganization(ctx.db, {
      id,
      owner_id: ownerId,
      name: input.name,
      name_key: nameKey,
      website: input.website,
      industry: input.industry,
      notes: input.notes,
      version: 1,
      created_at: now,
      updated_at: now,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(input.name);
    throw error;
  }
  return getOrganization(ctx, ownerId, id);
}

export async function getOrganization(ctx: ServiceContext, ownerId: string, id: string): Promise<Organization> {
  const organization = await organizations.findOrganization(ctx.db, ownerId, id);
  if (!organization) throw notFound('The organization');
  return organization;
}

export async function updateOrganization(
  ctx: ServiceContext,
  ownerId: string,
  id: string,
  input: OrganizationUpdate,
): Promise<Organization> {
  const { version, name, ...rest } = input;
  const changes: organizations.OrganizationChanges = { ...rest, updated_at: ctx.now().toISOString() };
  if (name !== undefined) {
    const nameKey = matchKey(name);
    const holder = await organizations.findOrganizationIdByNameKey(ctx.db, ownerId, nameKey);
    if (holder && holder !== id) throw duplicateName(name);
    changes.name = name;
    changes.name_key = nameKey;
  }
  let applied: boolean;
  try {
    applied = await organizations.updateOrganizationIfVersion(ctx.db, ownerId, id, version, changes);
  } catch (error) {
    if (isUniqueViolation(error) && name !== undefined) throw duplicateName(name);
    throw error;
  }
  if (!applied) {
    const current = await organizations.currentOrganizationVersion(ctx.db, ownerId, id);
    if (current === undefined) throw notFound('The organization');
    throw versionConflict('organization', current);
  }
  return getOrganization(ctx, ownerId, id);
}

/** Deleting an organization keeps its contacts; they simply no longer belong to it. */
export async function deleteOrganization(ctx: ServiceContext, ownerId: string, id: string, expectedVersion?: number): Promise<void> {
  if (await organizations.deleteOrganization(ctx.db, ownerId, id, expectedVersion)) return;
  const current = await organizations.currentOrganizationVersion(ctx.db, ownerId, id);
  if (current === undefined) throw notFound('The organization');
  throw versionConflict('organization', current);
}

export function listOrganizations(
  ctx: ServiceContext,
  ownerId: string,
  query: { q?: string | undefined; offset: number; limit: number },
): Promise<Page<Organization>> {
  return organizations.listOrganizations(ctx.db, ownerId, query);
}
