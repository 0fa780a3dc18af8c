/**
 * Informational interviews: creation under "once is enough", the request draft,
 * every stage change as an event checked by the pure state machine, the
 * timelines, and the 3B7 rule that closes a request after silence.
 */
import type { WorkCalendar } from '../core/business-days.ts';
import { AppError, notFound, validationFailed, versionConflict } from '../core/errors.ts';
import { classifyResponsiveness, dueAutomaticNoReply } from '../core/follow-up.ts';
import {
  allowedEventKinds,
  applyInterviewEvent,
  checkOnceIsEnough,
  type InterviewEvent,
  type InterviewState,
} from '../core/interview-stages.ts';
import { validatePlace, validateSlots } from '../core/meeting-slots.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { enqueueInvite, enqueueRequest, interviewInvite } from './scheduling.service.ts';
import { renderRequestTemplate, type RequestTemplateId } from '../core/request-templates.ts';
import { findIntroductionPath } from '../core/warm-paths.ts';
import { findContact } from '../repositories/contact.repository.ts';
import * as interviews from '../repositories/interview.repository.ts';
import { loadNetwork } from '../repositories/network.repository.ts';
import { findOrganization } from '../repositories/organization.repository.ts';
import { isForeignKeyViolation, isUniqueViolation, toDbBool } from '../repositories/row-mapping.ts';
import { deleteDecisionsOf } from '../repositories/task.repository.ts';
import { findUserById } from '../repositories/user.repository.ts';
import type { Page } from '../shared/api.ts';
import type {
  ComposedRequest,
  Interview,
  InterviewCreate,
  InterviewEventInputSchema,
  InterviewListItem,
  InterviewUpdate,
  TimelineEntry,
} from '../shared/plan-api.ts';
import type { z } from 'zod';
import type { ServiceContext } from './context.ts';
import { calendarOf, getPreferences } from './preference.service.ts';

type EventInput = z.output<typeof InterviewEventInputSchema>;

/** A clock a few minutes fast on the seeker's phone is not an error; a date next week is. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** Far enough back for any request a seeker still follows up; further back is a typo (0026 for 2026). */
const OLDEST_EVENT_YEARS = 10;

function toInterview(stored: interviews.StoredInterview): Interview {
  const { state, ...rest } = stored;
  return { ...rest, ...state, allowedEvents: allowedEventKinds(state) };
}

export async function createInterview(ctx: ServiceContext, ownerId: string, input: InterviewCreate): Promise<Interview> {
  const contact = await findContact(ctx.db, ownerId, input.contactId);
  if (!contact) {
    throw new AppError('INVALID_REFERENCE', 'That contact does not exist.', { issues: [{ field: 'contactId', message: 'no such contact' }] });
  }
  const id = ctx.newId();
  const now = ctx.now().toISOString();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      checkOnceIsEnough(await interviews.stagesWithContact(trx, ownerId, contact.id), input.hostInvitedAgain, contact.name);
      await interviews.insertInterview(trx, {
        id,
        owner_id: ownerId,
        contact_id: contact.id,
        organization_id: contact.organization?.id ?? null,
        stage: 'idea',
        host_invited_again: toDbBool(input.hostInvitedAgain),
        notes: input.notes,
        version: 1,
        created_at: now,
        updated_at: now,
      });
      await interviews.insertEvent(
        trx,
        { id: ctx.newId(), ownerId, interviewId: id, contactId: contact.id, event: { kind: 'created', at: now }, stageAfter: 'idea', recordedAt: now },
        1,
      );
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new AppError('INVALID_REFERENCE', 'That contact no longer exists.');
    // Another request opened one at the same moment; the unique index let only one through.
    if (isUniqueViolation(error)) {
      const open = (await interviews.stagesWithContact(ctx.db, ownerId, contact.id)).find((i) => interviews.OPEN_STAGES.includes(i.stage));
      throw new AppError('DUPLICATE', `You already have an open interview with ${contact.name}. Continue that one.`, open ? { interviewId: open.id } : undefined);
    }
    throw error;
  }
  return getInterview(ctx, ownerId, id);
}

async function findOrThrow(ctx: ServiceContext, ownerId: string, id: string): Promise<interviews.StoredInterview> {
  const stored = await interviews.findInterview(ctx.db, ownerId, id);
  if (!stored) throw notFound('The interview');
  return stored;
}

