import { describe, expect, it } from 'vitest';
import {
  activeTargetWarning,
  DEFAULT_ACTIVE_TARGET_LIMIT,
  rankTargets,
  TARGET_GOAL,
  targetGoalProgress,
  type RankableTarget,
} from '../../src/core/targets.ts';

interface Target extends RankableTarget {
  id: string;
}

function target(id: string, name: string, motivation: 1 | 2 | 3, openPostings: boolean, advocacy: RankableTarget['advocacy']): Target {
  return { id, name, motivation, openPostings, advocacy };
}

describe('rankTargets', () => {
  it('orders by motivation, open postings, advocacy, then name, with ties at every level', () => {
    const input = [
      target('m1', 'Aardvark Labs', 1, true, 'known_contact'),
      target('m3-closed-known', 'Acme', 3, false, 'known_contact'),
      target('m3-open-none', 'Zenith', 3, true, 'none'),
      target('m2-open-intro', 'Globex', 2, true, 'introduction'),
      target('m3-open-intro-b', 'Initech', 3, true, 'introduction'),
      target('m3-open-known', 'Vandelay', 3, true, 'known_contact'),
      target('m3-open-intro-a', 'Hooli', 3, true, 'introduction'),
      target('m2-closed-known', 'Banana Co', 2, false, 'known_contact'),
      target('m2-open-none', 'Cyberdyne', 2, true, 'none'),
      target('m3-closed-none', 'Bluth', 3, false, 'none'),
    ];
    expect(rankTargets(input).map((t) => t.id)).toEqual([
      'm3-open-known', // motivation 3, postings, known contact
      'm3-open-intro-a', // same motivation, postings and advocacy as the next: name decides (Hooli < Initech)
      'm3-open-intro-b',
      'm3-open-none',
      'm3-closed-known', // no postings after every motivation-3 target with postings, even a "none"
      'm3-closed-none',
      'm2-open-intro',
      'm2-open-none',
      'm2-closed-known',
      'm1', // lowest motivation last, whatever else it has
    ]);
  });

  it('compares names without regard to case or accents', () => {
    const ranked = rankTargets([
      target('z', 'zeta', 2, true, 'none'),
      target('b', 'Beta', 2, true, 'none'),
      target('a', 'alpha', 2, true, 'none'),
    ]);
    expect(ranked.map((t) => t.id)).toEqual(['a', 'b', 'z']);
  });

  it('keeps the input order of targets that tie completely (stable)', () => {
    const one = target('one', 'Acme', 2, true, 'introduction');
    const two = target('two', 'ACME', 2, true, 'introduction');
    const three = target('three', 'Acmé', 2, true, 'introduction');
    expect(rankTargets([one, two, three]).map((t) => t.id)).toEqual(['one', 'two', 'three']);
    expect(rankTargets([three, one, two]).map((t) => t.id)).toEqual(['three', 'one', 'two']);
  });

  it('returns a new array and leaves the input alone', () => {
    const input = [target('low', 'A', 1, false, 'none'), target('high', 'B', 3, false, 'none')];
    const ranked = rankTargets(input);
    expect(ranked).not.toBe(input);
    expect(input.map((t) => t.id)).toEqual(['low', 'high']);
    expect(ranked.map((t) => t.id)).toEqual(['high', 'low']);
    expect(ranked[0]).toBe(input[1]); // the same objects, extra fields kept
  });

  it('handles an empty list', () => {
    expect(rankTargets([])).toEqual([]);
  });
});

describe('activeTargetWarning', () => {
  it('stays quiet up to the limit and warns above it', () => {
    expect(DEFAULT_ACTIVE_TARGET_LIMIT).toBe(5);
    expect(activeTargetWarning(0, 5)).toBeNull();
    expect(activeTargetWarning(5, 5)).toBeNull();
    expect(activeTargetWarning(6, 5)).toBe(
      'You have 6 active targets; work on at most 5 at a time so each gets real attention. Pause one before activating another.',
    );
  });

  it('uses the default limit of 5 when none is given', () => {
    expect(activeTargetWarning(5)).toBeNull();
    expect(activeTargetWarning(6)).toMatch(/^You have 6 active targets; work on at most 5 at a time/);
  });

  it('honours a custom limit', () => {
    expect(activeTargetWarning(3, 3)).toBeNull();
    expect(activeTargetWarning(4, 3)).toBe(
      'You have 4 active targets; work on at most 3 at a time so each gets real attention. Pause one before activating another.',
    );
    expect(activeTargetWarning(8, 10)).toBeNull();
  });

  it('says "target" for a single one', () => {
    expect(activeTargetWarning(1, 0)).toBe(
      'You have 1 active target; work on at most 0 at a time so each gets real attention. Pause one before activating another.',
    );
  });
});

describe('targetGoalProgress', () => {
  it('counts toward the 40-target goal', () => {
    expect(TARGET_GOAL).toBe(40);
    expect(targetGoalProgress(0)).toEqual({ count: 0, goal: 40, remaining: 40 });
    expect(targetGoalProgress(12)).toEqual({ count: 12, goal: 40, remaining: 28 });
    expect(targetGoalProgress(39)).toEqual({ count: 39, goal: 40, remaining: 1 });
    expect(targetGoalProgress(40)).toEqual({ count: 40, goal: 40, remaining: 0 });
  });

  it('never reports a negative remainder', () => {
    expect(targetGoalProgress(45)).toEqual({ count: 45, goal: 40, remaining: 0 });
  });

  it('accepts another goal', () => {
    expect(targetGoalProgress(3, 10)).toEqual({ count: 3, goal: 10, remaining: 7 });
    expect(targetGoalProgress(12, 10)).toEqual({ count: 12, goal: 10, remaining: 0 });
  });
});
