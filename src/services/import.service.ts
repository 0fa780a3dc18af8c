/**
 * Imports a parsed file into one account: plan (pure core), then write the whole
 * plan in one transaction — all or nothing. A dry run plans and reports without
 * writing. Importing the same file twice changes nothing the second time.
 */
import { AppError } from '../core/errors.ts';
import { planImport, type ImportPlan } from '../core/import-plan.ts';
import type { ImportReport, ParsedImport } from '../imports/types.ts';
import * as imports from '../repositories/import.repository.ts';
import { isForeignKeyViolation, isUniqueViolation } from '../repositories/row-mapping.ts';
import type { ServiceContext } from './context.ts';

export interface ImportOptions {
  dryRun: boolean;
  /** Called as rows are written: (done, total). */
  onProgress?: (done: number, total: number) => void;
  /** Test seam: called before the k-th write; a throw aborts the import. */
  beforeWrite?: (k: number) => void;
}

const SOURCE_LABEL: Record<ParsedImport['format'], string> = { linkedin: 'LinkedIn', vcard: 'vCard' };

export async function importParsed(ctx: ServiceContext, ownerId: string, parsed: ParsedImport, options: ImportOptions): Promise<ImportReport> {
  let plan: ImportPlan;
  try {
    plan = await ctx.db.transaction().execute(async (trx) => {
      await imports.lockAccountForImport(trx, ownerId);
      const [existing, organizations] = await Promise.all([imports.loadMatchableContacts(trx, ownerId), imports.loadOrganizations(trx, ownerId)]);
      const planned = planImport(existing, organizations, parsed.people, parsed.skipped, ctx.newId);
      if (!options.dryRun) await writePlan({ ...ctx, db: trx }, ownerId, planned, SOURCE_LABEL[parsed.format], options);
      return planned;
    });
  } catch (error) {
    throw changedMeanwhile(error) ?? error;
  }
  return {
    dryRun: options.dryRun,
    read: parsed.read,
    created: plan.created,
    updated: plan.updated,
    unchanged: plan.unchanged,
    skipped: plan.skipped,
    organizationsCreated: plan.newOrganizations.length,
  };
}

/**
 * The account changed under the import — an organization created or deleted in
 * the web app at that moment, or another process writing the SQLite file — so
 * the transaction was refused and rolled back. Nothing was written; a retry works.
 */
function changedMeanwhile(error: unknown): AppError | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (isUniqueViolation(error) || isForeignKeyViolation(error) || (typeof code === 'string' && code.startsWith('SQLITE_BUSY'))) {
    return new AppError('VERSION_CONFLICT', 'Your contacts changed while the import ran. Nothing was imported; run it again.');
  }
  return undefined;
}

/**
 * Rows written per step of the progress bar. On PostgreSQL each step is one
 * statement over arrays (one round trip, one firing of the search trigger); on
 * SQLite a few multi-row inserts. Larger steps measured no faster on either.
 */
const CHUNK = 2000;

async function writePlan(ctx: ServiceContext, ownerId: string, plan: ImportPlan, source: string, options: ImportOptions): Promise<void> {
  const now = ctx.now().toISOString();
  const total = plan.creates.length + plan.updates.length;
  let done = 0;
  const step = (count: number) => {
    for (let i = 0; i < count; i++) options.beforeWrite?.(done + i);
    done += count;
    options.onProgress?.(done, total);
  };

  await imports.insertOrganizations(
    ctx.db,
    plan.newOrganizations.map((o) => ({
      id: o.id,
      owner_id: ownerId,
      name: o.name,
      name_key: o.nameKey,
      website: null,
      industry: null,
      notes: null,
      version: 1,
      created_at: now,
      updated_at: now,
    })),
  );

  for (let i = 0; i < plan.creates.length; i += CHUNK) {
    const chunk = plan.creates.slice(i, i + CHUNK);
    step(chunk.length);
    await imports.insertContacts(
      ctx.db,
      chunk.map(({ contact: c }) => ({
        id: c.id,
        owner_id: ownerId,
        name: c.name,
        name_key: c.nameKey,
        emails: JSON.stringify(c.emails),
        phones: JSON.stringify(c.phones),
        linkedin_url: c.linkedinUrl,
        organization_id: c.organizationId,
        title: c.title,
        location: null,
        time_zone: null,
        source,
        introduced_by_id: null,
        notes: c.notes,
        connected_on: c.connectedOn,
        imported_title: c.importedTitle,
        imported_organization: c.importedOrganization,
        version: 1,
        created_at: now,
        updated_at: now,
      })),
    );
  }

  const history: imports.HistoryRow[] = [];
  for (let i = 0; i < plan.updates.length; i += CHUNK) {
    const chunk = plan.updates.slice(i, i + CHUNK);
    step(chunk.length);
    const applied = await imports.updateContacts(
      ctx.db,
      ownerId,
      chunk.map(({ contactId, version, visible, after }) => ({
        id: contactId,
        expected_version: version,
        // Only what the person can see moves the version; the import baseline alone does not.
        bump: visible ? 1 : 0,
        updated_at: visible ? now : null,
        emails: JSON.stringify(after.emails),
        phones: JSON.stringify(after.phones),
        linkedin_url: after.linkedinUrl,
        organization_id: after.organizationId,
        title: after.title,
        notes: after.notes,
        connected_on: after.connectedOn,
        imported_title: after.importedTitle,
        imported_organization: after.importedOrganization,
      })),
    );
    if (applied !== chunk.length) {
      throw new AppError('VERSION_CONFLICT', 'A contact changed while the import ran. Nothing was imported; run it again.');
    }
    for (const update of chunk) {
      for (const h of update.history) {
        history.push({
          id: ctx.newId(),
          owner_id: ownerId,
          contact_id: update.contactId,
          field: h.field,
          old_value: h.oldValue,
          new_value: h.newValue,
          source: source.toLowerCase(),
          changed_at: now,
        });
      }
    }
  }
  await imports.insertHistory(ctx.db, history);
}
