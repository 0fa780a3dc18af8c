/**
 * Calendar invites and the e-mail an interview causes: the request itself,
 * the invite (METHOD:REQUEST, SEQUENCE raised on every reschedule) and its
 * cancellation (METHOD:CANCEL). Messages are put in the outbox inside the
 * transaction of the event that causes them, so one exists exactly when the
 * other does; the worker sends them after the commit.
 */
import type { Kysely } from 'kysely';
import { buildInvite, inviteContentType, type InviteMethod } from '../calendar/invite.ts';
import { AppError } from '../core/errors.ts';
import type { InterviewState } from '../core/interview-stages.ts';
import { describePlace, describeSlot } from '../core/meeting-slots.ts';
import type { Database } from '../db/schema.ts';
import { enqueueMessage } from '../mail/outbox.service.ts';
import { findContact } from '../repositories/contact.repository.ts';
import type { StoredInterview } from '../repositories/interview.repository.ts';
import { findUserById } from '../repositories/user.repository.ts';
import type { ServiceContext } from './context.ts';
import { getPreferences } from './preference.service.ts';

const DEFAULT_PUBLIC_URL = 'http://127.0.0.1:7420';

/** Stable for the life of the meeting, so every update and the cancellation replace the same calendar event. */
export function inviteUid(ctx: ServiceContext, interviewId: string): string {
  const host = new URL(ctx.publicUrl ?? DEFAULT_PUBLIC_URL).hostname || 'rapport.invalid';
  return `interview-${interviewId}@${host}`;
}

export function interviewUrl(ctx: ServiceContext, interviewId: string): string {
  return `${ctx.publicUrl ?? DEFAULT_PUBLIC_URL}/interviews/${interviewId}`;
}

interface People {
  seeker: { name: string; email: string };
  contact: { name: string; email: string | null; firstName: string; timeZone: string | null };
}

async function people(db: Kysely<Database>, ownerId: string, stored: StoredInterview): Promise<People> {
  const [user, contact] = await Promise.all([findUserById(db, ownerId), findContact(db, ownerId, stored.contact.id)]);
  if (!user || !contact) throw new AppError('NOT_FOUND', 'The interview was not found.');
  return {
    seeker: { name: user.name, email: user.email },
    contact: { name: contact.name, email: contact.emails[0] ?? null, firstName: contact.name.split(/\s+/)[0] ?? contact.name, timeZone: contact.timeZone },
  };
}

function inviteText(ctx: ServiceContext, stored: StoredInterview, state: InterviewState, method: InviteMethod, who: People): string {
  if (state.meetingAt === null) throw new AppError('NOT_FOUND', 'This interview has no meeting to invite to yet.');
  if (who.contact.email === null) {
    throw new AppError('MAIL_NOT_POSSIBLE', `Add ${who.contact.name}'s e-mail address to make a calendar invite they can accept.`);
  }
  const place = state.meetingPlace ?? { kind: 'video' as const, url: interviewUrl(ctx, stored.id) };
  return buildInvite({
    uid: inviteUid(ctx, stored.id),
    sequence: state.scheduleRevision,
    method,
    organizer: who.seeker,
    attendee: { name: who.contact.name, email: who.contact.email },
    start: state.meetingAt,
    minutes: state.meetingMinutes ?? 30,
    summary: `${who.seeker.name} and ${who.contact.name}: informational interview`,
    description:
      `A ${state.meetingMinutes ?? 30}-minute conversation so ${who.seeker.name} can learn from ${who.contact.name}'s experience. ` +
      `${describePlace(place, { seeker: who.seeker.name, host: who.contact.name })}.`,
    place,
    url: interviewUrl(ctx, stored.id),
    now: ctx.now(),
  });
}

