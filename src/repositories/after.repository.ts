/**
 * All SQL of the after-meeting work: write-ups, referrals, outcomes and their
 * links to interviews, and the material a thank-you is drafted from (the
 * agenda's jotted answers and meeting mode's notes). Every query is scoped by owner.
 */
import type { Kysely } from 'kysely';
import type { InterviewStage } from '../core/interview-stages.ts';
import type { MayUseName } from '../core/referral-rules.ts';
import type { Database } from '../db/schema.ts';
import type { Outcome, OutcomeInterviewRef, OutcomeKind, Referral, WriteUp } from '../shared/after-api.ts';
import { fromDbBool, parseJsonArray, toDbBool, toIso } from './row-mapping.ts';

type Db = Kysely<Database>;

const isoOrNull = (value: Date | string | null): string | null => (value == null ? null : toIso(value));

// --- Write-ups -----------------------------------------------------------------

export interface StoredWriteUp extends WriteUp {
  thankYouSubject: string | null;
  thankYouBody: string | null;
}

export function emptyWriteUp(interviewId: string): StoredWriteUp {
  return {
    interviewId,
    learned: null,
    informationRating: null,
    gaveBack: null,
    connectionMade: null,
    lead: null,
    nextStep: null,
    version: 0,
    updatedAt: null,
    thankYouSubject: null,
    thankYouBody: null,
  };
}

export async function findWriteUp(db: Db, ownerId: string, interviewId: string): Promise<StoredWriteUp | undefined> {
  const row = await db.selectFrom('write_up').selectAll().where('owner_id', '=', ownerId).where('interview_id', '=', interviewId).executeTakeFirst();
  if (!row) return undefined;
  return {
    interviewId: row.interview_id,
    learned: row.learned,
    informationRating: row.information_rating,
    gaveBack: row.gave_back,
    connectionMade: row.connection_made === null ? null : fromDbBool(row.connection_made),
    lead: row.lead,
    nextStep: row.next_step,
    version: row.version,
    updatedAt: toIso(row.updated_at),
    thankYouSubject: row.thank_you_subject,
    thankYouBody: row.thank_you_body,
  };
}

export type WriteUpFields = Partial<{
  learned: string | null;
  informationRating: number | null;
  gaveBack: string | null;
  connectionMade: boolean | null;
  lead: string | null;
  nextStep: string | null;
  thankYouSubject: string | null;
  thankYouBody: string | null;
}>;

function writeUpColumns(fields: WriteUpFields) {
  return {
    ...(fields.learned !== undefined ? { learned: fields.learned } : {}),
    ...(fields.informationRating !== undefined ? { information_rating: fields.informationRating } : {}),
    ...(fields.gaveBack !== undefined ? { gave_back: fields.gaveBack } : {}),
    ...(fields.connectionMade !== undefined ? { connection_made: fields.connectionMade === null ? null : toDbBool(fields.connectionMade) } : {}),
    ...(fields.lead !== undefined ? { lead: fields.lead } : {}),
    ...(fields.nextStep !== undefined ? { next_step: fields.nextStep } : {}),
    ...(fields.thankYouSubject !== undefined ? { thank_you_subject: fields.thankYouSubject } : {}),
    ...(fields.thankYouBody !== undefined ? { thank_you_body: fields.thankYouBody } : {}),
  };
}

/** The first save. A concurrent first save makes the primary key refuse the second one. */
export async function insertWriteUp(db: Db, ownerId: string, interviewId: string, fields: WriteUpFields, at: string): Promise<void> {
  await db
    .insertInto('write_up')
    .values({ interview_id: interviewId, owner_id: ownerId, ...writeUpColumns(fields), version: 1, created_at: at, updated_at: at })
    .execute();
}

export async function updateWriteUpIfVersion(db: Db, ownerId: string, interviewId: string, expectedVersion: number, fields: WriteUpFields, at: string): Promise<boolean> {
  const result = await db
    .updateTable('write_up')
    .set((eb) => ({ ...writeUpColumns(fields), updated_at: at, version: eb('version', '+', 1) }))
    .where('owner_id', '=', ownerId)
    .where('interview_id', '=', interviewId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

// --- What the thank-you is drafted from ------------------------------------------

/** The agenda's questions with their jotted answers, in agenda order. */
export async function listJottedAnswers(db: Db, ownerId: string, interviewId: string): Promise<{ question: string; answer: string | null }[]> {
  const rows = await db
    .selectFrom('agenda_item')
    .select(['text', 'answer'])
    .where('owner_id', '=', ownerId)
    .where('interview_id', '=', interviewId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ question: r.text, answer: r.answer }));
}

