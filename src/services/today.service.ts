/**
 * Today: the follow-up tasks the 3B7 rules derive from every request still
 * waiting, with the seeker's decisions (done, snoozed, dismissed) applied,
 * grouped into overdue, due today and upcoming, and the week's request goal.
 */
import { localDate, startOfLocalDay, weekOf } from '../core/business-days.ts';
import { AppError, notFound, validationFailed } from '../core/errors.ts';
import { applyTaskDecisions, deriveFollowUpTasks, weeklyProgress, type FollowUpTask, type TodayTask } from '../core/follow-up.ts';
import { applyReminderDecisions, deriveReminders, type TodayReminder } from '../core/reminders.ts';
import * as interviews from '../repositories/interview.repository.ts';
import * as tasks from '../repositories/task.repository.ts';
import type { Ref } from '../shared/api.ts';
import type { TaskDecisionSchema, TodayTaskView, TodayView } from '../shared/plan-api.ts';
import type { z } from 'zod';
import type { ServiceContext } from './context.ts';
import { markReferrerTold, referralTasksForToday, stayInTouchDrafts, type TodayReferralTask } from './after.service.ts';
import { closeSilentRequests, recordEvent } from './interview.service.ts';
import { calendarOf, getPreferences } from './preference.service.ts';

type TaskDecisionInput = z.output<typeof TaskDecisionSchema>;

/** A follow-up task or a meeting reminder, as Today lists them. */
type Dated = (TodayTask & { at: null; draft: null }) | TodayReminder | TodayReferralTask;

/** How long the notice of a request closed for silence stays on Today. */
const CLOSED_NOTICE_DAYS = 7;

export async function getToday(ctx: ServiceContext, ownerId: string): Promise<TodayView> {
  const prefs = await getPreferences(ctx, ownerId);
  const calendar = calendarOf(prefs);
  await closeSilentRequests(ctx, ownerId, calendar);
  const now = ctx.now();
  const today = localDate(now, calendar.timeZone);

  const waiting = await interviews.listAwaitingReply(ctx.db, ownerId);
  const refs = new Map<string, { contact: Ref; organization: Ref | null }>();
  const derived: FollowUpTask[] = [];
  for (const stored of waiting) {
    refs.set(stored.id, { contact: { id: stored.contact.id, name: stored.contact.name }, organization: stored.organization });
    derived.push(
      ...deriveFollowUpTasks(
        { interviewId: stored.id, contactId: stored.contact.id, contactName: stored.contact.name, organizationName: stored.organization?.name ?? null, state: stored.state },
        calendar,
      ),
    );
  }
  const decisions = await tasks.listDecisions(ctx.db, ownerId);
  const followUps: Dated[] = applyTaskDecisions(derived, decisions, calendar).map((task) => ({ ...task, at: null, draft: null }));

  const settings = { stayInTouchFirstWeeks: prefs.stayInTouchFirstWeeks, stayInTouchEveryMonths: prefs.stayInTouchEveryMonths };
  const reminders: Dated[] = [];
  for (const stored of await interviews.listWithMeetings(ctx.db, ownerId)) {
    refs.set(stored.id, { contact: { id: stored.contact.id, name: stored.contact.name }, organization: stored.organization });
    const place = stored.state.meetingPlace;
    const inPerson = place !== null && (place.kind === 'cafe' || place.kind === 'restaurant' || place.kind === 'office');
    const derivedReminders = deriveReminders(
      {
        interviewId: stored.id,
        contactId: stored.contact.id,
        contactName: stored.contact.name,
        organizationName: stored.organization?.name ?? null,
        state: stored.state,
        meetingMinutes: stored.state.meetingMinutes,
        inPerson,
        placeText: inPerson ? place.address : null,
        travelMinutes: stored.state.travelMinutes,
        lastTouchAt: stored.state.lastTouchAt,
      },
      now,
      calendar,
      settings,
    );
    reminders.push(...applyReminderDecisions(derivedReminders, decisions));
  }

  // Telling a referrer their introduction was used; stay-in-touch drafts built on something of value to share.
  const referralTasks = await referralTasksForToday(ctx, ownerId, calendar.timeZone, decisions);
  for (const task of referralTasks) if (!refs.has(task.interviewId)) refs.set(task.interviewId, task.refs);
  const shareDrafts = await stayInTouchDrafts(
    ctx,
    ownerId,
    reminders.filter((r) => r.kind === 'stay_in_touch').map((r) => ({ interviewId: r.interviewId, contactName: refs.get(r.interviewId)?.contact.name ?? '' })),
  );

  const view = (task: Dated): TodayTaskView => {
    const ref = refs.get(task.interviewId);
    return {
      key: task.key,
      kind: task.kind,
      title: task.title,
      reason: task.reason,
      dueOn: task.dueOn,
      effectiveDueOn: task.effectiveDueOn,
      snoozed: task.snoozed,
      at: task.at,
      draft: task.kind === 'stay_in_touch' ? (shareDrafts.get(task.interviewId) ?? task.draft) : task.draft,
      interviewId: task.interviewId,
      contact: ref?.contact ?? { id: task.contactId, name: '' },
      organization: ref?.organization ?? null,
    };
  };
  const all = [...followUps, ...reminders, ...referralTasks].sort(
    (a, b) => a.effectiveDueOn.localeCompare(b.effectiveDueOn) || (a.at ?? '').localeCompare(b.at ?? '') || a.title.localeCompare(b.title, 'en') || a.key.localeCompare(b.key),
  );
  const groups = {
    overdue: all.filter((t) => t.effectiveDueOn < today),
    today: all.filter((t) => t.effectiveDueOn === today),
    upcoming: all.filter((t) => t.effectiveDueOn > today),
  };

  const week = weekOf(now, calendar.timeZone);
  const weekStart = startOfLocalDay(week.start, calendar.timeZone);
  const weekEnd = startOfLocalDay(addDays(week.end, 1), calendar.timeZone);
  const sent = await interviews.requestSentTimes(ctx.db, ownerId, weekStart, weekEnd);
  const since = new Date(now.getTime() - CLOSED_NOTICE_DAYS * 86_400_000).toISOString();

  return {
    today,
    timeZone: calendar.timeZone,
    workingDays: [...calendar.workingDays],
    overdue: groups.overdue.map(view),
    dueToday: groups.today.map(view),
    upcoming: groups.upcoming.map(view),
    weekly: weeklyProgress(sent, now, calendar.timeZone, prefs.weeklyRequestGoal),
    closedForSilence: await interviews.listClosedForSilenceSince(ctx.db, ownerId, since),
  };
}

