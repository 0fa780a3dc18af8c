/**
 * The agenda planner over every meeting length it accepts and every question
 * count up to 20: the time box is always honored, the closing is always the
 * last 4 minutes, and the number of questions that fit follows the rule.
 */
import { describe, expect, it } from 'vitest';
import {
  CLOSING_MINUTES,
  MAX_MEETING_MINUTES,
  MIN_MEETING_MINUTES,
  blockAt,
  meetingTimeline,
  planAgenda,
  questionCapacity,
  type AgendaQuestion,
} from '../../src/core/agenda.ts';
import { AppError } from '../../src/core/errors.ts';

/** `count` questions; every third one flagged "readily available". */
function questions(count: number): AgendaQuestion[] {
  return Array.from({ length: count }, (_, i) => ({ id: `q${i + 1}`, text: `Question number ${i + 1}?`, readilyAvailable: i % 3 === 2 }));
}

const DURATIONS = Array.from({ length: MAX_MEETING_MINUTES - MIN_MEETING_MINUTES + 1 }, (_, i) => MIN_MEETING_MINUTES + i);
const COUNTS = Array.from({ length: 21 }, (_, i) => i);

describe('agenda planner', () => {
  it.each([
    { minutes: 30, capacity: 7 },
    { minutes: 20, capacity: 4 },
    { minutes: 10, capacity: 0 },
    { minutes: 11, capacity: 1 },
    { minutes: 13, capacity: 1 },
    { minutes: 14, capacity: 2 },
    { minutes: 45, capacity: 12 },
    { minutes: 60, capacity: 17 },
    { minutes: 120, capacity: 37 },
  ])('fits $capacity questions in $minutes minutes', ({ minutes, capacity }) => {
    expect(questionCapacity(minutes)).toBe(capacity);
    expect(planAgenda(minutes, questions(capacity + 2)).fitCount).toBe(capacity);
  });

  it('plans 9 questions in 30 minutes: 7 timed, 2 marked as not fitting', () => {
    const plan = planAgenda(30, questions(9));
    expect(plan.summary).toBe('7 of 9 questions fit in 30 minutes');
    expect(plan.questions.filter((q) => !q.fits).map((q) => q.id)).toEqual(['q8', 'q9']);
    expect(plan.blocks.map((b) => [b.kind, b.startMinute, b.endMinute])).toEqual([
      ['opening', 0, 2],
      ['introduction', 2, 4],
      ['question', 4, 7],
      ['question', 7, 10],
      ['question', 10, 13],
      ['question', 13, 16],
      ['question', 16, 19],
      ['question', 19, 22],
      ['question', 22, 25],
      ['spare', 25, 26],
      ['closing', 26, 30],
    ]);
    expect(plan.blocks.at(-1)!.title).toMatch(/who else should I talk to/i);
    expect(plan.warnings.find((w) => w.kind === 'will_not_fit')?.message).toMatch(/^2 questions will not fit in 30 minutes/);
  });

  it('plans 4 questions in 20 minutes with no time to spare', () => {
    const plan = planAgenda(20, questions(4));
    expect(plan.summary).toBe('4 of 4 questions fit in 20 minutes');
    expect(plan.blocks.map((b) => b.kind)).toEqual(['opening', 'introduction', 'question', 'question', 'question', 'question', 'closing']);
    expect(plan.warnings.filter((w) => w.kind !== 'readily_available')).toEqual([]);
  });

  it('says how many fit when nothing is picked yet', () => {
    const plan = planAgenda(30, []);
    expect(plan.summary).toBe('7 questions fit in 30 minutes');
    expect(plan.warnings).toEqual([expect.objectContaining({ kind: 'no_questions', message: expect.stringMatching(/up to 7 questions/) })]);
    expect(plan.blocks.map((b) => [b.kind, b.startMinute, b.endMinute])).toEqual([
      ['opening', 0, 2],
      ['introduction', 2, 4],
      ['spare', 4, 26],
      ['closing', 26, 30],
    ]);
  });

  it('names a readily available question in its warning, whether or not it fits', () => {
    const picked: AgendaQuestion[] = [
      { id: 'a', text: 'What trends are changing this industry?', readilyAvailable: false },
      { id: 'b', text: 'What does your company do?', readilyAvailable: true },
      ...questions(6).map((q) => ({ ...q, readilyAvailable: false })),
      { id: 'z', text: 'How many people work there?', readilyAvailable: true },
    ];
    const plan = planAgenda(30, picked);
    const flagged = plan.warnings.filter((w) => w.kind === 'readily_available');
    expect(flagged.map((w) => w.questionId)).toEqual(['b', 'z']);
    expect(flagged[0]!.message).toContain('“What does your company do?”');
    expect(flagged[0]!.message).toMatch(/look it up/i);
    expect(plan.questions.find((q) => q.id === 'z')!.fits).toBe(false);
  });

  it.each([9, 121, 0, -30, 29.5, Number.NaN])('refuses a meeting of %s minutes', (minutes) => {
    expect(() => planAgenda(minutes, [])).toThrow(AppError);
    expect(() => questionCapacity(minutes)).toThrow(/minutes/);
  });

  it('exports the blocks as minute offsets and finds the block under way', () => {
    const timeline = meetingTimeline(planAgenda(20, questions(5)));
    expect(blockAt(timeline, 0)?.kind).toBe('opening');
    expect(blockAt(timeline, 4.5)).toMatchObject({ kind: 'question', questionId: 'q1' });
    expect(blockAt(timeline, 15.99)).toMatchObject({ kind: 'question', questionId: 'q4' });
    expect(blockAt(timeline, 16)?.kind).toBe('closing');
    expect(blockAt(timeline, 20)).toBeNull();
    expect(blockAt(timeline, -1)).toBeNull();
    // q5 did not fit: it has no block.
    expect(timeline.some((b) => b.questionId === 'q5')).toBe(false);
  });

  describe.each(DURATIONS)('%i minutes', (minutes) => {
    it.each(COUNTS)('with %i questions keeps the time box', (count) => {
      const input = questions(count);
      const plan = planAgenda(minutes, input);
      const expectedFit = Math.min(count, Math.max(0, Math.floor((minutes - 2 - 2 - 4) / 3)));

      expect(plan.minutes).toBe(minutes);
      expect(plan.total).toBe(count);
      expect(plan.fitCount).toBe(expectedFit);

      // Contiguous from 0 to the end, every block at least a minute long: no gap, no overlap, nothing past the time box.
      const blocks = plan.blocks;
      expect(blocks[0]!.startMinute).toBe(0);
      for (const [i, block] of blocks.entries()) {
        expect(block.endMinute).toBeGreaterThan(block.startMinute);
        expect(block.endMinute).toBeLessThanOrEqual(minutes);
        if (i > 0) expect(block.startMinute).toBe(blocks[i - 1]!.endMinute);
      }
      expect(blocks.at(-1)).toMatchObject({ kind: 'closing', startMinute: minutes - CLOSING_MINUTES, endMinute: minutes });
      expect(blocks.filter((b) => b.kind === 'closing')).toHaveLength(1);
      expect(blocks.slice(0, 2).map((b) => [b.kind, b.endMinute - b.startMinute])).toEqual([
        ['opening', 2],
        ['introduction', 2],
      ]);

      // The first ones that fit are asked, in priority order, 3 minutes each; the rest are marked.
      const asked = blocks.filter((b) => b.kind === 'question');
      expect(asked.map((b) => b.questionId)).toEqual(input.slice(0, expectedFit).map((q) => q.id));
      for (const b of asked) expect(b.endMinute - b.startMinute).toBe(3);
      expect(plan.questions.map((q) => q.id)).toEqual(input.map((q) => q.id));
      expect(plan.questions.map((q) => q.priority)).toEqual(input.map((_, i) => i + 1));
      expect(plan.questions.map((q) => q.fits)).toEqual(input.map((_, i) => i < expectedFit));
      for (const q of plan.questions.filter((x) => !x.fits)) expect([q.startMinute, q.endMinute]).toEqual([null, null]);

      // At most one spare block, right before the closing, and less than a question's worth when the list is long enough.
      const spare = blocks.filter((b) => b.kind === 'spare');
      expect(spare.length).toBeLessThanOrEqual(1);
      if (spare[0]) {
        expect(blocks.at(-2)).toBe(spare[0]);
        if (count > expectedFit) expect(spare[0].endMinute - spare[0].startMinute).toBeLessThan(3);
      }

      // Warnings: one per flagged question, in priority order; "will not fit" exactly when some do not; "no questions" when none.
      const flagged = plan.warnings.filter((w) => w.kind === 'readily_available').map((w) => w.questionId);
      expect(flagged).toEqual(input.filter((q) => q.readilyAvailable).map((q) => q.id));
      expect(plan.warnings.some((w) => w.kind === 'will_not_fit')).toBe(count > expectedFit);
      expect(plan.warnings.some((w) => w.kind === 'no_questions')).toBe(count === 0);
      if (count > 0) expect(plan.summary).toBe(`${expectedFit} of ${count} question${count === 1 ? '' : 's'} ${expectedFit === 1 ? 'fits' : 'fit'} in ${minutes} minutes`);
    });
  });
});