// --- Referrals ------------------------------------------------------------------

export interface ReferralRow {
  id: string;
  owner_id: string;
  interview_id: string;
  referrer_contact_id: string;
  contact_id: string;
  may_use_name: MayUseName;
  note: string | null;
  created_at: string;
}

export async function insertReferral(db: Db, row: ReferralRow): Promise<void> {
  await db.insertInto('referral').values({ ...row, referrer_told_at: null }).execute();
}

function selectReferrals(db: Db, ownerId: string) {
  return db
    .selectFrom('referral as r')
    .innerJoin('contact as ref', 'ref.id', 'r.referrer_contact_id')
    .innerJoin('contact as c', 'c.id', 'r.contact_id')
    .leftJoin('organization as o', 'o.id', 'c.organization_id')
    .selectAll('r')
    .select((eb) => [
      'ref.name as referrer_name',
      'c.name as contact_name',
      'c.emails as contact_emails',
      'c.organization_id as contact_organization_id',
      'o.name as organization_name',
      // The first request that went to them, from any interview but the one that gave the name.
      eb
        .selectFrom('interview as i')
        .select((s) => s.fn.min('i.request_sent_at').as('first'))
        .whereRef('i.contact_id', '=', 'r.contact_id')
        .where('i.owner_id', '=', ownerId)
        .as('contacted_at'),
    ])
    .where('r.owner_id', '=', ownerId);
}

type ReferralFullRow = Awaited<ReturnType<ReturnType<typeof selectReferrals>['executeTakeFirstOrThrow']>>;

function toReferral(row: ReferralFullRow): Referral {
  return {
    id: row.id,
    interviewId: row.interview_id,
    referrer: { id: row.referrer_contact_id, name: row.referrer_name },
    contact: {
      id: row.contact_id,
      name: row.contact_name,
      emails: parseJsonArray(row.contact_emails),
      organization: row.contact_organization_id && row.organization_name ? { id: row.contact_organization_id, name: row.organization_name } : null,
    },
    mayUseName: (['yes', 'no'].includes(row.may_use_name) ? row.may_use_name : 'not_asked') as MayUseName,
    note: row.note,
    contactedAt: isoOrNull(row.contacted_at as Date | string | null),
    referrerToldAt: isoOrNull(row.referrer_told_at),
    createdAt: toIso(row.created_at),
    version: row.version,
  };
}

export async function listReferrals(db: Db, ownerId: string, interviewId: string): Promise<Referral[]> {
  const rows = await selectReferrals(db, ownerId).where('r.interview_id', '=', interviewId).orderBy('r.created_at').orderBy('c.name_key').orderBy('r.id').execute();
  return rows.map(toReferral);
}

/** Every referral whose referrer has not been told yet: the basis of the Today task. */
export async function listReferralsNotTold(db: Db, ownerId: string): Promise<Referral[]> {
  const rows = await selectReferrals(db, ownerId).where('r.referrer_told_at', 'is', null).orderBy('r.created_at').execute();
  return rows.map(toReferral);
}

export async function findReferral(db: Db, ownerId: string, id: string): Promise<Referral | undefined> {
  const row = await selectReferrals(db, ownerId).where('r.id', '=', id).executeTakeFirst();
  return row ? toReferral(row) : undefined;
}

/**
 * Applies `changes` and moves the version on, only while the referral is at
 * `expectedVersion`; false when it is not (or is not this owner's). Without an
 * expected version (Today's "tell the referrer" task marking it told), applies
 * them as they are and leaves the version alone: that flag is set, not edited.
 */
