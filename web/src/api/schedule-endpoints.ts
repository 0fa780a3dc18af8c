/** One typed function per endpoint of scheduling and mail: mail status, the outbox, the calendar feed, invites. */
import type { Page } from '@shared/api.ts';
import type { CalendarFeedInfo, MailStatus, OutboxItem } from '@shared/schedule-api.ts';
import type { OutboxStatus } from '@core/outbox-policy.ts';
import { queryString, request } from './client.ts';

type Signal = AbortSignal | undefined;
const enc = encodeURIComponent;

// --- Mail and the outbox -----------------------------------------------------

/** Whether this instance can send e-mail (SMTP configured), and its From address. */
export const getMailStatus = (signal?: Signal) => request<MailStatus>('GET', '/api/mail', { signal });

export interface OutboxListParams {
  status?: OutboxStatus | undefined;
  offset?: number | undefined;
  limit?: number | undefined;
}

/** Newest first: what Rapport e-mailed or is about to, with each message's state. */
export const listOutbox = (params: OutboxListParams, signal?: Signal) =>
  request<Page<OutboxItem>>('GET', `/api/outbox${queryString({ ...params })}`, { signal });

/** Sends a failed or dead message again, attempts from zero. */
export const retryOutboxMessage = (id: string) => request<OutboxItem>('POST', `/api/outbox/${enc(id)}/retry`);

// --- The private calendar feed -----------------------------------------------

/** Whether a feed exists; its URL only right after it was made (the token is stored hashed). */
export const getCalendarFeed = (signal?: Signal) => request<CalendarFeedInfo>('GET', '/api/calendar-feed', { signal });

/** Makes a new feed URL, shown once; any older URL stops working. */
export const createCalendarFeed = () => request<CalendarFeedInfo>('POST', '/api/calendar-feed');

/** Revokes the feed: calendars subscribed to it stop updating. */
export const revokeCalendarFeed = () => request<void>('DELETE', '/api/calendar-feed');

// --- Invites -----------------------------------------------------------------

/** The meeting's calendar invite (.ics): a plain link, the session cookie signs it. */
export const inviteUrl = (interviewId: string) => `/api/interviews/${enc(interviewId)}/invite.ics`;
