/** The web app's highlighting of matched name prefixes, which must agree with the server's matching. */
import { describe, expect, it } from 'vitest';
import { prefixHighlights, splitHighlights } from '../../web/src/search/highlight.ts';

const marked = (text: string, query: string) =>
  splitHighlights(text, prefixHighlights(text, query))
    .filter((piece) => piece.marked)
    .map((piece) => piece.text);

describe('prefixHighlights', () => {
  it('marks the start of each word that a search word begins', () => {
    expect(marked('Dana Reyes', 'dan rey')).toEqual(['Dan', 'Rey']);
    expect(marked('Jordan Danvers', 'dan')).toEqual(['Dan']);
    expect(marked('Jordan Danvers', 'ana')).toEqual([]);
  });

  it('ignores case and accents, and keeps the text as written', () => {
    expect(marked('Émile Zola', 'emi')).toEqual(['Émi']);
    expect(marked('Ángel Dañez', 'DANE')).toEqual(['Dañe']);
    expect(marked('E\u0301mile', 'em')).toEqual(['E\u0301m']);
  });

  it('cuts at punctuation as the server does, and prefers the longer match', () => {
    expect(marked("Sinéad O'Brien", "o'bri")).toEqual(['O', 'Bri']);
    expect(marked('Danaher', 'dan danaher')).toEqual(['Danaher']);
  });

  it('marks nothing for a query without words', () => {
    expect(prefixHighlights('Dana', ' *" ')).toEqual([]);
  });
});

describe('splitHighlights', () => {
  it('covers the whole text in order, skipping overlaps', () => {
    expect(splitHighlights('abcdef', [[4, 6], [0, 2], [1, 3]])).toEqual([
      { text: 'ab', marked: true },
      { text: 'cd', marked: false },
      { text: 'ef', marked: true },
    ]);
  });
});
