/** The seeker's working calendar and goals, with defaults until they save their own. */
import { DEFAULT_WORKING_DAYS, type WorkCalendar, type Weekday } from '../core/business-days.ts';
import { versionConflict } from '../core/errors.ts';
import { DEFAULT_REMINDER_SETTINGS } from '../core/reminders.ts';
import { DEFAULT_ACTIVE_TARGET_LIMIT } from '../core/targets.ts';
import * as preferences from '../repositories/preference.repository.ts';
import type { PreferencesUpdate, SeekerPreferences } from '../shared/plan-api.ts';
import type { ServiceContext } from './context.ts';

export const DEFAULT_WEEKLY_REQUEST_GOAL = 5;

/** Until the seeker says otherwise, they live where the server runs: right for one person on a laptop. */
function defaultTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export async function getPreferences(ctx: ServiceContext, userId: string): Promise<SeekerPreferences> {
  const stored = await preferences.findPreferences(ctx.db, userId);
  if (stored && stored.workingDays.length > 0) return stored;
  return {
    timeZone: defaultTimeZone(),
    workingDays: [...DEFAULT_WORKING_DAYS],
    weeklyRequestGoal: DEFAULT_WEEKLY_REQUEST_GOAL,
    activeTargetLimit: DEFAULT_ACTIVE_TARGET_LIMIT,
    affinityTags: [],
    stayInTouchFirstWeeks: DEFAULT_REMINDER_SETTINGS.stayInTouchFirstWeeks,
    stayInTouchEveryMonths: DEFAULT_REMINDER_SETTINGS.stayInTouchEveryMonths,
    digestHour: null,
    version: stored?.version ?? 0,
  };
}

export async function updatePreferences(ctx: ServiceContext, userId: string, input: PreferencesUpdate): Promise<SeekerPreferences> {
  const current = await getPreferences(ctx, userId);
  if (current.version !== input.version) throw versionConflict('preferences', current.version);
  const { version, ...changes } = input;
  const next = { ...current, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
  const values = preferences.preferenceValues(next);
  const at = ctx.now().toISOString();
  const saved =
    version === 0
      ? await preferences.insertPreferences(ctx.db, userId, values, at)
      : await preferences.updatePreferencesIfVersion(ctx.db, userId, version, values, at);
  if (!saved) throw versionConflict('preferences', (await getPreferences(ctx, userId)).version);
  return getPreferences(ctx, userId);
}

export function calendarOf(prefs: SeekerPreferences): WorkCalendar {
  return { timeZone: prefs.timeZone, workingDays: prefs.workingDays as Weekday[] };
}
