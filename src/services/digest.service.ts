/**
 * The daily digest: at the seeker's chosen morning hour, one e-mail with what
 * is overdue and due today. The day it went out is recorded in the same
 * transaction that puts it in the outbox, so a restart or a second server
 * never sends the same day's digest twice.
 */
import { DateTime } from 'luxon';
import { enqueueMessage } from '../mail/outbox.service.ts';
import type { TodayTaskView } from '../shared/plan-api.ts';
import type { ServiceContext } from './context.ts';
import { interviewUrl } from './scheduling.service.ts';
import { getToday } from './today.service.ts';

function line(ctx: ServiceContext, task: TodayTaskView): string {
  const who = task.organization ? `${task.contact.name}, ${task.organization.name}` : task.contact.name;
  return `- ${task.title} (${who})\n  ${interviewUrl(ctx, task.interviewId)}`;
}

/** Queues today's digest for every seeker whose hour has come; returns how many were queued. */
export async function queueDueDigests(ctx: ServiceContext): Promise<number> {
  const mail = ctx.mail;
  if (!mail) return 0;
  const candidates = await ctx.db
    .selectFrom('seeker_preference as p')
    .innerJoin('user as u', 'u.id', 'p.user_id')
    .select(['p.user_id', 'p.time_zone', 'p.digest_hour', 'p.digest_sent_on', 'u.email', 'u.name'])
    .where('p.digest_hour', 'is not', null)
    .execute();
  let queued = 0;
  for (const seeker of candidates) {
    const local = DateTime.fromJSDate(ctx.now(), { zone: seeker.time_zone });
    const today = local.toISODate();
    if (!local.isValid || today === null || seeker.digest_hour === null || local.hour < seeker.digest_hour || seeker.digest_sent_on === today) continue;
    const view = await getToday(ctx, seeker.user_id);
    const due = [...view.overdue, ...view.dueToday];
    const sent = await ctx.db.transaction().execute(async (trx) => {
      // Claim the day first: only the writer that moves digest_sent_on to today sends it.
      const claimed = await trx
        .updateTable('seeker_preference')
        .set({ digest_sent_on: today })
        .where('user_id', '=', seeker.user_id)
        .where((eb) => eb.or([eb('digest_sent_on', 'is', null), eb('digest_sent_on', '!=', today)]))
        .executeTakeFirst();
      if (claimed.numUpdatedRows === 0n || due.length === 0) return false;
      await enqueueMessage(
        trx,
        {
          ownerId: seeker.user_id,
          to: { name: seeker.name, address: seeker.email },
          subject: `Rapport: ${due.length} thing${due.length === 1 ? '' : 's'} to do today`,
          text:
            `Good morning ${seeker.name.split(/\s+/)[0] ?? ''},\n\n` +
            (view.overdue.length > 0 ? `Overdue:\n${view.overdue.map((t) => line(ctx, t)).join('\n')}\n\n` : '') +
            (view.dueToday.length > 0 ? `Today:\n${view.dueToday.map((t) => line(ctx, t)).join('\n')}\n\n` : '') +
            `This week: ${view.weekly.sent} of ${view.weekly.goal} requests sent.\n`,
          cause: { kind: 'digest', id: `${seeker.user_id}:${today}` },
        },
        { now: ctx.now, newId: ctx.newId, messageIdDomain: mail.messageIdDomain },
      );
      return true;
    });
    if (sent) queued += 1;
  }
  if (queued > 0) mail.wake();
  return queued;
}