/** The calendar day after `date` (YYYY-MM-DD), by the calendar, not by 24 hours. */
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Done, dismissed, snoozed or reopened. Marking the follow-up task done records
 * the follow-up itself, so the 3B7 clock for "no reply" starts from it.
 */
export async function decideTask(ctx: ServiceContext, ownerId: string, input: TaskDecisionInput): Promise<TodayView> {
  const [subjectId = '', kind] = input.key.split(':');
  // "Tell the referrer" is told on the referral itself, so un-telling it there brings the task back: done keeps no decision.
  const toldOnReferral = kind === 'tell_referrer';
  if (toldOnReferral) {
    await markReferrerTold(ctx, ownerId, subjectId.toLowerCase(), input.status);
  } else {
    const stored = await interviews.findInterview(ctx.db, ownerId, subjectId.toLowerCase());
    if (!stored) throw notFound('The task');
    if (input.status === 'open' && kind === 'follow_up' && stored.state.followUpSentAt !== null) {
      throw new AppError('STAGE_TRANSITION_REFUSED', 'The follow-up was recorded as sent, so there is no follow-up task to reopen.');
    }
    // Done on a task that stands for an event records the event, so the stage and the next reminders follow.
    if (input.status === 'done' && kind === 'follow_up' && stored.state.followUpSentAt === null && stored.state.stage === 'requested') {
      await recordEvent(ctx, ownerId, stored.id, { version: stored.version, kind: 'follow_up_sent' });
    }
    if (input.status === 'done' && kind === 'confirm' && stored.state.stage === 'scheduled') {
      await recordEvent(ctx, ownerId, stored.id, { version: stored.version, kind: 'confirmed' });
    }
    if (input.status === 'done' && kind === 'thank_you' && stored.state.stage === 'held') {
      await recordEvent(ctx, ownerId, stored.id, { version: stored.version, kind: 'thanked' });
    }
  }
  const at = ctx.now().toISOString();
  if (input.status === 'open' || (input.status === 'done' && toldOnReferral)) {
    await tasks.deleteDecision(ctx.db, ownerId, input.key);
  } else if (input.status === 'snoozed') {
    const calendar = calendarOf(await getPreferences(ctx, ownerId));
    if (input.snoozedUntil === null) throw validationFailed([{ field: 'snoozedUntil', message: 'is required to snooze a task' }]);
    if (input.snoozedUntil <= localDate(ctx.now(), calendar.timeZone)) {
      throw validationFailed([{ field: 'snoozedUntil', message: 'must be a day after today' }]);
    }
    await tasks.saveDecision(ctx.db, ownerId, { key: input.key, status: 'snoozed', snoozedUntil: input.snoozedUntil }, at);
  } else {
    await tasks.saveDecision(ctx.db, ownerId, { key: input.key, status: input.status, snoozedUntil: null }, at);
  }
  return getToday(ctx, ownerId);
}