export async function getInterview(ctx: ServiceContext, ownerId: string, id: string): Promise<Interview> {
  await closeSilentRequests(ctx, ownerId);
  return toInterview(await findOrThrow(ctx, ownerId, id));
}

export async function listInterviews(ctx: ServiceContext, ownerId: string, filter: interviews.InterviewFilter): Promise<Page<InterviewListItem>> {
  await closeSilentRequests(ctx, ownerId);
  const { items, total } = await interviews.listInterviews(ctx.db, ownerId, filter);
  return { items, total, offset: filter.offset, limit: filter.limit };
}

export async function updateInterview(ctx: ServiceContext, ownerId: string, id: string, input: InterviewUpdate): Promise<Interview> {
  const changes: interviews.InterviewChanges = { updated_at: ctx.now().toISOString() };
  if (input.requestTemplate !== undefined) changes.request_template = input.requestTemplate;
  if (input.requestSubject !== undefined) changes.request_subject = input.requestSubject;
  if (input.requestBody !== undefined) changes.request_body = input.requestBody;
  if (input.notes !== undefined) changes.notes = input.notes;
  if (!(await interviews.updateInterviewIfVersion(ctx.db, ownerId, id, input.version, changes))) {
    const current = await interviews.currentInterviewVersion(ctx.db, ownerId, id);
    if (current === undefined) throw notFound('The interview');
    throw versionConflict('interview', current);
  }
  return toInterview(await findOrThrow(ctx, ownerId, id));
}

export async function deleteInterview(ctx: ServiceContext, ownerId: string, id: string, expectedVersion?: number): Promise<void> {
  if (await interviews.deleteInterview(ctx.db, ownerId, id, expectedVersion)) {
    await deleteDecisionsOf(ctx.db, ownerId, id);
    return;
  }
  const current = await interviews.currentInterviewVersion(ctx.db, ownerId, id);
  if (current === undefined) throw notFound('The interview');
  throw versionConflict('interview', current);
}

function toEvent(input: EventInput, at: string): InterviewEvent {
  switch (input.kind) {
    case 'request_sent':
      return { kind: 'request_sent', at, channel: input.channel };
    case 'reply_received':
      return { kind: 'reply_received', at, answer: input.answer };
    case 'slots_proposed':
      return { kind: 'slots_proposed', at, slots: input.slots.map((s) => ({ start: new Date(s.start).toISOString(), minutes: s.minutes })) };
    case 'scheduled':
      return {
        kind: 'scheduled',
        at,
        meetingAt: new Date(input.meetingAt).toISOString(),
        minutes: input.minutes,
        place: input.place,
        travelMinutes: input.place.kind === 'phone' || input.place.kind === 'video' ? null : input.travelMinutes,
      };
    case 'value_shared':
      return { kind: 'value_shared', at, what: input.what };
    case 'no_reply':
      return { kind: 'no_reply', at, automatic: false };
    case 'cancelled':
      return { kind: 'cancelled', at };
    default:
      return { kind: input.kind, at };
  }
}

/** Field problems the schema cannot see: slots in the future and apart, a place that can be reached. */
function checkSchedulingInput(input: EventInput, now: Date): void {
  if (input.kind === 'slots_proposed') {
    // The same spelling of a field as the schema's issues: slots.0.start.
    const issues = validateSlots(input.slots, now).map((issue) => ({ ...issue, field: issue.field.replace(/\[(\d+)\]/g, '.$1') }));
    if (issues.length > 0) throw validationFailed(issues);
  }
  if (input.kind === 'scheduled') {
    const issues = validatePlace(input.place).map((issue) => ({ ...issue, field: issue.field.startsWith('place') ? issue.field : `place.${issue.field}` }));
    if (issues.length > 0) throw validationFailed(issues);
  }
}

/** The e-mail an event asks for, written in its transaction. */
function mailFor(ctx: ServiceContext, ownerId: string, input: EventInput): AfterApply | undefined {
  if (input.kind === 'request_sent' && input.send) return (trx, stored) => enqueueRequest(ctx, trx, ownerId, stored);
  if (input.kind === 'scheduled' && input.sendInvite) return (trx, stored, next) => enqueueInvite(ctx, trx, ownerId, stored, next, 'REQUEST');
  if (input.kind === 'cancelled' && input.sendInvite) {
    return async (trx, stored, next) => {
      // Nothing to withdraw when no meeting was ever set.
      if (stored.state.meetingAt !== null) await enqueueInvite(ctx, trx, ownerId, stored, next, 'CANCEL');
    };
  }
  return undefined;
}

