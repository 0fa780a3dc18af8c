import type { Migration } from 'kysely';
import * as m0001 from './0001_initial.ts';
import * as m0002 from './0002_contact_history.ts';
import * as m0003 from './0003_contact_search.ts';
import * as m0004 from './0004_import_baseline.ts';
import * as m0005 from './0005_plan_and_ask.ts';
import * as m0006 from './0006_interview_search.ts';
import * as m0007 from './0007_outbox.ts';
import * as m0008 from './0008_scheduling.ts';
import * as m0009 from './0009_interview_search_marked_names.ts';
import * as m0010 from './0010_prepare_meet_after.ts';
import * as m0011 from './0011_search_meeting_notes.ts';
import * as m0012 from './0012_referral_version.ts';

/**
 * Every migration, in order. Listed in code rather than read from a folder so the
 * set is the same under tsx, a bundle or a test runner. Never edit a shipped one:
 * add the next.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_contact_history': m0002,
  '0003_contact_search': m0003,
  '0004_import_baseline': m0004,
  '0005_plan_and_ask': m0005,
  '0006_interview_search': m0006,
  '0007_outbox': m0007,
  '0008_scheduling': m0008,
  '0009_interview_search_marked_names': m0009,
  '0010_prepare_meet_after': m0010,
  '0011_search_meeting_notes': m0011,
  '0012_referral_version': m0012,
};
