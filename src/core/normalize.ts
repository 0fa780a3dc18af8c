/**
 * Pure normalization rules for what people type: names, e-mail addresses, tags,
 * LinkedIn profile URLs, time zones. No I/O; used by services and by imports.
 */

// NUL and unpaired surrogates: PostgreSQL refuses them and SQLite keeps them
// mangled, so the two databases would disagree about what was saved.
const UNSAFE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** True when text holds a NUL or broken Unicode that no database stores alike. */
export function hasUnsafeText(value: string): boolean {
  UNSAFE_TEXT.lastIndex = 0;
  return UNSAFE_TEXT.test(value);
}

/** The text without NUL characters and unpaired surrogates. */
export function stripUnsafeText(value: string): string {
  return value.replace(UNSAFE_TEXT, '');
}

/** Collapses runs of whitespace and trims; the form we store for display. */
export function cleanText(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/**
 * A key for case- and space-insensitive matching and sorting ("ACME  Corp" and
 * "acme corp" are the same organization). NFKC folds look-alike forms first.
 */
export function matchKey(value: string): string {
  return cleanText(value.normalize('NFKC')).toLocaleLowerCase('en-US');
}

const EMAIL_PATTERN = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

export function isEmail(value: string): boolean {
  return EMAIL_PATTERN.test(value);
}

/** Trims and lowercases e-mail addresses and drops duplicates, keeping the first order. */
export function normalizeEmails(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of values) {
    const email = raw.trim().toLowerCase();
    if (email === '' || seen.has(email)) continue;
    seen.add(email);
    result.push(email);
  }
  return result;
}

export function normalizePhones(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of values) {
    const phone = cleanText(raw);
    const key = phone.replace(/[^\d+]/g, '');
    if (phone === '' || seen.has(key)) continue;
    seen.add(key);
    result.push(phone);
  }
  return result;
}

/** Tags keep the spelling first used but are unique case-insensitively. */
export function normalizeTags(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of values) {
    const tag = cleanText(raw);
    const key = matchKey(tag);
    if (tag === '' || seen.has(key)) continue;
    seen.add(key);
    result.push(tag);
  }
  return result;
}

/**
 * Canonical form of a LinkedIn profile URL so the same person matches however the
 * link was copied: https, www.linkedin.com, no query, no trailing slash, lowercase slug.
 * Returns null when the value is not a LinkedIn profile or company URL.
 */
export function normalizeLinkedInUrl(value: string): string | null {
  let url: URL;
  const trimmed = value.trim();
  try {
    url = new URL(/^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase();
  if (host !== 'linkedin.com' && !host.endsWith('.linkedin.com')) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname).replace(/\/+$/, '');
  } catch {
    // A broken %-escape (linkedin.com/in/%E0%A4%A) names no profile.
    return null;
  }
  const match = /^\/(in|pub|company|school)\/([^/]+)/i.exec(path);
  if (!match || !match[1] || !match[2]) return null;
  return `https://www.linkedin.com/${match[1].toLowerCase()}/${encodeURIComponent(match[2].toLowerCase())}`;
}

/** True when the runtime's time zone database knows this IANA name. */
export function isTimeZone(value: string): boolean {
  if (value.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
