/**
 * Which parts of a name the search words matched: the start of each word that
 * begins with one of them, ignoring case and accents, as the server matches.
 */

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words of a query, folded. */
export function queryWords(query: string): string[] {
  return (query.normalize('NFKC').match(WORD) ?? []).map(fold).filter((word) => word !== '');
}

/** Where in `word` (UTF-16 offset) a folded prefix equal to `token` ends, or 0. */
function prefixEnd(word: string, token: string): number {
  let folded = '';
  let offset = 0;
  for (const ch of word) {
    folded += fold(ch);
    offset += ch.length;
    if (folded.length >= token.length) return folded.startsWith(token) ? offset : 0;
    if (!token.startsWith(folded)) return 0;
  }
  return 0;
}

/** [start, end) ranges of `text` to highlight for `query`. */
export function prefixHighlights(text: string, query: string): [number, number][] {
  const tokens = queryWords(query);
  if (tokens.length === 0) return [];
  const ranges: [number, number][] = [];
  for (const match of text.matchAll(WORD)) {
    const end = Math.max(...tokens.map((token) => prefixEnd(match[0], token)));
    if (end > 0) ranges.push([match.index, match.index + end]);
  }
  return ranges;
}

/** `text` cut into plain and highlighted pieces, in order. */
export function splitHighlights(text: string, ranges: readonly (readonly [number, number])[]): { text: string; marked: boolean }[] {
  const pieces: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (start < at || end <= start) continue;
    if (start > at) pieces.push({ text: text.slice(at, start), marked: false });
    pieces.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), marked: false });
  return pieces;
}
