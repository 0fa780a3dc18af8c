import { Hono } from 'hono';
import type { OutboxMessageSummary } from '../../mail/outbox.service.ts';
import * as outbox from '../../mail/outbox.service.ts';
import type { MailStatus, OutboxItem } from '../../shared/schedule-api.ts';
import { OutboxQuerySchema } from '../../shared/schedule-api.ts';
import type { AppDeps, AppEnv } from '../env.ts';
import { pathId, query } from '../validate.ts';

function toItem(message: Pick<OutboxMessageSummary, keyof OutboxItem>): OutboxItem {
  return {
    id: message.id,
    to: message.to,
    subject: message.subject,
    status: message.status,
    attempts: message.attempts,
    nextAttemptAt: message.nextAttemptAt,
    lastError: message.lastError,
    sentAt: message.sentAt,
    createdAt: message.createdAt,
    cause: message.cause,
    attachments: message.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType })),
  };
}

/** Whether mail can be sent, and the outbox. */
export function mailRoutes({ ctx }: AppDeps) {
  return new Hono<AppEnv>().get('/', (c) => c.json({ configured: Boolean(ctx.mail), from: ctx.mail?.from ?? null } satisfies MailStatus));
}

export function outboxRoutes({ ctx }: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const page = await outbox.listOutbox(ctx, c.get('user').id, query(c, OutboxQuerySchema));
      return c.json({ ...page, items: page.items.map(toItem) });
    })
    .post('/:id/retry', async (c) => {
      const message = await outbox.retryOutboxMessage(ctx, c.get('user').id, pathId(c, 'That message'));
      ctx.mail?.wake();
      return c.json(toItem(message));
    });
}
