/**
 * After the meeting (PRODUCT.md steps 7–8): the same-day write-up with the four
 * measures of success, the names the host gave as contacts introduced by them,
 * the thank-you drafted from the notes and sent, copied or printed, ideas of
 * value to share later, and outcomes linked to the conversations they came from.
 */
import { localDate } from '../core/business-days.ts';
import type { TaskDecision } from '../core/follow-up.ts';
import { AppError, notFound, validationFailed, versionConflict, type FieldIssue } from '../core/errors.ts';
import { applyInterviewEvent, describeStage, type InterviewStage } from '../core/interview-stages.ts';
import { matchKey } from '../core/normalize.ts';
import { deriveReferralTasks, type ReferralTask } from '../core/referral-rules.ts';
import { applyReminderDecisions } from '../core/reminders.ts';
import { stayInTouchDraft, suggestValueToShare } from '../core/stay-in-touch.ts';
import { draftThankYou, lintThankYou, specificCandidates, thankYouDeadline } from '../core/thank-you.ts';
import type { Database } from '../db/schema.ts';
import { enqueueMessage } from '../mail/outbox.service.ts';
import * as after from '../repositories/after.repository.ts';
import { contactExists, findContact, insertContact } from '../repositories/contact.repository.ts';
import * as interviews from '../repositories/interview.repository.ts';
import { findSession } from '../repositories/meeting.repository.ts';
import { findOrganizationIdByNameKey, insertOrganization, organizationExists } from '../repositories/organization.repository.ts';
import { isForeignKeyViolation, isUniqueViolation, toDbBool } from '../repositories/row-mapping.ts';
import * as tasks from '../repositories/task.repository.ts';
import { findUserById } from '../repositories/user.repository.ts';
import type { Ref } from '../shared/api.ts';
import type {
  AfterSummary,
  Outcome,
  OutcomeCreateSchema,
  OutcomeUpdateSchema,
  Referral,
  ReferralCreateSchema,
  ReferralUpdateSchema,
  ThankYou,
  ThankYouSaveSchema,
  ThankYouSendSchema,
  WriteUp,
  WriteUpSaveSchema,
} from '../shared/after-api.ts';
import type { MeetingSession } from '../shared/meeting-api.ts';
import type { Interview } from '../shared/plan-api.ts';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { ServiceContext } from './context.ts';
import { recordEvent } from './interview.service.ts';
import { getPreferences } from './preference.service.ts';

const MET_STAGES: readonly InterviewStage[] = interviews.MET_STAGE_FILTER;

async function findOrThrow(ctx: ServiceContext, ownerId: string, id: string, db: Kysely<Database> = ctx.db): Promise<interviews.StoredInterview> {
  const stored = await interviews.findInterview(db, ownerId, id);
  if (!stored) throw notFound('The interview');
  return stored;
}

/** The write-up, referrals and thank-you are about a meeting that took place. */
function requireMet(stored: interviews.StoredInterview, what: string): void {
  if (!MET_STAGES.includes(stored.state.stage)) {
    throw new AppError('STAGE_TRANSITION_REFUSED', `${what} comes after the meeting; this interview is ${describeStage(stored.state.stage)}. Mark the meeting held first.`, {
      stage: stored.state.stage,
    });
  }
}

function publicWriteUp(stored: after.StoredWriteUp): WriteUp {
  const { thankYouSubject: _s, thankYouBody: _b, ...writeUp } = stored;
  return writeUp;
}

async function loadWriteUp(db: Kysely<Database>, ownerId: string, interviewId: string): Promise<after.StoredWriteUp> {
  return (await after.findWriteUp(db, ownerId, interviewId)) ?? after.emptyWriteUp(interviewId);
}

