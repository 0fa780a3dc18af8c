/** The seeker's working calendar and goals: one row per user, written with a version. */
import type { Kysely } from 'kysely';
import type { Database, SeekerPreferenceTable } from '../db/schema.ts';
import { parseJsonArray } from './row-mapping.ts';

type Db = Kysely<Database>;

export interface StoredPreferences {
  timeZone: string;
  workingDays: number[];
  weeklyRequestGoal: number;
  activeTargetLimit: number;
  affinityTags: string[];
  stayInTouchFirstWeeks: number;
  stayInTouchEveryMonths: number;
  /** Local hour of the daily digest e-mail; null for none. */
  digestHour: number | null;
  version: number;
}

export async function findPreferences(db: Db, userId: string): Promise<StoredPreferences | undefined> {
  const row = await db.selectFrom('seeker_preference').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (!row) return undefined;
  return {
    timeZone: row.time_zone,
    workingDays: row.working_days
      .split(',')
      .map(Number)
      .filter((d) => Number.isInteger(d) && d >= 1 && d <= 7),
    weeklyRequestGoal: row.weekly_request_goal,
    activeTargetLimit: row.active_target_limit,
    affinityTags: parseJsonArray(row.affinity_tags),
    stayInTouchFirstWeeks: row.stay_in_touch_first_weeks,
    stayInTouchEveryMonths: row.stay_in_touch_every_months,
    digestHour: row.digest_hour,
    version: row.version,
  };
}

type PreferenceValues = Omit<SeekerPreferenceTable, 'user_id' | 'version' | 'updated_at' | 'digest_sent_on'>;

export function preferenceValues(p: Omit<StoredPreferences, 'version'>): PreferenceValues {
  return {
    time_zone: p.timeZone,
    working_days: p.workingDays.join(','),
    weekly_request_goal: p.weeklyRequestGoal,
    active_target_limit: p.activeTargetLimit,
    affinity_tags: JSON.stringify(p.affinityTags),
    stay_in_touch_first_weeks: p.stayInTouchFirstWeeks,
    stay_in_touch_every_months: p.stayInTouchEveryMonths,
    digest_hour: p.digestHour,
  };
}

/** The first save: refused (false) if another save got there first. */
export async function insertPreferences(db: Db, userId: string, values: PreferenceValues, at: string): Promise<boolean> {
  const result = await db
    .insertInto('seeker_preference')
    .values({ user_id: userId, ...values, version: 1, updated_at: at })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function updatePreferencesIfVersion(db: Db, userId: string, expectedVersion: number, values: PreferenceValues, at: string): Promise<boolean> {
  const result = await db
    .updateTable('seeker_preference')
    .set((eb) => ({ ...values, updated_at: at, version: eb('version', '+', 1) }))
    .where('user_id', '=', userId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
