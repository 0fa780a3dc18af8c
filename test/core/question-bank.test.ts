/** The seeded question bank: enough questions, each unique, covering every category and TIARA tag. */
import { describe, expect, it } from 'vitest';
import { QUESTION_CATEGORIES, SEED_QUESTIONS, TIARA_TAGS } from '../../src/core/question-bank.ts';

describe('seeded question bank', () => {
  it('holds at least 40 questions', () => {
    expect(SEED_QUESTIONS.length).toBeGreaterThanOrEqual(40);
  });

  it('has unique keys and unique texts', () => {
    const keys = SEED_QUESTIONS.map((q) => q.key);
    expect(new Set(keys).size).toBe(keys.length);
    const texts = SEED_QUESTIONS.map((q) => q.text.toLowerCase().replace(/\W+/g, ' ').trim());
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('uses stable keys: lowercase words joined by dashes, prefixed by category', () => {
    const prefix = { background: 'bg-', education: 'edu-', position: 'pos-', industry: 'ind-' } as const;
    for (const q of SEED_QUESTIONS) {
      expect(q.key).toMatch(/^[a-z]+(-[a-z0-9]+)+$/);
      expect(q.key.startsWith(prefix[q.category]), q.key).toBe(true);
    }
  });

  it('covers every category and every TIARA tag, with known values only', () => {
    expect(new Set(SEED_QUESTIONS.map((q) => q.category))).toEqual(new Set(QUESTION_CATEGORIES));
    expect(new Set(SEED_QUESTIONS.map((q) => q.tiara))).toEqual(new Set(TIARA_TAGS));
    for (const category of QUESTION_CATEGORIES) {
      expect(SEED_QUESTIONS.filter((q) => q.category === category).length, category).toBeGreaterThanOrEqual(5);
    }
  });

  it('asks real questions: one sentence ending in a question mark, never about jobs or hiring', () => {
    for (const q of SEED_QUESTIONS) {
      expect(q.text, q.key).toMatch(/^[A-Z].{10,200}\?$/);
      expect(q.text, q.key).not.toMatch(/\b(hiring|hire|job opening|vacanc|résumé|resume|referral)\b/i);
    }
  });

  it('flags a few readily available ones, so the agenda warning can be seen', () => {
    const flagged = SEED_QUESTIONS.filter((q) => q.readilyAvailable);
    expect(flagged.length).toBeGreaterThanOrEqual(3);
    expect(flagged.length).toBeLessThan(SEED_QUESTIONS.length / 4);
    expect(flagged.map((q) => q.text)).toContain('What does your company do?');
  });
});