/** Work done in an event's transaction once the event applies: the e-mail it causes. */
export type AfterApply = (trx: Kysely<Database>, stored: interviews.StoredInterview, next: InterviewState) => Promise<void>;

/**
 * Records what happened; the state machine refuses what cannot happen. `withMail`
 * enqueues an e-mail in the same transaction (the thank-you), instead of the one
 * the event itself asks for.
 */
export async function recordEvent(ctx: ServiceContext, ownerId: string, id: string, input: EventInput, withMail?: AfterApply): Promise<Interview> {
  const now = ctx.now();
  const at = input.at === undefined ? now.toISOString() : new Date(input.at).toISOString();
  if (Date.parse(at) > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw validationFailed([{ field: 'at', message: 'is in the future; record things once they have happened' }]);
  }
  if (Date.parse(at) < now.getTime() - OLDEST_EVENT_YEARS * 365.25 * 86_400_000) {
    throw validationFailed([{ field: 'at', message: `is more than ${OLDEST_EVENT_YEARS} years ago; check the year` }]);
  }
  checkSchedulingInput(input, now);
  const calendar = calendarOf(await getPreferences(ctx, ownerId));
  const mail = withMail ?? mailFor(ctx, ownerId, input);
  await appendEvent(ctx, ownerId, id, input.version, toEvent(input, at), calendar, mail);
  if (mail) ctx.mail?.wake();
  return toInterview(await findOrThrow(ctx, ownerId, id));
}

async function appendEvent(
  ctx: ServiceContext,
  ownerId: string,
  id: string,
  expectedVersion: number,
  event: InterviewEvent,
  calendar: WorkCalendar,
  afterApply?: AfterApply,
): Promise<void> {
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const stored = await interviews.findInterview(trx, ownerId, id);
      if (!stored) throw notFound('The interview');
      if (stored.version !== expectedVersion) throw versionConflict('interview', stored.version);
      const last = await interviews.lastEventAt(trx, id);
      if (last !== null && Date.parse(event.at) < Date.parse(last)) {
        throw validationFailed([{ field: 'at', message: `is before the last thing recorded on this interview (${last})` }]);
      }
      const next = applyInterviewEvent(stored.state, event);
      // Until they meet, the interview follows the contact's current organization (a new job, a first one recorded).
      const organizationId = interviews.OPEN_STAGES.includes(next.stage)
        ? ((await findContact(trx, ownerId, stored.contact.id))?.organization?.id ?? null)
        : (stored.organization?.id ?? null);
      const recordedAt = ctx.now().toISOString();
      await interviews.insertEvent(
        trx,
        { id: ctx.newId(), ownerId, interviewId: id, contactId: stored.contact.id, event, stageAfter: next.stage, recordedAt },
        await interviews.nextEventSeq(trx, id),
      );
      const applied = await interviews.updateInterviewIfVersion(trx, ownerId, id, expectedVersion, {
        ...interviews.stateColumns(next),
        organization_id: organizationId,
        updated_at: recordedAt,
      });
      if (!applied) throw versionConflict('interview', stored.version + 1);
      if (afterApply) await afterApply(trx, stored, next);
      // Any first answer (a logged reply, or a meeting scheduled without one) and a close for silence say how they respond.
      if ((stored.state.repliedAt === null && next.repliedAt !== null) || event.kind === 'no_reply') {
        await interviews.setContactResponsiveness(trx, ownerId, stored.contact.id, classifyResponsiveness(next, calendar));
      }
    });
  } catch (error) {
    // Two writers appending the same event number: the second one was working from a stale interview.
    if (isUniqueViolation(error)) throw versionConflict('interview', (await interviews.currentInterviewVersion(ctx.db, ownerId, id)) ?? expectedVersion);
    throw error;
  }
}

/**
 * 3B7: still silence 7 business days after the one follow-up closes the request
 * as "no reply". Applied whenever interviews are read, so it needs no scheduler;
 * a concurrent reader that closes the same request first simply wins.
 */
