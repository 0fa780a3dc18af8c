/** The pure half of search: cutting what people type into words, quoting them for FTS5, and blending kinds. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fts5NotesQuery, fts5Query, MAX_SEARCH_TOKENS, parseSnippet, searchTokens, type ContactHit } from '../../src/repositories/search.repository.ts';
import { blendResults } from '../../src/services/search.service.ts';
import type { InterviewSearchResult } from '../../src/shared/api.ts';

describe('searchTokens', () => {
  it('cuts at anything that is not a letter or a digit and drops the empties', () => {
    expect(searchTokens('  dan   rey ')).toEqual(['dan', 'rey']);
    expect(searchTokens("o'brien,jean-luc;x@y.z")).toEqual(['o', 'brien', 'jean', 'luc', 'x', 'y', 'z']);
    expect(searchTokens('"NEAR(a b)" AND -c* d:e')).toEqual(['NEAR', 'a', 'b', 'AND', 'c', 'd', 'e']);
    expect(searchTokens('')).toEqual([]);
    expect(searchTokens('*:()"\'-^{}')).toEqual([]);
  });

  it('keeps letters of every script, digits and accents', () => {
    expect(searchTokens('Émile Łódź 東京 Иван 42')).toEqual(['Émile', 'Łódź', '東京', 'Иван', '42']);
  });

  it('composes accents typed apart and ignores lone marks', () => {
    expect(searchTokens('E\u0301mile')).toEqual(['Émile']);
    expect(searchTokens('\u0301 a')).toEqual(['a']);
  });

  it('drops repeats (case-insensitively) and keeps at most a few words', () => {
    expect(searchTokens('Dana dana DANA reyes')).toEqual(['Dana', 'reyes']);
    expect(searchTokens('a b c d e f g h i j k')).toHaveLength(MAX_SEARCH_TOKENS);
  });

  it('lets no query syntax through, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        for (const token of searchTokens(text)) expect(token).toMatch(/^[\p{L}\p{N}\p{M}]+$/u);
      }),
    );
  });
});

describe('fts5Query', () => {
  it('quotes every word as a prefix, all required', () => {
    expect(fts5Query(['dan', 'rey'])).toBe('"dan"* "rey"*');
    expect(fts5Query(['dan', 'rey'], 'name')).toBe('name : ("dan"* "rey"*)');
  });

  it('doubles a quote, should one ever reach it', () => {
    expect(fts5Query(['a"b'])).toBe('"a""b"*');
  });
});

describe('parseSnippet', () => {
  it('turns markers into highlight ranges and collapses whitespace', () => {
    expect(parseSnippet('met at the \u0002design\u0003\n\nmeetup with \u0002Dana\u0003')).toEqual({
      text: 'met at the design meetup with Dana',
      highlights: [
        [11, 17],
        [30, 34],
      ],
    });
  });

  it('drops Markdown markup around and between the matches', () => {
    const snippet = parseSnippet('# Plan\n- Ask **\u0002Dana\u0003** about [the \u0002design\u0003 team](https://x.example) and `*ops*`');
    expect(snippet?.text).toBe('Plan Ask Dana about the design team and ops');
    expect(snippet?.highlights.map(([a, b]) => snippet.text.slice(a, b))).toEqual(['Dana', 'design']);
    expect(parseSnippet('5 * 3 = \u0002fifteen\u0003')?.text).toBe('5 * 3 = fifteen');
  });

  it('gives no snippet when nothing in it matched', () => {
    expect(parseSnippet('just the start of the notes')).toBeUndefined();
    expect(parseSnippet(null)).toBeUndefined();
    expect(parseSnippet('\u0002\u0003 empty mark')).toBeUndefined();
  });
});

describe('fts5NotesQuery', () => {
  it('looks for one word in the notes only', () => {
    expect(fts5NotesQuery(['sal'])).toBe('"sal"*');
  });

  it('takes each word from the notes or the marked name, and one from the notes', () => {
    expect(fts5NotesQuery(['dana', 'sal'])).toBe('("dana"* OR "\uE000dana"*) AND ("sal"* OR "\uE000sal"*) AND ("dana"* OR "sal"*)');
  });
});

describe('blendResults', () => {
  const contact = (name: string, nameMatch: boolean): ContactHit => ({
    nameMatch,
    result: { kind: 'contact', id: name, name, organization: null, title: null },
  });
  const interview = (name: string): InterviewSearchResult => ({
    kind: 'interview',
    id: `iv-${name}`,
    name,
    contact: { id: name, name },
    organization: null,
    snippet: { text: name, highlights: [] },
  });
  const names = (items: ReturnType<typeof blendResults>) => items.map((i) => `${i.kind[0]}:${i.name}`);

  it('puts name matches first, then other contacts and interviews in turn', () => {
    const contacts = [contact('A', true), contact('B', true), contact('C', false), contact('D', false), contact('E', false)];
    const interviews = [interview('X'), interview('Y')];
    expect(names(blendResults(contacts, interviews, 10))).toEqual(['c:A', 'c:B', 'c:C', 'i:X', 'c:D', 'i:Y', 'c:E']);
  });

  it('fills with whichever kind is left, and stops at the limit', () => {
    expect(names(blendResults([contact('C', false)], [interview('X'), interview('Y'), interview('Z')], 10))).toEqual(['c:C', 'i:X', 'i:Y', 'i:Z']);
    expect(names(blendResults([], [interview('X')], 10))).toEqual(['i:X']);
    expect(names(blendResults([contact('A', true), contact('C', false)], [interview('X')], 2))).toEqual(['c:A', 'c:C']);
    expect(names(blendResults([contact('A', true), contact('B', true)], [interview('X')], 1))).toEqual(['c:A']);
    expect(blendResults([], [], 5)).toEqual([]);
  });
});
