/** All SQL about target organizations. Every query is scoped by owner. */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database, TargetTable } from '../db/schema.ts';
import { fromDbBool, toIso } from './row-mapping.ts';
import { OPEN_STAGES } from './interview.repository.ts';

type Db = Kysely<Database>;

export type TargetRow = Omit<Insertable<TargetTable>, 'created_at' | 'updated_at'> & { created_at: string; updated_at: string };

/** A target as stored, before the service adds its computed advocacy. */
export interface StoredTarget {
  id: string;
  organization: { id: string; name: string; nameKey: string };
  motivation: 1 | 2 | 3;
  openPostings: boolean;
  active: boolean;
  notes: string | null;
  contactCount: number;
  openInterviewCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

function selectFull(db: Db, ownerId: string) {
  return db
    .selectFrom('target as t')
    .innerJoin('organization as o', 'o.id', 't.organization_id')
    .selectAll('t')
    .select(['o.name as organization_name', 'o.name_key as organization_name_key'])
    .select((eb) => [
      eb.selectFrom('contact as c').whereRef('c.organization_id', '=', 't.organization_id').select(eb.fn.countAll<number>().as('n')).as('contact_count'),
      eb
        .selectFrom('interview as i')
        .whereRef('i.organization_id', '=', 't.organization_id')
        .where('i.stage', 'in', OPEN_STAGES)
        .select(eb.fn.countAll<number>().as('n'))
        .as('open_interview_count'),
    ])
    .where('t.owner_id', '=', ownerId);
}

type FullRow = Awaited<ReturnType<ReturnType<typeof selectFull>['executeTakeFirstOrThrow']>>;

function toStored(row: FullRow): StoredTarget {
  const motivation = row.motivation === 1 || row.motivation === 3 ? row.motivation : 2;
  return {
    id: row.id,
    organization: { id: row.organization_id, name: row.organization_name, nameKey: row.organization_name_key },
    motivation,
    openPostings: fromDbBool(row.open_postings),
    active: fromDbBool(row.active),
    notes: row.notes,
    contactCount: Number(row.contact_count ?? 0),
    openInterviewCount: Number(row.open_interview_count ?? 0),
    version: row.version,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export async function insertTarget(db: Db, row: TargetRow): Promise<void> {
  await db.insertInto('target').values(row).execute();
}

export async function findTarget(db: Db, ownerId: string, id: string): Promise<StoredTarget | undefined> {
  const row = await selectFull(db, ownerId).where('t.id', '=', id).executeTakeFirst();
  return row ? toStored(row) : undefined;
}

export async function findTargetIdByOrganization(db: Db, ownerId: string, organizationId: string): Promise<string | undefined> {
  const row = await db.selectFrom('target').select('id').where('owner_id', '=', ownerId).where('organization_id', '=', organizationId).executeTakeFirst();
  return row?.id;
}

export async function listTargets(db: Db, ownerId: string): Promise<StoredTarget[]> {
  const rows = await selectFull(db, ownerId).orderBy(sql`o.name_key`).orderBy('t.id').execute();
  return rows.map(toStored);
}

export async function currentTargetVersion(db: Db, ownerId: string, id: string): Promise<number | undefined> {
  const row = await db.selectFrom('target').select('version').where('owner_id', '=', ownerId).where('id', '=', id).executeTakeFirst();
  return row?.version;
}

export type TargetChanges = Partial<Pick<TargetRow, 'motivation' | 'open_postings' | 'active' | 'notes' | 'updated_at'>>;

export async function updateTargetIfVersion(db: Db, ownerId: string, id: string, expectedVersion: number, changes: TargetChanges): Promise<boolean> {
  const result = await db
    .updateTable('target')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('owner_id', '=', ownerId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteTarget(db: Db, ownerId: string, id: string, expectedVersion?: number): Promise<boolean> {
  let query = db.deleteFrom('target').where('owner_id', '=', ownerId).where('id', '=', id);
  if (expectedVersion !== undefined) query = query.where('version', '=', expectedVersion);
  const result = await query.executeTakeFirst();
  return result.numDeletedRows > 0n;
}
