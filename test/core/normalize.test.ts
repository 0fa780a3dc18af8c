import { describe, expect, it } from 'vitest';
import {
  cleanText,
  isEmail,
  isTimeZone,
  matchKey,
  normalizeEmails,
  normalizeLinkedInUrl,
  normalizePhones,
  normalizeTags,
} from '../../src/core/normalize.ts';

describe('matchKey', () => {
  it.each([
    ['ACME  Corp', 'acme corp'],
    ['  acme corp ', 'acme corp'],
    ['Ａｃｍｅ', 'acme'],
    ['Société\tGénérale', 'société générale'],
  ])('%j → %j', (input, key) => expect(matchKey(input)).toBe(key));
});

describe('cleanText', () => {
  it('collapses whitespace including newlines and tabs', () => expect(cleanText(' a \n\t b  ')).toBe('a b'));
});

describe('e-mail addresses', () => {
  it.each(['dana@example.com', 'first.last+tag@sub.example.co.uk'])('accepts %s', (e) => expect(isEmail(e)).toBe(true));
  it.each(['', 'dana', 'dana@', '@example.com', 'dana@example', 'a b@example.com', 'Dana <dana@example.com>'])('refuses %j', (e) =>
    expect(isEmail(e)).toBe(false),
  );
  it('lowercases, trims and drops duplicates and blanks, keeping order', () =>
    expect(normalizeEmails([' B@x.org', 'a@x.org', 'b@X.org', ''])).toEqual(['b@x.org', 'a@x.org']));
});

describe('phones and tags', () => {
  it('treats phones that differ only in punctuation as one', () =>
    expect(normalizePhones(['+1 (415) 555-0100', '+14155550100', ' 020 7946 0000 '])).toEqual(['+1 (415) 555-0100', '020 7946 0000']));
  it('keeps the first spelling of a tag and drops case-insensitive repeats', () =>
    expect(normalizeTags(['Alumni', 'alumni ', '  ', 'UX  Design', 'ux design'])).toEqual(['Alumni', 'UX Design']));
});

describe('normalizeLinkedInUrl', () => {
  it.each([
    ['https://www.linkedin.com/in/dana-reyes/', 'https://www.linkedin.com/in/dana-reyes'],
    ['http://linkedin.com/in/Dana-Reyes?trk=people', 'https://www.linkedin.com/in/dana-reyes'],
    ['linkedin.com/in/dana-reyes', 'https://www.linkedin.com/in/dana-reyes'],
    ['https://uk.linkedin.com/in/dana-reyes/details/experience', 'https://www.linkedin.com/in/dana-reyes'],
    ['https://www.linkedin.com/company/contoso/', 'https://www.linkedin.com/company/contoso'],
    ['https://www.linkedin.com/in/j%C3%BCrgen', 'https://www.linkedin.com/in/j%C3%BCrgen'],
  ])('%s → %s', (input, url) => expect(normalizeLinkedInUrl(input)).toBe(url));
  it.each(['https://www.linkedin.com/in/%E0%A4%A', 'https://example.com/in/dana', 'https://notlinkedin.com/in/dana', 'https://www.linkedin.com/feed/', 'not a url at all', ''])(
    'refuses %j',
    (input) => expect(normalizeLinkedInUrl(input)).toBeNull(),
  );
});

describe('isTimeZone', () => {
  it.each(['Europe/Paris', 'America/Los_Angeles', 'UTC', 'Asia/Kolkata'])('knows %s', (z) => expect(isTimeZone(z)).toBe(true));
  it.each(['', 'Mars/Olympus', 'GMT+25', 'Paris'])('refuses %j', (z) => expect(isTimeZone(z)).toBe(false));
});