export async function updateReferral(
  db: Db,
  ownerId: string,
  id: string,
  changes: { may_use_name?: MayUseName; note?: string | null; referrer_told_at?: string | null },
  expectedVersion?: number,
): Promise<boolean> {
  let query = db.updateTable('referral').where('owner_id', '=', ownerId).where('id', '=', id);
  if (expectedVersion === undefined) {
    if (Object.keys(changes).length === 0) return (await findReferral(db, ownerId, id)) !== undefined;
    return (await query.set(changes).executeTakeFirst()).numUpdatedRows > 0n;
  }
  query = query.where('version', '=', expectedVersion);
  return (await query.set((eb) => ({ ...changes, version: eb('version', '+', 1) })).executeTakeFirst()).numUpdatedRows > 0n;
}

/** Names given in one interview, for the thank-you ("I'll reach out to …"). */
export async function referralNames(db: Db, ownerId: string, interviewId: string): Promise<string[]> {
  return (await listReferrals(db, ownerId, interviewId)).map((r) => r.contact.name);
}

// --- Outcomes -------------------------------------------------------------------

export interface OutcomeRow {
  id: string;
  owner_id: string;
  kind: OutcomeKind;
  title: string;
  organization_id: string | null;
  occurred_on: string;
  notes: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export async function insertOutcome(db: Db, row: OutcomeRow): Promise<void> {
  await db.insertInto('outcome').values(row).execute();
}

export type OutcomeChanges = Partial<Pick<OutcomeRow, 'kind' | 'title' | 'organization_id' | 'occurred_on' | 'notes'>> & { updated_at: string };

export async function updateOutcomeIfVersion(db: Db, ownerId: string, id: string, expectedVersion: number, changes: OutcomeChanges): Promise<boolean> {
  const result = await db
    .updateTable('outcome')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('owner_id', '=', ownerId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function currentOutcomeVersion(db: Db, ownerId: string, id: string): Promise<number | undefined> {
  const row = await db.selectFrom('outcome').select('version').where('owner_id', '=', ownerId).where('id', '=', id).executeTakeFirst();
  return row?.version;
}

export async function deleteOutcome(db: Db, ownerId: string, id: string, expectedVersion?: number): Promise<boolean> {
  let query = db.deleteFrom('outcome').where('owner_id', '=', ownerId).where('id', '=', id);
  if (expectedVersion !== undefined) query = query.where('version', '=', expectedVersion);
  return (await query.executeTakeFirst()).numDeletedRows > 0n;
}

/** Which of `ids` are this owner's interviews. */
export async function ownInterviewIds(db: Db, ownerId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('interview').select('id').where('owner_id', '=', ownerId).where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

export async function replaceOutcomeLinks(db: Db, ownerId: string, outcomeId: string, interviewIds: readonly string[]): Promise<void> {
  await db.deleteFrom('outcome_interview').where('owner_id', '=', ownerId).where('outcome_id', '=', outcomeId).execute();
  if (interviewIds.length === 0) return;
  await db
    .insertInto('outcome_interview')
    .values(interviewIds.map((interviewId) => ({ outcome_id: outcomeId, interview_id: interviewId, owner_id: ownerId })))
    .execute();
}

/** Outcomes, newest first; only those linked to `interviewId` when given. */
export async function listOutcomes(db: Db, ownerId: string, filter: { interviewId?: string | undefined; id?: string } = {}): Promise<Outcome[]> {
  let query = db
    .selectFrom('outcome as x')
    .leftJoin('organization as o', 'o.id', 'x.organization_id')
    .selectAll('x')
    .select('o.name as organization_name')
    .where('x.owner_id', '=', ownerId);
  if (filter.id) query = query.where('x.id', '=', filter.id);
  if (filter.interviewId) {
    const interviewId = filter.interviewId;
    query = query.where('x.id', 'in', (eb) => eb.selectFrom('outcome_interview').select('outcome_id').where('owner_id', '=', ownerId).where('interview_id', '=', interviewId));
  }
  const rows = await query.orderBy('x.occurred_on', 'desc').orderBy('x.created_at', 'desc').orderBy('x.id').execute();
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('outcome_interview as l')
    .innerJoin('interview as i', 'i.id', 'l.interview_id')
    .innerJoin('contact as c', 'c.id', 'i.contact_id')
    .leftJoin('organization as o', 'o.id', 'i.organization_id')
    .select(['l.outcome_id', 'i.id', 'i.stage', 'i.meeting_at', 'c.id as contact_id', 'c.name as contact_name', 'i.organization_id', 'o.name as organization_name'])
    .where('l.owner_id', '=', ownerId)
    .where(
      'l.outcome_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('c.name_key')
    .orderBy('i.id')
    .execute();
  const byOutcome = new Map<string, OutcomeInterviewRef[]>();
  for (const link of links) {
    const list = byOutcome.get(link.outcome_id) ?? [];
    list.push({
      id: link.id,
      contact: { id: link.contact_id, name: link.contact_name },
      organization: link.organization_id && link.organization_name ? { id: link.organization_id, name: link.organization_name } : null,
      stage: link.stage as InterviewStage,
      meetingAt: isoOrNull(link.meeting_at),
    });
    byOutcome.set(link.outcome_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as OutcomeKind,
    title: r.title,
    organization: r.organization_id && r.organization_name ? { id: r.organization_id, name: r.organization_name } : null,
    occurredOn: r.occurred_on,
    notes: r.notes,
    interviews: byOutcome.get(r.id) ?? [],
    version: r.version,
    createdAt: toIso(r.created_at),
    updatedAt: toIso(r.updated_at),
  }));
}

// --- Material for ideas of value to share -----------------------------------------

export interface IdeaMaterial {
  organizationName: string | null;
  industry: string | null;
  learned: string | null;
  lead: string | null;
  nextStep: string | null;
  outcomes: { kind: OutcomeKind; title: string }[];
  contactedReferrals: string[];
}

/** What `suggestValueToShare` needs for several interviews, in three queries. */
export async function loadIdeaMaterial(db: Db, ownerId: string, interviewIds: readonly string[]): Promise<Map<string, IdeaMaterial>> {
  const result = new Map<string, IdeaMaterial>();
  if (interviewIds.length === 0) return result;
  const ids = [...new Set(interviewIds)];
  const base = await db
    .selectFrom('interview as i')
    .leftJoin('write_up as w', 'w.interview_id', 'i.id')
    .leftJoin('organization as o', 'o.id', 'i.organization_id')
    .select(['i.id', 'w.learned', 'w.lead', 'w.next_step', 'o.name as organization_name', 'o.industry'])
    .where('i.owner_id', '=', ownerId)
    .where('i.id', 'in', ids)
    .execute();
  for (const row of base) {
    result.set(row.id, {
      organizationName: row.organization_name,
      industry: row.industry,
      learned: row.learned,
      lead: row.lead,
      nextStep: row.next_step,
      outcomes: [],
      contactedReferrals: [],
    });
  }
  const outcomes = await db
    .selectFrom('outcome_interview as l')
    .innerJoin('outcome as x', 'x.id', 'l.outcome_id')
    .select(['l.interview_id', 'x.kind', 'x.title'])
    .where('l.owner_id', '=', ownerId)
    .where('l.interview_id', 'in', ids)
    .orderBy('x.occurred_on', 'desc')
    .orderBy('x.id')
    .execute();
  for (const o of outcomes) result.get(o.interview_id)?.outcomes.push({ kind: o.kind as OutcomeKind, title: o.title });
  const referred = await db
    .selectFrom('referral as r')
    .innerJoin('contact as c', 'c.id', 'r.contact_id')
    .select(['r.interview_id', 'c.name'])
    .where('r.owner_id', '=', ownerId)
    .where('r.interview_id', 'in', ids)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('interview as j')
          .select('j.id')
          .whereRef('j.contact_id', '=', 'r.contact_id')
          .where('j.owner_id', '=', ownerId)
          .where('j.request_sent_at', 'is not', null),
      ),
    )
    .orderBy('r.created_at')
    .execute();
  for (const r of referred) result.get(r.interview_id)?.contactedReferrals.push(r.name);
  return result;
}

/** Records who introduced an existing contact, unless someone already did. */
export async function setIntroducedByIfUnset(db: Db, ownerId: string, contactId: string, introducedById: string, at: string): Promise<void> {
  await db
    .updateTable('contact')
    .set((eb) => ({ introduced_by_id: introducedById, updated_at: at, version: eb('version', '+', 1) }))
    .where('owner_id', '=', ownerId)
    .where('id', '=', contactId)
    .where('introduced_by_id', 'is', null)
    .execute();
}
