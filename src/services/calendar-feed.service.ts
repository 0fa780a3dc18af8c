/**
 * The private calendar feed of an account: a secret URL a calendar app
 * subscribes to (webcal://), listing meetings with alarms and what is due on
 * Today. Only the token's SHA-256 is stored, so the URL is shown once when it
 * is made; making a new one revokes the old.
 */
import { createHash, randomBytes } from 'node:crypto';
import { buildFeed, type FeedEvent } from '../calendar/feed.ts';
import { describePlace } from '../core/meeting-slots.ts';
import { notFound } from '../core/errors.ts';
import * as interviews from '../repositories/interview.repository.ts';
import { toIso } from '../repositories/row-mapping.ts';
import type { CalendarFeedInfo } from '../shared/schedule-api.ts';
import type { ServiceContext } from './context.ts';
import { inviteUid, interviewUrl } from './scheduling.service.ts';
import { getToday } from './today.service.ts';

const DEFAULT_PUBLIC_URL = 'http://127.0.0.1:7420';

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** 256 random bits, URL-safe: guessing one is out of reach. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export async function getFeedInfo(ctx: ServiceContext, ownerId: string): Promise<CalendarFeedInfo> {
  const row = await ctx.db.selectFrom('calendar_feed').select('created_at').where('user_id', '=', ownerId).executeTakeFirst();
  return { url: null, webcalUrl: null, exists: row !== undefined, createdAt: row ? toIso(row.created_at) : null };
}

export async function createFeed(ctx: ServiceContext, ownerId: string): Promise<CalendarFeedInfo> {
  const token = randomBytes(32).toString('base64url');
  const createdAt = ctx.now().toISOString();
  await ctx.db
    .insertInto('calendar_feed')
    .values({ user_id: ownerId, token_hash: hashToken(token), created_at: createdAt })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ token_hash: hashToken(token), created_at: createdAt }))
    .execute();
  const url = `${ctx.publicUrl ?? DEFAULT_PUBLIC_URL}/feed/${token}.ics`;
  return { url, webcalUrl: url.replace(/^https?:/, 'webcal:'), exists: true, createdAt };
}

export async function revokeFeed(ctx: ServiceContext, ownerId: string): Promise<void> {
  await ctx.db.deleteFrom('calendar_feed').where('user_id', '=', ownerId).execute();
}

/** The feed behind a token; an unknown or revoked token is a plain 404, saying nothing about accounts. */
export async function renderFeed(ctx: ServiceContext, token: string): Promise<string> {
  if (!TOKEN_PATTERN.test(token)) throw notFound('That calendar feed');
  const row = await ctx.db.selectFrom('calendar_feed').select('user_id').where('token_hash', '=', hashToken(token)).executeTakeFirst();
  if (!row) throw notFound('That calendar feed');
  const ownerId = row.user_id;
  const today = await getToday(ctx, ownerId);
  const events: FeedEvent[] = [];
  for (const stored of await interviews.listWithMeetings(ctx.db, ownerId)) {
    if (stored.state.meetingAt === null) continue;
    const place = stored.state.meetingPlace;
    events.push({
      uid: inviteUid(ctx, stored.id),
      start: stored.state.meetingAt,
      minutes: stored.state.meetingMinutes ?? 30,
      summary: `Informational interview: ${stored.contact.name}`,
      description: `${stored.organization ? `${stored.organization.name}. ` : ''}${interviewUrl(ctx, stored.id)}`,
      ...(place ? { location: describePlace(place) } : {}),
      alarmMinutesBefore: 30,
    });
  }
  for (const task of [...today.overdue, ...today.dueToday, ...today.upcoming]) {
    const uid = `task-${task.key.replace(/[^A-Za-z0-9-]/g, '-')}@rapport`;
    const description = `${task.reason}\n${interviewUrl(ctx, task.interviewId)}`;
    events.push(
      task.at !== null && task.kind === 'leave_by'
        ? { uid, start: task.at, summary: task.title, description, alarmMinutesBefore: 0 }
        : { uid, start: task.effectiveDueOn, allDay: true, summary: task.title, description },
    );
  }
  return buildFeed({ name: 'Rapport', events, now: ctx.now() });
}