/** Saves write-up fields under the version the editor loaded; 0 means "never saved". */
async function saveWriteUpFields(ctx: ServiceContext, ownerId: string, interviewId: string, expectedVersion: number, fields: after.WriteUpFields): Promise<void> {
  const at = ctx.now().toISOString();
  if (expectedVersion === 0) {
    try {
      await after.insertWriteUp(ctx.db, ownerId, interviewId, fields, at);
      return;
    } catch (error) {
      // Someone saved the first version meanwhile.
      if (isUniqueViolation(error)) throw versionConflict('write-up', (await after.findWriteUp(ctx.db, ownerId, interviewId))?.version ?? 1);
      throw error;
    }
  }
  if (!(await after.updateWriteUpIfVersion(ctx.db, ownerId, interviewId, expectedVersion, fields, at))) {
    throw versionConflict('write-up', (await after.findWriteUp(ctx.db, ownerId, interviewId))?.version ?? 0);
  }
}

// ---------------------------------------------------------------------------
// Write-up

export async function getWriteUp(ctx: ServiceContext, ownerId: string, interviewId: string): Promise<WriteUp> {
  await findOrThrow(ctx, ownerId, interviewId);
  return publicWriteUp(await loadWriteUp(ctx.db, ownerId, interviewId));
}

export async function saveWriteUp(ctx: ServiceContext, ownerId: string, interviewId: string, input: z.output<typeof WriteUpSaveSchema>): Promise<WriteUp> {
  requireMet(await findOrThrow(ctx, ownerId, interviewId), 'The write-up');
  const { version, ...fields } = input;
  await saveWriteUpFields(ctx, ownerId, interviewId, version, fields);
  return getWriteUp(ctx, ownerId, interviewId);
}

// ---------------------------------------------------------------------------
// Referrals

export async function listReferrals(ctx: ServiceContext, ownerId: string, interviewId: string): Promise<{ items: Referral[] }> {
  await findOrThrow(ctx, ownerId, interviewId);
  return { items: await after.listReferrals(ctx.db, ownerId, interviewId) };
}

/**
 * Records a name the host gave: a new contact introduced by the host, or an
 * existing contact (marked introduced by the host unless someone else already
 * introduced them), and the referral, in one transaction.
 */