export async function closeSilentRequests(ctx: ServiceContext, ownerId: string, calendar?: WorkCalendar): Promise<void> {
  const waiting = await interviews.listAwaitingReply(ctx.db, ownerId);
  if (!waiting.some((w) => w.state.followUpSentAt !== null)) return;
  const cal = calendar ?? calendarOf(await getPreferences(ctx, ownerId));
  const now = ctx.now();
  for (const stored of waiting) {
    const due = dueAutomaticNoReply(
      { interviewId: stored.id, contactId: stored.contact.id, contactName: stored.contact.name, organizationName: stored.organization?.name ?? null, state: stored.state },
      now,
      cal,
    );
    if (!due) continue;
    try {
      await appendEvent(ctx, ownerId, stored.id, stored.version, { kind: 'no_reply', at: due.at, automatic: true }, cal);
    } catch (error) {
      // Changed or deleted by someone else meanwhile: their write wins, and this read must not fail for it.
      if (error instanceof AppError) continue;
      throw error;
    }
  }
}

export async function getInterviewTimeline(ctx: ServiceContext, ownerId: string, id: string): Promise<{ items: TimelineEntry[] }> {
  await findOrThrow(ctx, ownerId, id);
  return { items: await interviews.listEvents(ctx.db, ownerId, id) };
}

export async function getContactTimeline(ctx: ServiceContext, ownerId: string, contactId: string): Promise<{ items: TimelineEntry[] }> {
  if (!(await findContact(ctx.db, ownerId, contactId))) throw notFound('The contact');
  return { items: await interviews.listContactEvents(ctx.db, ownerId, contactId) };
}

/**
 * A request drafted from a template. The shared connection is whoever
 * introduced the contact, or the person next to them on the shortest
 * introduction path through the seeker's network.
 */
export async function composeRequest(ctx: ServiceContext, ownerId: string, id: string, template: RequestTemplateId): Promise<ComposedRequest> {
  const stored = await findOrThrow(ctx, ownerId, id);
  const [contact, seeker, network] = await Promise.all([
    findContact(ctx.db, ownerId, stored.contact.id),
    findUserById(ctx.db, ownerId),
    loadNetwork(ctx.db, ownerId),
  ]);
  if (!contact) throw notFound('The contact');
  const organization = contact.organization ? await findOrganization(ctx.db, ownerId, contact.organization.id) : undefined;
  const path = contact.knownPersonally ? null : findIntroductionPath(network, contact.id);
  // The introducer is the first person on the path: the one the seeker knows. Only on a
  // two-hop path do they also know the contact, so only then can the e-mail name them.
  const firstStep = path?.steps[0];
  const introducer = firstStep ? firstStep.from : (contact.introducedBy ?? null);
  const sharedConnection = path ? (path.hops === 2 ? firstStep?.from : null) : contact.introducedBy;
  const rendered = renderRequestTemplate(template, {
    seekerName: seeker?.name ?? '',
    // An introduction request asks for the next person on the path.
    contactName: template === 'intro_request' && firstStep ? firstStep.to.name : contact.name,
    organizationName: contact.organization?.name ?? null,
    sharedConnectionName: sharedConnection?.name ?? null,
    introducerName: introducer?.name ?? null,
    // The organization's industry is the best guess at the field; the reason is the seeker's to write.
    topic: organization?.industry ?? null,
    reason: null,
  });
  const email = contact.emails[0];
  const mailto =
    template === 'email' && email
      ? `mailto:${encodeURIComponent(email)}?subject=${encodeURIComponent(rendered.subject ?? '')}&body=${encodeURIComponent(rendered.body)}`
      : null;
  return {
    template,
    subject: rendered.subject,
    body: rendered.body,
    sharedConnectionName: sharedConnection?.name ?? null,
    introducer: introducer ? { id: introducer.id, name: introducer.name } : null,
    mailto,
  };
}

/** The calendar invite of an interview's meeting, as a file to download. */
export async function getInterviewInvite(ctx: ServiceContext, ownerId: string, id: string): Promise<{ text: string; method: 'REQUEST' | 'CANCEL' }> {
  const stored = await findOrThrow(ctx, ownerId, id);
  if (stored.state.meetingAt === null) throw new AppError('NOT_FOUND', 'This interview has no meeting yet, so there is no invite.');
  return interviewInvite(ctx, ownerId, stored);
}
