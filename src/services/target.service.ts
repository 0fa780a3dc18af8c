/**
 * Target organizations: a ranked list scored on motivation, open postings and
 * advocacy (computed from the seeker's network), with the warm paths into each.
 */
import { AppError, notFound, versionConflict } from '../core/errors.ts';
import { matchKey } from '../core/normalize.ts';
import { activeTargetWarning, rankTargets, targetGoalProgress } from '../core/targets.ts';
import { advocacyByOrganization, findWarmPaths } from '../core/warm-paths.ts';
import { loadNetwork } from '../repositories/network.repository.ts';
import * as organizations from '../repositories/organization.repository.ts';
import { isUniqueViolation, toDbBool } from '../repositories/row-mapping.ts';
import * as targets from '../repositories/target.repository.ts';
import type { Target, TargetCreate, TargetDetail, TargetList, TargetUpdate } from '../shared/plan-api.ts';
import type { ServiceContext } from './context.ts';
import { getPreferences } from './preference.service.ts';

function toTarget(stored: targets.StoredTarget, advocacy: Target['advocacy']): Target {
  const { organization, ...rest } = stored;
  return { ...rest, organization: { id: organization.id, name: organization.name }, advocacy };
}

function alreadyTarget(name: string): AppError {
  return new AppError('DUPLICATE', `${name} is already one of your targets.`, {
    issues: [{ field: 'organizationId', message: 'is already a target' }],
  });
}

export async function createTarget(ctx: ServiceContext, ownerId: string, input: TargetCreate): Promise<Target> {
  const now = ctx.now().toISOString();
  const id = ctx.newId();
  let organizationName = input.organizationName ?? '';
  try {
    await ctx.db.transaction().execute(async (trx) => {
      let organizationId = input.organizationId;
      if (organizationId !== undefined) {
        const organization = await organizations.findOrganization(trx, ownerId, organizationId);
        if (!organization) {
          throw new AppError('INVALID_REFERENCE', 'That organization does not exist.', {
            issues: [{ field: 'organizationId', message: 'no such organization' }],
          });
        }
        organizationName = organization.name;
      } else {
        // A name the seeker typed: the organization they already have under that name, or a new one.
        const nameKey = matchKey(organizationName);
        organizationId = await organizations.findOrganizationIdByNameKey(trx, ownerId, nameKey);
        if (organizationId === undefined) {
          organizationId = ctx.newId();
          await organizations.insertOrganization(trx, {
            id: organizationId,
            owner_id: ownerId,
            name: organizationName,
            name_key: nameKey,
            website: null,
            industry: null,
            notes: null,
            version: 1,
            created_at: now,
            updated_at: now,
          });
        }
      }
      if (await targets.findTargetIdByOrganization(trx, ownerId, organizationId)) throw alreadyTarget(organizationName);
      await targets.insertTarget(trx, {
        id,
        owner_id: ownerId,
        organization_id: organizationId,
        motivation: input.motivation,
        open_postings: toDbBool(input.openPostings),
        active: toDbBool(input.active),
        notes: input.notes,
        version: 1,
        created_at: now,
        updated_at: now,
      });
    });
  } catch (error) {
    // Two tabs adding the same target at once: the unique constraint decides.
    if (isUniqueViolation(error)) throw alreadyTarget(organizationName);
    throw error;
  }
  return getTarget(ctx, ownerId, id);
}

async function findOrThrow(ctx: ServiceContext, ownerId: string, id: string): Promise<targets.StoredTarget> {
  const stored = await targets.findTarget(ctx.db, ownerId, id);
  if (!stored) throw notFound('The target');
  return stored;
}

export async function getTarget(ctx: ServiceContext, ownerId: string, id: string): Promise<Target> {
  const stored = await findOrThrow(ctx, ownerId, id);
  const network = await loadNetwork(ctx.db, ownerId);
  const target = { organizationId: stored.organization.id, nameKey: stored.organization.nameKey };
  return toTarget(stored, advocacyByOrganization(network, [target]).get(target.organizationId) ?? 'none');
}

export async function getTargetDetail(ctx: ServiceContext, ownerId: string, id: string): Promise<TargetDetail> {
  const stored = await findOrThrow(ctx, ownerId, id);
  const [network, prefs] = await Promise.all([loadNetwork(ctx.db, ownerId), getPreferences(ctx, ownerId)]);
  const target = { organizationId: stored.organization.id, nameKey: stored.organization.nameKey };
  const affinity = prefs.affinityTags.map(matchKey);
  return {
    ...toTarget(stored, advocacyByOrganization(network, [target]).get(target.organizationId) ?? 'none'),
    warmPaths: findWarmPaths(network, target, affinity),
  };
}

export async function listTargets(ctx: ServiceContext, ownerId: string): Promise<TargetList> {
  const [stored, network, prefs] = await Promise.all([
    targets.listTargets(ctx.db, ownerId),
    loadNetwork(ctx.db, ownerId),
    getPreferences(ctx, ownerId),
  ]);
  const advocacy = advocacyByOrganization(
    network,
    stored.map((t) => ({ organizationId: t.organization.id, nameKey: t.organization.nameKey })),
  );
  const items = rankTargets(stored.map((t) => toTarget(t, advocacy.get(t.organization.id) ?? 'none')).map((t) => ({ ...t, name: t.organization.name })));
  const activeCount = items.filter((t) => t.active).length;
  return {
    items: items.map(({ name: _name, ...t }) => t),
    goal: targetGoalProgress(items.length),
    activeCount,
    activeLimit: prefs.activeTargetLimit,
    activeWarning: activeTargetWarning(activeCount, prefs.activeTargetLimit),
  };
}

export async function updateTarget(ctx: ServiceContext, ownerId: string, id: string, input: TargetUpdate): Promise<Target> {
  const changes: targets.TargetChanges = { updated_at: ctx.now().toISOString() };
  if (input.motivation !== undefined) changes.motivation = input.motivation;
  if (input.openPostings !== undefined) changes.open_postings = toDbBool(input.openPostings);
  if (input.active !== undefined) changes.active = toDbBool(input.active);
  if (input.notes !== undefined) changes.notes = input.notes;
  if (!(await targets.updateTargetIfVersion(ctx.db, ownerId, id, input.version, changes))) {
    const current = await targets.currentTargetVersion(ctx.db, ownerId, id);
    if (current === undefined) throw notFound('The target');
    throw versionConflict('target', current);
  }
  return getTarget(ctx, ownerId, id);
}

/** Removing a target keeps the organization and its contacts. */
export async function deleteTarget(ctx: ServiceContext, ownerId: string, id: string, expectedVersion?: number): Promise<void> {
  if (await targets.deleteTarget(ctx.db, ownerId, id, expectedVersion)) return;
  const current = await targets.currentTargetVersion(ctx.db, ownerId, id);
  if (current === undefined) throw notFound('The target');
  throw versionConflict('target', current);
}