export async function addReferral(ctx: ServiceContext, ownerId: string, interviewId: string, input: z.output<typeof ReferralCreateSchema>): Promise<Referral> {
  const stored = await findOrThrow(ctx, ownerId, interviewId);
  requireMet(stored, 'Recording the names they gave');
  const referrer = stored.contact;
  const id = ctx.newId();
  const now = ctx.now().toISOString();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      let contactId: string;
      if (input.contactId !== undefined) {
        contactId = input.contactId.toLowerCase();
        if (contactId === referrer.id) throw validationFailed([{ field: 'contactId', message: `${referrer.name} cannot refer you to themselves` }]);
        if (!(await contactExists(trx, ownerId, contactId))) {
          throw new AppError('INVALID_REFERENCE', 'contactId: no such contact', { issues: [{ field: 'contactId', message: 'no such contact' }] });
        }
        await after.setIntroducedByIfUnset(trx, ownerId, contactId, referrer.id, now);
      } else {
        const name = input.name ?? '';
        let organizationId = input.organizationId;
        if (organizationId !== null && !(await organizationExists(trx, ownerId, organizationId))) {
          throw new AppError('INVALID_REFERENCE', 'organizationId: no such organization', { issues: [{ field: 'organizationId', message: 'no such organization' }] });
        }
        if (organizationId === null && input.organizationName !== null) {
          // An organization of that name already in Rapport is reused, not duplicated.
          organizationId = (await findOrganizationIdByNameKey(trx, ownerId, matchKey(input.organizationName))) ?? null;
          if (organizationId === null) {
            organizationId = ctx.newId();
            await insertOrganization(trx, {
              id: organizationId,
              owner_id: ownerId,
              name: input.organizationName,
              name_key: matchKey(input.organizationName),
              website: null,
              industry: null,
              notes: null,
              version: 1,
              created_at: now,
              updated_at: now,
            });
          }
        }
        contactId = ctx.newId();
        await insertContact(
          trx,
          {
            id: contactId,
            owner_id: ownerId,
            name,
            name_key: matchKey(name),
            emails: JSON.stringify(input.email ? [input.email] : []),
            phones: '[]',
            linkedin_url: null,
            organization_id: organizationId,
            title: null,
            location: null,
            time_zone: null,
            source: `Named by ${referrer.name}`,
            introduced_by_id: referrer.id,
            known_personally: toDbBool(false),
            notes: input.note,
            version: 1,
            created_at: now,
            updated_at: now,
          },
          [],
        );
      }
      await after.insertReferral(trx, {
        id,
        owner_id: ownerId,
        interview_id: interviewId,
        referrer_contact_id: referrer.id,
        contact_id: contactId,
        may_use_name: input.mayUseName,
        note: input.note,
        created_at: now,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('DUPLICATE', `That name is already recorded as one ${referrer.name} gave you.`);
    if (isForeignKeyViolation(error)) throw new AppError('INVALID_REFERENCE', 'The contact or organization you linked to no longer exists.');
    throw error;
  }
  const referral = await after.findReferral(ctx.db, ownerId, id);
  if (!referral) throw notFound('The referral');
  return referral;
}

export async function updateReferral(
  ctx: ServiceContext,
  ownerId: string,
  interviewId: string,
  referralId: string,
  input: z.output<typeof ReferralUpdateSchema>,
): Promise<Referral> {
  const current = await after.findReferral(ctx.db, ownerId, referralId);
  if (!current || current.interviewId !== interviewId) throw notFound('The referral');
  const changes = {
    ...(input.mayUseName !== undefined ? { may_use_name: input.mayUseName } : {}),
    ...(input.note !== undefined ? { note: input.note } : {}),
    ...(input.referrerTold === true && current.referrerToldAt === null ? { referrer_told_at: ctx.now().toISOString() } : {}),
    ...(input.referrerTold === false ? { referrer_told_at: null } : {}),
  };
  if (!(await after.updateReferral(ctx.db, ownerId, referralId, changes, input.version))) {
    const now = await after.findReferral(ctx.db, ownerId, referralId);
    if (!now) throw notFound('The referral');
    throw versionConflict('referral', now.version);
  }
  return (await after.findReferral(ctx.db, ownerId, referralId)) ?? current;
}

// ---------------------------------------------------------------------------
// Thank-you

/**
 * When the conversation took place and ended. Meeting mode's session says what really happened (a meeting held a
 * day late without rescheduling, or ended early); without one, the scheduled time, else when it was marked held.
 */
function meetingTimes(stored: interviews.StoredInterview, session: MeetingSession | undefined): { metAt: string | null; endedAt: string | null } {
  if (session) return { metAt: session.startedAt, endedAt: session.endedAt ?? session.endsAt };
  const { meetingAt, meetingMinutes, heldAt } = stored.state;
  if (meetingAt !== null) return { metAt: meetingAt, endedAt: new Date(Date.parse(meetingAt) + (meetingMinutes ?? 30) * 60_000).toISOString() };
  return { metAt: heldAt, endedAt: heldAt };
}

async function buildThankYou(ctx: ServiceContext, ownerId: string, stored: interviews.StoredInterview): Promise<ThankYou & { seeker: { name: string; email: string } }> {
  const [writeUp, answers, session, names, seeker, contact, prefs] = await Promise.all([
    loadWriteUp(ctx.db, ownerId, stored.id),
    after.listJottedAnswers(ctx.db, ownerId, stored.id),
    findSession(ctx.db, ownerId, stored.id),
    after.referralNames(ctx.db, ownerId, stored.id),
    findUserById(ctx.db, ownerId),
    findContact(ctx.db, ownerId, stored.contact.id),
    getPreferences(ctx, ownerId),
  ]);
  const { metAt, endedAt: ended } = meetingTimes(stored, session);
  const material = { answers, notes: [session?.notes ?? null, stored.notes], learned: writeUp.learned };
  const draft = draftThankYou({
    seekerName: seeker?.name ?? '',
    hostName: stored.contact.name,
    meetingDate: metAt ? localDate(metAt, prefs.timeZone) : null,
    nextStep: writeUp.nextStep,
    referralNames: names,
    ...material,
  });
  const subject = writeUp.thankYouSubject ?? draft.subject;
  const body = writeUp.thankYouBody ?? draft.body;
  return {
    subject,
    body,
    edited: writeUp.thankYouSubject !== null || writeUp.thankYouBody !== null,
    generated: { subject: draft.subject, body: draft.body },
    specific: draft.specific,
    findings: lintThankYou({
      subject,
      body,
      candidates: specificCandidates(material).map((c) => c.text),
      meetingEndedAt: ended,
      now: ctx.now(),
      sentAt: stored.state.thankedAt,
    }),
    deadline: ended ? thankYouDeadline(ended) : null,
    sentAt: stored.state.thankedAt,
    contactEmail: contact?.emails[0] ?? null,
    mailConfigured: Boolean(ctx.mail),
    version: writeUp.version,
    seeker: { name: seeker?.name ?? '', email: seeker?.email ?? '' },
  };
}

export async function getThankYou(ctx: ServiceContext, ownerId: string, interviewId: string): Promise<ThankYou> {
  const stored = await findOrThrow(ctx, ownerId, interviewId);
  requireMet(stored, 'The thank-you');
  const { seeker: _seeker, ...thankYou } = await buildThankYou(ctx, ownerId, stored);
  return thankYou;
}

/** Saves the edited draft with the write-up's version; null subject and body go back to the draft built from the notes. */
export async function saveThankYou(ctx: ServiceContext, ownerId: string, interviewId: string, input: z.output<typeof ThankYouSaveSchema>): Promise<ThankYou> {
  requireMet(await findOrThrow(ctx, ownerId, interviewId), 'The thank-you');
  await saveWriteUpFields(ctx, ownerId, interviewId, input.version, { thankYouSubject: input.subject, thankYouBody: input.body });
  return getThankYou(ctx, ownerId, interviewId);
}

/**
 * Records the thank-you as sent (`held → thanked`). By e-mail, the message goes
 * into the outbox in the same transaction as the event, so it exists exactly
 * when the event does; copied or written on a card, only the event is recorded.
 */
export async function sendThankYou(ctx: ServiceContext, ownerId: string, interviewId: string, input: z.output<typeof ThankYouSendSchema>): Promise<Interview> {
  const stored = await findOrThrow(ctx, ownerId, interviewId);
  // The state machine says why a thank-you cannot be recorded (never held, already thanked) before anything else.
  applyInterviewEvent(stored.state, { kind: 'thanked', at: ctx.now().toISOString() });
  if (input.via !== 'email') return recordEvent(ctx, ownerId, interviewId, { version: input.version, kind: 'thanked' });

  const mail = ctx.mail;
  if (!mail) {
    throw new AppError(
      'MAIL_NOT_POSSIBLE',
      'This Rapport has no e-mail server (SMTP_URL), so it cannot send the thank-you. Copy it into your own mail, or print a card, and mark it sent.',
    );
  }
  const thankYou = await buildThankYou(ctx, ownerId, stored);
  if (thankYou.contactEmail === null) {
    throw new AppError('MAIL_NOT_POSSIBLE', `Add ${stored.contact.name}'s e-mail address to send the thank-you from Rapport, or copy it into your own mail.`);
  }
  const blocking = thankYou.findings.filter((f) => f.code === 'placeholder' || f.code === 'empty');
  if (blocking.length > 0) throw validationFailed(blocking.map((f): FieldIssue => ({ field: 'body', message: f.message })));
  const to = { name: stored.contact.name, address: thankYou.contactEmail };
  return recordEvent(ctx, ownerId, interviewId, { version: input.version, kind: 'thanked' }, async (trx) => {
    await enqueueMessage(
      trx,
      {
        ownerId,
        to,
        subject: thankYou.subject,
        text: thankYou.body,
        replyTo: thankYou.seeker.email || undefined,
        fromName: `${thankYou.seeker.name} (via Rapport)`,
        cause: { kind: 'interview', id: interviewId },
      },
      { now: ctx.now, newId: ctx.newId, messageIdDomain: mail.messageIdDomain },
    );
  });
}

// ---------------------------------------------------------------------------
// Everything after one meeting

export async function getAfterSummary(ctx: ServiceContext, ownerId: string, interviewId: string): Promise<AfterSummary> {
  const stored = await findOrThrow(ctx, ownerId, interviewId);
  const [writeUp, referrals, outcomes, material] = await Promise.all([
    loadWriteUp(ctx.db, ownerId, interviewId),
    after.listReferrals(ctx.db, ownerId, interviewId),
    after.listOutcomes(ctx.db, ownerId, { interviewId }),
    after.loadIdeaMaterial(ctx.db, ownerId, [interviewId]),
  ]);
  const m = material.get(interviewId);
  const met = MET_STAGES.includes(stored.state.stage);
  return {
    interviewId,
    met,
    writeUp: publicWriteUp(writeUp),
    referrals,
    outcomes,
    valueIdeas: m ? suggestValueToShare({ contactName: stored.contact.name, ...m }) : [],
  };
}

/** For Today: the stay-in-touch draft of each interview, built on the best idea of value to share. */
export async function stayInTouchDrafts(ctx: ServiceContext, ownerId: string, subjects: readonly { interviewId: string; contactName: string }[]): Promise<Map<string, string>> {
  const material = await after.loadIdeaMaterial(
    ctx.db,
    ownerId,
    subjects.map((s) => s.interviewId),
  );
  const drafts = new Map<string, string>();
  for (const s of subjects) {
    const m = material.get(s.interviewId);
    const best = m ? suggestValueToShare({ contactName: s.contactName, ...m })[0] : undefined;
    if (best) drafts.set(s.interviewId, stayInTouchDraft(s.contactName, best));
  }
  return drafts;
}

// ---------------------------------------------------------------------------
// Telling the referrer (a task on Today)

export interface TodayReferralTask extends ReferralTask {
  effectiveDueOn: string;
  snoozed: boolean;
  at: null;
  refs: { contact: Ref; organization: Ref | null };
}

/** "Tell {referrer} you contacted {name}" for every referral asked and not yet told, with the seeker's decisions applied. */
export async function referralTasksForToday(
  ctx: ServiceContext,
  ownerId: string,
  timeZone: string,
  decisions: ReadonlyMap<string, TaskDecision>,
): Promise<TodayReferralTask[]> {
  const referrals = await after.listReferralsNotTold(ctx.db, ownerId);
  const derived = deriveReferralTasks(
    referrals.map((r) => ({
      referralId: r.id,
      interviewId: r.interviewId,
      referrer: r.referrer,
      contact: r.contact,
      mayUseName: r.mayUseName,
      contactedAt: r.contactedAt,
      referrerToldAt: r.referrerToldAt,
    })),
    timeZone,
  );
  const byId = new Map(referrals.map((r) => [r.id, r]));
  return applyReminderDecisions(derived, decisions).map((task) => {
    const referrer = byId.get(task.referralId)?.referrer ?? { id: task.contactId, name: '' };
    return { ...task, at: null, refs: { contact: referrer, organization: null } };
  });
}

/**
 * The referral's side of a decision on its "tell the referrer" task: done marks the referrer told and reopening
 * takes it back, so the referral list and Today agree. Other decisions only need the referral to exist.
 */
export async function markReferrerTold(ctx: ServiceContext, ownerId: string, referralId: string, status: 'open' | 'done' | 'dismissed' | 'snoozed'): Promise<void> {
  const referral = await after.findReferral(ctx.db, ownerId, referralId);
  if (!referral) throw notFound('The task');
  if (status === 'open' && referral.referrerToldAt !== null) await after.updateReferral(ctx.db, ownerId, referralId, { referrer_told_at: null });
  if (status === 'done' && referral.referrerToldAt === null) await after.updateReferral(ctx.db, ownerId, referralId, { referrer_told_at: ctx.now().toISOString() });
}

// ---------------------------------------------------------------------------
// Outcomes

/** Interview ids of another account are reported exactly like ids that do not exist. */
async function checkOutcomeReferences(
  db: Kysely<Database>,
  ownerId: string,
  refs: { organizationId?: string | null | undefined; interviewIds?: readonly string[] | undefined },
): Promise<void> {
  const issues: FieldIssue[] = [];
  if (refs.organizationId && !(await organizationExists(db, ownerId, refs.organizationId))) issues.push({ field: 'organizationId', message: 'no such organization' });
  if (refs.interviewIds && refs.interviewIds.length > 0) {
    const own = await after.ownInterviewIds(db, ownerId, refs.interviewIds);
    refs.interviewIds.forEach((id, i) => {
      if (!own.has(id)) issues.push({ field: `interviewIds.${i}`, message: 'no such interview' });
    });
  }
  if (issues.length > 0) throw new AppError('INVALID_REFERENCE', issues.map((i) => `${i.field}: ${i.message}`).join('; '), { issues });
}

async function inReferenceSafeTransaction(ctx: ServiceContext, work: (trx: Kysely<Database>) => Promise<void>): Promise<void> {
  try {
    await ctx.db.transaction().execute(work);
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new AppError('INVALID_REFERENCE', 'The organization or interview you linked to no longer exists.');
    throw error;
  }
}

export async function listOutcomes(ctx: ServiceContext, ownerId: string, query: { interviewId?: string | undefined }): Promise<{ items: Outcome[] }> {
  if (query.interviewId) await findOrThrow(ctx, ownerId, query.interviewId.toLowerCase());
  return { items: await after.listOutcomes(ctx.db, ownerId, { interviewId: query.interviewId?.toLowerCase() }) };
}

export async function getOutcome(ctx: ServiceContext, ownerId: string, id: string): Promise<Outcome> {
  const [outcome] = await after.listOutcomes(ctx.db, ownerId, { id });
  if (!outcome) throw notFound('The outcome');
  return outcome;
}

export async function createOutcome(ctx: ServiceContext, ownerId: string, input: z.output<typeof OutcomeCreateSchema>): Promise<Outcome> {
  const id = ctx.newId();
  const now = ctx.now().toISOString();
  await inReferenceSafeTransaction(ctx, async (trx) => {
    await checkOutcomeReferences(trx, ownerId, input);
    await after.insertOutcome(trx, {
      id,
      owner_id: ownerId,
      kind: input.kind,
      title: input.title,
      organization_id: input.organizationId,
      occurred_on: input.occurredOn,
      notes: input.notes,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    await after.replaceOutcomeLinks(trx, ownerId, id, input.interviewIds);
  });
  return getOutcome(ctx, ownerId, id);
}

export async function updateOutcome(ctx: ServiceContext, ownerId: string, id: string, input: z.output<typeof OutcomeUpdateSchema>): Promise<Outcome> {
  const { version, interviewIds, kind, title, organizationId, occurredOn, notes } = input;
  const changes: after.OutcomeChanges = { updated_at: ctx.now().toISOString() };
  if (kind !== undefined) changes.kind = kind;
  if (title !== undefined) changes.title = title;
  if (organizationId !== undefined) changes.organization_id = organizationId;
  if (occurredOn !== undefined) changes.occurred_on = occurredOn;
  if (notes !== undefined) changes.notes = notes;
  await inReferenceSafeTransaction(ctx, async (trx) => {
    const current = await after.currentOutcomeVersion(trx, ownerId, id);
    if (current === undefined) throw notFound('The outcome');
    await checkOutcomeReferences(trx, ownerId, { organizationId, interviewIds });
    if (!(await after.updateOutcomeIfVersion(trx, ownerId, id, version, changes))) throw versionConflict('outcome', current);
    if (interviewIds !== undefined) await after.replaceOutcomeLinks(trx, ownerId, id, interviewIds);
  });
  return getOutcome(ctx, ownerId, id);
}

export async function deleteOutcome(ctx: ServiceContext, ownerId: string, id: string, expectedVersion?: number): Promise<void> {
  if (await after.deleteOutcome(ctx.db, ownerId, id, expectedVersion)) return;
  const current = await after.currentOutcomeVersion(ctx.db, ownerId, id);
  if (current === undefined) throw notFound('The outcome');
  throw versionConflict('outcome', current);
}

