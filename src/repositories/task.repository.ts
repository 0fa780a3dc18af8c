/** The seeker's decisions on derived follow-up tasks (done, dismissed, snoozed), keyed by the task's stable key. */
import type { Kysely } from 'kysely';
import type { TaskDecision } from '../core/follow-up.ts';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

export async function listDecisions(db: Db, ownerId: string): Promise<Map<string, TaskDecision>> {
  const rows = await db.selectFrom('task_decision').select(['task_key', 'status', 'snoozed_until']).where('owner_id', '=', ownerId).execute();
  const decisions = new Map<string, TaskDecision>();
  for (const row of rows) {
    // A decision that cannot be read (a hand-edited backup) is ignored rather than breaking Today.
    if (row.status === 'snoozed' && !isCalendarDate(row.snoozed_until)) continue;
    if (row.status === 'done' || row.status === 'dismissed' || row.status === 'snoozed') {
      decisions.set(row.task_key, { key: row.task_key, status: row.status, snoozedUntil: row.snoozed_until });
    }
  }
  return decisions;
}

export async function saveDecision(db: Db, ownerId: string, decision: TaskDecision, at: string): Promise<void> {
  await db
    .insertInto('task_decision')
    .values({ owner_id: ownerId, task_key: decision.key, status: decision.status, snoozed_until: decision.snoozedUntil, decided_at: at })
    .onConflict((oc) =>
      oc.columns(['owner_id', 'task_key']).doUpdateSet({ status: decision.status, snoozed_until: decision.snoozedUntil, decided_at: at }),
    )
    .execute();
}

/** Reopening a task forgets the decision. */
export async function deleteDecision(db: Db, ownerId: string, key: string): Promise<void> {
  await db.deleteFrom('task_decision').where('owner_id', '=', ownerId).where('task_key', '=', key).execute();
}

/** The decisions on one interview's tasks, once the interview is gone. */
export async function deleteDecisionsOf(db: Db, ownerId: string, interviewId: string): Promise<void> {
  await db
    .deleteFrom('task_decision')
    .where('owner_id', '=', ownerId)
    .where('task_key', 'in', [`${interviewId}:second_contact`, `${interviewId}:follow_up`])
    .execute();
}

function isCalendarDate(value: string | null): boolean {
  if (value === null || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
