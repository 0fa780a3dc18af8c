/**
 * The HTTP contract of scheduling and mail: whether this instance can send
 * e-mail, the outbox as the seeker sees it, and the private calendar feed.
 */
import { z } from 'zod';
import type { OutboxStatus } from '../core/outbox-policy.ts';
import { OUTBOX_STATUSES } from '../core/outbox-policy.ts';

/** `GET /api/mail`: without SMTP every message is a ready draft (copy, mailto, .ics download). */
export interface MailStatus {
  configured: boolean;
  /** The From address messages leave with. */
  from: string | null;
}

/** One message of the outbox, without its body: queued, sending, sent, failed (with the reason and next try) or dead. */
export interface OutboxItem {
  id: string;
  to: { name: string | null; address: string }[];
  subject: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
  /** What caused it: `{ kind: 'interview', id }`. */
  cause: { kind: string; id: string };
  attachments: { filename: string; contentType: string }[];
}

export const OutboxQuerySchema = z.object({
  status: z.enum(OUTBOX_STATUSES).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** `GET /api/calendar-feed`: the account's private feed, if one was made. */
export interface CalendarFeedInfo {
  /** https://…/feed/<token>.ics — shown once after it is made; afterwards only whether it exists. */
  url: string | null;
  /** The same as webcal://, which calendar apps open as a subscription. */
  webcalUrl: string | null;
  exists: boolean;
  createdAt: string | null;
}
