import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  agreedTime,
  formatCountdown,
  meetingBlocks,
  meetingClock,
  questionsThatFit,
  WRAP_UP_SECONDS,
} from '../../src/core/meeting-clock.ts';

const at = (iso: string) => new Date(iso);
const plus = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000).toISOString();

describe('agreedTime', () => {
  const scheduled = '2026-03-10T14:00:00.000Z';

  it.each([
    ['15 minutes early: the agenda starts at the agreed time', '2026-03-10T13:45:00.000Z', 30, '2026-03-10T14:00:00.000Z', '2026-03-10T14:30:00.000Z', 'scheduled'],
    ['on time', '2026-03-10T14:00:00.000Z', 30, '2026-03-10T14:00:00.000Z', '2026-03-10T14:30:00.000Z', 'scheduled'],
    ['10 minutes late: the end does not move', '2026-03-10T14:10:00.000Z', 30, '2026-03-10T14:10:00.000Z', '2026-03-10T14:30:00.000Z', 'scheduled'],
    ['15 minutes late, a 20-minute meeting', '2026-03-10T14:15:00.000Z', 20, '2026-03-10T14:15:00.000Z', '2026-03-10T14:20:00.000Z', 'scheduled'],
    ['16 minutes early', '2026-03-10T13:44:00.000Z', 30, '2026-03-10T13:44:00.000Z', '2026-03-10T14:14:00.000Z', 'from_start'],
    ['16 minutes late', '2026-03-10T14:16:00.000Z', 20, '2026-03-10T14:16:00.000Z', '2026-03-10T14:36:00.000Z', 'from_start'],
    ['the next day (moved by hand)', '2026-03-11T09:00:00.000Z', 30, '2026-03-11T09:00:00.000Z', '2026-03-11T09:30:00.000Z', 'from_start'],
  ] as const)('%s', (_label, now, minutes, startedAt, endsAt, basis) => {
    expect(agreedTime(at(now), scheduled, minutes)).toEqual({ startedAt, endsAt, basis });
  });

  it('runs 30 minutes from the start when nothing was scheduled', () => {
    expect(agreedTime(at('2026-03-10T09:07:30.000Z'), null, null)).toEqual({
      startedAt: '2026-03-10T09:07:30.000Z',
      endsAt: '2026-03-10T09:37:30.000Z',
      basis: 'from_start',
    });
  });

  it('refuses a length that is not a positive whole number', () => {
    expect(() => agreedTime(at(scheduled), null, 0)).toThrow(/positive/);
    expect(() => agreedTime(at(scheduled), 'yesterday', 30)).toThrow(/Not an instant/);
  });

  it('keeps the scheduled end exactly when started within 15 minutes of the start (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2035-01-01T00:00:00Z') }),
        fc.integer({ min: -60 * 60, max: 60 * 60 }),
        fc.constantFrom(20, 30, null),
        (start, offsetSeconds, minutes) => {
          const meetingAt = new Date(start).toISOString();
          const now = new Date(start + offsetSeconds * 1000);
          const result = agreedTime(now, meetingAt, minutes);
          const length = (minutes ?? 30) * 60_000;
          const within = Math.abs(offsetSeconds) <= 15 * 60;
          expect(result.basis).toBe(within ? 'scheduled' : 'from_start');
          expect(Date.parse(result.endsAt)).toBe(within ? start + length : now.getTime() + length);
          // The agenda starts now, or at the agreed time when opened early for it.
          expect(result.startedAt).toBe(within && offsetSeconds < 0 ? meetingAt : now.toISOString());
        },
      ),
    );
  });
});

describe('questionsThatFit', () => {
  it.each([
    [30, 7],
    [20, 4],
    [45, 12],
    [10, 0],
    [8, 0],
    [0, 0],
  ])('%i minutes → %i questions', (minutes, count) => {
    expect(questionsThatFit(minutes)).toBe(count);
  });
});