/** The invite as a download: REQUEST while the meeting stands, CANCEL once it was called off. */
export async function interviewInvite(ctx: ServiceContext, ownerId: string, stored: StoredInterview): Promise<{ text: string; method: InviteMethod }> {
  const method: InviteMethod = stored.state.stage === 'cancelled' ? 'CANCEL' : 'REQUEST';
  const who = await people(ctx.db, ownerId, stored);
  return { text: inviteText(ctx, stored, stored.state, method, who), method };
}

function requireMail(ctx: ServiceContext, what: string): NonNullable<ServiceContext['mail']> {
  if (!ctx.mail) {
    throw new AppError(
      'MAIL_NOT_POSSIBLE',
      `This Rapport has no e-mail server (SMTP_URL), so it cannot send ${what}. Copy it, or open it in your mail app, and mark it sent.`,
    );
  }
  return ctx.mail;
}

/** Puts the invite (or its cancellation) in the outbox, inside the event's transaction. */
export async function enqueueInvite(
  ctx: ServiceContext,
  trx: Kysely<Database>,
  ownerId: string,
  stored: StoredInterview,
  next: InterviewState,
  method: InviteMethod,
): Promise<void> {
  const mail = requireMail(ctx, 'the invite');
  const who = await people(trx, ownerId, stored);
  const ics = inviteText(ctx, stored, next, method, who);
  // In the contact's zone first (they read it), then the seeker's.
  const seekerZone = (await getPreferences({ ...ctx, db: trx }, ownerId)).timeZone;
  const slot = { start: next.meetingAt ?? '', minutes: next.meetingMinutes ?? 30 };
  const when = describeSlot(slot, who.contact.timeZone ?? seekerZone, who.contact.timeZone && who.contact.timeZone !== seekerZone ? seekerZone : null);
  const subject =
    method === 'CANCEL'
      ? `Cancelled: our conversation on ${when}`
      : next.scheduleRevision > 0
        ? `Updated: our conversation on ${when}`
        : `Invitation: our conversation on ${when}`;
  const text =
    method === 'CANCEL'
      ? `Hi ${who.contact.firstName},\n\nI have to cancel our conversation planned for ${when}. I am sorry for the change.\n\n${who.seeker.name}`
      : `Hi ${who.contact.firstName},\n\nThank you for making time to talk. The invitation for ${when} is attached; it will update your calendar if anything changes.\n\n${who.seeker.name}`;
  await enqueueMessage(
    trx,
    {
      ownerId,
      to: { name: who.contact.name, address: who.contact.email ?? '' },
      subject,
      text,
      replyTo: who.seeker.email,
      fromName: `${who.seeker.name} (via Rapport)`,
      attachments: [{ filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics', contentType: inviteContentType(method), content: ics }],
      cause: { kind: 'interview', id: stored.id },
    },
    { now: ctx.now, newId: ctx.newId, messageIdDomain: mail.messageIdDomain },
  );
}

/** Puts the request draft in the outbox, inside the request_sent event's transaction. */
export async function enqueueRequest(ctx: ServiceContext, trx: Kysely<Database>, ownerId: string, stored: StoredInterview): Promise<void> {
  const mail = requireMail(ctx, 'the request');
  const who = await people(trx, ownerId, stored);
  if (who.contact.email === null) throw new AppError('MAIL_NOT_POSSIBLE', `Add ${who.contact.name}'s e-mail address to send the request from Rapport.`);
  if (!stored.requestBody) throw new AppError('MAIL_NOT_POSSIBLE', 'Write and save the request before sending it.');
  await enqueueMessage(
    trx,
    {
      ownerId,
      to: { name: who.contact.name, address: who.contact.email },
      subject: stored.requestSubject ?? `A question from ${who.seeker.name}`,
      text: stored.requestBody,
      replyTo: who.seeker.email,
      fromName: `${who.seeker.name} (via Rapport)`,
      cause: { kind: 'interview', id: stored.id },
    },
    { now: ctx.now, newId: ctx.newId, messageIdDomain: mail.messageIdDomain },
  );
}
