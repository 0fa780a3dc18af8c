/**
 * The seeker's list of target organizations: how it is ranked, how many may be
 * worked on at once, and how far it is from the 40-target goal. Pure rules; the
 * advocacy of each target comes from `advocacyByOrganization` in `warm-paths.ts`.
 */

/**
 * How well the seeker can get in:
 * - `known_contact`: someone known personally works there, or a known former
 *   employee — someone who can speak for the seeker from inside knowledge;
 * - `introduction`: a contact there is reachable through introductions;
 * - `none`: no likely way in yet.
 */
export type Advocacy = 'known_contact' | 'introduction' | 'none';

/** Aim for at least this many target organizations before narrowing down. */
export const TARGET_GOAL = 40;

/** Work on at most this many targets at a time so each gets real attention. */
export const DEFAULT_ACTIVE_TARGET_LIMIT = 5;

export interface RankableTarget {
  name: string;
  motivation: 1 | 2 | 3;
  openPostings: boolean;
  advocacy: Advocacy;
}

const ADVOCACY_RANK: Record<Advocacy, number> = { known_contact: 0, introduction: 1, none: 2 };

// A fixed locale: the ranking must not change with the server's environment.
const byName = new Intl.Collator('en-US', { sensitivity: 'base' });

/**
 * Motivation (3 first), then open postings (yes first), then advocacy
 * (known_contact > introduction > none), then name (base sensitivity: "acme"
 * and "Acmé" tie). Returns a new array; targets that tie keep their input order.
 *
 * @example rankTargets([{ name: 'Globex', motivation: 2, … }, { name: 'Acme', motivation: 3, … }]) // Acme first
 */
export function rankTargets<T extends RankableTarget>(targets: readonly T[]): T[] {
  // Array.prototype.sort is stable (ES2019), so ties keep their input order.
  return [...targets].sort(
    (a, b) =>
      b.motivation - a.motivation ||
      Number(b.openPostings) - Number(a.openPostings) ||
      ADVOCACY_RANK[a.advocacy] - ADVOCACY_RANK[b.advocacy] ||
      byName.compare(a.name, b.name),
  );
}

/**
 * null while `activeCount <= limit`; otherwise a sentence for the seeker, e.g.
 * "You have 6 active targets; work on at most 5 at a time so each gets real
 * attention. Pause one before activating another."
 */
export function activeTargetWarning(activeCount: number, limit: number = DEFAULT_ACTIVE_TARGET_LIMIT): string | null {
  if (activeCount <= limit) return null;
  const targets = activeCount === 1 ? 'target' : 'targets';
  return (
    `You have ${activeCount} active ${targets}; work on at most ${limit} at a time so each gets real attention. ` +
    'Pause one before activating another.'
  );
}

/** Progress toward the target goal; `remaining` never goes below zero. */
export function targetGoalProgress(count: number, goal: number = TARGET_GOAL): { count: number; goal: number; remaining: number } {
  return { count, goal, remaining: Math.max(0, goal - count) };
}