describe('meetingBlocks', () => {
  const start = '2026-03-10T14:00:00.000Z';
  const ids = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9'];

  it('lays a 30-minute meeting out as opening, introduction, 7 questions and a 4-minute closing', () => {
    const { blocks, overflowItemIds } = meetingBlocks(start, plus(start, 30 * 60), ids);
    expect(blocks.map((b) => [b.kind, b.itemId, b.fromSecond / 60, b.toSecond / 60])).toEqual([
      ['opening', null, 0, 2],
      ['introduction', null, 2, 4],
      ['question', 'q1', 4, 7],
      ['question', 'q2', 7, 10],
      ['question', 'q3', 10, 13],
      ['question', 'q4', 13, 16],
      ['question', 'q5', 16, 19],
      ['question', 'q6', 19, 22],
      // The spare minute before the closing goes to the last question.
      ['question', 'q7', 22, 26],
      ['closing', null, 26, 30],
    ]);
    expect(overflowItemIds).toEqual(['q8', 'q9']);
  });

  it('fits 4 questions in 20 minutes', () => {
    const { blocks, overflowItemIds } = meetingBlocks(start, plus(start, 20 * 60), ids.slice(0, 5));
    expect(blocks.filter((b) => b.kind === 'question').map((b) => b.itemId)).toEqual(['q1', 'q2', 'q3', 'q4']);
    expect(overflowItemIds).toEqual(['q5']);
  });

  it('gives the time to the introduction when there are no questions', () => {
    const { blocks } = meetingBlocks(start, plus(start, 20 * 60), []);
    expect(blocks.map((b) => [b.kind, b.fromSecond / 60, b.toSecond / 60])).toEqual([
      ['opening', 0, 2],
      ['introduction', 2, 16],
      ['closing', 16, 20],
    ]);
  });

  it('keeps the closing when a meeting started late has little time left', () => {
    const { blocks, overflowItemIds } = meetingBlocks(start, plus(start, 5 * 60), ['q1']);
    expect(blocks.map((b) => [b.kind, b.fromSecond, b.toSecond])).toEqual([
      ['opening', 0, 60],
      ['closing', 60, 300],
    ]);
    expect(overflowItemIds).toEqual(['q1']);
  });

  it('tiles the agreed time without gaps or overlaps, closing last (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 * 60 }), fc.integer({ min: 0, max: 20 }), (seconds, count) => {
        const items = Array.from({ length: count }, (_, i) => `q${i}`);
        const { blocks, overflowItemIds } = meetingBlocks(start, plus(start, seconds), items);
        expect(blocks[0]!.fromSecond).toBe(0);
        expect(blocks.at(-1)!.toSecond).toBe(seconds);
        expect(blocks.at(-1)!.kind).toBe('closing');
        for (let i = 1; i < blocks.length; i++) expect(blocks[i]!.fromSecond).toBe(blocks[i - 1]!.toSecond);
        const asked = blocks.filter((b) => b.kind === 'question').map((b) => b.itemId);
        expect([...asked, ...overflowItemIds]).toEqual(items);
        expect(asked.length).toBe(Math.min(count, questionsThatFit(Math.floor(seconds / 60))));
        if (seconds >= 4 * 60) expect(blocks.at(-1)!.toSecond - blocks.at(-1)!.fromSecond).toBe(4 * 60);
      }),
    );
  });
});

describe('meetingClock', () => {
  const start = '2026-03-10T14:00:00.000Z';
  const end = plus(start, 30 * 60);
  const { blocks } = meetingBlocks(start, end, ['q1', 'q2', 'q3']);

  it.each([
    [0, 1800, 'running', 'opening'],
    [119, 1681, 'running', 'opening'],
    [120, 1680, 'running', 'introduction'],
    [240, 1560, 'running', 'question'],
    [24 * 60 + 59, 301, 'running', 'question'],
    [25 * 60, 300, 'wrap_up', 'question'],
    [26 * 60, 240, 'wrap_up', 'closing'],
    [30 * 60 - 1, 1, 'wrap_up', 'closing'],
    [30 * 60, 0, 'time_up', null],
    [45 * 60, 0, 'time_up', null],
  ] as const)('%i seconds in: %i left, %s, in the %s', (elapsed, remaining, phase, kind) => {
    const clock = meetingClock(at(plus(start, elapsed)), start, end, blocks);
    expect(clock.remainingSeconds).toBe(remaining);
    expect(clock.phase).toBe(phase);
    expect(clock.currentBlock === null ? null : blocks[clock.currentBlock]!.kind).toBe(kind);
  });

  it('rounds the remaining time up, so zero means the end has come', () => {
    expect(meetingClock(at('2026-03-10T14:29:59.500Z'), start, end).remainingSeconds).toBe(1);
    expect(meetingClock(at('2026-03-10T14:29:59.500Z'), start, end).phase).toBe('wrap_up');
  });

  it('never shows negative time before the start or after the end', () => {
    const before = meetingClock(at('2026-03-10T13:59:00.000Z'), start, end, blocks);
    expect(before).toMatchObject({ elapsedSeconds: 0, remainingSeconds: 1860, phase: 'running', currentBlock: 0 });
  });

  it('changes phase only forward as time passes (property)', () => {
    const order = { running: 0, wrap_up: 1, time_up: 2 } as const;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -600, max: 3600 }), { minLength: 2, maxLength: 30 }), (offsets) => {
        const sorted = [...offsets].sort((a, b) => a - b);
        let previous = -1;
        let previousRemaining = Infinity;
        for (const offset of sorted) {
          const clock = meetingClock(at(plus(start, offset)), start, end, blocks);
          expect(order[clock.phase]).toBeGreaterThanOrEqual(previous);
          expect(clock.remainingSeconds).toBeLessThanOrEqual(previousRemaining);
          expect(clock.phase === 'wrap_up').toBe(clock.remainingSeconds > 0 && clock.remainingSeconds <= WRAP_UP_SECONDS);
          previous = order[clock.phase];
          previousRemaining = clock.remainingSeconds;
        }
      }),
    );
  });
});

describe('formatCountdown', () => {
  it.each([
    [1800, '30:00'],
    [300, '05:00'],
    [61, '01:01'],
    [0, '00:00'],
    [-5, '00:00'],
    [3725, '1:02:05'],
  ])('%i seconds → %s', (seconds, text) => {
    expect(formatCountdown(seconds)).toBe(text);
  });
});
